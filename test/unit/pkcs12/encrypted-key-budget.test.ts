import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InspectService } from '../../../electron/services/inspect/inspect-service.js';
import { WorkBudget } from '../../../electron/services/pkcs12/work-budget.js';
import { readPrivateKey } from '../../../electron/services/private-keys/read-private-key.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import { ObjectStore } from '../../../electron/services/workspace/object-store.js';
import { errorCodeOf } from '../../helpers/error-code.js';

/** An encrypted PKCS#8 PEM key as openssl writes it, with the iteration count an attacker picks. */
function opensslEncryptedKey(iterations: number): string {
  const plain = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  return execFileSync('openssl', ['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-iter', String(iterations), '-passout', 'pass:k'], { input: plain, env, encoding: 'utf8' });
}

describe('encrypted PKCS#8 keys draw on the work budget', () => {
  // 1.5 M PBKDF2-SHA256 iterations: under the 2 M cap on one count, so only a budget stops a second one.
  const heavy = opensslEncryptedKey(1_500_000);
  const bytes = new TextEncoder().encode(heavy);

  it('a file holds at most one file budget of key derivation: the second heavy key is refused before OpenSSL runs', () => {
    const file = WorkBudget.forRequest().forFile();
    expect(readPrivateKey(bytes, 'k', file).asymmetricKeyType).toBe('ec');
    // Refused by the reservation before the call (a refusal after it would say the derivation "ran past it").
    expect(() => readPrivateKey(bytes, 'k', file)).toThrow(/of 1,500,000 iterations, after 1,500,000 already run.*limit iterationsPerFile/);
  });

  it('a request holds at most its own budget across files', () => {
    const request = WorkBudget.forRequest();
    for (let i = 0; i < 5; i++) readPrivateKey(bytes, 'k', request.forFile());
    expect(errorCodeOf(() => readPrivateKey(bytes, 'k', request.forFile()))).toBe('work-limit');
  });

  it('a wrong passphrase is charged too', () => {
    const file = WorkBudget.forRequest().forFile();
    expect(errorCodeOf(() => readPrivateKey(bytes, 'wrong', file))).toBe('wrong-password');
    expect(errorCodeOf(() => readPrivateKey(bytes, 'k', file))).toBe('work-limit');
  });

  it('inspect of one PEM file with two heavy keys opens the first and names the second as over the limit', async () => {
    const inspect = new InspectService(defaultServiceEnv({ dataDir: '/nonexistent-certbench-test' }), new ObjectStore());
    const result = await inspect.openText(`${heavy}\n${heavy}`, 'k');
    expect(result.objects.map((o) => o.kind)).toEqual(['private-key']);
    expect(result.problems).toEqual([expect.objectContaining({ origin: 'PEM block 2 (ENCRYPTED PRIVATE KEY)', code: 'work-limit' })]);
  });
});
