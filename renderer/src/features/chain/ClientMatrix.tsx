import type { ChainCertificate, ClientVerdict } from '../../../../shared/model/chain.js';

/**
 * One row per client family: whether it trusts the chain, against which anchors, and its first
 * reason when it does not. The headline's clients are marked; documented-only rules say so.
 * It sits beside the tree, so long labels, anchors and reasons are cut to one line; a row shows
 * them whole while hovered or focused (its client cell is a Tab stop), and each cell's title holds
 * the full text.
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
      <colgroup>
        <col className="col-client" />
        <col className="col-verdict" />
        <col className="col-anchors" />
        <col className="col-why" />
      </colgroup>
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
          const picked = headline.includes(v.client);
          const client = `${v.label}${picked ? ' (verdict above)' : ''}${v.documented ? ' · documented rules' : ''}`;
          const anchors = v.anchors.join(', ') || '—';
          return (
            <tr
              key={`${v.client}:${v.anchors.join(', ')}`}
              data-client={v.client}
              className={`${v.trusted ? 'client-trusts' : 'client-refuses'}${picked ? ' client-picked' : ''}`}
            >
              <th scope="row" tabIndex={0} title={client}>
                <span className="clip">
                  {v.label}
                  {picked ? <span className="client-headline"> (verdict above)</span> : null}
                  {v.documented ? <span className="hint"> · documented rules</span> : null}
                </span>
              </th>
              <td className="client-verdict">{v.trusted ? 'Trusts' : 'Refuses'}</td>
              <td className="hint" title={anchors}>
                <span className="clip">{anchors}</span>
              </td>
              <td className="client-why" title={reason?.detail}>
                <span className="clip">{reason ? reason.detail : ''}</span>
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
