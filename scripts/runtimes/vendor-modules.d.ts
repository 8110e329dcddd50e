/**
 * The vendor packages' main entries, keyed by package name. Not a file: the runtime matrix's
 * bundler generates it from the vendors it discovers (vendor-modules-plugin.ts), so the smoke
 * scenario imports every vendor without naming one.
 */
declare module "sdkforge:vendor-modules" {
  export const vendorModules: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}
