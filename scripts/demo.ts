/**
 * `pnpm demo`: both SDKs, built as published, against their embedded servers on 127.0.0.1.
 * Every request and response is printed with credentials masked; any step that does not end the
 * way the vendor docs say makes the script exit 1.
 */
import {
  Archil,
  AuthenticationError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
} from "@sdkforge/archil";
import { faults, startArchilServer } from "@sdkforge/archil/testing";
import { redactHeaders, VectorAI } from "@sdkforge/vectorai";
import { startVectorAIServer } from "@sdkforge/vectorai/testing";

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

async function step(title: string, run: () => Promise<unknown>, expect: (outcome: unknown) => boolean): Promise<void> {
  console.log(`\n• ${title}`);
  const outcome = await run().catch((error: unknown) => error);
  const shown = outcome instanceof Error ? `${outcome.name}: ${outcome.message}` : JSON.stringify(outcome);
  const ok = expect(outcome);
  if (!ok) failures++;
  console.log(`    ${ok ? "✔" : "✘ unexpected:"} ${shown}`);
}

const isResult = (fields: Record<string, unknown>) => (outcome: unknown) =>
  !(outcome instanceof Error) &&
  Object.entries(fields).every(([k, v]) => (outcome as Record<string, unknown>)[k] === v);

console.log("VectorAI DB — Authentication API");
const vectoraiServer = await startVectorAIServer({ tokenIds: [12, 13, 14] });
try {
  const vectorai = new VectorAI({ token: vectoraiServer.adminToken, baseUrl: vectoraiServer.url, fetch: tracingFetch });
  await step(
    "delete access token 12",
    () => vectorai.accessTokens.delete(12),
    isResult({ id: 12, alreadyGone: false }),
  );
  await step(
    "delete it again",
    () => vectorai.accessTokens.delete(12),
    (e) => e instanceof NotFoundError,
  );
  await step(
    "delete it again with missingOk",
    () => vectorai.accessTokens.delete(12, { missingOk: true }),
    isResult({ alreadyGone: true }),
  );
  const intruder = new VectorAI({
    token: "vdai_not_the_admin_token",
    baseUrl: vectoraiServer.url,
    fetch: tracingFetch,
  });
  await step(
    "a wrong token",
    () => intruder.accessTokens.delete(13),
    (e) => e instanceof AuthenticationError,
  );
  vectoraiServer.authEnabled = false;
  await step(
    "the server runs with auth_enabled=false",
    () => vectorai.accessTokens.delete(13),
    (e) => e instanceof PermissionDeniedError,
  );
  vectoraiServer.authEnabled = true;
  vectoraiServer.injectFault(faults.dropConnection({ applies: true }));
  await step(
    "the connection drops after the server deleted 14; the retry finds it gone",
    () => vectorai.accessTokens.delete(14),
    isResult({ alreadyGone: true, confirmedByRetry: true }),
  );
  const sent = vectoraiServer.requests.length;
  await step(
    'an id that is not an integer ("13")',
    () => vectorai.accessTokens.delete("13" as unknown as number),
    (e) => e instanceof InvalidArgumentError && vectoraiServer.requests.length === sent,
  );
  const violations = vectoraiServer.requests.flatMap((r) => r.violations);
  console.log(`\n  server saw ${vectoraiServer.requests.length} requests, ${violations.length} spec violations`);
  if (violations.length > 0) failures++;
} finally {
  await vectoraiServer.close();
}

console.log("\nArchil — Control Plane API");
const archilServer = await startArchilServer({ tokenIds: ["9c0f2d1e7a", "4b7e1a0c33", "77aa01f3e2"] });
try {
  await step(
    'region "aws-eu-west-1" resolves from the spec\'s servers',
    async () => new Archil({ apiKey: archilServer.apiKey, region: "aws-eu-west-1" }).baseUrl,
    (url) => url === "https://control.green.eu-west-1.aws.prod.archil.com",
  );
  await step(
    "an unknown region lists the valid ones",
    async () => new Archil({ apiKey: archilServer.apiKey, region: "mars-north-1" as "aws-us-east-1" }),
    (e) => e instanceof InvalidArgumentError && /aws-us-east-1, aws-eu-west-1/.test(e.message),
  );
  // The key without its `key-` prefix: the SDK sends exactly one.
  const bareKey = archilServer.apiKey.replace(/^key-/, "");
  const archil = new Archil({ apiKey: bareKey, baseUrl: archilServer.url, fetch: tracingFetch });
  await step(
    "delete API token 9c0f2d1e7a",
    () => archil.apiTokens.delete("9c0f2d1e7a"),
    isResult({ alreadyGone: false }),
  );
  await step(
    "delete it again",
    () => archil.apiTokens.delete("9c0f2d1e7a"),
    (e) => e instanceof NotFoundError,
  );
  await step(
    "delete it again with missingOk",
    () => archil.apiTokens.delete("9c0f2d1e7a", { missingOk: true }),
    isResult({ alreadyGone: true }),
  );
  archilServer.injectFault(faults.dropConnection({ applies: true }));
  await step(
    "the connection drops after the server deleted 77aa01f3e2; the retry finds it gone",
    () => archil.apiTokens.delete("77aa01f3e2"),
    isResult({ alreadyGone: true, confirmedByRetry: true }),
  );
  const intruder = new Archil({ apiKey: "key-not_the_right_key", baseUrl: archilServer.url, fetch: tracingFetch });
  await step(
    "a wrong key",
    () => intruder.apiTokens.delete("4b7e1a0c33"),
    (e) => e instanceof AuthenticationError,
  );
  await step(
    'an id of ".." (would escape /api/tokens/)',
    () => archil.apiTokens.delete(".."),
    (e) => e instanceof InvalidArgumentError,
  );
  const violations = archilServer.requests.flatMap((r) => r.violations);
  console.log(`\n  server saw ${archilServer.requests.length} requests, ${violations.length} spec violations`);
  if (violations.length > 0) failures++;
} finally {
  await archilServer.close();
}

console.log(failures === 0 ? "\nAll steps behaved as documented." : `\n${failures} step(s) misbehaved.`);
process.exitCode = failures === 0 ? 0 : 1;
