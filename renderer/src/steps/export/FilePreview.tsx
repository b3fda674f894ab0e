// One file of the bundle: monospace, with line numbers, scrollable (also with the keyboard).
import { Content, Title } from '@patternfly/react-core';
import type { BundleFileView } from '../../../../main/contract/api';
import { formatSize, textLines } from './format';

/** Lines drawn at most; the rest is in the file (previews are at most 256 KiB anyway). */
export const MAX_PREVIEW_LINES = 10_000;

export function FilePreview({ file }: { file?: BundleFileView }) {
  if (!file) {
    return (
      <div className="sk-export-preview sk-export-preview--empty" data-testid="export-preview">
        <Content component="p" className="sk-muted">
          Choose a file on the left to see what will be written.
        </Content>
      </div>
    );
  }
  const lines = file.content === undefined ? [] : textLines(file.content);
  const shown = lines.slice(0, MAX_PREVIEW_LINES);
  return (
    <div className="sk-export-preview" data-testid="export-preview">
      <div className="sk-export-preview__head">
        <Title headingLevel="h3" size="md" className="sk-export-mono">
          {file.path}
        </Title>
        <span className="sk-muted">
          {formatSize(file.size)}
          {file.content !== undefined ? ` · ${lines.length} ${lines.length === 1 ? 'line' : 'lines'}` : ''}
        </span>
      </div>
      {file.content === undefined ? (
        <Content component="p" className="sk-export-preview__note" data-testid="export-preview-too-large">
          This file is too large to preview here ({formatSize(file.size)}). It is written with the bundle like every other
          file.
        </Content>
      ) : (
        <div className="sk-export-code" tabIndex={0} role="region" aria-label={`Contents of ${file.path}`}>
          <pre className="sk-export-code__text">
            {shown.map((line, i) => (
              <span key={i} className="sk-export-code__line">
                <span className="sk-export-code__num" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="sk-export-code__src">{line === '' ? ' ' : line}</span>
              </span>
            ))}
          </pre>
          {lines.length > shown.length && (
            <Content component="p" className="sk-export-preview__note">
              The first {MAX_PREVIEW_LINES} of {lines.length} lines are shown.
            </Content>
          )}
        </div>
      )}
    </div>
  );
}
