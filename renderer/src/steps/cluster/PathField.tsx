// A path on this computer, typed or chosen: a text field with "Choose…" beside it where the app
// has native dialogs (in browser mode the path is typed), and one helper line under it that is
// either the problem with what was typed or what the field is for.
import { Button, FormGroup, FormHelperText, HelperText, HelperTextItem, InputGroup, InputGroupItem, TextInput } from '@patternfly/react-core';
import type { ReactNode } from 'react';

export interface PathFieldProps {
  id: string;
  label: string;
  value: string;
  placeholder: string;
  /** What is wrong with the typed path, in words; undefined when nothing is. */
  problem?: string;
  /** What the field is for, shown while there is no problem. */
  help: ReactNode;
  /** Whether "Choose…" is offered (not in browser mode). */
  canChoose: boolean;
  isDisabled: boolean;
  testid: string;
  onChange(value: string): void;
  onChoose(): void;
  /** Enter in the field. */
  onEnter?(): void;
  /** Under the helper line (a consent that belongs to this path). */
  children?: ReactNode;
}

export function PathField({ id, label, value, placeholder, problem, help, canChoose, isDisabled, testid, onChange, onChoose, onEnter, children }: PathFieldProps) {
  return (
    <FormGroup label={label} fieldId={id}>
      <InputGroup>
        <InputGroupItem isFill>
          <TextInput
            id={id}
            value={value}
            placeholder={placeholder}
            spellCheck={false}
            className="sk-cluster-mono"
            isDisabled={isDisabled}
            validated={problem ? 'error' : 'default'}
            onChange={(_e, v) => onChange(v)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') onEnter?.();
            }}
            data-testid={testid}
          />
        </InputGroupItem>
        {canChoose && (
          <InputGroupItem>
            <Button variant="control" isDisabled={isDisabled} onClick={onChoose} data-testid={`${testid}-choose`}>
              Choose…
            </Button>
          </InputGroupItem>
        )}
      </InputGroup>
      <FormHelperText>
        <HelperText>
          <HelperTextItem variant={problem ? 'error' : 'default'} data-testid={`${testid}-help`}>
            {problem ?? help}
          </HelperTextItem>
        </HelperText>
      </FormHelperText>
      {children}
    </FormGroup>
  );
}
