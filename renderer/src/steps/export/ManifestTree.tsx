// The bundle's files as a collapsible folder tree (install/, gitops/, …) with counts and sizes.
import { TreeView, type TreeViewDataItem } from '@patternfly/react-core';
import FileIcon from '@patternfly/react-icons/dist/esm/icons/file-alt-icon';
import FolderIcon from '@patternfly/react-icons/dist/esm/icons/folder-icon';
import FolderOpenIcon from '@patternfly/react-icons/dist/esm/icons/folder-open-icon';
import { useMemo } from 'react';
import { buildTree, count, formatSize, type TreeEntry } from './format';

export interface ManifestTreeProps {
  files: ReadonlyArray<{ path: string; size: number }>;
  selected?: string;
  onSelect(path: string): void;
}

function toItems(entries: TreeEntry[], depth: number): TreeViewDataItem[] {
  return entries.map((entry) =>
    entry.kind === 'folder'
      ? {
          id: entry.path,
          name: `${entry.name}/`,
          icon: <FolderIcon />,
          expandedIcon: <FolderOpenIcon />,
          defaultExpanded: depth === 0,
          hasBadge: true,
          customBadgeContent: `${count(entry.files, 'file')} · ${formatSize(entry.size)}`,
          children: toItems(entry.children, depth + 1),
        }
      : {
          id: entry.path,
          name: entry.name,
          icon: <FileIcon />,
          hasBadge: true,
          customBadgeContent: formatSize(entry.size),
        },
  );
}

function findItem(items: TreeViewDataItem[], id: string | undefined): TreeViewDataItem | undefined {
  if (id === undefined) return undefined;
  for (const item of items) {
    if (item.id === id) return item;
    const inner = item.children ? findItem(item.children, id) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

export function ManifestTree({ files, selected, onSelect }: ManifestTreeProps) {
  const items = useMemo(() => toItems(buildTree(files), 0), [files]);
  const active = findItem(items, selected);
  return (
    <div className="sk-export-tree" data-testid="export-tree">
      <TreeView
        aria-label="Files of the bundle"
        data={items}
        hasGuides
        activeItems={active ? [active] : []}
        onSelect={(_event, item) => {
          // Folders open and close; files are shown in the preview.
          if (!item.children && typeof item.id === 'string') onSelect(item.id);
        }}
      />
    </div>
  );
}
