import { useMemo, useState } from 'react';
import type { KeystoreEntry } from '../../../../shared/model/keystore.js';
import { DataGrid, type GridColumn } from '../../components/DataGrid.js';
import { ExpiryBadge } from '../../components/ExpiryBadge.js';
import { ExpiryFilter } from '../../components/ExpiryFilter.js';
import { CertificateDetail } from '../../components/CertificateDetail.js';
import { dateOnly, issuedBy, issuedTo } from '../../components/certificate-names.js';
import { DeleteDialog, RenameDialog } from './EntryDialogs.js';
import { useKeystoreStore, visibleEntries } from './keystore-store.js';

const ENTRY_TYPE_TEXT: Readonly<Record<KeystoreEntry['entryType'], string>> = {
  trustedCert: 'Trusted certificate',
  privateKey: 'Key pair',
  secretKey: 'Secret key',
};

const COLUMNS: readonly GridColumn<KeystoreEntry>[] = [
  { id: 'alias', label: 'Alias', isRowHeader: true, width: '1fr', text: (e) => e.alias },
  { id: 'issuedTo', label: 'Issued to', width: '1.5fr', text: (e) => (e.certificates[0] ? issuedTo(e.certificates[0].subject) : '—') },
  { id: 'issuedBy', label: 'Issued by', width: '1.2fr', text: (e) => (e.certificates[0] ? issuedBy(e.certificates[0].issuer) : '—') },
  {
    id: 'expires',
    label: 'Expires',
    width: 104,
    text: (e) => (e.certificates[0] ? dateOnly(e.certificates[0].notAfter) : ''),
    sortValue: (e) => e.certificates[0]?.notAfter ?? '9999',
    render: (e) => {
      const cert = e.certificates[0];
      return cert ? <ExpiryBadge status={cert.expiry} daysLeft={cert.daysLeft} date={dateOnly(cert.notAfter)} /> : null;
    },
  },
  {
    id: 'type',
    label: 'Type',
    width: '1fr',
    text: (e) => `${ENTRY_TYPE_TEXT[e.entryType]} (${e.entryType})${e.chainLength > 1 ? `, chain of ${e.chainLength}` : ''}`,
  },
];

/** The store's entries in the shared grid: search, sort by any column, and the selected entry's detail and actions. */
export function EntryTable() {
  const { listing, search, expiryFilter, setSearch, setExpiryFilter, selectedAlias: selected, selectEntry, certificates } = useKeystoreStore();
  const entries = useMemo(() => visibleEntries({ listing, search, expiryFilter }), [listing, search, expiryFilter]);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  if (!listing) return null;
  const entry = entries.find((e) => e.alias === selected);
  const cert = entry?.certificates[0];
  const listed = cert ? certificates[cert.sha256] : undefined;
  return (
    <div className="ks-entries">
      <div className="toolbar">
        <input type="search" aria-label="Search entries" placeholder="Search alias, subject or SHA-256" value={search} onChange={(e) => setSearch(e.target.value)} />
        <ExpiryFilter value={expiryFilter} onChange={setExpiryFilter} />
        <span className="hint">
          {entries.length} of {listing.entries.length} entries
        </span>
        <button type="button" disabled={!entry} onClick={() => entry && setRenaming(entry.alias)}>
          Rename…
        </button>
        <button type="button" className="danger" disabled={!entry} onClick={() => entry && setDeleting(entry.alias)}>
          Delete…
        </button>
      </div>
      <div className="ks-grid-split">
        <DataGrid
          label="Keystore entries"
          className="ks-grid"
          rows={entries}
          columns={COLUMNS}
          rowKey={(e) => e.alias}
          rowAttributes={(e) => ({ 'data-alias': e.alias })}
          selectedKey={selected}
          onSelect={selectEntry}
          empty={listing.entries.length === 0 ? 'The keystore is empty.' : 'No match.'}
          initialSort={{ column: 'alias', direction: 'ascending' }}
        />
        {entry ? (
          <div className="ks-entry-detail">
            {!cert ? (
              <article className="detail" aria-label="Entry detail">
                <h2>{entry.alias}</h2>
                <p className="hint">A secret key: no certificate to show.</p>
              </article>
            ) : listed ? (
              <CertificateDetail id={listed.certificate.id} summary={listed.certificate.summary} detail={listed.detail} label={entry.alias} />
            ) : (
              <p className="muted" role="status">
                Reading {entry.alias}…
              </p>
            )}
          </div>
        ) : null}
      </div>
      {deleting ? <DeleteDialog alias={deleting} onClose={() => setDeleting(null)} /> : null}
      {renaming ? <RenameDialog alias={renaming} onClose={() => setRenaming(null)} /> : null}
    </div>
  );
}
