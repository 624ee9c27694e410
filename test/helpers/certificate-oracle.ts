import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { toolEnv } from './inspect-openssl.js';

/** What openssl made of a file: the certificates it printed (SHA-256, in order) and whether it called the read clean. */
export interface OpensslReading {
  readonly sha256: string[];
  /** False when openssl re-encoded the certificate SET (cms -cmsout sorts it), so only the multiset compares. */
  readonly ordered: boolean;
  /** Exit status 0 and at least one certificate: "a file openssl reads". */
  readonly clean: boolean;
}

/** SHA-256 of every PEM certificate openssl printed, decoded with Node's own base64 (independent of Certbench). */
function printedCertificates(stdout: string): string[] {
  return [...stdout.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) =>
    createHash('sha256').update(Buffer.from(m[1]!, 'base64')).digest('hex'),
  );
}

function openssl(args: string[], input?: Uint8Array): { status: number; stdout: Buffer } {
  const r = spawnSync('openssl', args, { env: toolEnv(), input, maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status ?? -1, stdout: r.stdout };
}

function attempt(args: string[], input?: Uint8Array): OpensslReading | undefined {
  const r = openssl(args, input);
  const sha256 = printedCertificates(r.stdout.toString('latin1'));
  return sha256.length > 0 ? { sha256, ordered: true, clean: r.status === 0 } : undefined;
}

/**
 * The certificates openssl finds in `path`, asking the tool that reads each form: `storeutl -certs`
 * (PEM certificates of any label, DER, concatenated DER), `crl2pkcs7 -certfile` (PEM beside keys,
 * which storeutl stumbles over), `pkcs7 -print_certs` (PKCS7 in PEM or DER), `cms -cmsout` then
 * `pkcs7` (the CMS label), and the same after `base64 -d` (bare base64). The first clean reading
 * wins; without one, every certificate any of them printed (what openssl would still hand over).
 * `scratch` is a temp file path the oracle may write.
 */
export function opensslCertificates(path: string, scratch: string): OpensslReading {
  const readings: Array<() => OpensslReading | undefined> = [
    () => attempt(['storeutl', '-certs', path]),
    () => viaCrl2pkcs7(path),
    () => attempt(['pkcs7', '-print_certs', '-in', path]),
    () => attempt(['pkcs7', '-print_certs', '-inform', 'DER', '-in', path]),
    () => viaCms(path),
    () => viaBase64(path, scratch),
  ];
  const unclean = new Set<string>();
  for (const read of readings) {
    const found = read();
    if (found?.clean) return found;
    for (const sha of found?.sha256 ?? []) unclean.add(sha);
  }
  return { sha256: [...unclean], ordered: true, clean: false };
}

function viaCrl2pkcs7(path: string): OpensslReading | undefined {
  const p7 = openssl(['crl2pkcs7', '-nocrl', '-certfile', path, '-outform', 'DER']);
  if (p7.status !== 0 || p7.stdout.length === 0) return undefined;
  return attempt(['pkcs7', '-print_certs', '-inform', 'DER'], p7.stdout);
}

function viaCms(path: string): OpensslReading | undefined {
  const cms = openssl(['cms', '-cmsout', '-inform', 'PEM', '-in', path, '-outform', 'DER']);
  if (cms.status !== 0 || cms.stdout.length === 0) return undefined;
  const found = attempt(['pkcs7', '-print_certs', '-inform', 'DER'], cms.stdout);
  return found && { ...found, ordered: false };
}

function viaBase64(path: string, scratch: string): OpensslReading | undefined {
  if (/-----BEGIN /.test(readFileSync(path, 'latin1'))) return undefined;
  const decoded = openssl(['base64', '-d', '-in', path]);
  if (decoded.status !== 0 || decoded.stdout.length === 0) return undefined;
  writeFileSync(scratch, decoded.stdout);
  try {
    return attempt(['storeutl', '-certs', scratch]) ?? attempt(['pkcs7', '-print_certs', '-inform', 'DER', '-in', scratch]);
  } finally {
    rmSync(scratch, { force: true });
  }
}
