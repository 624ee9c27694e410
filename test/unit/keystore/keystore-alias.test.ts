import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freeAlias, normalizeAlias, suggestAlias } from '../../../electron/services/keystore/keystore-alias.js';
import { readKeystore } from '../../../electron/services/keystore/keystore-reader.js';

describe('keystore aliases', () => {
  it('lower-cases like keytool and keeps hostile text literal', () => {
    expect(normalizeAlias('My CA; $(id) "x"')).toBe('my ca; $(id) "x"');
    expect(normalizeAlias('-Leading')).toBe('-leading');
    expect(() => normalizeAlias('')).toThrow(/empty/);
    expect(() => normalizeAlias('a\nb')).toThrow(/control/);
  });

  it('suggests an alias from the subject CN', async () => {
    const store = await readKeystore(new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures/keystore/truststore.jks'))));
    const der = store.entries.find((e) => e.alias === 'cordarootca')!.certificates[0]!.der;
    expect(suggestAlias(der)).toBe('corda_node_root_ca');
  });

  it('finds the first free numbered alias', () => {
    expect(freeAlias('root', new Set())).toBe('root');
    expect(freeAlias('root', new Set(['root', 'root-2']))).toBe('root-3');
  });
});
