import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/program.js';
import { createServices } from '../../../electron/services/services.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import { captureIo } from '../../helpers/capture-io.js';
import { tempDir, tool } from '../../helpers/inspect-openssl.js';

let dir: string;
let cleanup: () => Promise<void>;
const p = (name: string) => join(dir, name);
const keytoolSha256 = (stdout: string) => /SHA256: ([0-9A-F:]+)/.exec(stdout)![1]!.replace(/:/g, '').toLowerCase();
const kt = (...args: string[]) => tool('keytool', args, dir);

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('keytool'));
  await kt('-genkeypair', '-alias', 'app', '-keyalg', 'EC', '-groupname', 'secp256r1', '-dname', 'CN=keytool.example, O=Java', '-validity', '30',
    '-keystore', p('app.jceks'), '-storetype', 'JCEKS', '-storepass', 'changeit', '-keypass', 'changeit');
  await kt('-exportcert', '-alias', 'app', '-keystore', p('app.jceks'), '-storetype', 'JCEKS', '-storepass', 'changeit', '-file', p('app.der'));
  await kt('-exportcert', '-rfc', '-alias', 'app', '-keystore', p('app.jceks'), '-storetype', 'JCEKS', '-storepass', 'changeit', '-file', p('app.pem'));
  await kt('-importkeystore', '-srckeystore', p('app.jceks'), '-srcstoretype', 'JCEKS', '-srcstorepass', 'changeit',
    '-destkeystore', p('app.p12'), '-deststoretype', 'PKCS12', '-deststorepass', 'changeit', '-srcalias', 'app');
});
afterAll(() => cleanup());

describe('keytool interop both ways', () => {
  it('reads what keytool writes (DER, -rfc PEM, JCEKS, PKCS#12) with the fingerprints keytool prints', async () => {
    const expected = keytoolSha256((await kt('-printcert', '-file', p('app.der'))).stdout);
    const services = await createServices(defaultServiceEnv({ dataDir: dir }));
    for (const file of ['app.der', 'app.pem']) {
      const result = await services.inspect.openFile(p(file));
      expect(result.objects[0]).toMatchObject({ kind: 'certificate', summary: { sha256: expected, subject: 'O=Java, CN=keytool.example' } }); // encoding order; -dname is RFC 2253 (reversed)
    }
    const jceks = await services.inspect.openFile(p('app.jceks'), 'changeit');
    expect(jceks.objects[0]).toMatchObject({ kind: 'keystore', format: 'JCEKS', entries: [{ alias: 'app', type: 'privateKey' }] });
    const p12 = await services.inspect.openFile(p('app.p12'), 'changeit');
    expect(p12.objects.map((o) => o.kind)).toEqual(['pkcs12', 'certificate', 'private-key']);
    expect(p12.objects[1]).toMatchObject({ label: 'app', summary: { sha256: expected } });
  });

  it('keytool -printcert reads what convert writes (DER, PEM, Windows .cer, P7B)', async () => {
    const expected = keytoolSha256((await kt('-printcert', '-file', p('app.der'))).stdout);
    for (const to of ['der', 'pem', 'cer', 'p7b']) {
      const out = p(`written.${to}`);
      expect(await runCli(['convert', p('app.pem'), '--to', to, '--out', out], captureIo())).toBe(0);
      expect(keytoolSha256((await kt('-printcert', '-file', out)).stdout)).toBe(expected);
    }
    expect((await readFile(p('written.cer'), 'utf8')).includes('\r\n')).toBe(true);
  });
});
