import { ExpiryBadge } from '../../components/ExpiryBadge.js';
import { daysLeft } from '../../../../shared/pki/expiry.js';
import { useTrustStore } from './trust-store.js';

/** The selected store's certificates: search, expiry badges, role, and a Remove that plans first. */
export function StoreListing() {
  const { stores, selected, selectedInfo, listing, search, setSearch, planAddFromDialog, planRemove } = useTrustStore();
  const store = selectedInfo ?? stores.find((s) => s.id === selected);
  if (!selected) return <p className="empty">Pick a store to see what it trusts.</p>;
  const needle = search.trim().toLowerCase();
  const rows = needle
    ? listing.filter((c) => `${c.subject} ${c.sha256} ${c.label ?? ''}`.toLowerCase().includes(needle))
    : listing;
  const now = new Date();
  return (
    <div className="trust-listing">
      <header className="trust-header">
        <h1>{store?.displayName ?? selected}</h1>
        {store?.unreadable ? (
          <p className="trust-warning" role="alert" data-unreadable>
            Cannot be read: {store.unreadable}
          </p>
        ) : (
          <span className="hint">
            {listing.length} certificate(s){store?.readOnly ? ' · read-only here' : ''}
          </span>
        )}
        {store?.readOnly || (store?.unreadable && !store.creatable) ? null : (
          <button type="button" onClick={() => void planAddFromDialog()}>
            {store?.creatable ? 'Create database and add…' : 'Add certificate…'}
          </button>
        )}
        <input type="search" aria-label="Search certificates" placeholder="Search subject or fingerprint" value={search} onChange={(e) => setSearch(e.target.value)} />
      </header>
      <table className="trust-table" aria-label="Certificates in store">
        <thead>
          <tr>
            <th>Subject</th>
            <th>Role</th>
            <th>Trust</th>
            <th>Expiry</th>
            <th>SHA-256</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={`${c.sha256}-${c.label ?? ''}`} data-sha256={c.sha256}>
              <td className="trust-subject">
                {c.subject}
                {c.label ? <span className="hint"> · {c.label}</span> : null}
              </td>
              <td>{c.role}</td>
              <td data-trust={c.trust}>
                {c.trust}
                {c.trustText ? <span className="hint"> {c.trustText}</span> : null}
              </td>
              <td>
                <ExpiryBadge status={c.expiry} daysLeft={daysLeft(new Date(c.notAfter), now)} />
              </td>
              <td>
                <code className="trust-sha">{c.sha256.slice(0, 16)}…</code>
              </td>
              <td className="trust-actions">
                {c.removable && !store?.readOnly ? (
                  <button type="button" className="danger" onClick={() => void planRemove(selected, c.sha256)} aria-label={`Remove ${c.subject}`}>
                    Remove…
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
