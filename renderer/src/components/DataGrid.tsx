import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

/** One column: its header, the cell's plain text (tooltip, sort, copy) and optionally a richer cell. */
export interface GridColumn<T> {
  readonly id: string;
  readonly label: string;
  readonly text: (row: T) => string;
  /** What sorting compares; the text when absent. */
  readonly sortValue?: (row: T) => string | number;
  readonly render?: (row: T) => ReactNode;
  /** Starting width in px, or a share of the free width ("2fr"). */
  readonly width?: number | `${number}fr`;
  /** The column names the row for screen readers. */
  readonly isRowHeader?: boolean;
}

export interface GridSort {
  readonly column: string;
  readonly direction: 'ascending' | 'descending';
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
  readonly initialSort?: GridSort;
  readonly className?: string;
}

const ROW_HEIGHT = 32;
const RESIZE_STEP = 16;
/** A column is never narrower than its header text plus the sort arrow and the resize handle. */
const minWidth = (label: string) => Math.ceil(label.length * 7.5) + 36;

/**
 * The app's data grid: the ARIA grid pattern over @tanstack/react-virtual, so only the visible rows
 * are in the DOM and 10,000 rows scroll without long tasks (React Aria's Table, tried first, took
 * 100–700 ms per scroll step at that size in this harness). One Tab stop; arrow keys, Home/End and
 * PageUp/PageDown move the selection; Enter acts; header buttons sort; each header's separator
 * resizes by drag or arrow keys. Cells never break words: an ellipsis, and the full text as tooltip.
 */
export function DataGrid<T>({ label, rows, columns, rowKey, rowAttributes, selectedKey, onSelect, onAction, empty, initialSort, className }: DataGridProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [sort, setSort] = useState<GridSort | undefined>(initialSort);
  const [widths, setWidths] = useState<Readonly<Record<string, number>>>({});
  const [active, setActive] = useState(0);

  const sorted = useMemo(() => {
    const column = columns.find((c) => c.id === sort?.column);
    if (!column || !sort) return rows;
    const value = column.sortValue ?? column.text;
    const keyed = rows.map((row) => ({ row, key: value(row) }));
    keyed.sort((a, b) => (typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : String(a.key).localeCompare(String(b.key), undefined, { numeric: true })));
    if (sort.direction === 'descending') keyed.reverse();
    return keyed.map((k) => k.row);
  }, [rows, columns, sort]);

  const virtual = useVirtualizer({ count: sorted.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 6 });
  const selectedIndex = selectedKey ? sorted.findIndex((r) => rowKey(r) === selectedKey) : -1;
  const focusIndex = Math.min(selectedIndex >= 0 ? selectedIndex : active, Math.max(0, sorted.length - 1));
  // A selection made elsewhere (a file just opened, a link in the detail pane) is scrolled into view.
  useEffect(() => {
    if (selectedIndex >= 0) virtual.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedKey]);
  const template = columns.map((c) => (widths[c.id] !== undefined ? `${widths[c.id]}px` : typeof c.width === 'number' ? `${c.width}px` : `minmax(${minWidth(c.label)}px, ${c.width ?? '1fr'})`)).join(' ');

  const moveTo = (index: number) => {
    if (sorted.length === 0) return;
    const next = Math.max(0, Math.min(sorted.length - 1, index));
    setActive(next);
    onSelect?.(rowKey(sorted[next]!));
    virtual.scrollToIndex(next);
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[aria-rowindex="${next + 2}"]`)?.focus());
  };
  const onRowKeyDown = (e: KeyboardEvent, index: number) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: sorted.length - 1, PageDown: index + page, PageUp: index - page };
    if (e.key in moves) {
      e.preventDefault();
      moveTo(moves[e.key]!);
    } else if (e.key === 'Enter' && onAction) {
      e.preventDefault();
      onAction(rowKey(sorted[index]!));
    }
  };
  const toggleSort = (id: string) =>
    setSort((s) => (s?.column === id ? { column: id, direction: s.direction === 'ascending' ? 'descending' : 'ascending' } : { column: id, direction: 'ascending' }));
  const widthOf = (id: string) => scroller.current?.querySelector<HTMLElement>(`[data-column="${id}"]`)?.getBoundingClientRect().width ?? 120;
  const resize = (column: GridColumn<T>, width: number) => setWidths((w) => ({ ...w, [column.id]: Math.max(minWidth(column.label), Math.round(width)) }));
  const startDrag = (e: PointerEvent, column: GridColumn<T>) => {
    e.preventDefault();
    const from = e.clientX;
    const start = widthOf(column.id);
    const move = (m: globalThis.PointerEvent) => resize(column, start + m.clientX - from);
    const stop = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', stop);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', stop);
  };

  return (
    <div ref={scroller} className={className ? `grid-container ${className}` : 'grid-container'}>
      <div role="grid" aria-label={label} aria-rowcount={sorted.length + 1} aria-colcount={columns.length} className="grid">
        <div role="row" aria-rowindex={1} className="grid-row grid-header" style={{ gridTemplateColumns: template }}>
          {columns.map((c, i) => (
            <div
              key={c.id}
              role="columnheader"
              aria-colindex={i + 1}
              aria-sort={sort?.column === c.id ? sort.direction : 'none'}
              className="grid-column"
              data-column={c.id}
            >
              <button type="button" className="grid-sort-button" onClick={() => toggleSort(c.id)} tabIndex={-1}>
                <span className="grid-column-label">{c.label}</span>
                <span className="grid-sort" aria-hidden="true">
                  {sort?.column === c.id ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
                </span>
              </button>
              <span
                role="separator"
                aria-orientation="vertical"
                aria-label={`Resize ${c.label}`}
                aria-valuenow={Math.round(widths[c.id] ?? 0)}
                tabIndex={-1}
                className="grid-resizer"
                onPointerDown={(e) => startDrag(e, c)}
                onKeyDown={(e) => {
                  if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
                  e.preventDefault();
                  resize(c, widthOf(c.id) + (e.key === 'ArrowRight' ? RESIZE_STEP : -RESIZE_STEP));
                }}
              />
            </div>
          ))}
        </div>
        {sorted.length === 0 ? (
          <div role="row" aria-rowindex={2} className="grid-empty-row">
            <div role="gridcell" aria-colindex={1} className="grid-empty">
              {empty}
            </div>
          </div>
        ) : (
          <div className="grid-body" style={{ height: virtual.getTotalSize() }}>
            {virtual.getVirtualItems().map((item) => {
              const row = sorted[item.index]!;
              const key = rowKey(row);
              const selected = key === selectedKey;
              return (
                <div
                  key={key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={onSelect ? selected : undefined}
                  tabIndex={item.index === focusIndex ? 0 : -1}
                  className={selected ? 'grid-row selected' : 'grid-row'}
                  style={{ transform: `translateY(${item.start}px)`, gridTemplateColumns: template }}
                  onClick={() => moveTo(item.index)}
                  onDoubleClick={() => onAction?.(key)}
                  onKeyDown={(e) => onRowKeyDown(e, item.index)}
                  {...rowAttributes?.(row)}
                >
                  {columns.map((c, i) => {
                    const text = c.text(row);
                    return (
                      <div key={c.id} role={c.isRowHeader ? 'rowheader' : 'gridcell'} aria-colindex={i + 1} className="grid-cell" title={text}>
                        {c.render ? c.render(row) : <span className="grid-cell-text">{text}</span>}
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
