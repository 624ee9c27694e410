import { memo, useState } from 'react';
import { EXTENDED_KEY_USAGES, KEY_USAGES } from '../../../../shared/model/csr-constants.js';
import { KEY_TYPE_INFO, KEY_TYPES, MIN_PASSPHRASE_CHARS, SIGNATURE_HASHES, type KeyType, type SignatureHash } from '../../../../shared/model/keys-constants.js';
import { useShallow } from 'zustand/react/shallow';
import { useKeysStore, type KeytoolKeyType } from './keys-store.js';

const KEYTOOL_KEY_TYPES = KEY_TYPES.filter((t): t is KeytoolKeyType => t !== 'ed25519');

const toggle = <T,>(list: readonly T[], item: T, on: boolean): T[] => (on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item));

/** Key type or existing key, passphrase, signature hash, key usage and EKU. */
export const KeyOptions = memo(function KeyOptions() {
  const { key, passphrase, setPassphrase } = useKeysStore(useShallow((s) => ({ key: s.key, passphrase: s.passphrase, setPassphrase: s.setPassphrase })));
  const { spec, setSpec } = useKeysStore(useShallow((s) => ({ spec: s.spec, setSpec: s.setSpec })));
  return (
    <fieldset className="kc-key">
      <legend>Key and signature</legend>
      <KeyDestination />
      {key.kind === 'keystore' ? <KeystoreKey /> : <CertbenchKey />}
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

/** Where the key is made and kept: by Certbench (an encrypted key file), or by keytool in a Java keystore. */
function KeyDestination() {
  const { key, chooseKey } = useKeysStore(useShallow((s) => ({ key: s.key, chooseKey: s.chooseKey })));
  const pick = (destination: string) => {
    if (destination === (key.kind === 'keystore' ? 'keystore' : 'certbench')) return;
    if (destination === 'certbench') chooseKey({ kind: 'new', type: key.kind === 'keystore' ? key.type : 'ec-p256' });
    else chooseKey({ kind: 'keystore', type: key.kind === 'new' && key.type !== 'ed25519' ? key.type : 'ec-p256', path: null, alias: '' });
  };
  return (
    <label>
      <span>Key destination</span>
      <select aria-label="Key destination" value={key.kind === 'keystore' ? 'keystore' : 'certbench'} onChange={(e) => pick(e.target.value)}>
        <option value="certbench">Kept by Certbench (key file)</option>
        <option value="keystore">In a Java keystore (keytool)</option>
      </select>
    </label>
  );
}

/** A new key or one Certbench holds (opened from a file, or made earlier). */
function CertbenchKey() {
  const { key, keys, chooseKey, openKeyFile } = useKeysStore(useShallow((s) => ({ key: s.key, keys: s.keys, chooseKey: s.chooseKey, openKeyFile: s.openKeyFile })));
  const value = key.kind === 'existing' ? `key:${key.id}` : `new:${key.type}`;
  const pick = (v: string) => chooseKey(v.startsWith('new:') ? { kind: 'new', type: v.slice(4) as KeyType } : { kind: 'existing', id: v.slice(4) });
  const unlocked = keys.filter((k) => k.unlocked);
  return (
    <>
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
    </>
  );
}

/** keytool's new key pair: its type, the keystore (an existing one from main's open dialog, or a new one from its save dialog) and the alias. */
function KeystoreKey() {
  const { key, chooseKey, chooseKeystore, newKeystore, setKeystoreAlias } = useKeysStore(
    useShallow((s) => ({ key: s.key, chooseKey: s.chooseKey, chooseKeystore: s.chooseKeystore, newKeystore: s.newKeystore, setKeystoreAlias: s.setKeystoreAlias })),
  );
  if (key.kind !== 'keystore') return null;
  return (
    <>
      <label>
        <span>Key type</span>
        <select aria-label="Key type" value={key.type} onChange={(e) => chooseKey({ ...key, type: e.target.value as KeytoolKeyType })}>
          {KEYTOOL_KEY_TYPES.map((t) => (
            <option key={t} value={t}>
              New {KEY_TYPE_INFO[t].label}
            </option>
          ))}
        </select>
      </label>
      <div className="kc-keystore" role="group" aria-label="Keystore">
        <span>Keystore</span>
        <span className="kc-keystore-path" data-testid="keystore-path">
          {key.path ?? 'none chosen'}
        </span>
        <span className="kc-keystore-actions">
          <button type="button" onClick={() => void chooseKeystore()}>
            Choose keystore…
          </button>
          <button type="button" onClick={() => void newKeystore()}>
            New keystore…
          </button>
        </span>
      </div>
      <label>
        <span>Alias</span>
        <input aria-label="Alias in the keystore" value={key.alias} onChange={(e) => setKeystoreAlias(e.target.value)} autoComplete="off" />
      </label>
    </>
  );
}

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
