import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeysService } from '../../../electron/services/keys/keys-service.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import { CertbenchError } from '../../../shared/errors.js';
import { cli, keysTempDir, run } from '../../helpers/keys-cli.js';

let dir: string;
let cleanup: () => Promise<void>;
const PASS = 'correct horse battery';

beforeAll(async () => ({ dir, cleanup } = await keysTempDir()));
afterAll(() => cleanup());

const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof CertbenchError ? e.code : String(e)));

describe('the key vault across sessions', () => {
  it('lists kept keys without a passphrase, and signs only after unlocking with the right one', async () => {
    const env = defaultServiceEnv({ dataDir: join(dir, 'data') });
    const first = new KeysService(env);
    const made = await first.generate('ec-p384', { encrypt: true, passphrase: PASS });
    const plain = await first.generate('ec-p256', { encrypt: false });
    const later = new KeysService(env);
    const listed = await later.list();
    expect(listed.map((k) => [k.info.id, k.unlocked])).toEqual([[made.info.id, false]]);
    expect(listed[0]!.info.spkiSha256).toBe(made.info.spkiSha256);
    expect(await codeOf(Promise.resolve().then(() => later.get(made.info.id)))).toBe('password-required');
    expect(await codeOf(later.unlock(made.info.id, 'not the passphrase'))).toBe('wrong-password');
    expect(await codeOf(later.unlock(plain.info.id, PASS))).toBe('not-found');
    const unlocked = await later.unlock(made.info.id, PASS);
    expect(unlocked.privateKey.equals(made.privateKey)).toBe(true);
    expect((await later.findBySpki(made.info.spkiSha256))?.unlocked).toBe(true);
  });

  it('opens existing keys through the shared reader and names wrong passphrases precisely', async () => {
    const key = join(dir, 'legacy.pem');
    expect(run('openssl', ['genrsa', '-aes256', '-passout', 'pass:legacy-pass', '-traditional', '-out', key, '2048']).code).toBe(0);
    const wrong = await cli(['csr', 'new', '--subject', 'CN=a.example', '--key', key, '--key-passphrase-env', 'PW', '--out', join(dir, 'a.csr')], { PW: 'nope-nope' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toMatch(/^certbench: .*(password|passphrase)/i);
    const missing = await cli(['csr', 'new', '--subject', 'CN=a.example', '--key', key, '--out', join(dir, 'a.csr')]);
    expect(missing.stderr).toContain('is encrypted: give its passphrase');
    const ok = await cli(['csr', 'new', '--subject', 'CN=a.example', '--key', key, '--key-passphrase-env', 'PW', '--out', join(dir, 'a.csr')], { PW: 'legacy-pass' });
    expect(ok.code, ok.stderr).toBe(0);
  });
});
