import { useMemo } from 'react';
import type { ChainCertificate } from '../../../../shared/model/chain.js';
import { ChainForm } from './ChainForm.js';
import { ClientMatrix } from './ClientMatrix.js';
import { ChainNodeDetail } from './ChainNodeDetail.js';
import { ChainTree } from './ChainTree.js';
import { DiagnosisList } from './DiagnosisList.js';
import { buildChainTree, certificatesOffPath } from '../../../../shared/model/chain-tree.js';
import { useChainStore } from './chain-store.js';
import { otherPathProblems } from '../../../../shared/model/other-path-problems.js';
import './chain.css';

/** Fetch a server's chain or verify files: the tree, the diagnoses with fixes, the corrected bundle. */
export function ChainWorkspace() {
  const { report, failure, selectedSha, select, exportCertificates } = useChainStore();
  const tree = useMemo(() => (report ? buildChainTree(report) : null), [report]);
  const certificates = useMemo(() => new Map<string, ChainCertificate>(report?.certificates.map((c) => [c.sha256, c]) ?? []), [report]);
  const offPath = useMemo(() => (report ? certificatesOffPath(report) : []), [report]);
  const otherPaths = useMemo(() => (report ? otherPathProblems(report) : []), [report]);
  const selected = selectedSha ? certificates.get(selectedSha) : undefined;
  const origin = report?.origin;
  return (
    <section className="workspace chain" aria-label="Chain">
      <ChainForm />
      {report ? (
        <>
          <header className={`chain-verdict ${report.trusted ? 'verdict-trusted' : 'verdict-untrusted'}`} role="status" aria-label="Verdict" data-verified-at={report.verifiedAt}>
            <strong>{report.trusted ? 'Trusted' : 'Not trusted'}</strong>
            <span className="hint">for {report.clients.filter((v) => report.headline.includes(v.client)).map((v) => v.label.replace(/ \(.*$/, '')).join(', ')}</span>
            <span>
              {origin?.kind === 'host'
                ? `${origin.host}:${origin.port} · ${origin.protocol} · ${origin.cipher}${origin.proxy ? ` · via ${origin.proxy}` : ''}`
                : `files: ${origin?.files.join(', ')}`}
            </span>
            <span className="hint">against {report.trustSources.join(', ')} at {report.verifiedAt}</span>
            <span className="chain-export">
              <button type="button" onClick={() => void exportCertificates('presented')} disabled={report.origin.kind !== 'host'}>
                Save presented chain
              </button>
              <button type="button" onClick={() => void exportCertificates('bundle')} disabled={!report.bundle}>
                Export corrected bundle
              </button>
              <button type="button" onClick={() => void exportCertificates('root')} disabled={!report.bundle?.root}>
                Export root
              </button>
            </span>
          </header>
          {report.skippedTrust.length > 0 ? (
            <ul className="chain-skipped" aria-label="Skipped trust sources">
              {report.skippedTrust.map((s) => (
                <li key={s.source}>
                  <span className="severity">info</span> Skipped {s.source}: {s.reason}
                </li>
              ))}
            </ul>
          ) : null}
          <div className={selected ? 'chain-split' : 'chain-split no-detail'}>
            <div className="chain-left">
              <div className="chain-tree-and-clients">
                <div>
                  {tree ? <ChainTree node={tree} certificates={certificates} selected={selectedSha} onSelect={select} /> : null}
                  {selected ? null : <p className="hint">Click a certificate in the tree for its details.</p>}
                </div>
                <ClientMatrix clients={report.clients} headline={report.headline} certificates={certificates} onSelect={select} />
              </div>
              {offPath.length > 0 ? (
                <ul className="off-path" aria-label="Presented but on no path">
                  {offPath.map((sha) => (
                    <li key={sha}>
                      <button type="button" className="tree-node status-warning" onClick={() => select(sha)}>
                        <span className="node-status">sent, on no path</span>
                        <span className="node-name">{certificates.get(sha)?.summary.subject}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              ) : null}
              <h2 className="chain-heading">Diagnoses</h2>
              <DiagnosisList diagnoses={report.diagnoses} otherPaths={otherPaths} certificates={certificates} onSelect={select} />
            </div>
            {selected ? (
              <div className="detail-pane">
                <button type="button" className="chain-detail-close" onClick={() => select(null)}>
                  Hide details
                </button>
                <ChainNodeDetail cert={selected} report={report} />
              </div>
            ) : null}
          </div>
        </>
      ) : failure ? (
        <p className="chain-failure" role="alert">
          {failure.what} failed: {failure.message}
        </p>
      ) : (
        <p className="hint">Enter a host (or open or paste certificates) to see its chain, why it is or is not trusted, and how to fix it.</p>
      )}
    </section>
  );
}
