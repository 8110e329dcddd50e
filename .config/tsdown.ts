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
    outputOptions: {
      // The `/testing` and `/cli` entries run on Node and their declarations name Node's types. The
      // declaration bundler drops triple-slash directives, so the reference is written here: a
      // consumer with `skipLibCheck: false` and no `types: ["node"]` then gets Node's types (or a
      // clear "cannot find type definition file for 'node'") instead of TS2591 inside the package.
      banner: (chunk) => (/^(testing|cli)\.d\.c?ts$/.test(chunk.fileName) ? '/// <reference types="node" />' : ""),
    },
  });
}
