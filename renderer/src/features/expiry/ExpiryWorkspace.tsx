import { useMemo, useState } from 'react';
import type { ScanFinding, ScanKind } from '../../../../shared/model/scan.js';
import { useExpiryStore, visibleFindings } from './expiry-store.js';
import './expiry.css';

const KINDS: readonly { value: ScanKind | 'all'; label: string }[] = [
  { value: 'all', label: 'Everything' },
  { value: 'file', label: 'Files' },
  { value: 'keystore', label: 'Keystores' },
  { value: 'trust-store', label: 'Trust stores' },
  { value: 'endpoint', label: 'Endpoints' },
];
const DAY_MS = 86_400_000;

/** Expiry: every certificate Certbench sees on this machine, soonest first, with filters, export and renewal. */
export function ExpiryWorkspace() {
  const { report, filters, runningTask, setFilters, scan, cancel, remember, exportCsv, renew } = useExpiryStore();
  const rows = useMemo(() => visibleFindings(report, filters), [report, filters]);
  const [folder, setFolder] = useState('');
  const [endpoint, setEndpoint] = useState('');

  return (
    <section className="workspace expiry" aria-label="Expiry">
      <div className="expiry-toolbar">
        <button type="button" className="primary" onClick={() => void scan()} disabled={runningTask !== null}>
          {report ? 'Scan again' : 'Scan this machine'}
        </button>
        {runningTask ? (
          <button type="button" onClick={() => void cancel()}>
            Cancel scan
          </button>
        ) : null}
        <label>
          Window (days)
          <input type="number" min={0} max={36500} value={filters.windowDays} onChange={(e) => setFilters({ windowDays: Math.max(0, Number(e.target.value) || 0) })} />
        </label>
        <label>
          Kind
          <select value={filters.kind} onChange={(e) => setFilters({ kind: e.target.value as ScanKind | 'all' })}>
            {KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Where
          <input type="search" placeholder="path, alias, store, host" value={filters.where} onChange={(e) => setFilters({ where: e.target.value })} />
        </label>
        <label className="inline">
          <input type="checkbox" checked={filters.attentionOnly} onChange={(e) => setFilters({ attentionOnly: e.target.checked })} />
          Only expired or inside the window
        </label>
        <button type="button" onClick={() => void exportCsv(rows)} disabled={rows.length === 0}>
          Export CSV…
        </button>
      </div>
      <form
        className="expiry-remember"
        aria-label="Watch more places"
        onSubmit={(e) => {
          e.preventDefault();
          void remember(folder.trim() ? [folder.trim()] : [], endpoint.trim() ? [endpoint.trim()] : []);
          setFolder('');
          setEndpoint('');
        }}
      >
        <label>
          Folder to watch
          <input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/etc/pki/appliance" />
        </label>
        <label>
          Endpoint to watch
          <input value={endpoint} onChange={(e) => setEndpoint(e.target.value)} placeholder="host:443" />
        </label>
        <button type="submit" disabled={!folder.trim() && !endpoint.trim()}>
          Remember and scan
        </button>
      </form>
      {report ? (
        <p className="expiry-summary" role="status">
          {summary(rows, filters.windowDays)} {report.problems.length ? `${report.problems.length} place(s) skipped.` : ''}
        </p>
      ) : (
        <p className="expiry-summary">Scan to list every certificate in this machine&apos;s trust stores, JDK cacerts, NSS databases and the places you watch.</p>
      )}
      {rows.length > 0 ? (
        <table className="expiry-table" aria-label="Certificates by days left">
          <thead>
            <tr>
              <th scope="col">Days left</th>
              <th scope="col">Expires</th>
              <th scope="col">Kind</th>
              <th scope="col">Where</th>
              <th scope="col">Subject</th>
              <th scope="col">Key</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => (
              <tr key={`${f.where} ${f.sha256}`} data-sha256={f.sha256} data-status={statusIn(f, filters.windowDays)}>
                <td className="days">{f.daysLeft}</td>
                <td>{f.notAfter.slice(0, 10)}</td>
                <td>{f.kind}</td>
                <td className="where">{f.where}</td>
                <td className="subject">{f.subject}</td>
                <td>{f.keyType}</td>
                <td>
                  <button type="button" onClick={() => void renew(f)} aria-label={`Renew ${f.subject} from ${f.where}`}>
                    Renew…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function statusIn(f: ScanFinding, windowDays: number): string {
  const left = Date.parse(f.notAfter) - Date.now();
  if (left < 0) return 'expired';
  return left <= windowDays * DAY_MS ? 'expiring' : 'ok';
}

function summary(rows: readonly ScanFinding[], windowDays: number): string {
  const expired = rows.filter((f) => statusIn(f, windowDays) === 'expired').length;
  const expiring = rows.filter((f) => statusIn(f, windowDays) === 'expiring').length;
  return `${rows.length} certificate(s) shown: ${expired} expired, ${expiring} expiring within ${windowDays} days.`;
}
