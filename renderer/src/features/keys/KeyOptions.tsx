import { memo, useState } from 'react';
import { EXTENDED_KEY_USAGES, KEY_USAGES } from '../../../../shared/model/csr-constants.js';
import { KEY_TYPE_INFO, KEY_TYPES, MIN_PASSPHRASE_CHARS, SIGNATURE_HASHES, type KeyType, type SignatureHash } from '../../../../shared/model/keys-constants.js';
import { useShallow } from 'zustand/react/shallow';
import { useKeysStore } from './keys-store.js';

const toggle = <T,>(list: readonly T[], item: T, on: boolean): T[] => (on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item));

/** Key type or existing key, passphrase, signature hash, key usage and EKU. */
export const KeyOptions = memo(function KeyOptions() {
  const { key, keys, spec, passphrase, chooseKey, setSpec, setPassphrase, openKeyFile } = useKeysStore(
    useShallow((s) => ({ key: s.key, keys: s.keys, spec: s.spec, passphrase: s.passphrase, chooseKey: s.chooseKey, setSpec: s.setSpec, setPassphrase: s.setPassphrase, openKeyFile: s.openKeyFile })),
  );
  const value = key.kind === 'new' ? `new:${key.type}` : `key:${key.id}`;
  const pick = (v: string) => chooseKey(v.startsWith('new:') ? { kind: 'new', type: v.slice(4) as KeyType } : { kind: 'existing', id: v.slice(4) });
  const unlocked = keys.filter((k) => k.unlocked);
  return (
    <fieldset className="kc-key">
      <legend>Key and signature</legend>
      <label>
        <span>Key</span>
        <select aria-label="Key" value={value} onChange={(e) => pick(e.target.value)}>
          <optgroup label="Generate a new key">
            {KEY_TYPES.map((t) => (
              <option key={t} value={`new:${t}`}>
                New {KEY_TYPE_INFO[t].label}
              </option>
            ))}
          </optgroup>
          {unlocked.length > 0 ? (
            <optgroup label="Use a key Certbench holds">
              {unlocked.map((k) => (
                <option key={k.info.id} value={`key:${k.info.id}`}>
                  {k.info.label}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </label>
      <button type="button" onClick={() => void openKeyFile()}>
        Use a key file…
      </button>
      <PendingKey />
      {key.kind === 'new' ? (
        <label>
          <span>Key passphrase</span>
          <input type="password" aria-label="Key passphrase" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
          <span className="hint">At least {MIN_PASSPHRASE_CHARS} characters; the key is kept encrypted (AES-256, PBKDF2).</span>
        </label>
      ) : null}
      <label>
        <span>Signature hash</span>
        <select aria-label="Signature hash" value={spec.hash} onChange={(e) => setSpec({ hash: e.target.value as SignatureHash })}>
          {SIGNATURE_HASHES.map((h) => (
            <option key={h}>{h}</option>
          ))}
        </select>
      </label>
      <div className="kc-usages" role="group" aria-label="Key usage">
        {KEY_USAGES.map((u) => (
          <label key={u} className="inline">
            <input type="checkbox" checked={spec.keyUsage.includes(u)} onChange={(e) => setSpec({ keyUsage: toggle(spec.keyUsage, u, e.target.checked) })} /> {u}
          </label>
        ))}
      </div>
      <div className="kc-usages" role="group" aria-label="Extended key usage">
        {EXTENDED_KEY_USAGES.map((u) => (
          <label key={u} className="inline">
            <input type="checkbox" checked={spec.extendedKeyUsage.includes(u)} onChange={(e) => setSpec({ extendedKeyUsage: toggle(spec.extendedKeyUsage, u, e.target.checked) })} /> {u}
          </label>
        ))}
      </div>
    </fieldset>
  );
});

/** Asks for the passphrase of an encrypted key file the user picked. */
function PendingKey() {
  const { pendingKeyPath, openPendingKey } = useKeysStore(useShallow((s) => ({ pendingKeyPath: s.pendingKeyPath, openPendingKey: s.openPendingKey })));
  const [passphrase, setPassphrase] = useState('');
  if (!pendingKeyPath) return null;
  return (
    <label>
      <span>Passphrase of {pendingKeyPath}</span>
      <input type="password" aria-label="Passphrase of the key file" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      <button type="button" onClick={() => void openPendingKey(passphrase)}>
        Open key
      </button>
    </label>
  );
}
