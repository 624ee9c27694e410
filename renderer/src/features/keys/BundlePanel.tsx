import { useState } from 'react';
import { MIN_PASSPHRASE_CHARS, PFX_PROFILES } from '../../../../shared/model/keys-constants.js';
import type { PfxProfile } from '../../../../shared/model/keys-bundle.js';
import type { CertificateSummary } from '../../../../shared/model/certificate-summary.js';
import { ExpiryBadge } from '../../components/ExpiryBadge.js';
import { useBundleStore } from './bundle-store.js';
import { useKeysStore } from './keys-store.js';

function ChainRow({ role, cert }: { role: string; cert: CertificateSummary }) {
  return (
    <li>
      <strong>{role}</strong> {cert.subject} <ExpiryBadge status={cert.expiry} daysLeft={cert.daysLeft} />
    </li>
  );
}

/** CA answer → bundle: open what the CA returned, see it matched and ordered, write the appliance files. */
export function BundlePanel() {
  const { answerPath, chainPaths, aia, analysis, files, pfx, busy, pickAnswer, addChain, setAia, setPfx, analyse, unlock, write } = useBundleStore();
  const [vaultPassphrase, setVaultPassphrase] = useState('');
  const [keyPassphrase, setKeyPassphrase] = useState('');
  const [plainKey, setPlainKey] = useState(false);
  const blocked = (analysis?.problems.some((p) => p.severity === 'error') ?? true) || analysis?.key?.unlocked === false;
  const keyReady = plainKey || keyPassphrase.length >= MIN_PASSPHRASE_CHARS;
  const pfxReady = !pfx.enabled || pfx.password.length > 0;
  return (
    <section className="kc-bundle" aria-label="CA answer to bundle">
      <div className="toolbar">
        <button type="button" onClick={() => void pickAnswer()}>
          Open the CA's answer…
        </button>
        <span className="hint">{answerPath ?? 'PEM, DER, P7B or a bundle'}</span>
      </div>
      <div className="toolbar">
        <button type="button" onClick={() => void addChain()}>
          Add intermediates…
        </button>
        <span className="hint">{chainPaths.length > 0 ? chainPaths.join(', ') : 'optional'}</span>
        <label className="inline">
          <input type="checkbox" checked={aia} onChange={(e) => setAia(e.target.checked)} /> Download missing issuers (AIA)
        </label>
      </div>
      <button type="button" className="primary" disabled={!answerPath || busy} onClick={() => void analyse()}>
        Match to key and build chain
      </button>
      {analysis ? (
        <div className="kc-analysis" aria-label="Bundle analysis">
          <ol className="kc-chain">
            <ChainRow role="Leaf" cert={analysis.leaf} />
            {analysis.intermediates.map((c) => (
              <ChainRow key={c.sha256} role="Intermediate" cert={c} />
            ))}
            {analysis.root ? <ChainRow role="Root (not included)" cert={analysis.root} /> : null}
          </ol>
          <p>{analysis.key ? `Matches key: ${analysis.key.info.label}` : 'No matching key found'}</p>
          {analysis.key ? null : (
            <button type="button" disabled={busy} onClick={() => void useKeysStore.getState().openKeyFile().then(analyse)}>
              Open the private key file…
            </button>
          )}
          {analysis.key && !analysis.key.unlocked ? (
            <div className="toolbar">
              <input type="password" aria-label="Passphrase of the matched key" value={vaultPassphrase} onChange={(e) => setVaultPassphrase(e.target.value)} />
              <button type="button" onClick={() => void unlock(vaultPassphrase)} disabled={busy}>
                Unlock key
              </button>
            </div>
          ) : null}
          {analysis.problems.length > 0 ? (
            <ul className="kc-problems">
              {analysis.problems.map((p) => (
                <li key={p.message} className={p.severity === 'error' ? 'kc-error' : 'kc-warn'} role={p.severity === 'error' ? 'alert' : undefined}>
                  {p.message}
                </li>
              ))}
            </ul>
          ) : null}
          <fieldset disabled={blocked}>
            <legend>Write fullchain.pem, chain.pem, cert.pem and key.pem</legend>
            <label>
              key.pem passphrase <input type="password" aria-label="Bundle key passphrase" value={keyPassphrase} onChange={(e) => setKeyPassphrase(e.target.value)} disabled={plainKey} />
            </label>
            <label className="inline">
              <input type="checkbox" checked={plainKey} onChange={(e) => setPlainKey(e.target.checked)} /> key.pem unencrypted (many appliances need this; keep the file safe)
            </label>
            <label className="inline">
              <input type="checkbox" checked={pfx.enabled} onChange={(e) => setPfx({ enabled: e.target.checked })} /> Also a PFX
            </label>
            {pfx.enabled ? (
              <>
                <select aria-label="PFX profile" value={pfx.profile} onChange={(e) => setPfx({ profile: e.target.value as PfxProfile })}>
                  {PFX_PROFILES.map((p) => (
                    <option key={p} value={p}>
                      {p === 'modern' ? 'Modern (AES-256, OpenSSL 3, Java 17+)' : 'Legacy-compatible (3DES: Windows Server 2016, macOS ≤ 12)'}
                    </option>
                  ))}
                </select>
                <input type="password" aria-label="PFX password" placeholder="PFX password" value={pfx.password} onChange={(e) => setPfx({ password: e.target.value })} />
              </>
            ) : null}
            <button type="button" className="primary" disabled={!keyReady || !pfxReady || busy} onClick={() => void write(plainKey ? { encrypt: false } : { encrypt: true, passphrase: keyPassphrase })}>
              Write bundle…
            </button>
          </fieldset>
        </div>
      ) : null}
      {files ? (
        <ul className="kc-files" aria-label="Bundle files">
          {Object.entries(files).map(([role, path]) => (
            <li key={role}>
              <strong>{role}</strong> <code>{path}</code>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
