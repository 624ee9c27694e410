import { useState } from 'react';
import type { StoreInfo } from '../../../../shared/model/trust.js';
import { storeNames } from './store-names.js';
import { useTrustStore } from './trust-store.js';

const KIND_LABEL: Record<StoreInfo['kind'], string> = {
  windows: 'Windows',
  macos: 'macOS',
  linux: 'Linux',
  nss: 'NSS',
  'pem-bundle': 'PEM bundle',
  java: 'Java',
};

/** The stores found on this machine, plus any NSS directory or PEM bundle the user names. */
export function StorePicker() {
  const { stores, selected, select, addStore } = useTrustStore();
  const [kind, setKind] = useState<'nss' | 'pem'>('nss');
  const [path, setPath] = useState('');
  return (
    <aside className="trust-stores">
      <h2>Stores</h2>
      <ul className="trust-store-list" aria-label="Trust stores on this machine">
        {stores.map((s) => {
          const names = storeNames(s);
          return (
            <li key={s.id} className={s.id === selected ? 'selected' : ''}>
              <button type="button" className="trust-store-button" onClick={() => void select(s.id)} aria-pressed={s.id === selected}>
                <span className="trust-store-kind">{KIND_LABEL[s.kind]}</span>
                <span className="trust-store-name">{names.name}</span>
                <span className="hint trust-technical-name">{names.technical}</span>
                <span className="hint">{s.unreadable ? `cannot be read: ${s.unreadable}` : s.detail}</span>
              </button>
            </li>
          );
        })}
        {stores.length === 0 ? <li className="hint">No stores found yet.</li> : null}
      </ul>
      <form
        className="trust-add-store"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) void addStore(`${kind}:${path.trim()}`);
          setPath('');
        }}
      >
        <select aria-label="Store type" value={kind} onChange={(e) => setKind(e.target.value as 'nss' | 'pem')}>
          <option value="nss">NSS database directory</option>
          <option value="pem">PEM bundle file</option>
        </select>
        <input aria-label="Store path" placeholder="/path" value={path} onChange={(e) => setPath(e.target.value)} />
        <button type="submit">Open store</button>
      </form>
    </aside>
  );
}
