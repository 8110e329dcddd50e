/**
 * Size budgets (`pnpm size`), one pair per vendor found in the workspace: what an application pays
 * for importing the client class alone (10 kB brotli, the budget BENCHMARKS.md explains), and for
 * the whole package. Two references without a budget put the numbers in context.
 */
import { clientClassName, findVendors } from "./scripts/lib/vendors.ts";

interface SizeCheck {
  readonly name: string;
  readonly path: string;
  readonly import: string;
  readonly limit?: string;
}

const CLIENT_BUDGET = "10 kB";
const WHOLE_PACKAGE_BUDGET = "10.25 kB";

const checks: SizeCheck[] = findVendors().flatMap((vendor) => {
  const className = clientClassName(vendor);
  const path = `${vendor.packageDir}/dist/index.js`;
  return [
    { name: `${vendor.packageName}: import { ${className} }`, path, import: `{ ${className} }`, limit: CLIENT_BUDGET },
    { name: `${vendor.packageName}: whole package`, path, import: "*", limit: WHOLE_PACKAGE_BUDGET },
  ];
});

checks.push(
  {
    name: "reference: @sdkforge/core's APIClient without a vendor spec (not a budget)",
    path: "packages/core/dist/index.js",
    import: "{ APIClient }",
  },
  {
    name: "reference: openapi-fetch, whole module (not a budget)",
    path: "packages/core/node_modules/openapi-fetch/dist/index.mjs",
    import: "*",
  },
);

export default checks;
