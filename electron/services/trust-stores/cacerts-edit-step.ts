import { PASSWORD_VARS } from '../keystore/keytool-runner.js';
import type { JobStep } from './trust-job.js';

/**
 * A Java keystore change made through the keystore service, shown as the keytool run it makes:
 * on a backed-up temp copy, never on the store itself. `elevated` says the verified copy then
 * replaces a store only an administrator may write (one more prompt).
 */
export function cacertsEditStep(path: string, operation: readonly string[], elevated: boolean, apply: () => Promise<void>, note?: string): JobStep {
  const copy = elevated
    ? 'the copy is re-read and checked, then put in place with administrator rights: install into a temp beside the store, sha256sum --check of that temp (Linux), mv'
    : 'the copy is re-read and checked before it replaces the store';
  return {
    kind: 'keystore-edit',
    shown: { file: 'keytool', args: [...operation, '-keystore', `${path} (a backed-up temp copy)`, '-storepass:env', PASSWORD_VARS.store] },
    elevated,
    note: note === undefined ? copy : `${note}; ${copy}`,
    apply,
  };
}
