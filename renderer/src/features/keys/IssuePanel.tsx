import { useState } from 'react';
import { ExpiryBadge } from '../../components/ExpiryBadge.js';
import { Field } from '../../components/Field.js';
import { useKeysStore, type Issued } from './keys-store.js';

function IssuedCard({ title, cert, onSave }: { title: string; cert: Issued; onSave: () => void }) {
  return (
    <article className="kc-issued" aria-label={title}>
      <h3>
        {title} <ExpiryBadge status={cert.summary.expiry} daysLeft={cert.summary.daysLeft} />
      </h3>
      <Field label="Subject" value={cert.summary.subject} />
      <Field label="Issuer" value={cert.summary.issuer} />
      <Field label="Valid until" value={cert.summary.notAfter} />
      <Field label="SANs" value={cert.summary.sans.map((s) => `${s.type}:${s.value}`).join(', ')} />
      <button type="button" onClick={onSave}>
        Save certificate…
      </button>
    </article>
  );
}

/**
 * Self-signed certificates and a small local CA for the designer's request. The limits clients
 * enforce (≤ 825 days, SAN required, serverAuth) are applied by main; the form only offers them.
 */
export function IssuePanel() {
  const { created, key, issued, ca, busy, selfSign, createCa, signWithCa, saveCertificate } = useKeysStore();
  const [days, setDays] = useState(397);
  const [caName, setCaName] = useState('Certbench Local CA');
  const [permit, setPermit] = useState('');
  const hasKey = key.kind === 'existing' || created?.kind === 'key';
  return (
    <section className="kc-issue" aria-label="Self-signed and local CA">
      <p className="hint">Uses the subject and SANs from the designer, and its key (make the CSR first for a new key).</p>
      <label>
        Validity (days, at most 825){' '}
        <input type="number" aria-label="Validity days" min={1} max={825} value={days} onChange={(e) => setDays(Number(e.target.value))} />
      </label>
      <div className="toolbar">
        <button type="button" onClick={() => void selfSign(days)} disabled={!hasKey || busy !== null}>
          Self-signed certificate
        </button>
      </div>
      <fieldset>
        <legend>Local CA</legend>
        <label>
          CA name <input aria-label="CA name" value={caName} onChange={(e) => setCaName(e.target.value)} />
        </label>
        <label>
          Only for names under <input aria-label="Permitted domains" placeholder="lab.example, corp.example (optional)" value={permit} onChange={(e) => setPermit(e.target.value)} />
        </label>
        <div className="toolbar">
          <button type="button" onClick={() => void createCa({ CN: caName }, permit.split(/[\s,]+/).filter(Boolean), 3650)} disabled={busy !== null || caName.trim() === ''}>
            Create local CA
          </button>
          <button type="button" onClick={() => void signWithCa(days)} disabled={!ca || !created || busy !== null}>
            Sign the CSR with the local CA
          </button>
        </div>
      </fieldset>
      {ca ? <IssuedCard title="Local CA" cert={ca} onSave={() => void saveCertificate('ca')} /> : null}
      {issued ? <IssuedCard title="Issued certificate" cert={issued} onSave={() => void saveCertificate('issued')} /> : null}
    </section>
  );
}
