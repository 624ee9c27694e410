import { useEffect, useState } from 'react';
import { useFileDrop } from '../../components/use-file-drop.js';
import { EntryTable } from './EntryTable.js';
import { ImportDialog } from './ImportDialog.js';
import { JdkPanel } from './JdkPanel.js';
import { KeyPairDialog } from './KeyPairDialog.js';
import { useKeystoreStore } from './keystore-store.js';
import { StoreTools } from './StoreTools.js';
import './keystore.css';

/** Java keystores: JDKs and their cacerts, a store's entries, and backed-up, verified edits. */
export function KeystoreWorkspace() {
  const { store, listing, listingTask, needsPassword, pending, pendingKeyPair, loadJdks, open, cancelListing, planImportFiles } = useKeystoreStore();
  const [password, setPassword] = useState('');
  const [jdksShown, setJdksShown] = useState(true);
  const { over, dropProps } = useFileDrop((files) => void planImportFiles(files));

  useEffect(() => {
    void loadJdks();
  }, [loadJdks]);

  return (
    <section className={`workspace keystore ${over ? 'drop-over' : ''}`} aria-label="Java keystores" {...(listing ? dropProps : {})}>
      <h1 className="visually-hidden">Java keystores</h1>
      <div className={jdksShown ? 'ks-layout' : 'ks-layout jdks-hidden'}>
        {jdksShown ? <JdkPanel /> : null}
        <div className="ks-main">
          <button type="button" className="panel-toggle" aria-expanded={jdksShown} onClick={() => setJdksShown((s) => !s)}>
            {jdksShown ? 'Hide JDKs' : 'Show JDKs'}
          </button>
          {store === null ? <p className="empty">Choose a JDK's cacerts or open a keystore file.</p> : null}
          {store !== null && listingTask !== null ? (
            <p className="ks-reading" role="status">
              Reading {store.path.split(/[\\/]/).pop()}…{' '}
              <button type="button" onClick={() => void cancelListing()}>
                Cancel
              </button>
            </p>
          ) : null}
          {store !== null && needsPassword && !listing ? (
            <form
              className="ks-path-form"
              onSubmit={(e) => {
                e.preventDefault();
                void open({ path: store.path, password });
              }}
            >
              <label>
                Store password for {store.path}{' '}
                <input type="password" aria-label="Store password" value={password} onChange={(e) => setPassword(e.target.value)} />
              </label>
              <button type="submit">Unlock</button>
            </form>
          ) : null}
          {listing ? (
            <>
              <header className="ks-store-header">
                <h2 className="ks-store-path" title={listing.path}>
                  {listing.path}
                </h2>
                <span className="hint" data-integrity={listing.integrity}>
                  {listing.type} · {listing.entries.length} entries · integrity {listing.integrity}
                </span>
                <label className="ks-import-button">
                  Import certificate or PFX…
                  <input
                    type="file"
                    className="visually-hidden"
                    aria-label="Import certificate file"
                    onChange={(e) => {
                      void planImportFiles(Array.from(e.target.files ?? []));
                      e.target.value = '';
                    }}
                  />
                </label>
                <span className="hint">or drop a certificate here</span>
              </header>
              {listing.warnings.map((w) => (
                <p key={w} className="ks-note" role="note">
                  {w}
                </p>
              ))}
              <StoreTools />
              <EntryTable />
            </>
          ) : null}
        </div>
      </div>
      {pendingKeyPair ? <KeyPairDialog name={pendingKeyPair.name} /> : null}
      {pending ? <ImportDialog key={`${pending.name}:${pending.items[0]?.alias}`} pending={pending} /> : null}
    </section>
  );
}
