/**
 * The one build configuration every package uses: ESM and CommonJS, each with its own
 * declaration files, and publint run on every build.
 */
import { defineConfig, type UserConfig } from "tsdown";

export function packageBuild(entry: Record<string, string>): UserConfig {
  return defineConfig({
    entry,
    format: ["esm", "cjs"],
    // Every `.d.ts` ends with a `sourceMappingURL`: emit the maps it points at, so none dangles.
    dts: { sourcemap: true },
    platform: "node",
    target: "es2022",
    sourcemap: true,
    clean: true,
    publint: true,
    treeshake: true,
  });
}
