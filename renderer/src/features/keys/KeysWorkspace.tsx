import { useEffect, useState } from 'react';
import { BundlePanel } from './BundlePanel.js';
import { CsrDesigner } from './CsrDesigner.js';
import { IssuePanel } from './IssuePanel.js';
import { useKeysStore } from './keys-store.js';
import './keys.css';

const TABS = [
  { id: 'designer', label: 'CSR designer' },
  { id: 'bundle', label: 'CA answer → bundle' },
  { id: 'issue', label: 'Self-signed & local CA' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** Keys & CSR: design a request, take the CA's answer back into an appliance bundle, or issue locally. */
export function KeysWorkspace() {
  const [tab, setTab] = useState<TabId>('designer');
  const refreshKeys = useKeysStore((s) => s.refreshKeys);
  useEffect(() => {
    void refreshKeys();
  }, [refreshKeys]);
  return (
    <section className="workspace keys" aria-label="Keys & CSR">
      <h1>Keys &amp; CSR</h1>
      <div role="tablist" aria-label="Keys and CSR tasks" className="kc-tabs">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'active' : undefined} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={TABS.find((t) => t.id === tab)!.label}>
        {tab === 'designer' ? <CsrDesigner /> : tab === 'bundle' ? <BundlePanel /> : <IssuePanel />}
      </div>
    </section>
  );
}
