import { useEffect } from 'react';
import { FleetPanel } from './FleetPanel.js';
import { PlanDialog } from './PlanDialog.js';
import { StoreListing } from './StoreListing.js';
import { StorePicker } from './StorePicker.js';
import { TrustMapPanel } from './TrustMapPanel.js';
import { useTrustStore } from './trust-store.js';
import './trust.css';

/** Trust stores: pick a store, see and change what it trusts (plan first), the trust map, fleet export. */
export function TrustWorkspace() {
  const loadStores = useTrustStore((s) => s.loadStores);
  const pending = useTrustStore((s) => s.pending);

  useEffect(() => {
    void loadStores();
  }, [loadStores]);

  return (
    <section className="workspace trust" aria-label="Trust stores">
      <div className="trust-layout">
        <StorePicker />
        <div className="trust-main">
          <StoreListing />
          <TrustMapPanel />
          <FleetPanel />
        </div>
      </div>
      {pending ? <PlanDialog pending={pending} /> : null}
    </section>
  );
}
