import { useMemo, useState, type ReactNode } from 'react';
import {
  Cell,
  Column,
  ColumnResizer,
  ResizableTableContainer,
  Row,
  Table,
  TableBody,
  TableHeader,
  TableLayout,
  Virtualizer,
  type SortDescriptor,
} from 'react-aria-components';

/** One column: its header, the cell's plain text (tooltip, sort, copy) and optionally a richer cell. */
export interface GridColumn<T> {
  readonly id: string;
  readonly label: string;
  readonly text: (row: T) => string;
  /** What sorting compares; the text when absent. */
  readonly sortValue?: (row: T) => string | number;
  readonly render?: (row: T) => ReactNode;
  /** Starting width in px or a fraction ("2fr"); the user can drag or key-resize it. */
  readonly width?: number | `${number}fr`;
  /** The column names the row for screen readers (the first such column). */
  readonly isRowHeader?: boolean;
}

export interface DataGridProps<T> {
  readonly label: string;
  readonly rows: readonly T[];
  readonly columns: readonly GridColumn<T>[];
  rowKey(row: T): string;
  /** Extra attributes of a row element (data-* hooks for tests and styles). */
  rowAttributes?(row: T): Readonly<Record<`data-${string}`, string>>;
  readonly selectedKey?: string | null;
  onSelect?(key: string): void;
  /** Enter or double-click on a row. */
  onAction?(key: string): void;
  /** Shown in place of rows when there are none: "No match", "Nothing opened yet". */
  readonly empty: ReactNode;
  readonly initialSort?: SortDescriptor;
  readonly className?: string;
}

const ROW_HEIGHT = 32;
/** A header is never narrower than its text plus the sort arrow and the resize handle. */
const headerMinWidth = (label: string) => Math.ceil(label.length * 7.5) + 36;

/**
 * The app's data grid (React Aria's Table): arrow keys move between rows and cells, Enter acts,
 * headers sort (click or Enter), columns resize (drag, or the resizer with arrow keys), and only the
 * visible rows are in the DOM, so 10,000 rows scroll without long tasks. Cells never break words:
 * they end in an ellipsis and carry their full text as a tooltip.
 */
export function DataGrid<T extends object>({
  label,
  rows,
  columns,
  rowKey,
  rowAttributes,
  selectedKey,
  onSelect,
  onAction,
  empty,
  initialSort,
  className,
}: DataGridProps<T>) {
  const [sort, setSort] = useState<SortDescriptor | undefined>(initialSort);
  const sorted = useMemo(() => {
    const column = columns.find((c) => c.id === sort?.column);
    if (!column || !sort) return rows;
    const value = column.sortValue ?? column.text;
    const keyed = rows.map((row) => ({ row, key: value(row) }));
    keyed.sort((a, b) => (typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : String(a.key).localeCompare(String(b.key), undefined, { numeric: true })));
    if (sort.direction === 'descending') keyed.reverse();
    return keyed.map((k) => k.row);
  }, [rows, columns, sort]);

  return (
    <ResizableTableContainer className={className ? `grid-container ${className}` : 'grid-container'}>
      <Virtualizer layout={TableLayout} layoutOptions={{ rowHeight: ROW_HEIGHT, headingHeight: ROW_HEIGHT + 2 }}>
        <Table
          aria-label={label}
          className="grid"
          selectionMode={onSelect ? 'single' : 'none'}
          selectionBehavior="replace"
          disallowEmptySelection
          selectedKeys={selectedKey ? [selectedKey] : []}
          onSelectionChange={(keys) => {
            const key = keys === 'all' ? undefined : [...keys][0];
            if (key !== undefined) onSelect?.(String(key));
          }}
          {...(onAction ? { onRowAction: (key) => onAction(String(key)) } : {})}
          {...(sort ? { sortDescriptor: sort } : {})}
          onSortChange={setSort}
        >
          <TableHeader columns={columns}>
            {(column) => (
              <Column
                id={column.id}
                isRowHeader={column.isRowHeader ?? false}
                allowsSorting
                defaultWidth={column.width ?? '1fr'}
                minWidth={headerMinWidth(column.label)}
                className="grid-column"
              >
                {({ sortDirection }) => (
                  <div className="grid-column-head">
                    <span className="grid-column-label">{column.label}</span>
                    <span className="grid-sort" aria-hidden="true">
                      {sortDirection === 'ascending' ? '▲' : sortDirection === 'descending' ? '▼' : ''}
                    </span>
                    <ColumnResizer className="grid-resizer" aria-label={`Resize ${column.label}`} />
                  </div>
                )}
              </Column>
            )}
          </TableHeader>
          <TableBody items={sorted} dependencies={[columns]} renderEmptyState={() => <div className="grid-empty">{empty}</div>}>
            {(row) => (
              <Row id={rowKey(row)} columns={columns} className="grid-row" {...rowAttributes?.(row)}>
                {(column) => (
                  <Cell className="grid-cell" textValue={column.text(row)}>
                    <span className="grid-cell-text" title={column.text(row)}>
                      {column.render ? column.render(row) : column.text(row)}
                    </span>
                  </Cell>
                )}
              </Row>
            )}
          </TableBody>
        </Table>
      </Virtualizer>
    </ResizableTableContainer>
  );
}
