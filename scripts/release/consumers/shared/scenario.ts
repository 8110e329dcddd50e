/**
 * What every consumer project does with the published packages, for every vendor (listed in the
 * generated `vendors.ts` beside this file): a delete against the vendor's embedded server from
 * `/testing`, then the typed errors for a 404 and a 401. Copied into each consumer's `src/`, so it
 * is compiled (and resolved) under that project's module system.
 */
import { AuthenticationError, NotFoundError, typeChecksOnly, vendors } from "./vendors.js";

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`consumer check failed: ${what}`);
}

async function rejectsWith(promise: PromiseLike<unknown>, type: new (...args: never[]) => Error): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    check(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    return error;
  }
  throw new Error(`consumer check failed: expected ${type.name}, but the call succeeded`);
}

export async function exercise(label: string): Promise<void> {
  for (const { testVendor, Client } of vendors) {
    const [id] = testVendor.ids(1);
    const running = await testVendor.start({ ids: [id] });
    try {
      const options = { baseUrl: running.server.url, maxRetries: 0 };
      // The client `/testing` builds is the main entry's class: one module instance for both entries.
      check(
        testVendor.client(options) instanceof Client,
        `${testVendor.name}: /testing and the main entry share the client`,
      );
      const resource = testVendor.resource(options);
      const deleted = await resource.delete(id);
      // A 204 carries no message (DigitalOcean's deletes), so the message is only checked to be a string.
      const confirmed = deleted.id === id && !deleted.alreadyGone && !deleted.confirmedByRetry;
      check(confirmed && typeof deleted.message === "string", `${testVendor.name} delete result`);
      check(!running.liveIds.has(id), `${testVendor.name}: the id is gone on the server`);
      await rejectsWith(resource.delete(id), NotFoundError);
      const wrong = testVendor.resource({ ...options, credential: testVendor.wrongCredential });
      const denied = await rejectsWith(wrong.delete(id), AuthenticationError);
      check(!denied.message.includes("wrongButWellFormed"), "the rejected credential stays out of the error message");
      check(
        running.server.requests.every((request) => request.violations.length === 0),
        `${testVendor.name}: requests match the spec`,
      );
    } finally {
      await running.server.close();
    }
  }
  void typeChecksOnly;
  const names = vendors.map(({ testVendor }) => testVendor.name).join(", ");
  console.log(`${label}: ${names}: deletes, 404 and 401 behave as documented`);
}
