import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, toolEnv } from '../../helpers/inspect-openssl.js';

const BIN = new URL('../../../bin/certbench.cjs', import.meta.url).pathname;

/** Issue 13.1: one DN display order in every output — inspect text, inspect JSON, keystore list — and RFC 4514 beside it in JSON. */
describe('one display order for distinguished names', () => {
  let t: { dir: string; cleanup: () => Promise<void> };
  let env: NodeJS.ProcessEnv;
  const cli = (...args: string[]) => execFileSync(process.execPath, [BIN, ...args], { env }).toString();
  // Encoded C, O, CN: the order openssl prints; RFC 4514's string order is the reverse.
  const DISPLAY = 'C=DE, O=Acme\\, Inc., CN=dn.example';

  beforeAll(async () => {
    t = await tempDir('dn-display');
    env = { ...toolEnv(), CERTBENCH_CODE_CACHE_DIR: join(t.dir, 'code-cache'), CERTBENCH_DATA_DIR: join(t.dir, 'data'), STOREPASS: 'changeit' };
    const pem = join(t.dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(t.dir, 'k.pem'), '-out', pem, '-subj', '/C=DE/O=Acme, Inc./CN=dn.example', '-days', '365'], {
      env: toolEnv(),
    });
    execFileSync('keytool', ['-importcert', '-noprompt', '-storetype', 'PKCS12', '-keystore', join(t.dir, 'store.p12'), '-storepass', 'changeit', '-alias', 'dn', '-file', pem], { env: toolEnv() });
  });
  afterAll(() => t.cleanup());

  it('inspect text, inspect JSON and keystore list print the same subject string', () => {
    const text = cli('inspect', join(t.dir, 'cert.pem'));
    expect(text).toContain(`Certificate  ${DISPLAY}\n`);
    expect(text).toMatch(new RegExp(`Issuer\\s+${DISPLAY.replace(/[\\.]/g, '\\$&')}\n`));
    const [object] = (JSON.parse(cli('inspect', '--json', join(t.dir, 'cert.pem'))) as { objects: Array<{ subject: string; detail: { subject: { rfc4514: string } } }> }).objects;
    expect(object!.subject).toBe(DISPLAY);
    expect(object!.detail.subject.rfc4514).toBe('CN=dn.example,O=Acme\\, Inc.,C=DE');
    const listed = JSON.parse(cli('keystore', 'list', '--keystore', join(t.dir, 'store.p12'), '--storepass-env', 'STOREPASS', '--json')) as { entries: Array<{ subject: string }> };
    expect(listed.entries.map((e) => e.subject)).toEqual([DISPLAY]);
  });

  it('names every attribute type as openssl does, in both orders (EV and personal-name attributes)', () => {
    const subjects = [
      '/jurisdictionC=DE/businessCategory=Private Organization/serialNumber=HRB 1/organizationIdentifier=VATDE-123/postalCode=10115/C=DE/O=Acme/CN=ev.example',
      '/jurisdictionL=Berlin/jurisdictionST=BE/DC=example/UID=u1/emailAddress=a@b.example/street=Main 1/title=Admin/GN=Ann/initials=AB/SN=Smith/dnQualifier=q1/pseudonym=p1/ST=Berlin/L=Berlin/OU=IT/CN=all.example',
    ];
    for (const [i, subj] of subjects.entries()) {
      const pem = join(t.dir, `attributes-${i}.pem`);
      execFileSync('openssl', ['req', '-x509', '-key', join(t.dir, 'k.pem'), '-out', pem, '-subj', subj, '-days', '400'], { env: toolEnv() });
      const openssl = (nameopt: string) => execFileSync('openssl', ['x509', '-in', pem, '-noout', '-subject', '-nameopt', nameopt], { env: toolEnv() }).toString().replace(/^subject=/, '').trim();
      const [object] = (JSON.parse(cli('inspect', '--json', pem)) as { objects: Array<{ subject: string; subjectRfc4514: string }> }).objects;
      expect(object!.subjectRfc4514).toBe(openssl('RFC2253'));
      expect(object!.subject).toBe(openssl('utf8,sep_comma_plus_space,sname,esc_2253'));
      expect(object!.subject).not.toMatch(/\d+\.\d+\.\d+/);
    }
  });

  it('every list JSON (inspect, keystore list, trust list, scan) carries the RFC 4514 subject openssl prints', () => {
    const pem = join(t.dir, 'cert.pem');
    const rfc = execFileSync('openssl', ['x509', '-in', pem, '-noout', '-subject', '-nameopt', 'RFC2253'], { env: toolEnv() }).toString().replace(/^subject=/, '').trim();
    expect(rfc).toBe('CN=dn.example,O=Acme\\, Inc.,C=DE');
    const [object] = (JSON.parse(cli('inspect', '--json', pem)) as { objects: Array<{ subjectRfc4514: string; issuerRfc4514: string }> }).objects;
    expect(object).toMatchObject({ subjectRfc4514: rfc, issuerRfc4514: rfc });
    const csr = join(t.dir, 'req.csr');
    execFileSync('openssl', ['req', '-new', '-key', join(t.dir, 'k.pem'), '-out', csr, '-subj', '/C=DE/O=Acme, Inc./CN=dn.example'], { env: toolEnv() });
    const [request] = (JSON.parse(cli('inspect', '--json', csr)) as { objects: Array<{ kind: string; subject: string; subjectRfc4514: string }> }).objects;
    expect(request).toMatchObject({ kind: 'csr', subject: DISPLAY, subjectRfc4514: rfc });
    const listed = JSON.parse(cli('keystore', 'list', '--keystore', join(t.dir, 'store.p12'), '--storepass-env', 'STOREPASS', '--json')) as { entries: Array<{ subjectRfc4514: string }> };
    expect(listed.entries.map((e) => e.subjectRfc4514)).toEqual([rfc]);
    const trusted = JSON.parse(cli('trust', 'list', '--store', `pem:${pem}`, '--json')) as { certificates: Array<{ subject: string; subjectRfc4514: string }> };
    expect(trusted.certificates).toMatchObject([{ subject: DISPLAY, subjectRfc4514: rfc }]);
    const scanned = JSON.parse(cli('scan', pem, '--json')) as { findings: Array<{ subject: string; subjectRfc4514: string; issuerRfc4514: string }> };
    expect(scanned.findings).toMatchObject([{ subject: DISPLAY, subjectRfc4514: rfc, issuerRfc4514: rfc }]);
  });
});
