import { useState } from 'react';
import { FIXED_STORE_IDS, type FixedStoreId } from '../../../../shared/model/trust-store-ids.js';
import { storeLabel } from './store-names.js';
import { useTrustStore, type FleetFormat } from './trust-store.js';

const FORMATS: readonly { value: FleetFormat; label: string }[] = [
  { value: 'mobileconfig', label: 'macOS configuration profile (.mobileconfig)' },
  { value: 'powershell', label: 'Windows PowerShell (Intune, GPO, SCCM)' },
  { value: 'ansible', label: 'Ansible playbook (Debian, RHEL)' },
  { value: 'shell', label: 'POSIX shell script' },
];

/** Fleet export of the trust map's certificate: preview the generated file, then save it. */
export function FleetPanel() {
  const { map, fleet, exportFleet, subject, planAdd } = useTrustStore();
  const [format, setFormat] = useState<FleetFormat>('mobileconfig');
  const [storeId, setStoreId] = useState<FixedStoreId>('windows-machine-root');
  if (!map) return null;
  return (
    <section className="trust-panel" aria-label="Fleet export">
      <header className="trust-header">
        <h2>Fleet export</h2>
        <select aria-label="Fleet format" value={format} onChange={(e) => setFormat(e.target.value as FleetFormat)}>
          {FORMATS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void exportFleet(format, false)}>
          Preview
        </button>
        <button type="button" onClick={() => void exportFleet(format, true)}>
          Save…
        </button>
      </header>
      <div className="trust-header">
        {/* The exact steps for one store of any OS (a Windows colleague's certlm store seen from Linux): shown, never run here. */}
        <select aria-label="Store on any OS" value={storeId} onChange={(e) => setStoreId(e.target.value as FixedStoreId)}>
          {FIXED_STORE_IDS.map((id) => (
            <option key={id} value={id}>
              {storeLabel({ id, displayName: id })}
            </option>
          ))}
        </select>
        <button type="button" disabled={!subject} onClick={() => subject && void planAdd(storeId, subject)}>
          Show the steps
        </button>
      </div>
      {fleet ? (
        <>
          {fleet.warnings.map((w) => (
            <p key={w} className="trust-warning">
              {w}
            </p>
          ))}
          <p className="hint">{fleet.fileName}</p>
          <pre className="trust-fleet-preview" aria-label="Fleet export preview">
            {fleet.content}
          </pre>
        </>
      ) : null}
    </section>
  );
}
