import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keytoolCsr, keytoolCsrArgs } from '../../../electron/services/csr/keytool-csr.js';
import type { ProcessRequest } from '../../../electron/services/process/process-runner.js';
import { planCsr } from '../../../shared/csr/plan.js';
import { describeKeyType } from '../../../shared/model/keys-constants.js';
import { cli, keysTempDir, opensslCsr, run } from '../../helpers/keys-cli.js';

let dir: string;
let cleanup: () => Promise<void>;
const PW = { STORE_PW: 'store-secret-1' };

beforeAll(async () => ({ dir, cleanup } = await keysTempDir()));
afterAll(() => cleanup());

const plan = planCsr(
  { subject: { CN: 'java.example', O: 'Acme, Inc.', C: 'DE' }, sans: [{ type: 'ip', value: '10.0.0.9' }], addCnToSan: true, hash: 'SHA-256', keyUsage: ['digitalSignature'], extendedKeyUsage: ['serverAuth'] },
  describeKeyType('ec-p256'),
);

describe('CSR from a Java keystore key pair', () => {
  it('builds keytool argv with an English locale, -storepass:env and escaped -dname', () => {
    const args = keytoolCsrArgs({ keystore: '/k s/a.p12', alias: 'web', storePassword: 'secret-pw', keyType: 'ec-p256', plan, csrPath: '/o/a.csr' });
    expect(args.genkeypair).toEqual([
      '-J-Duser.language=en', '-J-Duser.country=US', '-genkeypair',
      '-keystore', '/k s/a.p12', '-storetype', 'PKCS12', '-storepass:env', 'CERTBENCH_STOREPASS', '-alias', 'web', '-noprompt',
      '-keyalg', 'EC', '-groupname', 'secp256r1', '-sigalg', 'SHA256withECDSA',
      '-dname', 'CN=java.example, O=Acme\\, Inc., C=DE', '-ext', 'SAN=dns:java.example,ip:10.0.0.9', '-validity', '90',
    ]);
    expect(args.certreq).toEqual([
      '-J-Duser.language=en', '-J-Duser.country=US', '-certreq',
      '-keystore', '/k s/a.p12', '-storetype', 'PKCS12', '-storepass:env', 'CERTBENCH_STOREPASS', '-alias', 'web', '-noprompt',
      '-sigalg', 'SHA256withECDSA', '-ext', 'SAN=dns:java.example,ip:10.0.0.9', '-file', '/o/a.csr',
    ]);
  });

  it('passes the password only in the environment and drops JAVA_TOOL_OPTIONS', async () => {
    const seen: ProcessRequest[] = [];
    const runner = { run: async (r: ProcessRequest) => (seen.push(r), { exitCode: 0, stdout: '', stderr: '' }) };
    await keytoolCsr(runner, { JAVA_TOOL_OPTIONS: '-Dx=1', _JAVA_OPTIONS: '', PATH: '/usr/bin' }, { keystore: 'a.p12', alias: 'web', storePassword: 'secret-pw', keyType: 'rsa-2048', plan, csrPath: 'a.csr' });
    expect(seen.map((r) => r.file)).toEqual(['keytool', 'keytool']);
    for (const r of seen) {
      expect(r.args.join(' ')).not.toContain('secret-pw');
      expect(r.env).toEqual({ PATH: '/usr/bin', CERTBENCH_STOREPASS: 'secret-pw' });
    }
    expect(seen[0]!.args).toContain('-keysize');
  });

  it('makes a key pair and a CSR with real keytool that openssl and keytool verify', async () => {
    const out = join(dir, 'java.csr');
    const r = await cli(['csr', 'java', '--keystore', join(dir, 'app.p12'), '--alias', 'web', '--storepass-env', 'STORE_PW', '--subject', 'CN=java.example,O=Acme\\, Inc.', '--san', 'dns:www.java.example', '--type', 'ec-p384', '--out', out], PW);
    expect(r.code, r.stderr).toBe(0);
    const csr = opensslCsr(out);
    expect(csr.verified).toBe(true);
    expect(csr.subject).toBe('CN=java.example,O=Acme\\, Inc.');
    expect(csr.sans).toEqual(['DNS:java.example', 'DNS:www.java.example']);
    expect(csr.keyLine).toContain('(384 bit)');
    const printed = run('keytool', ['-J-Duser.language=en', '-printcertreq', '-file', out]);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('DNSName: www.java.example');
    const listed = run('keytool', ['-J-Duser.language=en', '-list', '-keystore', join(dir, 'app.p12'), '-storepass:env', 'STORE_PW'], PW);
    expect(listed.stdout).toMatch(/web, .*PrivateKeyEntry/);
  });

  it('reports keytool failures as one clear line and never overwrites a CSR', async () => {
    const wrong = await cli(['csr', 'java', '--keystore', join(dir, 'app.p12'), '--alias', 'other', '--storepass-env', 'BAD', '--subject', 'CN=x.example', '--out', join(dir, 'x.csr')], { BAD: 'wrong-password' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe('certbench: keytool: keystore password was incorrect; check the password given with --storepass-env\n');
    await writeFile(join(dir, 'taken.csr'), 'keep');
    const taken = await cli(['csr', 'java', '--keystore', join(dir, 'app2.p12'), '--alias', 'web', '--storepass-env', 'STORE_PW', '--subject', 'CN=x.example', '--out', join(dir, 'taken.csr')], PW);
    expect(taken.stderr).toContain('already exists');
  });
});
