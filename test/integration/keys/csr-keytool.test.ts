import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keytoolKeyPairArgs } from '../../../electron/services/csr/keytool-csr.js';
import { KeystoreService } from '../../../electron/services/keystore/keystore-service.js';
import { PASSWORD_VARS } from '../../../electron/services/keystore/keytool-runner.js';
import { NodeProcessRunner, type ProcessRequest } from '../../../electron/services/process/process-runner.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
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
  it('builds keytool argv on the given store tail with an escaped -dname', () => {
    const store = ['-keystore', '/k s/a.p12', '-storetype', 'PKCS12', '-storepass:env', 'CERTBENCH_KS_STOREPASS'];
    const args = keytoolKeyPairArgs({ alias: 'web', keyType: 'ec-p256', plan }, store, '/o/a.csr');
    expect(args.genkeypair).toEqual([
      '-genkeypair', ...store, '-alias', 'web', '-noprompt',
      '-keyalg', 'EC', '-groupname', 'secp256r1', '-sigalg', 'SHA256withECDSA',
      '-dname', 'CN=java.example, O=Acme\\, Inc., C=DE', '-ext', 'SAN=dns:java.example,ip:10.0.0.9', '-validity', '90',
    ]);
    expect(args.certreq).toEqual(['-certreq', ...store, '-alias', 'web', '-noprompt', '-sigalg', 'SHA256withECDSA', '-ext', 'SAN=dns:java.example,ip:10.0.0.9', '-file', '/o/a.csr']);
  });

  it('runs keytool with an English locale, the password only in the environment and no JAVA_TOOL_OPTIONS', async () => {
    const seen: ProcessRequest[] = [];
    const real = new NodeProcessRunner();
    const runner = { run: (r: ProcessRequest) => (seen.push(r), real.run(r)) };
    const env = defaultServiceEnv({ dataDir: join(dir, 'data'), runner, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', JAVA_TOOL_OPTIONS: '-Dx=1', _JAVA_OPTIONS: '' } });
    const made = await new KeystoreService(env).generateKeyPair({ path: join(dir, 'env.p12'), password: 'secret-pw' }, { alias: 'web', keyType: 'rsa-2048', plan });
    expect(made.csrPem).toMatch(/^-----BEGIN NEW CERTIFICATE REQUEST-----/);
    expect(seen.map((r) => r.args[0])).toEqual(['-genkeypair', '-certreq']);
    for (const r of seen) {
      expect(r.args.join(' ')).not.toContain('secret-pw');
      expect(r.args).toEqual(expect.arrayContaining(['-J-Duser.language=en', '-storepass:env', PASSWORD_VARS.store]));
      expect(r.env?.[PASSWORD_VARS.store]).toBe('secret-pw');
      expect(r.env).not.toHaveProperty('JAVA_TOOL_OPTIONS');
      expect(r.env).not.toHaveProperty('_JAVA_OPTIONS');
    }
  });

  it('makes a key pair and a CSR with real keytool that openssl and keytool verify', async () => {
    const out = join(dir, 'java.csr');
    const r = await cli(['csr', 'java', '--keystore', join(dir, 'app.p12'), '--alias', 'web', '--storepass-env', 'STORE_PW', '--subject', 'CN=java.example,O=Acme\\, Inc.', '--san', 'dns:www.java.example', '--type', 'ec-p384', '--out', out, '--yes'], PW);
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
    const wrong = await cli(['csr', 'java', '--keystore', join(dir, 'app.p12'), '--alias', 'other', '--storepass-env', 'BAD', '--subject', 'CN=x.example', '--out', join(dir, 'x.csr'), '--yes'], { BAD: 'wrong-password' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe('certbench: keystore password was incorrect; check the password given with --storepass-env\n');
    await writeFile(join(dir, 'taken.csr'), 'keep');
    const taken = await cli(['csr', 'java', '--keystore', join(dir, 'app2.p12'), '--alias', 'web', '--storepass-env', 'STORE_PW', '--subject', 'CN=x.example', '--out', join(dir, 'taken.csr'), '--yes'], PW);
    expect(taken.stderr).toContain('already exists');
  });
});
