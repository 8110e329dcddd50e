/** How one id's revocation settled, as far as the CLI can tell. */
export type SettledOutcome = "confirmed" | "failed" | "unknown";

/** The CLI's exit codes: what a script or runbook checks after a revocation run. */
export const exitCodes = {
  allConfirmed: 0,
  someFailed: 1,
  badUsage: 2,
  someUnknown: 3,
} as const;

/**
 * Unknown outranks failed: a failed id is known to still be live and is visible in
 * the output, but an unknown one may or may not be revoked, and the operator must
 * resume with the journal before the incident can be closed.
 */
export function exitCodeFor(outcomes: Iterable<SettledOutcome>): number {
  let failed = false;
  for (const outcome of outcomes) {
    if (outcome === "unknown") return exitCodes.someUnknown;
    if (outcome === "failed") failed = true;
  }
  return failed ? exitCodes.someFailed : exitCodes.allConfirmed;
}
