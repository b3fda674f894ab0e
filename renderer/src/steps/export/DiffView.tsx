// "Compare with last bundle": what writing now would add, remove or change in the bundle
// folder, with the unified diff of each file (+ green, - red).
import { Content, ExpandableSection, Label, List, ListItem } from '@patternfly/react-core';
import { useState } from 'react';
import type { BundleDiff, BundleFileDiff } from '../../../../main/contract/api';
import { count, diffLineKind, textLines } from './format';

const CHANGE: Record<BundleFileDiff['change'], { text: string; color: 'green' | 'red' | 'blue' }> = {
  added: { text: 'New', color: 'green' },
  removed: { text: 'Removed', color: 'red' },
  changed: { text: 'Changed', color: 'blue' },
};

export function UnifiedDiff({ text }: { text: string }) {
  return (
    <div className="sk-export-code sk-export-diff__code" tabIndex={0} role="region" aria-label="Line changes">
      <pre className="sk-export-code__text">
        {textLines(text).map((line, i) => {
          const kind = diffLineKind(line);
          return (
            <span key={i} className={`sk-export-code__line sk-export-diff__${kind}`}>
              {kind === 'add' && <span className="sk-export-sr">added: </span>}
              {kind === 'del' && <span className="sk-export-sr">removed: </span>}
              {line === '' ? ' ' : line}
            </span>
          );
        })}
      </pre>
    </div>
  );
}

export interface DiffViewProps {
  diff?: BundleDiff;
  /** The folder, when it holds no bundle yet. */
  missing?: string;
}

export function DiffView({ diff, missing }: DiffViewProps) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  if (missing !== undefined) {
    return (
      <div className="sk-export-diff" data-testid="export-diff">
        <Content component="p" data-testid="export-diff-missing">
          No bundle written yet in <span className="sk-export-mono">{missing}</span>. Writing the bundle creates every file.
        </Content>
      </div>
    );
  }
  if (!diff) return null;
  const by = (change: BundleFileDiff['change']) => diff.files.filter((f) => f.change === change).length;
  const toggle = (path: string, expanded: boolean) =>
    setOpen((s) => {
      const next = new Set(s);
      if (expanded) next.add(path);
      else next.delete(path);
      return next;
    });
  return (
    <div className="sk-export-diff" data-testid="export-diff">
      <Content component="p" data-testid="export-diff-summary">
        {diff.files.length === 0 ? (
          <>
            Same as the bundle in <span className="sk-export-mono">{diff.against}</span>: writing now changes nothing (
            {count(diff.unchanged, 'file')}).
          </>
        ) : (
          <>
            Compared with <span className="sk-export-mono">{diff.against}</span>: {by('added')} new, {by('changed')}{' '}
            changed, {by('removed')} removed, {diff.unchanged} unchanged.
          </>
        )}
      </Content>
      {diff.files.length > 0 && (
        <List isPlain className="sk-export-diff__files">
          {diff.files.map((f) => (
            <ListItem key={f.path}>
              <ExpandableSection
                isIndented
                isExpanded={open.has(f.path)}
                onToggle={(_e, expanded) => toggle(f.path, expanded)}
                toggleContent={
                  <span className="sk-export-diff__toggle">
                    <Label isCompact color={CHANGE[f.change].color}>
                      {CHANGE[f.change].text}
                    </Label>{' '}
                    <span className="sk-export-mono">{f.path}</span>
                  </span>
                }
              >
                {open.has(f.path) &&
                  (f.diff !== undefined ? (
                    <UnifiedDiff text={f.diff} />
                  ) : (
                    <Content component="p" className="sk-muted">
                      {f.change === 'removed'
                        ? 'This file is in the folder but is no longer part of the bundle; writing removes it.'
                        : 'This file is too large to compare line by line.'}
                    </Content>
                  ))}
              </ExpandableSection>
            </ListItem>
          ))}
        </List>
      )}
    </div>
  );
}
