import type { Asn1Node } from '../../../../shared/model/certificate-detail.js';

/** The DER as an indented tree (like `openssl asn1parse -i`), constructed nodes collapsible. */
export function Asn1Tree({ node }: { node: Asn1Node }) {
  const head = (
    <>
      <code className="asn1-tag">{node.tag}</code> <span className="muted">@{node.offset} len {node.length}</span>
      {node.value !== undefined ? <span className="asn1-value"> {node.value}</span> : null}
    </>
  );
  if (!node.children) return <div className="asn1-leaf">{head}</div>;
  return (
    <details className="asn1-node" open={node.offset < 16}>
      <summary>{head}</summary>
      <div className="asn1-children">
        {node.children.map((child) => (
          <Asn1Tree key={`${child.offset}:${child.tag}`} node={child} />
        ))}
      </div>
    </details>
  );
}
