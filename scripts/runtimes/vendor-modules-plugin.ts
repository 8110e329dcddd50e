/**
 * An esbuild plugin that provides `sdkforge:vendor-modules` (declared in vendor-modules.d.ts): one
 * `import * as` per vendor package. With `packages: "external"` those imports stay bare, so each
 * runtime resolves the installed packages itself; in the browser bundle they are inlined.
 */
import type { Plugin } from "esbuild";

/** `resolveDir`: where the packages are installed (the app folder), for bundles that inline them. */
export function vendorModulesPlugin(packageNames: readonly string[], resolveDir: string): Plugin {
  const contents = [
    ...packageNames.map((name, index) => `import * as vendor${index} from ${JSON.stringify(name)};`),
    `export const vendorModules = { ${packageNames.map((name, index) => `${JSON.stringify(name)}: vendor${index}`).join(", ")} };`,
  ].join("\n");
  return {
    name: "sdkforge-vendor-modules",
    setup(build) {
      build.onResolve({ filter: /^sdkforge:vendor-modules$/ }, () => ({
        path: "vendor-modules",
        namespace: "sdkforge",
      }));
      build.onLoad({ filter: /.*/, namespace: "sdkforge" }, () => ({ contents, loader: "js", resolveDir }));
    },
  };
}
