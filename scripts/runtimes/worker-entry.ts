/**
 * A Cloudflare Worker (module syntax) that uses every vendor's SDK the way the core README tells
 * Worker authors to: the credential and the base URL come from the Worker's `env` bindings, named
 * like the vendor's env vars, and are passed as options. It runs without `nodejs_compat`, so
 * there is no `process.env` for the SDK to fall back on. Answers with a `SmokeReport` as JSON.
 */
import { vendorModules } from "sdkforge:vendor-modules";
import type { SmokeCheck, SmokeReport } from "./scenario.ts";

/** What the runner tells the Worker about one vendor (the binding `SMOKE_TARGETS`, as JSON). */
export interface WorkerTarget {
  readonly packageName: string;
  readonly className: string;
  readonly resourceName: string;
  readonly method: string;
  readonly id: unknown;
  /** Credential option → the binding that holds its value, named like its env var (`<VENDOR>_API_KEY`, …). */
  readonly credentialBindings: Readonly<Record<string, string>>;
  /** `<VENDOR>_BASE_URL`. */
  readonly baseUrlBinding: string;
}

type Env = Readonly<Record<string, unknown>>;
type Helper = (id: unknown) => Promise<{ readonly id: unknown; readonly alreadyGone: boolean }>;
type Client = new (options: Record<string, unknown>) => Record<string, Record<string, Helper | undefined> | undefined>;

const COMMON = { maxRetries: 0, timeout: 10_000, logLevel: "off" } as const;
const ENV_UNREADABLE = "Environment variables are not readable in this runtime";

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function helperOf(Client: Client, target: WorkerTarget, options: Record<string, unknown>): Helper {
  const helper = new Client({ ...COMMON, ...options })[target.resourceName]?.[target.method];
  if (!helper) throw new Error(`${target.className} has no ${target.resourceName}.${target.method}`);
  return helper;
}

async function checkVendor(target: WorkerTarget, env: Env): Promise<SmokeCheck[]> {
  const label = target.className;
  const Client = vendorModules[target.packageName]?.[target.className] as Client | undefined;
  if (typeof Client !== "function") {
    return [{ name: `${label} import`, ok: false, detail: `${target.packageName} has no ${target.className}` }];
  }
  const baseUrl = env[target.baseUrlBinding];
  const credentials = Object.fromEntries(
    Object.entries(target.credentialBindings).map(([option, binding]) => [option, env[binding]]),
  );
  const checks: SmokeCheck[] = [];
  const step = async (name: string, body: () => Promise<string>) => {
    try {
      checks.push({ name: `${label} ${name}`, ok: true, detail: await body() });
    } catch (error) {
      checks.push({ name: `${label} ${name}`, ok: false, detail: describe(error) });
    }
  };
  await step("delete with env.* passed", async () => {
    const result = await helperOf(Client, target, { ...credentials, baseUrl })(target.id);
    if (result.id !== target.id || result.alreadyGone) throw new Error(`unexpected result ${JSON.stringify(result)}`);
    return `deleted ${String(target.id)}`;
  });
  await step("no credential", async () => {
    if (Object.keys(credentials).length === 0) return "the API needs no credential";
    try {
      await helperOf(Client, target, { baseUrl })(target.id);
    } catch (error) {
      if (error instanceof Error && error.name === "InvalidArgumentError" && error.message.includes(ENV_UNREADABLE)) {
        return "InvalidArgumentError says env vars are not readable";
      }
      throw new Error(`expected an InvalidArgumentError saying "${ENV_UNREADABLE}", got ${describe(error)}`);
    }
    throw new Error("a call without a credential succeeded");
  });
  return checks;
}

export default {
  async fetch(_request: Request, env: Env): Promise<Response> {
    const hasProcess = typeof (globalThis as { process?: unknown }).process !== "undefined";
    const checks: SmokeCheck[] = [
      // Without nodejs_compat there is no `process`; with it, this check would be testing something else.
      { name: "no process global", ok: !hasProcess, detail: hasProcess ? "process is defined" : "ok" },
    ];
    const targets = JSON.parse(String(env.SMOKE_TARGETS)) as WorkerTarget[];
    for (const target of targets) checks.push(...(await checkVendor(target, env)));
    const report: SmokeReport = { runtime: navigator.userAgent, checks };
    return Response.json(report);
  },
};
