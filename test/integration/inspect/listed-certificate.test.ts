import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../electron/ipc/dispatch.js';
import { createHandlers } from '../../../electron/ipc/handler-map.js';
import { createServices, type Services } from '../../../electron/services/services.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import { describeCertificate } from '../../../shared/pki/certificate-detail.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { findPemBlocks } from '../../../shared/pki/pem.js';
import { grantedContext } from '../../helpers/granted-context.js';
import { toolEnv } from '../../helpers/inspect-openssl.js';

const run = promisify(execFile);
const dialogs = { openFiles: async () => ({ paths: [] }), saveFile: async () => ({ path: null }), confirm: async () => false };

/**
 * keystore.certificate and trust.certificate: the detail pane of the keystore and trust workspaces
 * gets a listed certificate opened as Inspect opens one, described by Inspect's describer, and
 * nothing of the key pair's private key.
 */
describe('a listed certificate opened for the detail pane', () => {
  let dir: string;
  let services: Services;
  let dispatch: ReturnType<typeof createDispatch>;
  let der: Uint8Array;
  let keyPem: string;
  let pfx: string;
  let bundle: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certbench-listed-'));
    const [key, cert] = [join(dir, 'leaf.key'), join(dir, 'leaf.pem')];
    await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '30', '-keyout', key, '-out', cert,
      '-subj', '/CN=listed.example/O=Certbench Test', '-addext', 'subjectAltName=DNS:listed.example'], { env: toolEnv() });
    pfx = join(dir, 'store.p12');
    await run('openssl', ['pkcs12', '-export', '-in', cert, '-inkey', key, '-name', 'leaf', '-out', pfx, '-passout', 'pass:store-pass'], { env: toolEnv() });
    bundle = cert;
    const pem = await readFile(cert, 'utf8');
    der = findPemBlocks(pem)[0]!.der;
    keyPem = await readFile(key, 'utf8');
    services = await createServices(defaultServiceEnv({ dataDir: join(dir, 'data') }));
    dispatch = createDispatch(createHandlers(services, { version: 'test', platform: 'linux' }, dialogs));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const ctx = () => grantedContext({ opened: [pfx, bundle] });

  it("gives a keystore key pair's certificate with Inspect's detail, and none of the private key", async () => {
    const result = await dispatch('keystore.certificate', { store: { path: pfx, password: 'store-pass' }, sha256: sha256Hex(der) }, ctx());
    if (!result.ok) throw new Error(result.error.message);
    const { certificate, detail } = result.value as { certificate: { id: string; label?: string; summary: { sha256: string } }; detail: unknown };
    expect(certificate.label).toBe('leaf');
    expect(certificate.summary.sha256).toBe(sha256Hex(der));
    expect(detail).toEqual(describeCertificate(der, services.env.now()));
    // The id is an opened certificate: later calls (the trust map) use it like an Inspect object.
    expect(services.store.getKind(certificate.id, 'certificate').der).toEqual(der);
    const text = JSON.stringify(result.value);
    const keyBody = keyPem.replace(/-----[^-]+-----|\s/g, '');
    expect(text).not.toContain('PRIVATE KEY');
    expect(text).not.toContain(keyBody.slice(40, 100));
  });

  it("gives a trust store's certificate the same way", async () => {
    const result = await dispatch('trust.certificate', { storeId: `pem:${bundle}`, sha256: sha256Hex(der) }, ctx());
    if (!result.ok) throw new Error(result.error.message);
    expect((result.value as { detail: unknown }).detail).toEqual(describeCertificate(der, services.env.now()));
  });

  it('says the store no longer holds a certificate it does not hold, and refuses a store the window was not given', async () => {
    const missing = await dispatch('keystore.certificate', { store: { path: pfx, password: 'store-pass' }, sha256: '0'.repeat(64) }, ctx());
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const refused = await dispatch('trust.certificate', { storeId: `pem:${bundle}`, sha256: sha256Hex(der) }, grantedContext({}));
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden-path' } });
  });
});
