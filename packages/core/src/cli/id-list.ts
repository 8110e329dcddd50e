/**
 * Parses an incident id list: one id per line. Blank lines and lines whose first
 * non-space character is `#` are skipped, so operators can annotate the list they
 * paste from a ticket. Surrounding whitespace (including a Windows `\r`) is not
 * part of an id: a copied list must not produce ids that never match.
 */
export function parseIdList(text: string): string[] {
  const ids: string[] = [];
  for (const line of text.split("\n")) {
    const id = line.trim();
    if (id === "" || id.startsWith("#")) continue;
    ids.push(id);
  }
  return ids;
}

/**
 * Keeps the first occurrence of each id: sending one revocation twice gives a
 * spurious "already gone" on the second and muddies the summary.
 */
export function uniqueIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)];
}
