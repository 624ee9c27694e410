import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { InspectedObject } from '../../../../shared/model/inspected-object.js';
import { ExpiryBadge } from '../../components/ExpiryBadge.js';
import { kindLabel, objectTitle } from './object-labels.js';

const ROW_HEIGHT = 58;

/** The objects found, virtualised so a 10,000-certificate bundle scrolls smoothly. */
export function ObjectList({ objects, selectedId, onSelect }: { objects: readonly InspectedObject[]; selectedId: string | null; onSelect(id: string): void }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: objects.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  if (objects.length === 0) {
    return (
      <ul className="object-list" aria-label="Objects found" role="listbox">
        <li className="empty">Nothing opened yet. Open, drop or paste a certificate, key, CSR, P7B, PFX or keystore.</li>
      </ul>
    );
  }
  return (
    <div className="object-list inspect-scroller" ref={scroller}>
      <ul aria-label="Objects found" role="listbox" className="inspect-rows" style={{ height: virtual.getTotalSize() }}>
        {virtual.getVirtualItems().map((row) => {
          const o = objects[row.index]!;
          return (
            <li
              key={o.id}
              role="option"
              aria-selected={o.id === selectedId}
              tabIndex={0}
              className={`inspect-row ${o.id === selectedId ? 'selected' : ''}`}
              style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
              onClick={() => onSelect(o.id)}
              onKeyDown={(e) => e.key === 'Enter' && onSelect(o.id)}
            >
              <span className="object-kind">{kindLabel(o)}</span>
              <span className="object-name">{objectTitle(o)}</span>
              <span className="object-origin">{o.origin}</span>
              {o.kind === 'certificate' ? <ExpiryBadge status={o.summary.expiry} daysLeft={o.summary.daysLeft} /> : <span />}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
