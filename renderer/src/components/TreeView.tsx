import type { ReactNode } from 'react';
import { Button, Collection, Tree, TreeItem, TreeItemContent } from 'react-aria-components';

/** One node of a tree: its text (typeahead, screen readers), what the row shows, and its children. */
export interface TreeNode {
  readonly id: string;
  readonly text: string;
  readonly content?: ReactNode;
  readonly children?: readonly TreeNode[];
}

/**
 * The app's tree (React Aria's Tree, role treegrid): one Tab stop, arrow keys move, Right/Left
 * expand and collapse, every row carries aria-level; the chevron is a button for the mouse.
 */
export function TreeView({ label, nodes, defaultExpanded, className }: { label: string; nodes: readonly TreeNode[]; defaultExpanded?: Iterable<string>; className?: string }) {
  const renderNode = (node: TreeNode) => (
    <TreeItem id={node.id} textValue={node.text} className="tree-item">
      <TreeItemContent>
        {({ hasChildItems, isExpanded, level }) => (
          <div className="tree-row" data-level={level}>
            <span className="tree-indent" style={{ width: (level - 1) * 16 }} />
            {hasChildItems ? (
              <Button slot="chevron" className="tree-chevron" aria-label={isExpanded ? `Collapse ${node.text}` : `Expand ${node.text}`}>
                {isExpanded ? '▾' : '▸'}
              </Button>
            ) : (
              <span className="tree-chevron" />
            )}
            {node.content ?? node.text}
          </div>
        )}
      </TreeItemContent>
      {node.children ? <Collection items={node.children}>{renderNode}</Collection> : null}
    </TreeItem>
  );
  return (
    <Tree aria-label={label} items={nodes} className={className ? `tree ${className}` : 'tree'} {...(defaultExpanded ? { defaultExpandedKeys: defaultExpanded } : {})}>
      {renderNode}
    </Tree>
  );
}
