import { useMemo } from 'react';
import type { InspectedObject } from '../../../../shared/model/inspected-object.js';
import { DataGrid, type GridColumn } from '../../components/DataGrid.js';
import { ExpiryBadge } from '../../components/ExpiryBadge.js';
import { dateOnly, issuedBy, issuedTo } from '../../components/certificate-names.js';
import { kindLabel, objectTitle } from './object-labels.js';

const keyOf = (o: InspectedObject): string => {
  if (o.kind === 'certificate') return o.summary.keyType;
  if (o.kind === 'private-key' || o.kind === 'public-key' || o.kind === 'csr') return o.key.label;
  return '';
};

/** The objects found, one grid row each (virtualised: a 10,000-certificate bundle scrolls smoothly). */
export function ObjectList({
  objects,
  fileOf,
  selectedId,
  onSelect,
  empty,
}: {
  objects: readonly InspectedObject[];
  fileOf: Readonly<Record<string, string>>;
  selectedId: string | null;
  onSelect(id: string): void;
  empty: string;
}) {
  const columns = useMemo<GridColumn<InspectedObject>[]>(
    () => [
      {
        id: 'name',
        label: 'Issued to',
        isRowHeader: true,
        width: '2fr',
        text: (o) => (o.kind === 'certificate' ? `${issuedTo(o.summary.subject, o.summary.sans)}${o.label ? ` · ${o.label}` : ''}` : `${kindLabel(o)}: ${objectTitle(o)}`),
      },
      { id: 'issuer', label: 'Issued by', width: '1.5fr', text: (o) => (o.kind === 'certificate' ? issuedBy(o.summary.issuer) : '') },
      {
        id: 'expires',
        label: 'Expires',
        width: 150,
        text: (o) => (o.kind === 'certificate' ? dateOnly(o.summary.notAfter) : ''),
        sortValue: (o) => (o.kind === 'certificate' ? o.summary.notAfter : '9999'),
        render: (o) => (o.kind === 'certificate' ? <ExpiryBadge status={o.summary.expiry} daysLeft={o.summary.daysLeft} date={dateOnly(o.summary.notAfter)} /> : null),
      },
      { id: 'key', label: 'Key', width: 110, text: keyOf },
      { id: 'file', label: 'File', width: '1fr', text: (o) => `${fileOf[o.id] ?? ''} · ${o.origin}` },
    ],
    [fileOf],
  );
  return (
    <DataGrid
      label="Objects found"
      className="inspect-grid"
      rows={objects}
      columns={columns}
      rowKey={(o) => o.id}
      rowAttributes={(o) => ({ 'data-kind': o.kind })}
      selectedKey={selectedId}
      onSelect={onSelect}
      empty={empty}
    />
  );
}
