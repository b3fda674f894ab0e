import {
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Label,
  TextArea,
} from '@patternfly/react-core';
import { useImperativeHandle, useRef, type Ref } from 'react';
import { historyMove, type HistoryMove } from '../wizard/shortcuts';

export interface EditorHandle {
  /** Selects a line of the text and scrolls it into view. */
  showLine(line: number): void;
}

const LINE_HEIGHT_PX = 20; // matches .sk-editor textarea in app.css

export interface EditorProps {
  ref?: Ref<EditorHandle>;
  text: string;
  path?: string;
  readOnly: boolean;
  unchecked: boolean;
  unsaved: boolean;
  onChange(text: string): void;
  /** Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y: the plan's undo and redo, not the browser's (which would be one more change). */
  onHistory(move: HistoryMove): void;
}

/** The plan as text: for what the forms do not cover, and for engineers who prefer YAML. */
export function Editor({ ref, text, path, readOnly, unchecked, unsaved, onChange, onHistory }: EditorProps) {
  const area = useRef<HTMLTextAreaElement>(null);

  useImperativeHandle(ref, () => ({
    showLine(line: number) {
      const el = area.current;
      if (!el) return;
      const lines = el.value.split('\n');
      const index = Math.min(Math.max(line, 1), lines.length) - 1;
      const start = lines.slice(0, index).reduce((n, l) => n + l.length + 1, 0);
      el.focus();
      el.setSelectionRange(start, start + (lines[index]?.length ?? 0));
      el.scrollTop = Math.max(0, index * LINE_HEIGHT_PX - el.clientHeight / 3);
    },
  }));

  return (
    <Card data-testid="editor-card">
      <CardHeader>
        <Flex alignItems={{ default: 'alignItemsCenter' }} spaceItems={{ default: 'spaceItemsSm' }}>
          <FlexItem>
            <CardTitle component="h2">Plan file (site.yaml)</CardTitle>
          </FlexItem>
          {readOnly && (
            <FlexItem>
              <Label isCompact color="grey">
                Example, read-only
              </Label>
            </FlexItem>
          )}
          {unchecked && (
            <FlexItem>
              <Label isCompact color="orange" data-testid="unchecked">
                Checking…
              </Label>
            </FlexItem>
          )}
          {unsaved && (
            <FlexItem>
              <Label isCompact color="yellow">
                Unsaved changes
              </Label>
            </FlexItem>
          )}
        </Flex>
        {path && (
          <div className="sk-path" title={path}>
            {path}
          </div>
        )}
      </CardHeader>
      <CardBody>
        <Form onSubmit={(e) => e.preventDefault()}>
          <FormGroup fieldId="site-text">
            <TextArea
              id="site-text"
              ref={area}
              className="sk-editor"
              value={text}
              onChange={(_event, value) => onChange(value)}
              onKeyDown={(e) => {
                const move = historyMove(e);
                if (!move) return;
                e.preventDefault();
                onHistory(move);
              }}
              resizeOrientation="vertical"
              rows={30}
              spellCheck={false}
              autoComplete="off"
              aria-label="site.yaml text"
              data-testid="editor"
            />
            <FormHelperText>
              <HelperText>
                <HelperTextItem>
                  Every change is checked as you type and shows up in the steps. Comments you write here are kept when the forms change the file.
                </HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
        </Form>
      </CardBody>
    </Card>
  );
}
