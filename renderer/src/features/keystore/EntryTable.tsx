import { useMemo, useState } from 'react';
import { ExpiryBadge } from '../../components/ExpiryBadge.js';
import { Fingerprint } from '../../components/Fingerprint.js';
import { DeleteDialog, RenameDialog } from './EntryDialogs.js';
import { useKeystoreStore, visibleEntries, type SortKey } from './keystore-store.js';

/** The store's entries: search, sort, expiry badges, and rename/delete per entry. */
export function EntryTable() {
  const { listing, search, sort, setSearch, setSort } = useKeystoreStore();
  const entries = useMemo(() => visibleEntries({ listing, search, sort }), [listing, search, sort]);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string | null>(null);
  if (!listing) return null;
  return (
    <div className="ks-entries">
      <div className="toolbar">
        <input aria-label="Search entries" placeholder="Search alias, subject or SHA-256" value={search} onChange={(e) => setSearch(e.target.value)} />
        <label>
          Sort by{' '}
          <select aria-label="Sort entries" value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
            <option value="alias">alias</option>
            <option value="expiry">expiry</option>
            <option value="subject">subject</option>
          </select>
        </label>
        <span className="hint">
          {entries.length} of {listing.entries.length} entries
        </span>
      </div>
      <table className="ks-table" aria-label="Keystore entries">
        <thead>
          <tr>
            <th>Alias</th>
            <th>Type</th>
            <th>Subject</th>
            <th>Expiry</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const cert = e.certificates[0];
            return (
              <tr key={e.alias} data-alias={e.alias}>
                <td className="ks-alias">
                  <button type="button" className="link" onClick={() => setExpanded(expanded === e.alias ? null : e.alias)} aria-expanded={expanded === e.alias}>
                    {e.alias}
                  </button>
                  {expanded === e.alias && cert ? <Fingerprint label="SHA-256" hex={cert.sha256} /> : null}
                </td>
                <td>
                  {e.entryType}
                  {e.chainLength > 1 ? ` (chain ${e.chainLength})` : ''}
                </td>
                <td className="ks-subject">{cert?.subject ?? '—'}</td>
                <td>{cert ? <ExpiryBadge status={cert.expiry} daysLeft={cert.daysLeft} /> : null}</td>
                <td className="ks-row-actions">
                  <button type="button" onClick={() => setRenaming(e.alias)} aria-label={`Rename ${e.alias}`}>
                    Rename
                  </button>
                  <button type="button" onClick={() => setDeleting(e.alias)} aria-label={`Delete ${e.alias}`}>
                    Delete
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {deleting ? <DeleteDialog alias={deleting} onClose={() => setDeleting(null)} /> : null}
      {renaming ? <RenameDialog alias={renaming} onClose={() => setRenaming(null)} /> : null}
    </div>
  );
}
