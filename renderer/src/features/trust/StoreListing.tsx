import { useMemo, useState } from 'react';
import type { TrustEntry } from '../../../../shared/model/trust.js';
import { CertificateDetail } from '../../components/CertificateDetail.js';
import { DataGrid, type GridColumn } from '../../components/DataGrid.js';
import { ExpiryBadge } from '../../components/ExpiryBadge.js';
import { ExpiryFilter, passesExpiry, type ExpiryFilterValue } from '../../components/ExpiryFilter.js';
import { dateOnly, issuedBy, issuedTo } from '../../components/certificate-names.js';
import { daysLeft } from '../../../../shared/pki/expiry.js';
import { storeNames } from './store-names.js';
import { certificateKey, useTrustStore } from './trust-store.js';

/** A listing row: one entry of the store, with its days left counted once. */
interface Row {
  readonly entry: TrustEntry;
  readonly key: string;
  readonly daysLeft: number;
}

const TRUST_TEXT: Readonly<Record<TrustEntry['trust'], string>> = { trusted: 'Trusted', untrusted: 'Present, not trusted', distrusted: 'Distrusted' };

/**
 * Fixed widths only where the content has a known width (a date badge); the rest share the free
 * width down to their header's width, so all six columns fit beside the store list at 1024×640.
 */
const COLUMNS: readonly GridColumn<Row>[] = [
  { id: 'issuedTo', label: 'Issued to', isRowHeader: true, width: '1.5fr', text: (r) => issuedTo(r.entry.subject) },
  { id: 'issuedBy', label: 'Issued by', width: '1.2fr', text: (r) => issuedBy(r.entry.issuer) },
  {
    id: 'expires',
    label: 'Expires',
    width: 104,
    text: (r) => dateOnly(r.entry.notAfter),
    sortValue: (r) => r.entry.notAfter,
    render: (r) => <ExpiryBadge status={r.entry.expiry} daysLeft={r.daysLeft} date={dateOnly(r.entry.notAfter)} />,
  },
  { id: 'trust', label: 'Trust', width: '0.8fr', text: (r) => `${TRUST_TEXT[r.entry.trust]}${r.entry.trustText ? ` (${r.entry.trustText})` : ''}` },
  { id: 'role', label: 'Role', width: '0.6fr', text: (r) => r.entry.role },
  { id: 'label', label: 'Name in store', width: '1fr', text: (r) => r.entry.label ?? '' },
];

/** The selected store's certificates in the shared grid: search, expiry filter, sort, and a Remove that plans first. */
export function StoreListing() {
  const { stores, selected, selectedInfo, listing, search, setSearch, planAddFromDialog, planRemove, showCertificate, certificates } = useTrustStore();
  const [expiryFilter, setExpiryFilter] = useState<ExpiryFilterValue>('any');
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const all = useMemo(() => {
    const now = new Date();
    return listing.map((entry) => ({ entry, key: `${entry.sha256}-${entry.label ?? ''}`, daysLeft: daysLeft(new Date(entry.notAfter), now) }));
  }, [listing]);
  const needle = search.trim().toLowerCase();
  const rows = useMemo(
    () =>
      all.filter(
        (r) => passesExpiry(expiryFilter, r.daysLeft) && (!needle || `${r.entry.subject} ${r.entry.issuer} ${r.entry.sha256} ${r.entry.label ?? ''}`.toLowerCase().includes(needle)),
      ),
    [all, expiryFilter, needle],
  );
  const store = selectedInfo ?? stores.find((s) => s.id === selected);
  if (!selected) return <p className="empty">Pick a store to see what it trusts.</p>;
  const names = storeNames(store ?? { id: selected, displayName: selected });
  const chosen = rows.find((r) => r.key === selectedKey)?.entry;
  const listed = chosen ? certificates[certificateKey(selected, chosen.sha256)] : undefined;
  const canRemove = Boolean(chosen?.removable) && !store?.readOnly;
  return (
    <div className="trust-listing">
      <header className="trust-header">
        <h1>{names.name}</h1>
        <span className="hint trust-technical-name">{names.technical}</span>
        {store?.unreadable ? (
          <p className="trust-warning" role="alert" data-unreadable>
            Cannot be read: {store.unreadable}
          </p>
        ) : (
          <span className="hint">
            {rows.length} of {listing.length} certificate(s){store?.readOnly ? ' · read-only here' : ''}
          </span>
        )}
        {store?.readOnly || (store?.unreadable && !store.creatable) ? null : (
          <button type="button" onClick={() => void planAddFromDialog()}>
            {store?.creatable ? 'Create database and add…' : 'Add certificate…'}
          </button>
        )}
      </header>
      <div className="toolbar">
        <input type="search" aria-label="Search certificates" placeholder="Search name, issuer or fingerprint" value={search} onChange={(e) => setSearch(e.target.value)} />
        <ExpiryFilter value={expiryFilter} onChange={setExpiryFilter} />
        {store?.readOnly ? null : (
          <button
            type="button"
            className="danger"
            disabled={!canRemove}
            onClick={() => chosen && void planRemove(selected, chosen.sha256)}
          >
            {canRemove && chosen ? `Remove ${issuedTo(chosen.subject)}…` : 'Remove…'}
          </button>
        )}
      </div>
      <DataGrid
        label="Certificates in store"
        className="trust-grid"
        rows={rows}
        columns={COLUMNS}
        rowKey={(r) => r.key}
        rowAttributes={(r) => ({ 'data-sha256': r.entry.sha256, 'data-trust': r.entry.trust })}
        selectedKey={selectedKey}
        onSelect={(key) => {
          setSelectedKey(key);
          const entry = rows.find((r) => r.key === key)?.entry;
          if (entry) showCertificate(entry.sha256);
        }}
        empty={listing.length === 0 ? 'The store holds no certificates.' : 'No match.'}
        initialSort={{ column: 'issuedTo', direction: 'ascending' }}
      />
      {chosen ? (
        <div className="detail-pane trust-detail">
          {listed ? (
            <CertificateDetail id={listed.certificate.id} summary={listed.certificate.summary} detail={listed.detail} {...(chosen.label === undefined ? {} : { label: chosen.label })} />
          ) : (
            <p className="muted" role="status">
              Reading {issuedTo(chosen.subject)}…
            </p>
          )}
        </div>
      ) : null}
    </div>
  );
}
