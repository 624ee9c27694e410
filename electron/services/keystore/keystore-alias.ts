import { CertbenchError } from '../../../shared/errors.js';
import { scanCertificate } from '../../../shared/pki/cert-scan.js';
import { readTlv } from '../../../shared/pki/der-reader.js';
import { nameAttributes, nameToDisplay } from '../../../shared/pki/name-text.js';

const MAX_ALIAS_CHARS = 255;

/**
 * An alias as JKS and PKCS12 store it: keytool lower-cases aliases (Locale.ENGLISH), so lookups
 * and duplicate checks compare the lower-cased form. Any text is accepted — it reaches keytool as
 * one argv element — except empty, over-long, or control characters.
 */
export function normalizeAlias(alias: string): string {
  if (alias.length === 0) throw new CertbenchError('invalid-request', 'The alias is empty');
  if (alias.length > MAX_ALIAS_CHARS) throw new CertbenchError('invalid-request', `The alias is longer than ${MAX_ALIAS_CHARS} characters`);
  if (/\p{Cc}/u.test(alias)) throw new CertbenchError('invalid-request', 'The alias contains control characters');
  return alias.toLowerCase();
}

/** An alias from the subject's CN (else the whole subject), e.g. `CN=Engine Root CA` → `engine_root_ca`. */
export function suggestAlias(der: Uint8Array): string {
  const scan = scanCertificate(der);
  const name = readTlv(scan.subjectDer, 0, scan.subjectDer.length);
  const cn = nameAttributes(scan.subjectDer, name).find((a) => a.oid === '2.5.4.3' && !a.hex)?.value ?? nameToDisplay(scan.subjectDer, name);
  const slug = cn
    .toLowerCase()
    .replace(/[^\p{L}\p{N}.-]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
  return slug || `cert-${scan.sha256.slice(0, 8)}`;
}

/** `base`, or `base-2`, `base-3`… — the first not in `taken`. */
export function freeAlias(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}
