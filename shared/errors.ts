/**
 * The error vocabulary every layer speaks.
 *
 * Services throw `CertbenchError` with a code; IPC turns it into `{ ok: false, error }` and the CLI
 * into one stderr line and exit 2. A code, not a message, is what callers branch on, because
 * Electron forwards only the message of a thrown error and messages are for people.
 */
export const ERROR_CODES = [
  'invalid-request',
  'forbidden-sender',
  'forbidden-path',
  'unknown-channel',
  'not-found',
  'is-directory',
  'not-a-file',
  'name-too-long',
  'empty-input',
  'too-large',
  'io',
  'permission-denied',
  'parse',
  'truncated',
  'bad-base64',
  'unrecognized-format',
  'password-required',
  'wrong-password',
  'no-mac',
  'unsupported-algorithm',
  'unsupported',
  'key-mismatch',
  'conflict',
  'tool-missing',
  'tool-failed',
  'timeout',
  'connection',
  'cancelled',
  /** A per-input work budget (key-derivation iterations or time) ran out: see WORK_LIMITS. */
  'work-limit',
  'elevation-denied',
  'verification-failed',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
}

export class CertbenchError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CertbenchError';
    this.code = code;
  }

  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

/** Any thrown value as an ErrorInfo; unknown failures become `internal` without leaking a stack. */
export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof CertbenchError) return err.toInfo();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: message || 'Unexpected internal error' };
}
