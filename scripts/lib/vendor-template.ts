/**
 * The files of a new vendor package, `packages/<id>/`, as `pnpm new-vendor` writes them. Nothing in
 * them is specific to a vendor beyond its id, its class name and its document's title (and, in the
 * README, the options the generator reports): the client, its options and helpers come from the
 * generated code, and `/testing` is core's spec-driven server described by `defineTestVendor`.
 * Paths are relative to the package folder.
 */

export interface VendorNames {
  /** `acme-cloud`: the folder under packages/ and the document's name under specs/. */
  readonly id: string;
  /** `@sdkforge/acme-cloud` */
  readonly packageName: string;
  /** `AcmeCloud`: the client class. */
  readonly className: string;
  /** `acmeCloud`: the client variable in examples. */
  readonly variable: string;
  /** `ACME_CLOUD`: the env-var prefix. */
  readonly env: string;
  /** The document's `info.title`, for descriptions. */
  readonly title: string;
}

const words = (id: string) => id.split(/[^A-Za-z0-9]+/).filter(Boolean);

export function vendorNames(id: string, title: string): VendorNames {
  const parts = words(id);
  const className = parts.map((part) => part[0]?.toUpperCase() + part.slice(1)).join("");
  return {
    id,
    packageName: `@sdkforge/${id}`,
    className,
    variable: className[0]?.toLowerCase() + className.slice(1),
    env: parts.map((part) => part.toUpperCase()).join("_"),
    title,
  };
}

/** What `pnpm generate --report <vendor> --json` says the client takes (the part the README shows). */
export interface ClientSurface {
  readonly baseUrlRequired: boolean;
  readonly credentials: readonly { readonly option: string; readonly env: string }[];
}

