/**
 * The incident id list format: one id per line. Blank lines and lines whose first non-space
 * character is `#` are skipped, so operators can annotate the list they paste from a ticket.
 * Surrounding whitespace (including a Windows `\r`) is not part of an id: a copied list must not
 * produce ids that never match.
 */
export function idFromLine(line: string): string | undefined {
  const id = line.trim();
  return id === "" || id.startsWith("#") ? undefined : id;
}
