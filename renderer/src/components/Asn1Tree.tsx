import { useMemo } from 'react';
import type { Asn1Node } from '../../../shared/model/certificate-detail.js';
import { TreeView, type TreeNode } from './TreeView.js';

/** Constructed nodes this close to the start are expanded at first: the outer structure, not every leaf. */
const EXPANDED_BELOW_OFFSET = 16;

const toTreeNode = (node: Asn1Node, expanded: string[]): TreeNode => {
  const id = String(node.offset);
  if (node.children && node.offset < EXPANDED_BELOW_OFFSET) expanded.push(id);
  const text = `${node.tag} @${node.offset} len ${node.length}${node.value !== undefined ? ` ${node.value}` : ''}`;
  return {
    id,
    text,
    content: (
      <span className="asn1-line" data-copy={node.value} data-copy-label={node.tag}>
        <code className="asn1-tag">{node.tag}</code> <span className="muted">@{node.offset} len {node.length}</span>
        {node.value !== undefined ? <span className="asn1-value"> {node.value}</span> : null}
      </span>
    ),
    ...(node.children ? { children: node.children.map((c) => toTreeNode(c, expanded)) } : {}),
  };
};

/** The DER as a tree (like `openssl asn1parse -i`): arrow keys move, Right/Left open and close constructed nodes. */
export function Asn1Tree({ node }: { node: Asn1Node }) {
  const { nodes, expanded } = useMemo(() => {
    const open: string[] = [];
    return { nodes: [toTreeNode(node, open)], expanded: open };
  }, [node]);
  return <TreeView label="ASN.1 structure" nodes={nodes} defaultExpanded={expanded} className="asn1-tree" />;
}
