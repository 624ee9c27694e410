import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface MadeCertificate {
  readonly pemPath: string;
  readonly derPath: string;
  readonly pem: string;
  readonly der: Uint8Array;
}

/** A self-signed EC certificate made by the real openssl in `dir`, as admins' files are made. */
export async function makeSelfSignedWithOpenssl(dir: string, cn: string, sans: string, days = 90): Promise<MadeCertificate> {
  const pemPath = join(dir, `${cn}.pem`);
  const derPath = join(dir, `${cn}.der`);
  const env = { ...process.env };
  delete env.SSL_CERT_FILE;
  delete env.NODE_EXTRA_CA_CERTS;
  await run(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, `${cn}.key`),
      '-out', pemPath, '-subj', `/CN=${cn}/O=Certbench Test`, '-addext', `subjectAltName=${sans}`, '-days', String(days)],
    { env },
  );
  await run('openssl', ['x509', '-in', pemPath, '-outform', 'DER', '-out', derPath], { env });
  return { pemPath, derPath, pem: await readFile(pemPath, 'utf8'), der: new Uint8Array(await readFile(derPath)) };
}
