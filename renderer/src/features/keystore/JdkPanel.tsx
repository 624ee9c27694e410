import { useState } from 'react';
import { useKeystoreStore } from './keystore-store.js';

/** Every cacerts found, with the JDKs that use it; plus opening any keystore file. */
export function JdkPanel() {
  const { discovery, store, open, openViaDialog, loadJdks } = useKeystoreStore();
  const [path, setPath] = useState('');
  return (
    <aside className="ks-jdks" aria-label="JDKs">
      <div className="toolbar">
        <button type="button" onClick={() => void openViaDialog()}>
          Open keystore…
        </button>
        <button type="button" onClick={() => void loadJdks()}>
          Rescan JDKs
        </button>
      </div>
      <form
        className="ks-path-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) void open({ path: path.trim() });
        }}
      >
        <input aria-label="Keystore path" placeholder="/path/to/keystore.jks" value={path} onChange={(e) => setPath(e.target.value)} />
        <button type="submit">Open</button>
      </form>
      <ul className="ks-cacerts-list" aria-label="cacerts files">
        {discovery === null ? <li className="empty">Looking for JDKs…</li> : null}
        {discovery?.cacerts.length === 0 ? <li className="empty">No JDK found</li> : null}
        {discovery?.cacerts.map((c) => (
          <li key={c.path} className={store?.path === c.path ? 'selected' : ''}>
            <button type="button" className="ks-cacerts" onClick={() => void open({ path: c.path })}>
              <span className="ks-cacerts-path">{c.path}</span>
              <span className="hint">
                {c.format}
                {c.entryCount === undefined ? '' : ` · ${c.entryCount} entries`}
                {c.writable ? '' : ' · needs elevation'}
              </span>
            </button>
            <ul className="ks-jdk-homes">
              {c.jdkHomes.map((home) => {
                const jdk = discovery.jdks.find((j) => j.home === home);
                return (
                  <li key={home} title={jdk?.sources.join(', ')}>
                    {[jdk?.vendor, jdk?.version].filter(Boolean).join(' ') || 'JDK'} <span className="hint">{home}</span>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </aside>
  );
}
