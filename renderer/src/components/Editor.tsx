import {
  ActionGroup,
  Button,
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
  InputGroup,
  InputGroupItem,
  Label,
  TextArea,
  TextInput,
} from '@patternfly/react-core';
import { useImperativeHandle, useRef, useState, type Ref } from 'react';

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
  busy: boolean;
  onChange(text: string): void;
  onCheck(): void;
  onRevert(): void;
  onSave(path?: string): void;
}

export function Editor({ ref, text, path, readOnly, unchecked, unsaved, busy, onChange, onCheck, onRevert, onSave }: EditorProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [copyPath, setCopyPath] = useState('');

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
                Not checked yet
              </Label>
            </FlexItem>
          )}
          {unsaved && !readOnly && (
            <FlexItem>
              <Label isCompact color="yellow">
                Unsaved changes
              </Label>
            </FlexItem>
          )}
        </Flex>
        {path && <div className="sk-path" title={path}>{path}</div>}
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
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                  event.preventDefault();
                  onCheck();
                }
              }}
              resizeOrientation="vertical"
              rows={26}
              spellCheck={false}
              autoComplete="off"
              aria-label="site.yaml text"
              data-testid="editor"
            />
            <FormHelperText>
              <HelperText>
                <HelperTextItem>Edit the plan here, then press “Check plan” (or Ctrl+Enter). Nothing is written until you save.</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <ActionGroup>
            <Button variant="primary" onClick={onCheck} isLoading={busy} isDisabled={busy} data-testid="check-button">
              Check plan
            </Button>
            <Button variant="secondary" onClick={() => onSave()} isDisabled={busy || readOnly || !path || !unsaved}>
              Save
            </Button>
            <Button variant="link" onClick={onRevert} isDisabled={busy || !unsaved} data-testid="revert-button">
              Undo changes
            </Button>
          </ActionGroup>
          <FormGroup label="Save a copy as" fieldId="save-copy-path">
            <InputGroup>
              <InputGroupItem isFill>
                <TextInput
                  id="save-copy-path"
                  value={copyPath}
                  onChange={(_event, value) => setCopyPath(value)}
                  placeholder="/home/technician/sites/plant-a/site.yaml"
                  aria-label="Full path of the new site file"
                />
              </InputGroupItem>
              <InputGroupItem>
                <Button variant="control" onClick={() => onSave(copyPath.trim())} isDisabled={busy || copyPath.trim() === ''}>
                  Save copy
                </Button>
              </InputGroupItem>
            </InputGroup>
            <FormHelperText>
              <HelperText>
                <HelperTextItem>The full path of a .yaml file on this computer; its folder must exist.</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
        </Form>
      </CardBody>
    </Card>
  );
}
