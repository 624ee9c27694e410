import type { ChainCertificate, ChainReport } from '../../../../shared/model/chain.js';
import { CopyButton } from '../../components/CopyButton.js';
import { CertificateDetail } from '../../components/CertificateDetail.js';
import { useChainStore } from './chain-store.js';

const ORIGIN_TEXT = { server: 'sent by the server', file: 'from your files', aia: 'downloaded via AIA', 'trust-source': 'from the trust source' } as const;

/** The inspect pane for one chain certificate, with where it came from and its problems on each path. */
export function ChainNodeDetail({ cert, report }: { cert: ChainCertificate; report: ChainReport }) {
  const detail = useChainStore((s) => s.details[cert.id]);
  const position = report.presented.indexOf(cert.sha256);
  const problems = report.paths.flatMap((p) => p.problems.filter((x) => x.certificate === cert.sha256));
  const unique = [...new Map(problems.map((p) => [`${p.code}:${p.detail}`, p])).values()];
  return (
    <div className="chain-detail">
      <p className="chain-origin">
        {ORIGIN_TEXT[cert.origin]}
        {position >= 0 ? ` (position ${position + 1} of ${report.presented.length})` : ''}
      </p>
      {unique.length > 0 ? (
        <ul className="node-problems" aria-label="Problems">
          {unique.map((p) => (
            <li key={`${p.code}:${p.detail}`}>
              <code>{p.code}</code> {p.detail}
            </li>
          ))}
        </ul>
      ) : null}
      <CertificateDetail id={cert.id} summary={cert.summary} detail={detail} />
      <CopyButton value={cert.pem} label="Copy PEM" />
    </div>
  );
}
