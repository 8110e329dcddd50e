/**
 * Size budgets (`pnpm size`), one pair per vendor found in the workspace: what an application pays
 * for importing the client class alone (`clientBudgetBytes`: 15.8 kB for a one-operation document,
 * plus room for a larger document's facts), and for the whole package (1 kB more: it also holds
 * core's optional features, which a client bundles only when its document needs them). Two
 * references without a budget put the numbers in context.
 */
import { clientBudgetBytes, clientClassName, findVendors } from "./scripts/lib/vendors.ts";

interface SizeCheck {
  readonly name: string;
  readonly path: string;
  readonly import: string;
  readonly limit?: string;
}

const WHOLE_PACKAGE_EXTRA_BYTES = 1_000;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

const checks: SizeCheck[] = findVendors().flatMap((vendor) => {
  const className = clientClassName(vendor);
  const path = `${vendor.packageDir}/dist/index.js`;
  const client = clientBudgetBytes(vendor);
  return [
    { name: `${vendor.packageName}: import { ${className} }`, path, import: `{ ${className} }`, limit: kB(client) },
    { name: `${vendor.packageName}: whole package`, path, import: "*", limit: kB(client + WHOLE_PACKAGE_EXTRA_BYTES) },
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
