import type { InspectedObject } from '../../../../shared/model/inspected-object.js';
import type { CertificateDetail as Detail } from '../../../../shared/model/certificate-detail.js';
import { Field } from '../../components/Field.js';
import { Fingerprint } from '../../components/Fingerprint.js';
import { CertificateDetail } from '../../components/CertificateDetail.js';
import { kindLabel, objectTitle } from './object-labels.js';

/** The detail pane for any kind of object. Keys show public facts only: main never sends key material. */
export function ObjectDetail({ object, detail, onSelect }: { object: InspectedObject; detail?: Detail; onSelect(id: string): void }) {
  if (object.kind === 'certificate') return <CertificateDetail id={object.id} summary={object.summary} detail={detail} {...(object.label !== undefined ? { label: object.label } : {})} />;
  return (
    <article className="detail" aria-label={`${kindLabel(object)} detail`}>
      <h2>
        {kindLabel(object)}: {objectTitle(object)}
      </h2>
      <Field label="Found in" value={object.origin} />
      <KindFields object={object} onSelect={onSelect} />
    </article>
  );
}

function KindFields({ object, onSelect }: { object: Exclude<InspectedObject, { kind: 'certificate' }>; onSelect(id: string): void }) {
  switch (object.kind) {
    case 'private-key':
    case 'public-key':
      return (
        <>
          <Field label="Algorithm" value={object.key.algorithm} />
          {object.key.bits !== undefined ? <Field label="Size" value={`${object.key.bits} bits`} /> : null}
          {object.key.curve !== undefined ? <Field label="Curve" value={object.key.curve} /> : null}
          <Fingerprint label="SPKI SHA-256" hex={object.key.spkiSha256} />
          {object.kind === 'private-key' ? (
            <>
              <Field label="Encoding" value={`${object.encoding}${object.encrypted ? ' (encrypted)' : ''}`} />
              {object.label !== undefined ? <Field label="Friendly name" value={object.label} /> : null}
              <Field label="Certificate">
                {object.matchesCertificateId ? (
                  <button type="button" className="link" onClick={() => onSelect(object.matchesCertificateId!)}>
                    Matches a certificate opened with it
                  </button>
                ) : (
                  <em>no matching certificate opened</em>
                )}
              </Field>
            </>
          ) : null}
        </>
      );
    case 'csr':
      return (
        <>
          <Field label="Subject" value={object.subject} />
          <Field label="Key" value={object.key.label} />
          <Field label="SANs" value={object.sans.map((s) => `${s.type}:${s.value}`).join(', ')} />
          <Field label="Signature" value={object.signature} />
          <Fingerprint label="SHA-256" hex={object.sha256} />
          <Fingerprint label="SPKI SHA-256" hex={object.key.spkiSha256} />
        </>
      );
    case 'pkcs12':
      return (
        <>
          <Field label="Contents" value={`${object.certificateCount} certificate(s), ${object.keyCount} key(s)`} />
          <Field label="Integrity" value={object.integrity} />
          <Field label="Certificates" value={object.certificateEncryption.join('; ') || 'none'} />
          <Field label="Keys" value={object.keyEncryption.join('; ') || 'none'} />
          <Field label="Password" value={object.password} />
        </>
      );
    case 'pkcs7':
      return <Field label="Certificates" value={String(object.certificateCount)} />;
    case 'keystore':
      return (
        <>
          <Field label="Format" value={object.format} />
          {object.entries.map((e) => (
            <Field key={e.alias} label={e.alias} value={`${e.type}, ${e.certificateIds.length} certificate(s)`} />
          ))}
        </>
      );
  }
}
