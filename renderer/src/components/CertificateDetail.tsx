import type { CertificateSummary } from '../../../shared/model/certificate-summary.js';
import type { CertificateDetail as Detail, NameDetail } from '../../../shared/model/certificate-detail.js';
import { ATTRIBUTE_NAMES } from '../../../shared/pki/oid-names.js';
import { CopyButton } from './CopyButton.js';
import { ExpiryBadge } from './ExpiryBadge.js';
import { Field } from './Field.js';
import { Fingerprint } from './Fingerprint.js';
import { Asn1Tree } from './Asn1Tree.js';
import { ExtensionList } from './ExtensionList.js';
import { openTrustMapFor } from '../features/trust/open-trust-map.js';

/** The detail pane of one certificate: the summary at once, the decoded detail when it arrives. */
export function CertificateDetail({ id, summary, detail, label }: { id: string; summary: CertificateSummary; detail?: Detail; label?: string }) {
  return (
    <article className="detail" aria-label="Certificate detail">
      <h2>{summary.subject || '(empty subject)'}</h2>
      <ExpiryBadge status={summary.expiry} daysLeft={summary.daysLeft} />
      <button type="button" className="detail-action" onClick={() => openTrustMapFor(id)}>
        Trust stores: where is it, add it…
      </button>
      {label !== undefined ? <Field label="Label" value={label} /> : null}
      <Field label="Subject" value={summary.subject} />
      <Field label="Issuer" value={summary.issuer} />
      {detail ? <Field label="Subject (RFC 4514)" value={detail.subject.rfc4514} /> : null}
      <Field label="Serial" value={summary.serial} />
      <Field label="Valid from" value={summary.notBefore} />
      <Field label="Valid until" value={summary.notAfter} />
      <Field label="Key" value={`${summary.keyType}${summary.isCA ? ' · CA' : ''}${summary.selfSigned ? ' · self-signed' : ''}`} />
      <Field label="SANs">
        {summary.sans.length === 0 ? (
          <em>none</em>
        ) : (
          <ul className="san-list">
            {summary.sans.map((san, i) => (
              <li key={`${i}:${san.type}:${san.value}`}>
                <span className="san-type">{san.type}</span> {san.value}
              </li>
            ))}
          </ul>
        )}
      </Field>
      <Fingerprint label="SHA-256" hex={summary.sha256} />
      <Fingerprint label="SHA-1" hex={summary.sha1} />
      {detail ? <DetailSections detail={detail} /> : <p className="muted">Decoding extensions…</p>}
    </article>
  );
}

function DetailSections({ detail }: { detail: Detail }) {
  return (
    <>
      <Fingerprint label="SPKI SHA-256" hex={detail.publicKey.spkiSha256} />
      <Field label="Version" value={`v${detail.version}`} />
      <Field label="Serial (decimal)" value={detail.serialDecimal} />
      <Field label="Signature" value={`${detail.signatureAlgorithm.name}`} />
      <Field label="Public key" value={[detail.publicKey.algorithm, detail.publicKey.bits && `${detail.publicKey.bits} bits`, detail.publicKey.curve].filter(Boolean).join(' · ')} />
      <NameAttributes title="Subject attributes" name={detail.subject} />
      <NameAttributes title="Issuer attributes" name={detail.issuer} />
      <ExtensionList extensions={detail.extensions} />
      {detail.asn1 ? (
        <details className="asn1">
          <summary>ASN.1 structure</summary>
          <Asn1Tree node={detail.asn1} />
        </details>
      ) : null}
      {detail.pem ? (
        <details className="pem-block">
          <summary>PEM</summary>
          <pre>{detail.pem}</pre>
          <CopyButton value={detail.pem} label="Copy PEM" />
        </details>
      ) : null}
    </>
  );
}

/** A name's attributes by their names (organizationIdentifier, not 2.5.4.97); unknown types keep their OID. */
function NameAttributes({ title, name }: { title: string; name: NameDetail }) {
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      {name.attributes.map((a, i) => (
        <Field key={i} label={ATTRIBUTE_NAMES[a.oid] ?? a.type} value={a.value} />
      ))}
    </section>
  );
}
