import { useEffect, useState } from 'react';
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
  const [storesShown, setStoresShown] = useState(true);

  useEffect(() => {
    void loadStores();
  }, [loadStores]);

  return (
    <section className="workspace trust" aria-label="Trust stores">
      <div className={storesShown ? 'trust-layout' : 'trust-layout stores-hidden'}>
        {storesShown ? <StorePicker /> : null}
        <div className="trust-main">
          <button type="button" className="panel-toggle" aria-expanded={storesShown} onClick={() => setStoresShown((s) => !s)}>
            {storesShown ? 'Hide stores' : 'Show stores'}
          </button>
          <StoreListing />
          <TrustMapPanel />
          <FleetPanel />
        </div>
      </div>
      {pending ? <PlanDialog pending={pending} /> : null}
    </section>
  );
}
