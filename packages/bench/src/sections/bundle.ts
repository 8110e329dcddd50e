/**
 * What one client adds to an application: each app below imports one client (one app per vendor
 * of the workspace, plus two points of comparison) and deletes one id, is bundled by esbuild
 * (minified, tree-shaken, ESM for browsers) and compressed with brotli at its highest level, as a
 * CDN would serve it.
 */

import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { loadTestVendor } from "../../../../scripts/lib/vendor-testing.ts";
import { findVendors } from "../../../../scripts/lib/vendors.ts";

const benchDir = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The target for one vendor client, openapi-fetch included, minified and brotli-compressed. It is
 * not met: openapi-fetch alone takes 2.4 kB of it and the core runtime ~5 kB (see BENCHMARKS.md).
 */
export const BUNDLE_TARGET_BROTLI_BYTES = 5_000;

/**
 * What the test suite enforces until the target is met: the size measured plus a little room, so
 * that growth is a decision rather than an accident. 8.28 kB when the benchmarks were added; about
 * 9.8 kB with spec-driven auth, servers and helpers for every DELETE; 13.0 kB once every response is
 * also bounded, redirects refused, failures classified and inputs checked; 13.26 kB with header
 * parameters and bodies in their documented media type; 14.3 kB once every form a credential is sent in
 * is masked and server variables, cookies, loggers and `fetch` results are checked (see "Bundle size
 * after the spec-driven runtime", "Hostile peers", "Any real spec" and "The one-operation budget:
 * 14.5 kB" in BENCHMARKS.md); 15.7 kB once only documented answers confirm a delete, bulk reads any id
 * source, env vars yield to explicit options and retries take a back-off option ("The one-operation
 * budget: 15.8 kB"); 15.4 kB, so a 15.5 kB budget, once non-JSON bodies, credentials not sent in a
 * header and server variables are bundled only by the documents that use them ("Only what the document uses"); 15.6 kB,
 * so 15.8 kB, once `deleteMany` remembers the ids it has taken in typed arrays instead of a `Set` (about 0.3 kB, for
 * about 200 MB less memory on a million ids: "A million ids in bounded memory"). Same number as
 * `CLIENT_BUDGET_BASE_BYTES` in scripts/lib/vendors.ts.
 */
export const BUNDLE_BUDGET_BROTLI_BYTES = 15_800;

export interface BundleApp {
  readonly name: string;
  /** Whether the target and budget apply. */
  readonly budgeted: boolean;
  readonly source: string;
}

/** One app per vendor of the workspace: construct its client, delete one id with its helper. */
async function vendorApps(): Promise<BundleApp[]> {
  return Promise.all(
    findVendors().map(async (vendor) => {
      const { name, credentials, regions, resourceName, method, drivable } = await loadTestVendor(vendor);
      const options = [
        ...Object.keys(credentials).map((option) => `${option}: "example"`),
        ...(regions[0] ? [`region: ${JSON.stringify(regions[0].region)}`] : []),
      ];
      const use = drivable
        ? `export const revoke = (id) => client.${resourceName}.${method}(id);`
        : "export { client };";
      return {
        name: vendor.packageName,
        budgeted: true,
        source: `import { ${name} } from "${vendor.packageName}";\nconst client = new ${name}({ ${options.join(", ")} });\n${use}`,
      };
    }),
  );
}

/** Points of comparison without a budget: the same Archil delete with bare openapi-fetch and with Archil's official SDK. */
const REFERENCE_APPS: readonly BundleApp[] = [
  {
    name: "bare openapi-fetch",
    budgeted: false,
    source: `import createClient from "openapi-fetch";
const client = createClient({ baseUrl: "https://control.green.us-east-1.aws.prod.archil.com", headers: { Authorization: "key-example" } });
export const revoke = (id) => client.DELETE("/api/tokens/{id}", { params: { path: { id } } });`,
  },
  {
    name: "disk (official Archil SDK)",
    budgeted: false,
    source: `import { Archil } from "disk";
const client = new Archil({ apiKey: "key-example", region: "aws-us-east-1" });
export const revoke = (id) => client.tokens.delete(id);`,
  },
];

export async function bundleApps(): Promise<BundleApp[]> {
  return [...(await vendorApps()), ...REFERENCE_APPS];
}

export interface BundleResult {
  readonly name: string;
  readonly budgeted: boolean;
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
  readonly brotliBytes: number;
  /** Minified bytes each package contributes, largest first. */
  readonly breakdown: readonly { readonly from: string; readonly bytes: number }[];
}

/** `node_modules/.pnpm/openapi-fetch@0.17.0/node_modules/openapi-fetch/dist/index.mjs` → `openapi-fetch`. */
function packageOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(input);
  if (match?.[1]) return match[1];
  // Workspace packages resolve through symlinks to `../<name>/dist/…`.
  const workspace = /^(?:\.\.\/)+([^/]+)\/dist\//.exec(input);
  return workspace?.[1] ? `@sdkforge/${workspace[1]}` : input;
}

function breakdownOf(metafile: Metafile): { from: string; bytes: number }[] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const from = packageOf(input);
      totals.set(from, (totals.get(from) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].map(([from, bytes]) => ({ from, bytes })).sort((a, b) => b.bytes - a.bytes);
}

export async function bundleApp(app: BundleApp): Promise<BundleResult> {
  const result = await build({
    stdin: { contents: app.source, resolveDir: benchDir, sourcefile: "app.js", loader: "js" },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error(`esbuild produced no output for ${app.name}`);
  const brotli = brotliCompressSync(code, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: code.byteLength,
    },
  });
  return {
    name: app.name,
    budgeted: app.budgeted,
    minifiedBytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    brotliBytes: brotli.byteLength,
    breakdown: breakdownOf(result.metafile),
  };
}

/** The names of core's optional runtime pieces (`SpecFeatures`), every one of them. */
export const SPEC_FEATURES = [
  "basicCredential",
  "cookieCredential",
  "encodeBody",
  "queryCredential",
  "serverVariables",
] as const;

/**
 * The minified bytes `app` grows by when it also imports core's `feature`: 0 when its bundle already
 * holds that code, so a feature its spec does not need must cost more than nothing here.
 */
export async function featureCost(app: BundleApp, feature: (typeof SPEC_FEATURES)[number]): Promise<number> {
  const withFeature: BundleApp = {
    ...app,
    source: `${app.source}\nimport { ${feature} as optionalFeature } from "@sdkforge/core";\nexport { optionalFeature };`,
  };
  const [before, after] = await Promise.all([bundleApp(app), bundleApp(withFeature)]);
  return after.minifiedBytes - before.minifiedBytes;
}

export async function runBundleSizes(): Promise<BundleResult[]> {
  const results: BundleResult[] = [];
  for (const app of await bundleApps()) results.push(await bundleApp(app));
  return results;
}
