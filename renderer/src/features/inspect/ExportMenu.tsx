import { useState } from 'react';
import type { ExportFormat } from '../../../../shared/model/convert.js';
import type { InspectedObject } from '../../../../shared/model/inspected-object.js';
import type { ExportOptions } from './inspect-store.js';

const FORMATS: readonly { value: ExportFormat; label: string }[] = [
  { value: 'pem', label: 'PEM (certificates; key encrypted beside them)' },
  { value: 'der', label: 'DER (one certificate)' },
  { value: 'p7b', label: 'PKCS#7 .p7b' },
  { value: 'pfx', label: 'PKCS#12 .pfx' },
  { value: 'cer', label: 'Base-64 X.509 .cer (Windows)' },
];

/** The export menu for the selected object: format, chain order, PFX profile and password. */
export function ExportMenu({ selected, anyOpened, onExport }: { selected: InspectedObject | null; anyOpened: boolean; onExport(options: ExportOptions): void }) {
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<ExportFormat>('pem');
  const [pfxProfile, setProfile] = useState<'modern' | 'legacy'>('modern');
  const [password, setPassword] = useState('');
  const [order, setOrder] = useState(true);
  const [unencryptedKey, setUnencrypted] = useState(false);
  const [everything, setEverything] = useState(false);
  const [split, setSplit] = useState(false);
  const exportable = (selected !== null && selected.kind !== 'csr' && selected.kind !== 'public-key') || anyOpened;
  return (
    <div className="export-menu">
      <button type="button" aria-expanded={open} disabled={!exportable} onClick={() => setOpen((o) => !o)}>
        Export…
      </button>
      {open && exportable ? (
        <form
          className="export-panel"
          aria-label="Export"
          onSubmit={(e) => {
            e.preventDefault();
            onExport({ format, order, pfxProfile, password, unencryptedKey, everything, split });
            setPassword('');
            setOpen(false);
          }}
        >
          <label>
            Format
            <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
              {FORMATS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          {format === 'pfx' ? (
            <label>
              Compatibility
              <select value={pfxProfile} onChange={(e) => setProfile(e.target.value as 'modern' | 'legacy')}>
                <option value="modern">Modern (AES-256, SHA-256 MAC)</option>
                <option value="legacy">Legacy compatible (3DES, SHA-1 MAC: Windows Server 2016, macOS ≤ 12, Android ≤ 12)</option>
              </select>
            </label>
          ) : null}
          <label>
            {format === 'pfx' ? 'PFX password' : 'Key passphrase'}
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
          </label>
          {format === 'pem' ? (
            <label className="inline">
              <input type="checkbox" checked={unencryptedKey} onChange={(e) => setUnencrypted(e.target.checked)} /> Write the key unencrypted
            </label>
          ) : null}
          <label className="inline">
            <input type="checkbox" checked={everything} onChange={(e) => setEverything(e.target.checked)} /> All opened certificates in one bundle
          </label>
          <label className="inline">
            <input type="checkbox" checked={order} onChange={(e) => setOrder(e.target.checked)} /> Order leaf → root
          </label>
          {format === 'pfx' ? null : (
            <label className="inline">
              <input type="checkbox" checked={split} onChange={(e) => setSplit(e.target.checked)} /> One file per certificate (into a new folder)
            </label>
          )}
          <button type="submit">Save…</button>
        </form>
      ) : null}
    </div>
  );
}
