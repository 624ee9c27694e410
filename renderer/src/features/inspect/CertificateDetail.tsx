import type { CertificateSummary } from '../../../../shared/model/certificate-summary.js';
import { ExpiryBadge } from '../../components/ExpiryBadge.js';
import { Field } from '../../components/Field.js';
import { Fingerprint } from '../../components/Fingerprint.js';

/** The detail pane of one certificate. */
export function CertificateDetail({ summary }: { summary: CertificateSummary }) {
  return (
    <article className="detail" aria-label="Certificate detail">
      <h2>{summary.subject || '(empty subject)'}</h2>
      <ExpiryBadge status={summary.expiry} daysLeft={summary.daysLeft} />
      <Field label="Subject" value={summary.subject} />
      <Field label="Issuer" value={summary.issuer} />
      <Field label="Serial" value={summary.serial} />
      <Field label="Valid from" value={summary.notBefore} />
      <Field label="Valid until" value={summary.notAfter} />
      <Field label="Key" value={`${summary.keyType}${summary.isCA ? ' · CA' : ''}${summary.selfSigned ? ' · self-signed' : ''}`} />
      <Field label="SANs">
        {summary.sans.length === 0 ? (
          <em>none</em>
        ) : (
          <ul className="san-list">
            {summary.sans.map((san) => (
              <li key={`${san.type}:${san.value}`}>
                <span className="san-type">{san.type}</span> {san.value}
              </li>
            ))}
          </ul>
        )}
      </Field>
      <Fingerprint label="SHA-256" hex={summary.sha256} />
      <Fingerprint label="SHA-1" hex={summary.sha1} />
    </article>
  );
}
