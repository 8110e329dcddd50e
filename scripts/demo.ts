/**
 * `pnpm demo`: every vendor's SDK, built as published, against its embedded server on 127.0.0.1,
 * through the `testVendor` its `/testing` entry exports. Every request and response is printed
 * with credentials masked; any step that does not end the way the vendor's spec says makes the
 * script exit 1.
 */

import {
  AuthenticationError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  redactHeaders,
} from "@sdkforge/core";
import { commandWords } from "@sdkforge/core/cli";
import { faults, type TestVendor } from "@sdkforge/core/testing";
import { cleanEnv, runAllowingFailure } from "./lib/run.ts";
import { loadTestVendor } from "./lib/vendor-testing.ts";
import { findVendors, REPO_ROOT, type Vendor, vendorBin } from "./lib/vendors.ts";

let failures = 0;

/** A `fetch` that prints the wire traffic; the SDK passes it every request it sends. */
const tracingFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const headers = redactHeaders(request.headers);
  const shown = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join(", ");
  console.log(`    → ${request.method} ${new URL(request.url).pathname}  {${shown}}`);
  const response = await fetch(request).catch((error: unknown) => {
    console.log(`    ← no response (${error instanceof Error ? error.message : String(error)})`);
    throw error;
  });
  console.log(`    ← ${response.status} ${await response.clone().text()}`);
  return response;
};

async function step(
  title: string,
  run: () => PromiseLike<unknown>,
  expect: (outcome: unknown) => boolean,
): Promise<void> {
  console.log(`\n• ${title}`);
  const outcome = await Promise.resolve()
    .then(run)
    .catch((error: unknown) => error);
  const shown = outcome instanceof Error ? `${outcome.name}: ${outcome.message}` : JSON.stringify(outcome);
  const ok = expect(outcome);
  if (!ok) failures++;
  console.log(`    ${ok ? "✔" : "✘ unexpected:"} ${shown}`);
}

const isResult = (fields: Record<string, unknown>) => (outcome: unknown) =>
  !(outcome instanceof Error) &&
  Object.entries(fields).every(([k, v]) => (outcome as Record<string, unknown>)[k] === v);

async function demo(found: Vendor, vendor: TestVendor): Promise<void> {
  const [first, second, third] = vendor.ids(3);
  const show = (id: unknown) => JSON.stringify(id);
  const regions = vendor.regions;
  const [, chosen = regions[0]] = regions;
  if (chosen) {
    await step(
      `region ${show(chosen.region)} resolves from the spec's servers`,
      async () => (vendor.client({ region: chosen.region }) as { baseUrl?: unknown }).baseUrl,
      (url) => url === chosen.url,
    );
    await step(
      "an unknown region lists the valid ones",
      async () => vendor.client({ region: "mars-north-1" }),
      (e) => e instanceof InvalidArgumentError && regions.every(({ region }) => e.message.includes(region)),
    );
  }

  const running = await vendor.start({ ids: [first, second, third] });
  try {
    const { server } = running;
    const options = { baseUrl: server.url, fetch: tracingFetch };
    const helper = vendor.resource(options);
    const call = `${vendor.resourceName}.delete`;
    await step(`${call}(${show(first)})`, () => helper.delete(first), isResult({ id: first, alreadyGone: false }));
    await step(
      "delete it again",
      () => helper.delete(first),
      (e) => e instanceof NotFoundError,
    );
    await step(
      "delete it again with missingOk",
      () => helper.delete(first, { missingOk: true }),
      isResult({ alreadyGone: true }),
    );
    const intruder = vendor.resource({ ...options, credential: vendor.wrongCredential });
    await step(
      "a wrong credential",
      () => intruder.delete(second),
      (e) => e instanceof AuthenticationError,
    );
    if (vendor.errorStatuses.includes(403)) {
      server.failNext(403);
      await step(
        "the server refuses with the 403 its spec documents",
        () => helper.delete(second),
        (e) => e instanceof PermissionDeniedError,
      );
    }
    server.injectFault(faults.dropConnection({ applies: true }));
    // The drop comes on a kept-alive connection, where it looks exactly like the server closing an
    // idle socket before reading the request: the retry's 404 then proves nothing, so the SDK does
    // not claim the delete and says the outcome is unknown (core README, "Kept-alive connections").
    await step(
      `the connection drops after the server deleted ${show(third)} on a reused connection; the retry's 404 is not taken as proof`,
      () => helper.delete(third),
      (e) => e instanceof NotFoundError && e.outcomeUnknown && e.documented,
    );
    const sent = server.requests.length;
    // A dot segment where the id is a string (it would escape the path), else the first refused value.
    const invalid = vendor.invalidIds.includes("..") ? ".." : vendor.invalidIds[0];
    await step(
      `an id the spec does not allow (${show(invalid)})`,
      () => helper.delete(invalid),
      (e) => e instanceof InvalidArgumentError && server.requests.length === sent,
    );
    // The incident CLI, as an operator runs it: the credential from the env, never an argument.
    const words = commandWords(vendor.resourceName, vendor.method);
    await step(
      `from a shell: ${found.id} ${words.join(" ")} ${String(second)} --json (credential from the env)`,
      async () => {
        const args = [vendorBin(found), ...words, String(second), "--json", "--base-url", server.url];
        const { code, stdout } = await runAllowingFailure(process.execPath, args, {
          cwd: REPO_ROOT,
          env: cleanEnv(vendor.credentialEnv),
        });
        console.log(`    ${stdout.trim()}`);
        return { code, ...(JSON.parse(stdout.trim()) as object) };
      },
      isResult({ code: 0, outcome: "confirmed", alreadyGone: false }),
    );
    const violations = server.requests.flatMap((request) => request.violations);
    console.log(`\n  server saw ${server.requests.length} requests, ${violations.length} spec violations`);
    if (violations.length > 0) failures++;
  } finally {
    await running.server.close();
  }
}

for (const found of findVendors()) {
  const vendor = await loadTestVendor(found);
  console.log(`\n${vendor.name} (${found.packageName}, ${found.specEntry})`);
  if (vendor.drivable) await demo(found, vendor);
  else console.log("  no delete helper to demonstrate (the document has none that takes one id)");
}

console.log(failures === 0 ? "\nAll steps behaved as documented." : `\n${failures} step(s) misbehaved.`);
process.exitCode = failures === 0 ? 0 : 1;
