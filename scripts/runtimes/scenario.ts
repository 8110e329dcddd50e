/**
 * The smoke scenario each runtime runs against the embedded servers: a delete, a 404 and a 401 on
 * every vendor's SDK. It uses only the SDKs' main entries (all vendors, from
 * `sdkforge:vendor-modules`) and web-standard globals, so the same code runs unchanged in Node,
 * Bun, Deno and a browser page. It never throws: every step becomes a named check.
 */
import { vendorModules } from "sdkforge:vendor-modules";

/** What the runner (which has each vendor's `testVendor`) tells the scenario about one vendor. */
export interface SmokeTarget {
  readonly packageName: string;
  /** The client class, e.g. `Acme`. */
  readonly className: string;
  /** Every credential option the helper needs, with its working value. */
  readonly credentials: Readonly<Record<string, string>>;
  /** The option whose value the 401 check replaces. */
  readonly credentialOption: string;
  readonly resourceName: string;
  /** The helper's name on the resource, e.g. `delete`. */
  readonly method: string;
  readonly url: string;
  readonly credential: string;
  /** The part of `credential` that must never show up in an error. */
  readonly secret: string;
  /** Sent in the 401 check, of the same form as `credential`. */
  readonly wrongCredential: string;
  /** The part of `wrongCredential` that must not show up in the 401 error. */
  readonly wrongSecret: string;
  readonly id: unknown;
}

export type SmokeTargets = readonly SmokeTarget[];

export interface SmokeCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface SmokeReport {
  readonly runtime: string;
  readonly checks: readonly SmokeCheck[];
}

interface DeleteResult {
  readonly id: unknown;
  readonly alreadyGone: boolean;
  readonly message: string;
}

interface Resource {
  delete(id: unknown): Promise<DeleteResult>;
}

type ErrorClass = new (...args: never[]) => Error & { readonly status?: number };

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function exported<T>(module: Readonly<Record<string, unknown>>, name: string, packageName: string): T {
  const value = module[name];
  if (typeof value !== "function") throw new Error(`${packageName} does not export ${name}`);
  return value as T;
}

async function expectError(call: Promise<unknown>, type: ErrorClass, status: number, secret: string): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof type)) throw new Error(`expected ${type.name}, got ${describe(error)}`);
    if (error.status !== status) throw new Error(`expected status ${status}, got ${error.status}`);
    if (`${error.message} ${JSON.stringify(error)}`.includes(secret)) throw new Error("the credential leaked");
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

  for (const target of targets) {
    const label = target.className;
    const module = vendorModules[target.packageName];
    if (!module) {
      checks.push({ name: `${label} import`, ok: false, detail: `${target.packageName} is not in the bundle` });
      continue;
    }
    let Client: new (options: Record<string, unknown>) => Record<string, unknown>;
    let NotFound: ErrorClass;
    let Authentication: ErrorClass;
    try {
      Client = exported(module, target.className, target.packageName);
      NotFound = exported(module, "NotFoundError", target.packageName);
      Authentication = exported(module, "AuthenticationError", target.packageName);
    } catch (error) {
      checks.push({ name: `${label} import`, ok: false, detail: describe(error) });
      continue;
    }
    const resourceOf = (credential: string) => {
      const options = { ...common, ...target.credentials, [target.credentialOption]: credential, baseUrl: target.url };
      const helpers = new Client(options)[target.resourceName] as Record<string, Resource["delete"]>;
      const helper = helpers[target.method];
      if (!helper) throw new Error(`${label} has no ${target.resourceName}.${target.method}`);
      return { delete: helper };
    };
    const resource = resourceOf(target.credential);
    await step(`${label} delete`, async () => {
      const result = await resource.delete(target.id);
      if (result.id !== target.id || result.alreadyGone) throw new Error(`unexpected result ${JSON.stringify(result)}`);
      return result.message;
    });
    await step(`${label} 404`, () => expectError(resource.delete(target.id), NotFound, 404, target.secret));
    await step(`${label} 401`, () =>
      expectError(resourceOf(target.wrongCredential).delete(target.id), Authentication, 401, target.wrongSecret),
    );
  }
  return checks;
}
