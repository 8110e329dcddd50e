/**
 * The embedded servers a matrix run calls: one fresh spec-driven server per vendor (from its
 * `testVendor`), each holding the one id the run deletes, and what each must have seen afterwards.
 */
import type { TestVendor } from "@sdkforge/core/testing";
import type { Vendor } from "../lib/vendors.ts";
import type { SmokeCheck, SmokeTarget, SmokeTargets } from "./scenario.ts";

export const WRONG_SECRET = "smoke_wrong_secret_7f3a";

export interface LoadedVendor {
  readonly vendor: Vendor;
  readonly testVendor: TestVendor;
}

/**
 * One fresh server per vendor, each holding the one id the scenario deletes. `expectedCalls`: how
 * many requests (preflights aside) each server must have answered, 3 for the smoke scenario.
 */
export async function startServers(vendors: readonly LoadedVendor[], cors: string | undefined, expectedCalls = 3) {
  const running = await Promise.all(
    vendors.map(async ({ vendor, testVendor }) => {
      const [id] = testVendor.ids(1);
      const started = await testVendor.start({ ids: [id], ...(cors === undefined ? {} : { cors }) });
      const secret = testVendor.secrets[0] ?? testVendor.credential;
      const target: SmokeTarget = {
        packageName: vendor.packageName,
        className: testVendor.name,
        credentials: testVendor.credentials,
        credentialOption: testVendor.credentialOption,
        resourceName: testVendor.resourceName,
        method: testVendor.method,
        url: started.server.url,
        credential: testVendor.credential,
        secret,
        wrongCredential: testVendor.credential.replace(secret, WRONG_SECRET),
        wrongSecret: WRONG_SECRET,
        id,
      };
      return { name: testVendor.name, started, target };
    }),
  );
  const targets: SmokeTargets = running.map(({ target }) => target);
  /** What the servers saw: the deletes happened, exactly the expected calls each, all matching the spec. */
  const serverChecks = (): SmokeCheck[] =>
    running.map(({ name, started }) => {
      const calls = started.server.requests.filter((request) => request.method !== "OPTIONS");
      const violations = calls.flatMap((request) => request.violations);
      const left = started.liveIds.size;
      const ok = calls.length === expectedCalls && violations.length === 0 && left === 0;
      return {
        name: `${name} server`,
        ok,
        detail: `${calls.length} calls, ${left} ids left, ${violations.join("; ")}`,
      };
    });
  const close = () => Promise.all(running.map(({ started }) => started.server.close())).then(() => undefined);
  return { targets, serverChecks, close };
}
