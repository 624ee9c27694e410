import { useState, type FormEvent } from 'react';
import { CLIENT_FAMILIES, type ClientFamily } from '../../../../shared/model/client-families.js';
import { useChainStore } from './chain-store.js';

const SOURCES = [
  { value: 'system', label: 'OS trust store' },
  { value: 'mozilla', label: 'Mozilla roots' },
  { value: 'jdk', label: 'Java cacerts (JDK)' },
];

/** Host, SNI, proxy, trust source, AIA and time; fetch a server, or open or paste certificates. */
export function ChainForm() {
  const { query, customTrust, setQuery: update, fetch, verifyFiles, verifyText, cancel, pickTrustFile, pickCertificateFiles, runningTask } =
    useChainStore();
  const [pasting, setPasting] = useState(false);
  const [text, setText] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (query.target.trim()) void fetch(query);
  };
  const chooseTrust = (value: string) => (value === 'custom' ? void pickTrustFile() : update({ trust: value }));
  const busy = runningTask !== null;
  return (
    <form className="chain-form" onSubmit={submit} aria-label="Chain source">
      <label>
        Host
        <input aria-label="Host" placeholder="example.com:443" value={query.target} onChange={(e) => update({ target: e.target.value })} />
      </label>
      <label>
        SNI / name to check
        <input aria-label="Server name" placeholder="(the host)" value={query.servername} onChange={(e) => update({ servername: e.target.value })} />
      </label>
      <label>
        Proxy
        <input aria-label="Proxy" placeholder="http://proxy:3128 or env" value={query.proxy} onChange={(e) => update({ proxy: e.target.value })} />
      </label>
      <label>
        Trust
        <select aria-label="Trust source" value={query.trust} onChange={(e) => chooseTrust(e.target.value)}>
          {SOURCES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
          {customTrust ? <option value={customTrust}>{customTrust.slice(4)}</option> : null}
          <option value="custom">PEM bundle…</option>
        </select>
      </label>
      <label>
        Java cacerts
        <input aria-label="Java cacerts" placeholder="(same as Trust)" value={query.javaCacerts} onChange={(e) => update({ javaCacerts: e.target.value })} />
      </label>
      <label>
        Verdict for
        <select aria-label="Verdict for" value={query.client} onChange={(e) => update({ client: e.target.value as ClientFamily | '' })}>
          <option value="">OS store's client</option>
          {CLIENT_FAMILIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label>
        At
        <input aria-label="Verification time" type="datetime-local" value={query.at} onChange={(e) => update({ at: e.target.value })} />
      </label>
      <label className="inline">
        <input type="checkbox" checked={query.everyLocalStore} onChange={(e) => update({ everyLocalStore: e.target.checked })} /> Check every JDK and
        NSS database on this machine
      </label>
      <label className="inline">
        <input type="checkbox" checked={query.aia} onChange={(e) => update({ aia: e.target.checked })} /> Fetch missing issuers (AIA)
      </label>
      <div className="chain-actions">
        <button type="submit" className="primary" disabled={busy || query.target.trim() === ''}>
          Fetch chain
        </button>
        <button type="button" onClick={() => void verifyFiles(query)} disabled={busy}>
          Open files…
        </button>
        <button type="button" onClick={() => setPasting((p) => !p)} aria-expanded={pasting} disabled={busy}>
          Paste PEM
        </button>
        <button type="button" onClick={() => void pickCertificateFiles().then((paths) => update({ addPaths: paths }))} disabled={busy}>
          {query.addPaths.length ? `Intermediates added: ${query.addPaths.length}` : 'Add intermediates…'}
        </button>
        {busy ? (
          <button type="button" onClick={() => void cancel()}>
            Cancel
          </button>
        ) : null}
      </div>
      {pasting ? (
        <div className="paste-panel">
          <textarea aria-label="Chain PEM text" rows={6} value={text} onChange={(e) => setText(e.target.value)} placeholder="-----BEGIN CERTIFICATE-----" />
          <button type="button" disabled={text.trim() === '' || busy} onClick={() => void verifyText(text, query).then(() => setPasting(false))}>
            Verify text
          </button>
        </div>
      ) : null}
    </form>
  );
}
