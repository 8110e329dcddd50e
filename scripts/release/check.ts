/** The release rehearsal's assertion: a failed check stops the rehearsal with what was expected. */
export function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`release check failed: ${what}`);
}
