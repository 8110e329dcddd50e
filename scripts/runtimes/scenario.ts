/**
 * The smoke scenario each runtime runs against the embedded servers: a delete, a 404 and a 401 on
 * each SDK. It uses only the SDKs and web-standard globals, so the same code runs unchanged in
 * Node, Bun, Deno and a browser page. It never throws: every step becomes a named check.
 */
import { Archil } from "@sdkforge/archil";
import { type APIError, AuthenticationError, NotFoundError, VectorAI } from "@sdkforge/vectorai";

export interface SmokeTargets {
  readonly vectorai: { readonly url: string; readonly token: string; readonly tokenId: number };
  readonly archil: { readonly url: string; readonly apiKey: string; readonly tokenId: string };
}

export interface SmokeCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface SmokeReport {
  readonly runtime: string;
  readonly checks: readonly SmokeCheck[];
}

/** Sent instead of the real credential in the 401 checks; it must not show up in the error. */
const WRONG_SECRET = "smoke_wrong_secret_7f3a";

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function expectError(
  call: Promise<unknown>,
  type: new (...args: never[]) => APIError,
  status: number,
): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof type)) throw new Error(`expected ${type.name}, got ${describe(error)}`);
    if (error.status !== status) throw new Error(`expected status ${status}, got ${error.status}`);
    if (`${error.message} ${JSON.stringify(error)}`.includes(WRONG_SECRET)) throw new Error("the credential leaked");
    return `${error.name} ${error.status}`;
  }
  throw new Error(`expected ${type.name}, but the call succeeded`);
}

export async function runSmokeScenario(targets: SmokeTargets): Promise<SmokeCheck[]> {
  const checks: SmokeCheck[] = [];
  const step = async (name: string, body: () => Promise<string>): Promise<void> => {
    try {
      checks.push({ name, ok: true, detail: await body() });
    } catch (error) {
      checks.push({ name, ok: false, detail: describe(error) });
    }
  };
  const common = { maxRetries: 0, timeout: 10_000, logLevel: "off" } as const;

  const { vectorai: v, archil: a } = targets;
  const vectorai = new VectorAI({ ...common, token: v.token, baseUrl: v.url });
  await step("VectorAI delete", async () => {
    const result = await vectorai.accessTokens.delete(v.tokenId);
    if (result.id !== v.tokenId || result.alreadyGone) throw new Error(`unexpected result ${JSON.stringify(result)}`);
    return result.message;
  });
  await step("VectorAI 404", () => expectError(vectorai.accessTokens.delete(v.tokenId), NotFoundError, 404));
  await step("VectorAI 401", () =>
    expectError(
      new VectorAI({ ...common, token: WRONG_SECRET, baseUrl: v.url }).accessTokens.delete(v.tokenId),
      AuthenticationError,
      401,
    ),
  );

  const archil = new Archil({ ...common, apiKey: a.apiKey, baseUrl: a.url });
  await step("Archil delete", async () => {
    const result = await archil.apiTokens.delete(a.tokenId);
    if (result.id !== a.tokenId || result.alreadyGone) throw new Error(`unexpected result ${JSON.stringify(result)}`);
    return result.message;
  });
  await step("Archil 404", () => expectError(archil.apiTokens.delete(a.tokenId), NotFoundError, 404));
  await step("Archil 401", () =>
    expectError(
      new Archil({ ...common, apiKey: `key-${WRONG_SECRET}`, baseUrl: a.url }).apiTokens.delete(a.tokenId),
      AuthenticationError,
      401,
    ),
  );
  return checks;
}
