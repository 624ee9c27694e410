import type { ChainCertificate, ClientVerdict } from '../../../../shared/model/chain.js';

/**
 * One row per client family: whether it trusts the chain, against which anchors, and its first
 * reason when it does not. The headline's clients are marked; documented-only rules say so.
 */
export function ClientMatrix({
  clients,
  headline,
  certificates,
  onSelect,
}: {
  clients: readonly ClientVerdict[];
  headline: readonly string[];
  certificates: ReadonlyMap<string, ChainCertificate>;
  onSelect: (sha: string) => void;
}) {
  return (
    <table className="client-matrix" aria-label="Client verdicts">
      <thead>
        <tr>
          <th scope="col">Client</th>
          <th scope="col">Verdict</th>
          <th scope="col">Anchors</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {clients.map((v) => {
          const reason = v.reasons[0];
          const cert = reason?.certificate ? certificates.get(reason.certificate) : undefined;
          return (
            <tr key={`${v.client}:${v.anchors.join(', ')}`} data-client={v.client} className={v.trusted ? 'client-trusts' : 'client-refuses'}>
              <th scope="row">
                {v.label}
                {headline.includes(v.client) ? <span className="client-headline"> (verdict above)</span> : null}
                {v.documented ? <span className="hint"> · documented rules</span> : null}
              </th>
              <td className="client-verdict">{v.trusted ? 'Trusts' : 'Refuses'}</td>
              <td className="hint">{v.anchors.join(', ') || '—'}</td>
              <td>
                {reason ? reason.detail : ''}
                {cert ? (
                  <button type="button" className="link" onClick={() => onSelect(cert.sha256)}>
                    Show certificate
                  </button>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
