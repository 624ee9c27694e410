/** The real clients the oracle asks, in matrix column order. */
export const CLIENT_IDS = ['openssl', 'curl', 'gnutls', 'python', 'java', 'nss', 'chromium'] as const;
export type ClientId = (typeof CLIENT_IDS)[number];

/** One client's answer: `n/a` when the client cannot be asked this question, `error` when asking failed. */
export interface Verdict {
  readonly verdict: 'ok' | 'fail' | 'n/a' | 'error';
  readonly detail: string;
}
