/**
 * The set `deleteMany` remembers ids in. A false "already seen" would silently skip a revoke, so it
 * is checked against `Set` on many keys (through several regrowths), on keys whose hashes collide,
 * and on strings that a lossy encoding (UTF-8 with replacement characters) would make equal.
 */
import { describe, expect, test } from "vitest";
import { seenKeys } from "../src/seen-keys.js";

const TAG = 0x73;

/** The hash `seenKeys` uses (FNV-1a over the tag and the UTF-16 code units), to build collisions on purpose. */
function fnv(tag: number, text: string): number {
  let hash = Math.imul(0x811c9dc5 ^ tag, 0x01000193);
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

describe("seenKeys", () => {
  test("agrees with a Set on 200,000 keys with repeats, across every regrowth", () => {
    const seen = seenKeys();
    const reference = new Set<string>();
    let state = 7;
    for (let i = 0; i < 200_000; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      // About one in three keys is a repeat; lengths from 0 to 40.
      const key = `tok_${(state % 140_000).toString(36)}`.repeat((state >>> 20) % 3).slice(0, state % 41);
      expect(seen(TAG, key)).toBe(!reference.has(key));
      reference.add(key);
    }
  });

  test("keeps two keys apart when their hashes collide", () => {
    const byHash = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; pair === undefined; i++) {
      const key = `id-${i}`;
      const other = byHash.get(fnv(TAG, key));
      if (other === undefined) byHash.set(fnv(TAG, key), key);
      else pair = [other, key];
    }
    const seen = seenKeys();
    expect(seen(TAG, pair[0])).toBe(true);
    expect(seen(TAG, pair[1])).toBe(true);
    expect(seen(TAG, pair[0])).toBe(false);
    expect(seen(TAG, pair[1])).toBe(false);
  });

  test("tells apart strings a lossy encoding would merge, a prefix from its key, and the same text under two tags", () => {
    const seen = seenKeys();
    for (const key of ["\uD800", "\uFFFD", "\uDC00", "", "a", "a\u0000", "\u0000a", "é", "e\u0301"]) {
      expect(seen(TAG, key)).toBe(true);
    }
    expect(seen(0x6e, "a")).toBe(true);
    expect(seen(TAG, "\uD800")).toBe(false);
    expect(seen(0x6e, "a")).toBe(false);
  });
});
