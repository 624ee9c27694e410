import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renewSpec } from '../../../shared/csr/renew.js';
import { issueCert } from '../../helpers/chain-pki.js';

/** A SHA-1-signed self-signed certificate, as old appliances still carry, made by the real openssl. */
function sha1Certificate(): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'certbench-renew-'));
  try {
    const out = join(dir, 'old.der');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-sha1', '-nodes', '-keyout', join(dir, 'k.pem'), '-outform', 'DER', '-out', out,
      '-subj', '/CN=sha1.example', '-addext', 'subjectAltName=DNS:sha1.example', '-days', '30'], { stdio: 'ignore' });
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('renew from an existing certificate', () => {
  it('keeps the subject, SANs and purposes', async () => {
    const old = await issueCert({ name: 'renew.example', dns: ['renew.example', 'www.renew.example'], eku: ['serverAuth'] });
    const { spec, notes } = renewSpec(old.der, 'ec');
    expect(spec.subject).toMatchObject({ CN: 'renew.example' });
    expect(spec.sans).toEqual([{ type: 'dns', value: 'www.renew.example' }]);
    expect(spec.addCnToSan).toBe(true);
    expect(spec.extendedKeyUsage).toEqual(['serverAuth']);
    expect(notes).toEqual([]);
  });

  it('says so when the old certificate was signed with SHA-1 and the new CSR moves to SHA-256', async () => {
    const { spec, notes } = renewSpec(sha1Certificate(), 'rsa');
    expect(spec.hash).toBe('SHA-256');
    expect(notes).toEqual([expect.stringMatching(/signed with SHA-1.*uses SHA-256/)]);
  });
});
