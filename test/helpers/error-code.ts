import { CertbenchError } from '../../shared/errors.js';

/** The CertbenchError code `fn` throws, `no error`, or what else it threw: assertions read one string. */
export function errorCodeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return err instanceof CertbenchError ? err.code : `not a CertbenchError: ${String(err)}`;
  }
  return 'no error';
}

/** errorCodeOf for work that settles later. */
export async function errorCodeOfAsync(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (err) {
    return err instanceof CertbenchError ? err.code : `not a CertbenchError: ${String(err)}`;
  }
  return 'no error';
}
