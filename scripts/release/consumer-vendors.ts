/**
 * Writes a consumer project's `src/vendors.ts`: every vendor of the workspace, imported the way an
 * application imports it (the client class from the package, `testVendor` from its `/testing`),
 * plus compile-time checks generated from each vendor's facts — a wrong id type, an unknown
 * region — marked `@ts-expect-error`, so declarations that degraded to `any` fail the type-check.
 * The shared scenario (consumers/shared/scenario.ts) runs over this list; no vendor is named there.
 */
import type { TestVendor } from "@sdkforge/core/testing";
import type { Vendor } from "../lib/vendors.ts";

export interface ConsumerVendor {
  readonly vendor: Vendor;
  readonly testVendor: TestVendor;
}

/** A literal of the wrong type for an id of this type. */
function wrongIdLiteral(type: TestVendor["idParam"]["type"]): string {
  return type === "string" ? "12" : '"12"';
}

export function consumerVendorsModule(vendors: readonly ConsumerVendor[]): string {
  const [first] = vendors;
  if (!first) throw new Error("no vendors to put in the consumer projects");
  const lines = [
    "// Written by the release rehearsal (scripts/release/consumer-vendors.ts) from the workspace's vendors.",
    ...vendors.flatMap(({ vendor, testVendor }, index) => [
      `import { ${testVendor.name} } from ${JSON.stringify(vendor.packageName)};`,
      `import { testVendor as testVendor${index} } from ${JSON.stringify(`${vendor.packageName}/testing`)};`,
    ]),
    `export { AuthenticationError, NotFoundError } from ${JSON.stringify(first.vendor.packageName)};`,
    "",
    "/** Each vendor's `testVendor` and the client class its main entry exports. */",
    `export const vendors = [${vendors
      .map(({ testVendor }, index) => `{ testVendor: testVendor${index}, Client: ${testVendor.name} }`)
      .join(", ")}] as const;`,
    "",
    `export const firstPackage = ${JSON.stringify(first.vendor.packageName)};`,
    `export const firstClient = ${first.testVendor.name};`,
    `export const firstClassName = ${JSON.stringify(first.testVendor.name)};`,
    "",
    "/** Never called: these lines must fail to compile, or the published types lost their precision. */",
    "export function typeChecksOnly(): void {",
  ];
  for (const { testVendor } of vendors) {
    const credentials = Object.keys(testVendor.credentials).map((option) => `${option}: "x"`);
    const options = (...more: string[]) => `{ ${[...credentials, ...more].join(", ")} }`;
    const client = `new ${testVendor.name}(${options('baseUrl: "https://api.example.com"')})`;
    lines.push(
      `  // @ts-expect-error ${testVendor.name}'s ${testVendor.idParam.name} is a ${testVendor.idParam.type}.`,
      `  void ${client}.${testVendor.resourceName}.${testVendor.method}(${wrongIdLiteral(testVendor.idParam.type)});`,
    );
    if (testVendor.regions.length > 0) {
      lines.push(
        "  // @ts-expect-error regions come from the spec's servers.",
        `  void new ${testVendor.name}(${options('region: "nowhere"')});`,
      );
    }
  }
  lines.push("}", "");
  return lines.join("\n");
}
