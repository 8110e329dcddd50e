/**
 * A client bundles only the optional runtime pieces its document needs: for every vendor, each of
 * core's `SpecFeatures` its generated spec does not import must add bytes to the app's bundle when
 * imported on top, which it cannot do if the bundle already held it.
 */
import type { SpecFeatures } from "@sdkforge/core";
import { describe, expect, expectTypeOf, it } from "vitest";
import { findVendors } from "../../../scripts/lib/vendors.ts";
import { bundleApps, featureCost, SPEC_FEATURES } from "../src/sections/bundle.js";

const apps = await bundleApps();

it("checks every feature core has", () => {
  expectTypeOf<(typeof SPEC_FEATURES)[number]>().toEqualTypeOf<keyof SpecFeatures>();
  expect(new Set(SPEC_FEATURES).size).toBe(SPEC_FEATURES.length);
});

describe.each(findVendors())("$packageName", (vendor) => {
  it("bundles none of core's optional features that its spec does not use", async () => {
    const { spec } = (await import(vendor.packageName)) as { spec: { features?: Record<string, unknown> } };
    const app = apps.find((candidate) => candidate.name === vendor.packageName);
    if (!app) throw new Error(`no bundle app for ${vendor.packageName}`);
    for (const feature of SPEC_FEATURES.filter((name) => !spec.features?.[name])) {
      expect(await featureCost(app, feature), `${feature} bytes already in the bundle`).toBeGreaterThan(50);
    }
  });
});
