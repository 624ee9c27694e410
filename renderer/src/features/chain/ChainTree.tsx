import type { ChainCertificate } from '../../../../shared/model/chain.js';
import type { ChainTreeNode } from '../../../../shared/model/chain-tree.js';

const STATUS_TEXT = { trusted: 'ok', error: 'problem', warning: 'warning', untrusted: 'not on a trusted path', missing: 'missing' } as const;

interface Props {
  readonly node: ChainTreeNode;
  readonly certificates: ReadonlyMap<string, ChainCertificate>;
  readonly selected: string | null;
  readonly onSelect: (sha: string) => void;
}

/** The chain drawn anchor on top, leaf at the bottom; each fork above a node is an alternative path. */
export function ChainTree(props: Props) {
  return (
    <div className="chain-tree" role="tree" aria-label="Chain tree">
      <TreeBranch {...props} />
    </div>
  );
}

function TreeBranch({ node, certificates, selected, onSelect }: Props) {
  const cert = node.sha256 ? certificates.get(node.sha256) : undefined;
  return (
    <div className="tree-branch">
      {node.children.length > 0 ? (
        <div className="tree-children">
          {node.children.map((child) => (
            <TreeBranch key={child.key} node={child} certificates={certificates} selected={selected} onSelect={onSelect} />
          ))}
        </div>
      ) : null}
      {node.missingIssuer !== undefined ? (
        <div className="tree-node status-missing" role="treeitem" aria-selected={false} data-status="missing">
          <span className="node-status">missing issuer</span>
          <span className="node-name">{node.missingIssuer || '(unknown issuer)'}</span>
        </div>
      ) : (
        <button
          type="button"
          role="treeitem"
          aria-selected={node.sha256 === selected}
          className={`tree-node status-${node.status}${node.sha256 === selected ? ' selected' : ''}`}
          data-status={node.status}
          data-sha256={node.sha256}
          onClick={() => node.sha256 && onSelect(node.sha256)}
        >
          <span className="node-status">
            {STATUS_TEXT[node.status]}
            {node.anchorSource ? ' · anchor' : ''}
            {cert && cert.origin !== 'server' && cert.origin !== 'file' ? ` · ${cert.origin}` : ''}
          </span>
          <span className="node-name">{cert?.summary.subject ?? node.sha256}</span>
          {node.problems.map((p) => (
            <span key={`${p.code}:${p.detail}`} className="node-problem">
              {p.code}
            </span>
          ))}
        </button>
      )}
    </div>
  );
}
