import type { Diagnosis, FixPlace } from '../../../../shared/model/chain-diagnosis.js';
import type { ChainCertificate } from '../../../../shared/model/chain.js';
import { useAppStore } from '../../store/app-store.js';
import type { WorkspaceId } from '../../../../shared/model/workspaces.js';
import { openTrustMapFor } from '../trust/open-trust-map.js';
import { useChainStore } from './chain-store.js';
import { issuedTo } from '../../components/certificate-names.js';
import type { OtherPathProblem } from '../../../../shared/model/other-path-problems.js';

const PLACE_WORKSPACE: Partial<Record<FixPlace, { workspace: WorkspaceId; label: string }>> = {
  'trust-store': { workspace: 'trust', label: 'Add to a trust store…' },
  'java-keystore': { workspace: 'keystore', label: 'Open Java keystores' },
  reissue: { workspace: 'keys', label: 'Make a new key and CSR' },
};

/**
 * Every diagnosis, errors first, each with its fix and a link to where the fix is carried out;
 * then the problems only alternative paths have, so nothing the tree marks is missing here.
 */
export function DiagnosisList({
  diagnoses,
  otherPaths,
  certificates,
  onSelect,
}: {
  diagnoses: readonly Diagnosis[];
  otherPaths: readonly OtherPathProblem[];
  certificates: ReadonlyMap<string, ChainCertificate>;
  onSelect: (sha: string) => void;
}) {
  const openWorkspace = useAppStore((s) => s.openWorkspace);
  // A trust-store fix that names a certificate opens the trust map for it: where it is trusted, and "add where missing".
  const openTrustFor = (d: Diagnosis) => {
    const cert = d.fix.certificate ? certificates.get(d.fix.certificate) : undefined;
    if (cert) openTrustMapFor(cert.id);
    else openWorkspace('trust');
  };
  if (diagnoses.length === 0 && otherPaths.length === 0) return <p className="chain-clean">No problems found.</p>;
  return (
    <>
      {diagnoses.length === 0 ? <p className="chain-clean">No problems on the best path.</p> : null}
      {diagnoses.length > 0 ? <DiagnosisItems diagnoses={diagnoses} onSelect={onSelect} openTrustFor={openTrustFor} /> : null}
      {otherPaths.length > 0 ? <OtherPathList problems={otherPaths} certificates={certificates} onSelect={onSelect} /> : null}
    </>
  );
}

/** The engine's detail ("… expired on …") as a sentence. */
const sentence = (detail: string) => `${detail.charAt(0).toUpperCase()}${detail.slice(1).replace(/\.?$/, '.')}`;

/** Problems of paths ranked below the best one: they matter when a client ends up on such a path (a store lacks the best path's root). */
function OtherPathList({ problems, certificates, onSelect }: { problems: readonly OtherPathProblem[]; certificates: ReadonlyMap<string, ChainCertificate>; onSelect: (sha: string) => void }) {
  const name = (sha: string) => {
    const cert = certificates.get(sha);
    return cert ? issuedTo(cert.summary.subject, cert.summary.sans) : sha.slice(0, 16);
  };
  return (
    <ul className="diagnoses" aria-label="Problems on other paths">
      {problems.map((p) => (
        <li key={`${p.code}:${p.certificate}`} className="other-path-problem" data-code={p.code}>
          <div className="diagnosis-head">
            <span className="severity severity-warning">on another path</span>
            <code>{p.code}</code>
          </div>
          <p className="diagnosis-message">
            On another path, not the best one ({p.path.map(name).join(' → ')}): {sentence(p.detail)}
          </p>
          <div className="diagnosis-actions">
            <button type="button" onClick={() => onSelect(p.certificate)}>
              Show certificate
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}

function DiagnosisItems({ diagnoses, onSelect, openTrustFor }: { diagnoses: readonly Diagnosis[]; onSelect: (sha: string) => void; openTrustFor: (d: Diagnosis) => void }) {
  const openWorkspace = useAppStore((s) => s.openWorkspace);
  const exportCertificates = useChainStore((s) => s.exportCertificates);
  return (
    <ul className="diagnoses" aria-label="Diagnoses">
      {diagnoses.map((d, i) => {
        const place = PLACE_WORKSPACE[d.fix.place];
        return (
          <li key={`${d.code}-${i}`} className={`diagnosis severity-${d.severity}`} data-code={d.code}>
            <div className="diagnosis-head">
              <span className={`severity severity-${d.severity}`}>{d.severity}</span>
              <code>{d.code}</code>
            </div>
            <p className="diagnosis-message">{d.message}</p>
            {d.evidence?.length ? (
              <div className="diagnosis-evidence">
                <strong>Evidence (confidence {d.confidence}):</strong>
                <ul aria-label="Evidence">
                  {d.evidence.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <p className="diagnosis-fix">
              <strong>Fix:</strong> {d.fix.text}
            </p>
            <div className="diagnosis-actions">
              {place ? (
                <button type="button" onClick={() => (d.fix.place === 'trust-store' ? openTrustFor(d) : openWorkspace(place.workspace))}>
                  {place.label}
                </button>
              ) : null}
              {d.fix.place === 'corrected-bundle' ? (
                <button type="button" onClick={() => void exportCertificates('bundle')}>
                  Export corrected bundle
                </button>
              ) : null}
              {d.certificates[0] ? (
                <button type="button" onClick={() => onSelect(d.certificates[0]!)}>
                  Show certificate
                </button>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
