/**
 * Hostile bodies through a whole client call, in process (a `fetch` that answers from memory, so
 * only client CPU is measured), each at the size that used to stall the event loop and at ten
 * times that. Linear code takes about ten times as long for the larger body (growth exponent
 * near 1); the quadratic masking and regexes this replaced took about a hundred times (exponent 2).
 */
import type { TestDeleteResource, TestVendor } from "@sdkforge/core/testing";
import { loadTestVendor } from "../../../../scripts/lib/vendor-testing.ts";
import { findVendors } from "../../../../scripts/lib/vendors.ts";

export interface HostileOptions {
  /** Timed calls per case; the median is reported. */
  readonly repeats: number;
  /** Multiplies every body size: 1 for the sizes from the report, below 1 for quick runs. */
  readonly scale: number;
}

export interface HostileRow {
  readonly name: string;
  readonly bodyBytes: number;
  readonly ms: number;
  readonly msPerMB: number;
}

export interface HostileGrowth {
  readonly name: string;
  /** Exponent k in time ∝ size^k between the two sizes: 1 = linear, 2 = quadratic. */
  readonly exponent: number;
}

export interface HostileResult {
  readonly options: HostileOptions;
  readonly rows: readonly HostileRow[];
  readonly growth: readonly HostileGrowth[];
}

interface Body {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** The report's hostile bodies, as functions of a size factor. */
const KINDS: readonly {
  readonly name: string;
  readonly base: number;
  /** `secret` is the client's credential, which a hostile body echoes so that masking has work to do. */
  readonly make: (size: number, secret: string) => Body;
}[] = [
  {
    name: "JSON error body, keys holding the token",
    base: 8_000,
    make: (keys, secret) => {
      const body: Record<string, string> = {};
      for (let i = 0; i < keys; i++) body[`${secret}${i}`] = `bad ${secret}`;
      return { status: 400, contentType: "application/json", text: JSON.stringify(body) };
    },
  },
  {
    name: "text/html error body of '<'",
    base: 156_000,
    make: (bytes) => ({ status: 400, contentType: "text/html", text: "<".repeat(bytes) }),
  },
  {
    name: "200 JSON nested deep",
    base: 10_000,
    make: (depth) => ({
      status: 200,
      contentType: "application/json",
      text: `${"[".repeat(depth)}${"]".repeat(depth)}`,
    }),
  },
];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The first vendor whose helper takes one id: the body handling measured is core's, the same for every vendor. */
async function benchVendor(): Promise<TestVendor> {
  for (const vendor of findVendors()) {
    const testVendor = await loadTestVendor(vendor);
    if (testVendor.drivable) return testVendor;
  }
  throw new Error("no vendor with a helper that takes one id");
}

async function timeCalls(vendor: TestVendor, body: Body, repeats: number): Promise<number> {
  const original = globalThis.fetch;
  const bytes = Buffer.byteLength(body.text);
  globalThis.fetch = async () =>
    new Response(body.text, {
      status: body.status,
      headers: { "content-type": body.contentType, "content-length": String(bytes) },
    });
  try {
    // The limit is raised so the whole body is read, masked and searched: that is what is measured.
    const helper: TestDeleteResource = vendor.resource({
      baseUrl: "http://127.0.0.1:9",
      maxRetries: 0,
      maxResponseBytes: 64 * 1024 * 1024,
    });
    const [id] = vendor.ids(1);
    const once = async () => {
      const started = performance.now();
      await helper.delete(id).then(
        () => {
          throw new Error("a hostile body must not resolve as a deletion");
        },
        () => {},
      );
      return performance.now() - started;
    };
    await once();
    const times: number[] = [];
    for (let i = 0; i < repeats; i++) times.push(await once());
    return median(times);
  } finally {
    globalThis.fetch = original;
  }
}

export async function runHostile(options: HostileOptions): Promise<HostileResult> {
  const vendor = await benchVendor();
  const secret = vendor.secrets[0] ?? vendor.credential;
  const rows: HostileRow[] = [];
  const growth: HostileGrowth[] = [];
  for (const kind of KINDS) {
    const measured: HostileRow[] = [];
    for (const factor of [1, 10]) {
      const size = Math.max(1, Math.round(kind.base * factor * options.scale));
      const body = kind.make(size, secret);
      const ms = await timeCalls(vendor, body, options.repeats);
      const bodyBytes = Buffer.byteLength(body.text);
      measured.push({
        name: `${kind.name} (${size.toLocaleString("en-US")})`,
        bodyBytes,
        ms,
        msPerMB: ms / (bodyBytes / 1e6),
      });
    }
    rows.push(...measured);
    const [small, large] = measured as [HostileRow, HostileRow];
    growth.push({
      name: kind.name,
      exponent: Math.log(large.ms / small.ms) / Math.log(large.bodyBytes / small.bodyBytes),
    });
  }
  return { options, rows, growth };
}
