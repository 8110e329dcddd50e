/**
 * Every helper of every vendor, not only the one the other suites drive: each is called once with
 * arguments built from its operation's facts (path parameters in order, required query and header
 * parameters and a required body, with values the document accepts), against Prism mocking the
 * vendor's document (no request may break it) and against the vendor's spec-driven test server
 * (the call must succeed and leave a request that matches the spec). A vendor whose document has
 * no helpers has nothing to call here. A body goes in the operation's documented media type (JSON,
 * or a form for GitHub Enterprise's SSH-key removal), which both servers check.
 */
import type { ApiSpec, OperationSpec } from "@sdkforge/core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { settle } from "./harness.js";
import { type Samples, sampleValues } from "./param-samples.js";
import { type PrismServer, startPrism } from "./prism.js";
import { ALL_VENDORS, type VendorUnderTest } from "./vendors.js";

interface HelperCall {
  readonly name: string;
  readonly operation: OperationSpec;
  readonly args: readonly unknown[];
  readonly options: { query?: Record<string, unknown>; header?: Record<string, unknown>; body?: unknown };
}

function helperCalls(spec: ApiSpec, samples: Samples): HelperCall[] {
  return Object.entries(spec.resources).flatMap(([resource, methods]) =>
    Object.entries(methods).flatMap(([method, operationId]) => {
      const operation = spec.operations[operationId];
      if (!operation) return [];
      const sample = samples.param.bind(null, operation.path, operation.method);
      const byName = new Map(operation.params.map((param) => [`${param.in}:${param.name}`, param]));
      const args = operation.pathParams.map((name) => {
        const param = byName.get(`path:${name}`);
        return param ? sample(param) : "sample-1";
      });
      const required = (place: "query" | "header") =>
        Object.fromEntries(
          operation.params.filter((p) => p.in === place && p.required).map((p) => [p.name, sample(p)]),
        );
      const query = required("query");
      const header = required("header");
      const options = {
        ...(Object.keys(query).length > 0 ? { query } : {}),
        ...(Object.keys(header).length > 0 ? { header } : {}),
        ...(operation.body?.required
          ? { body: samples.body(operation.path, operation.method, operation.body.contentType) }
          : {}),
      };
      return [{ name: `${resource}.${method}`, operation, args, options }];
    }),
  );
}

/** Calls one helper on a client built the vendor's way (its working credentials, no retries). */
function call(vendor: VendorUnderTest, baseUrl: string, helper: HelperCall, fetch?: typeof globalThis.fetch) {
  const client = vendor.client({ baseUrl, maxRetries: 0, logLevel: "off", ...(fetch ? { fetch } : {}) }) as Record<
    string,
    Record<string, (...args: unknown[]) => PromiseLike<unknown>>
  >;
  const [resource = "", method = ""] = helper.name.split(".");
  const fn = client[resource]?.[method];
  if (!fn) throw new Error(`${vendor.name} has no ${helper.name}`);
  return settle(() => fn(...helper.args, helper.options));
}

const withHelpers = (
  await Promise.all(
    ALL_VENDORS.map(async (vendor) => ({
      vendor,
      calls: helperCalls(vendor.spec, await sampleValues(vendor.specFile)),
    })),
  )
).filter(({ calls }) => calls.length > 0);

describe.each(withHelpers)("$vendor.name: every helper", ({ vendor, calls }) => {
  let prism: PrismServer;
  beforeAll(async () => {
    prism = await startPrism(vendor.specFile);
  });
  afterAll(() => prism?.stop());

  test(`all ${calls.length} helpers send requests Prism finds valid`, async () => {
    const violations: string[] = [];
    const observing: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const response = await fetch(request);
      const found =
        response.headers.get("sl-violations") ?? (response.status === 422 ? await response.clone().text() : null);
      if (found) violations.push(`${request.method} ${new URL(request.url).pathname}: ${found}`);
      return response;
    };
    for (const helper of calls) {
      const outcome = await call(vendor, prism.url, helper, observing);
      expect(outcome.ok ? "ok" : String(outcome.error), `${helper.name} against Prism`).toBe("ok");
    }
    expect(violations).toEqual([]);
  });

  test(`all ${calls.length} helpers succeed against the spec-driven test server`, async () => {
    const ids = calls.map((helper) => helper.args.at(-1));
    const running = await vendor.start(ids);
    try {
      for (const helper of calls) {
        running.liveIds.add(helper.args.at(-1));
        const outcome = await call(vendor, running.server.url, helper);
        expect(outcome.ok ? "ok" : String(outcome.error), `${helper.name} against the test server`).toBe("ok");
      }
      expect(running.server.requests.flatMap((request) => request.violations)).toEqual([]);
      expect(running.server.requests).toHaveLength(calls.length);
    } finally {
      await running.server.close();
    }
  });
});
