/**
 * `JSON.parse` keeps the last of a repeated key, so `{"success":false,"success":true}` reads as a
 * success. A body that says two things about the same field cannot decide whether a delete
 * happened: this finds such a key at the top level (where every deciding field lives), comparing
 * keys after unescaping, so `"\u0073uccess"` and `"success"` are the same key.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The index just past the string that starts at `start` (a `"`), or -1 when it never ends. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i++;
    else if (code === QUOTE) return i + 1;
  }
  return -1;
}

/** The first top-level key of a JSON object text that occurs twice; `undefined` when none does (or it is no object). */
export function repeatedTopLevelKey(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const seen = new Set<string>();
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      const end = stringEnd(text, i);
      if (end === -1) return undefined;
      if (depth === 1) {
        let next = end;
        while (next < text.length && /\s/.test(text[next] as string)) next++;
        if (text[next] === ":") {
          const key = JSON.parse(text.slice(i, end)) as string;
          if (seen.has(key)) return key;
          seen.add(key);
        }
      }
      i = end - 1;
    } else if (char === "{" || char === "[") depth++;
    else if (char === "}" || char === "]") depth--;
  }
  return undefined;
}