function manifest(names: VendorNames): string {
  const conditions = (entry: string) => ({
    import: { types: `./dist/${entry}.d.ts`, default: `./dist/${entry}.js` },
    require: { types: `./dist/${entry}.d.cts`, default: `./dist/${entry}.cjs` },
  });
  const json = {
    name: names.packageName,
    version: "0.0.0",
    description: `Typed SDK for the ${names.title}: delete helpers with retries, timeouts and typed errors.`,
    type: "module",
    sideEffects: false,
    main: "./dist/index.cjs",
    module: "./dist/index.js",
    types: "./dist/index.d.cts",
    // The incident-revocation CLI (src/generated/cli.ts), so `npx <package>` runs it.
    bin: { [names.id]: "./dist/cli.js" },
    exports: { ".": conditions("index"), "./testing": conditions("testing"), "./package.json": "./package.json" },
    typesVersions: { "*": { testing: ["./dist/testing.d.cts"] } },
    files: ["dist", "README.md", "CHANGELOG.md"],
    scripts: {
      generate: `node --import tsx ../../scripts/generate.ts ${names.id}`,
      clean: "node -e \"require('node:fs').rmSync('dist', { recursive: true, force: true, maxRetries: 3 })\"",
      build: "tsdown",
      typecheck: "tsc -p tsconfig.json",
      lint: "biome check --error-on-warnings .",
      test: "vitest run",
      "check-package": "publint --strict && attw --pack .",
    },
    dependencies: { "@sdkforge/core": "workspace:^" },
    engines: { node: ">=20.19.0" },
    license: "MIT",
    keywords: [names.id, "sdk", "openapi"],
    repository: {
      type: "git",
      url: "git+https://github.com/sdkforge/sdkforge.git",
      directory: `packages/${names.id}`,
    },
    publishConfig: { access: "public" },
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function turboConfig(names: VendorNames): string {
  const json = {
    $schema: "https://turbo.build/schema.json",
    extends: ["//"],
    tasks: {
      generate: {
        inputs: [
          `$TURBO_ROOT$/specs/${names.id}.*`,
          `$TURBO_ROOT$/specs/${names.id}/**`,
          "$TURBO_ROOT$/packages/generator/src/**",
          "$TURBO_ROOT$/scripts/generate.ts",
          "README.md",
        ],
      },
    },
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function client(names: VendorNames): string {
  const { className } = names;
  return `/**
 * The ${className} client. Everything in it comes from the spec (the document under specs/) and an
 * overlay beside it, if any: the credential options and env vars, the servers, and the resources
 * with their typed helpers (src/generated/).
 */
import { APIClient, type ClientOptions } from "@sdkforge/core";
import type { paths } from "./generated/openapi.js";
import type { SpecOptions } from "./generated/options.js";
import type { Resources } from "./generated/resources.js";
import { spec } from "./generated/spec.js";

export interface ${className}Options extends ClientOptions, SpecOptions {}

// The resources are attached from the spec at construction; this declaration gives them their types.
export interface ${className} extends Resources {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above.
export class ${className} extends APIClient<paths> {
  constructor(options: ${className}Options = {}) {
    super(spec, options);
  }
}
`;
}

function index(names: VendorNames): string {
  return `export * from "@sdkforge/core";
export { ${names.className}, type ${names.className}Options } from "./client.js";
export type { components, operations, paths } from "./generated/openapi.js";
export { spec } from "./generated/spec.js";
`;
}

function testing(names: VendorNames): string {
  return `/**
 * The ${names.className} test server and SDK description, for tests and demos: core's spec-driven
 * server on 127.0.0.1 (ids exist until deleted; every operation answers what the spec documents),
 * and \`testVendor\`, through which the cross-vendor suites and tools drive this SDK.
 */
import { defineTestVendor, type TestVendor } from "@sdkforge/core/testing";
import { ${names.className} } from "./client.js";
import { testingSpec } from "./generated/testing-spec.js";

// Fault injection works on this server as on any spec server; re-exported so tests need only this package.
export { type Fault, type FaultOptions, faults, type TestServer } from "@sdkforge/core/testing";

export const testVendor: TestVendor = defineTestVendor({ spec: testingSpec, Client: ${names.className} });
`;
}

function behaviourTest(): string {
  return `/**
 * The helpers against the package's own test server on 127.0.0.1 (see src/testing.ts), through the
 * helper \`testVendor\` drives. A document with no helper that takes one id skips these.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthenticationError, InvalidArgumentError, NotFoundError } from "../src/index.js";
import { type TestServer, testVendor } from "../src/testing.js";

describe.skipIf(!testVendor.drivable)(\`\${testVendor.resourceName}.\${testVendor.method}\`, () => {
  let running: TestServer;
  const ids = testVendor.ids(3);
  beforeAll(async () => {
    running = await testVendor.start({ ids });
  });
  afterAll(() => running?.server.close());

  const helper = () => testVendor.resource({ baseUrl: running.server.url, maxRetries: 0 });

  it("removes an id, then reports it gone", async () => {
    const [id] = ids;
    const result = await helper().delete(id);
    expect(result).toMatchObject({ id, alreadyGone: false, confirmedByRetry: false });
    expect(running.liveIds.has(id)).toBe(false);
    await expect(helper().delete(id)).rejects.toBeInstanceOf(NotFoundError);
    if (testVendor.errorStatuses.includes(404)) {
      expect(await helper().delete(id, { missingOk: true })).toMatchObject({ alreadyGone: true });
    } else {
      // Only the API's own documented 404 proves a resource gone; this operation documents none.
      await expect(helper().delete(id, { missingOk: true })).rejects.toThrow("documents no 404");
    }
  });

  it.skipIf(testVendor.credentialOption === "")("refuses a wrong credential, and never echoes it", async () => {
    const [, id] = ids;
    const credential = testVendor.wrongCredential;
    const error = await testVendor
      .resource({ baseUrl: running.server.url, maxRetries: 0, credential })
      .delete(id)
      .then(
        () => undefined,
        (reason: unknown) => reason,
      );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(String(error)).not.toContain(credential);
    expect(running.liveIds.has(id)).toBe(true);
  });

  it("refuses ids the spec does not allow before anything is sent", async () => {
    const sent = running.server.requests.length;
    for (const id of testVendor.invalidIds) {
      await expect(helper().delete(id)).rejects.toBeInstanceOf(InvalidArgumentError);
    }
    expect(running.server.requests).toHaveLength(sent);
  });

  it("sent only requests that match the spec", () => {
    expect(running.server.requests.flatMap((request) => request.violations)).toEqual([]);
  });
});
`;
}

/** The package README; `pnpm generate` appends its API reference section from the same report. */
export function readme(names: VendorNames, surface: ClientSurface): string {
  const { className, packageName, variable } = names;
  const options = [
    ...(surface.baseUrlRequired ? ['baseUrl: "https://api.example.com"'] : []),
    ...surface.credentials.map(({ option, env }) => `${option}: process.env.${env}`),
  ];
  const envs = surface.credentials.map(({ option, env }) => `\`${env}\` when \`${option}\` is not given`);
  const reads = envs.length > 0 ? `The client reads ${envs.join(", ")}. ` : "The document declares no credentials. ";
  const server = surface.baseUrlRequired
    ? "The document names no absolute server, so `baseUrl` is required."
    : `\`${names.env}_BASE_URL\` or \`baseUrl\` overrides the document's server.`;
  return `# ${packageName}

A typed SDK for the **${names.title}**. It is generated from the vendor's OpenAPI document
(\`specs/${names.id}\`) and built on [openapi-fetch](https://openapi-ts.dev/openapi-fetch/) and \`@sdkforge/core\`:
every DELETE operation is a helper with typed errors, retries, timeouts, \`missingOk\` and bulk deletes.

Until the packages are on npm, \`npm install ${packageName}\` answers 404, and its tarball alone cannot
install (it needs \`@sdkforge/core\`'s). Pack both from a checkout of this repository (after
\`pnpm install --frozen-lockfile && pnpm build\`) and install them together, with \`PROJECT\` set to your
project's folder:

\`\`\`sh install-from-checkout
pnpm --filter @sdkforge/core --filter ${packageName} pack --pack-destination "$PROJECT/tarballs"
cd "$PROJECT" && npm install ./tarballs/sdkforge-core-*.tgz ./tarballs/${packageName.slice(1).replace("/", "-")}-*.tgz
\`\`\`

Once published:

\`\`\`sh
npm install ${packageName}
\`\`\`

## Use

\`\`\`ts
import { ${className} } from "${packageName}";

const ${variable} = new ${className}({ ${options.join(", ")} });
\`\`\`

${reads}${server}

## Revoke from a shell

The package's bin has one command per DELETE helper (\`npx ${packageName} --help\` lists them, with the
document's summaries). Credentials come from the same env vars as the client, or a prompt that does not echo,
never from an argument. \`--dry-run\` prints what it would send; \`--journal file\` makes an interrupted run
resumable. Exit codes: 0 all confirmed, 1 some failed, 2 bad usage, 3 some unknown. The \`@sdkforge/core\`
README's "The incident CLI" has every flag.

## Against the embedded server

\`${packageName}/testing\` runs a server on 127.0.0.1 that answers every operation of the document as it
documents, with ids that exist until deleted:

\`\`\`ts runnable
import { testVendor } from "${packageName}/testing";

const [id] = testVendor.ids(1);
const running = await testVendor.start({ ids: [id] });
try {
  const result = await testVendor.resource({ baseUrl: running.server.url }).delete(id);
  console.log(result.alreadyGone); // false
} finally {
  await running.server.close();
}
\`\`\`
`;
}

export function changeset(names: VendorNames): string {
  return `---
"${names.packageName}": minor
---

First release of ${names.packageName}: a typed SDK for the ${names.title}, generated from its OpenAPI document, with a
delete helper for every DELETE operation and an embedded test server in \`${names.packageName}/testing\`.
`;
}

/** Every file of the package, keyed by its path inside `packages/<id>/` (the README comes after generation). */
export function vendorPackageFiles(names: VendorNames): Record<string, string> {
  return {
    "package.json": manifest(names),
    "turbo.json": turboConfig(names),
    "tsconfig.json": `${JSON.stringify({ extends: "../../.config/tsconfig.base.json", include: ["src", "test", "*.ts"] }, null, 2)}\n`,
    "biome.json": `${JSON.stringify({ root: false, extends: "//" })}\n`,
    "tsdown.config.ts": `import { packageBuild } from "../../.config/tsdown.ts";\n\nexport default packageBuild({ index: "src/index.ts", testing: "src/testing.ts", cli: "src/generated/cli.ts" });\n`,
    "src/client.ts": client(names),
    "src/index.ts": index(names),
    "src/testing.ts": testing(names),
    "test/helpers.test.ts": behaviourTest(),
  };
}
