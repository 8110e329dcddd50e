/** The masking and decoding steps a hostile body goes through: correct on inputs that used to be quadratic or overflow. */
import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import { readBody } from "../src/body-reader.js";
import { messageFromBody } from "../src/decode.js";
import { BodyTooDeepError, maskCause, maskDeep, maskHeaderName, redactHeaders } from "../src/secrets.js";

const SECRET = "S3cretHostileToken42";

describe("maskDeep", () => {
  test("8 000 keys holding the secret are all masked, in one copy", () => {
    const body: Record<string, string> = { first: "clean" };
    for (let i = 0; i < 8_000; i++) body[`${SECRET}${i}`] = `bad ${SECRET}`;
    const masked = maskDeep(body, [SECRET]) as Record<string, string>;
    expect(Object.keys(masked)).toHaveLength(8_001);
    expect(masked.first).toBe("clean");
    expect(masked["***7999"]).toBe("bad ***");
    expect(JSON.stringify(masked)).not.toContain(SECRET);
  });

  test("numbers whose digits hold a numeric secret are masked", () => {
    const masked = maskDeep({ token: 73910552847361, list: [1, 73910552847361], other: 7 }, ["73910552847361"]);
    expect(masked).toEqual({ token: "***", list: [1, "***"], other: 7 });
  });

  test("a body nested past the limit is refused instead of overflowing the stack", () => {
    const deep = JSON.parse(`${"[".repeat(10_000)}${"]".repeat(10_000)}`) as unknown;
    expect(() => maskDeep(deep, [SECRET])).toThrow(BodyTooDeepError);
    const shallow = JSON.parse(`${"[".repeat(60)}"${SECRET}"${"]".repeat(60)}`) as unknown;
    expect(JSON.stringify(maskDeep(shallow, [SECRET]))).not.toContain(SECRET);
  });

  test("a key `__proto__` stays a plain key", () => {
    const masked = maskDeep(JSON.parse(`{"__proto__": {"x": "${SECRET}"}, "y": "${SECRET}"}`), [SECRET]) as object;
    expect(Object.getPrototypeOf(masked)).toBe(Object.prototype);
    expect(Object.keys(masked)).toEqual(["__proto__", "y"]);
  });
});

describe("header masking", () => {
  test("names are masked without regard to case", () => {
    expect(maskHeaderName(`x-${SECRET.toLowerCase()}`, [SECRET])).toBe("x-***");
    const headers = new Headers({ [SECRET]: "1", location: `https://other.example/p?token=${SECRET}#f` });
    const redacted = redactHeaders(
      headers,
      (text) => text.split(SECRET).join("***"),
      (name) => maskHeaderName(name, [SECRET]),
    );
    expect(redacted).toEqual({ "***": "1", location: "https://other.example/p" });
  });
});

describe("maskCause", () => {
  test("keeps name, code and message, masked; drops everything else, however deep", () => {
    const raw = Object.assign(new Error(`parse error near Bearer ${SECRET}`), {
      code: "HPE_INVALID_CONSTANT",
      data: `DELETE /x HTTP/1.1\r\nAuthorization: Bearer ${SECRET}\r\n`,
    });
    const outer = new TypeError("fetch failed", { cause: raw });
    const masked = maskCause(outer, (text) => text.split(SECRET).join("***"));
    const shown = inspect(masked, { depth: 10, showHidden: true });
    expect(shown).not.toContain(SECRET);
    expect(shown).not.toContain("HTTP/1.1");
    expect(masked?.message).toBe("fetch failed");
    expect(masked?.cause).toMatchObject({ code: "HPE_INVALID_CONSTANT", message: "parse error near Bearer ***" });
  });

  test("a cycle ends at the depth limit", () => {
    const a: { message: string; cause?: unknown } = { message: "a" };
    a.cause = a;
    let depth = 0;
    for (let c: unknown = maskCause(a, (t) => t); c; c = (c as Error).cause) depth++;
    expect(depth).toBe(4);
  });
});

describe("messageFromBody", () => {
  test.each([
    ["'<' repeated", "<".repeat(200_000)],
    ["'<title' repeated", "<title".repeat(40_000)],
    ["an unclosed tag", `<div ${"a".repeat(200_000)}`],
  ])("survives %s and returns a clipped message", (_, body) => {
    const message = messageFromBody(body);
    expect((message ?? "").length).toBeLessThanOrEqual(301);
  });

  test("still finds a title and strips tags", () => {
    expect(messageFromBody("<html><head><title>502 Bad Gateway</title></head></html>")).toBe("502 Bad Gateway");
    expect(messageFromBody("<p>Service <b>down</b></p>")).toBe("Service down");
  });
});

describe("readBody", () => {
  const streamOf = (chunks: number, size: number, onCancel: () => void) => {
    let sent = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ >= chunks) controller.close();
        else controller.enqueue(new Uint8Array(size).fill(0x61));
      },
      cancel: onCancel,
    });
  };

  test("stops at the limit, cancels the stream and aborts the connection", async () => {
    let cancelled = false;
    let aborted = false;
    const response = new Response(
      streamOf(1_000_000, 1024, () => {
        cancelled = true;
      }),
    );
    const read = await readBody(response, 10_000, () => {
      aborted = true;
    });
    expect(read.truncated).toBe(true);
    expect(read.text).toHaveLength(10_000);
    expect(cancelled).toBe(true);
    expect(aborted).toBe(true);
  });

  test("a body within the limit is read whole", async () => {
    const read = await readBody(new Response(streamOf(3, 100, () => {})), 300, () => {
      throw new Error("must not abort");
    });
    expect(read).toEqual({ text: "a".repeat(300), truncated: false });
    expect(await readBody(new Response(null, { status: 204 }), 10, () => {})).toEqual({ text: "", truncated: false });
  });
});
