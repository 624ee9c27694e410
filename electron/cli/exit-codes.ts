/** The CLI's exit-code promise: scripts branch on these. */
export const EXIT = {
  ok: 0,
  /** A check ran and found problems (untrusted chain, expiring certificate…). */
  problems: 1,
  /** Usage error or bad input; one line on stderr. */
  usage: 2,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
