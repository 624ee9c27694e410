import { useRef, useState, type KeyboardEvent } from 'react';
import type { ChainCertificate } from '../../../../shared/model/chain.js';
import type { ChainTreeNode } from '../../../../shared/model/chain-tree.js';

const STATUS_TEXT = { trusted: 'ok', error: 'problem', warning: 'warning', untrusted: 'not on a trusted path', missing: 'missing' } as const;

interface Props {
  readonly node: ChainTreeNode;
  readonly certificates: ReadonlyMap<string, ChainCertificate>;
  readonly selected: string | null;
  readonly onSelect: (sha: string) => void;
}

/** A node as the keyboard walks it: its parent (the certificate it issued) and its depth from the leaf. */
interface Visible {
  readonly node: ChainTreeNode;
  readonly parent?: ChainTreeNode;
  readonly level: number;
}

/**
 * The nodes in screen order, top to bottom: a node's issuers are drawn above it, so each subtree
 * comes before its own node; collapsed nodes hide their issuers.
 */
function visibleNodes(node: ChainTreeNode, collapsed: ReadonlySet<string>, level = 1, parent?: ChainTreeNode): Visible[] {
  const above = collapsed.has(node.key) ? [] : node.children.flatMap((c) => visibleNodes(c, collapsed, level + 1, node));
  return [...above, { node, parent, level }];
}

/**
 * The chain drawn anchor on top, leaf at the bottom; each fork above a node is an alternative path.
 * The ARIA tree pattern on that drawing: one Tab stop, Up/Down move on screen, Home/End jump,
 * Right opens a node's issuers or moves to its first one, Left closes or moves back to the
 * certificate it issued; Enter or Space shows the certificate.
 */
export function ChainTree({ node, certificates, selected, onSelect }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const visible = visibleNodes(node, collapsed);
  const selectedKey = visible.find((v) => v.node.sha256 !== undefined && v.node.sha256 === selected)?.node.key;
  // The Tab stop: the node last moved to, else the selected certificate, else the leaf.
  const tabKey = focusKey !== null && visible.some((v) => v.node.key === focusKey) ? focusKey : (selectedKey ?? node.key);

  const focus = (key: string) => {
    setFocusKey(key);
    container.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus();
  };
  const setOpen = (key: string, open: boolean) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (open) next.delete(key);
      else next.add(key);
      return next;
    });

  const onKeyDown = (e: KeyboardEvent) => {
    const index = visible.findIndex((v) => v.node.key === tabKey);
    const current = visible[index];
    if (!current) return;
    const hasChildren = current.node.children.length > 0;
    const isOpen = hasChildren && !collapsed.has(current.node.key);
    const target = (() => {
      switch (e.key) {
        case 'ArrowUp':
          return visible[index - 1]?.node.key;
        case 'ArrowDown':
          return visible[index + 1]?.node.key;
        case 'Home':
          return visible[0]?.node.key;
        case 'End':
          return visible[visible.length - 1]?.node.key;
        case 'ArrowRight':
          if (hasChildren && !isOpen) setOpen(current.node.key, true);
          return isOpen ? current.node.children[0]?.key : undefined;
        case 'ArrowLeft':
          if (isOpen) setOpen(current.node.key, false);
          return isOpen ? undefined : current.parent?.key;
        default:
          return null;
      }
    })();
    if (target === null) return;
    e.preventDefault();
    if (target) focus(target);
  };

  return (
    <div className="chain-tree" role="tree" aria-label="Chain tree" ref={container} onKeyDown={onKeyDown}>
      <TreeBranch
        node={node}
        level={1}
        certificates={certificates}
        selected={selected}
        onSelect={onSelect}
        collapsed={collapsed}
        tabKey={tabKey}
        onFocusNode={setFocusKey}
      />
    </div>
  );
}

interface BranchProps extends Props {
  readonly level: number;
  readonly collapsed: ReadonlySet<string>;
  readonly tabKey: string;
  readonly onFocusNode: (key: string) => void;
}

function TreeBranch(props: BranchProps) {
  const { node, level, certificates, selected, onSelect, collapsed, tabKey, onFocusNode } = props;
  const cert = node.sha256 ? certificates.get(node.sha256) : undefined;
  const open = !collapsed.has(node.key);
  const treeItem = {
    role: 'treeitem',
    'aria-level': level,
    ...(node.children.length > 0 ? { 'aria-expanded': open } : {}),
    tabIndex: node.key === tabKey ? 0 : -1,
    'data-key': node.key,
    onFocus: () => onFocusNode(node.key),
  } as const;
  return (
    <div className="tree-branch">
      {node.children.length > 0 && open ? (
        <div className="tree-children">
          {node.children.map((child) => (
            <TreeBranch key={child.key} {...props} node={child} level={level + 1} />
          ))}
        </div>
      ) : null}
      {node.missingIssuer !== undefined ? (
        <div className="tree-node status-missing" {...treeItem} aria-selected={false} data-status="missing">
          <span className="node-status">missing issuer</span>
          <span className="node-name">{node.missingIssuer || '(unknown issuer)'}</span>
        </div>
      ) : (
        <button
          type="button"
          {...treeItem}
          aria-selected={node.sha256 === selected}
          className={`tree-node status-${node.status}${node.sha256 === selected ? ' selected' : ''}${open ? '' : ' collapsed'}`}
          data-status={node.status}
          data-sha256={node.sha256}
          onClick={() => node.sha256 && onSelect(node.sha256)}
        >
          <span className="node-status">
            {STATUS_TEXT[node.status]}
            {node.anchorSource ? ' · anchor' : ''}
            {cert && cert.origin !== 'server' && cert.origin !== 'file' ? ` · ${cert.origin}` : ''}
            {open ? '' : ` · ${node.children.length} issuer path(s) hidden`}
          </span>
          <span className="node-name">{cert?.summary.subject ?? node.sha256}</span>
          {node.problems.map((p) => (
            <span key={`${p.code}:${p.detail}`} className="node-problem" title={p.detail}>
              {p.code}
            </span>
          ))}
        </button>
      )}
    </div>
  );
}
