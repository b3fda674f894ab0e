// Asks for a file or folder path where there is no native dialog (browser mode): open a site,
// save a copy, start a new site. Paths are checked by the host; its answer is shown here.
import {
  Button,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  TextInput,
} from '@patternfly/react-core';
import { useState, type ReactNode } from 'react';

export interface PathField {
  key: string;
  label: string;
  initial: string;
  hint?: ReactNode;
  placeholder?: string;
  monospace?: boolean;
}

export function PathModal({
  title,
  description,
  fields,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
  children,
}: {
  title: string;
  description?: ReactNode;
  fields: readonly PathField[];
  submitLabel: string;
  busy?: boolean;
  error?: string;
  onSubmit(values: Record<string, string>): void;
  onCancel(): void;
  children?: ReactNode;
}) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.key, f.initial])));
  const filled = fields.every((f) => (values[f.key] ?? '').trim() !== '');
  const submit = () => {
    if (filled && !busy) onSubmit(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()])));
  };
  return (
    <Modal variant="medium" isOpen onClose={onCancel} aria-labelledby="sk-path-modal-title" data-testid="path-modal">
      <ModalHeader title={title} labelId="sk-path-modal-title" description={description} />
      <ModalBody>
        <Form
          id="sk-path-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          {fields.map((f, i) => (
            <FormGroup key={f.key} label={f.label} fieldId={`sk-path-${f.key}`} isRequired>
              <TextInput
                id={`sk-path-${f.key}`}
                value={values[f.key] ?? ''}
                placeholder={f.placeholder}
                className={f.monospace === false ? undefined : 'sk-mono'}
                autoFocus={i === 0}
                data-testid={`path-input-${f.key}`}
                onChange={(_e, v) => setValues((old) => ({ ...old, [f.key]: v }))}
              />
              {f.hint ? (
                <FormHelperText>
                  <HelperText>
                    <HelperTextItem>{f.hint}</HelperTextItem>
                  </HelperText>
                </FormHelperText>
              ) : null}
            </FormGroup>
          ))}
          {error ? (
            <HelperText>
              <HelperTextItem variant="error" data-testid="path-modal-error">
                {error}
              </HelperTextItem>
            </HelperText>
          ) : null}
          {children}
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button type="submit" form="sk-path-form" isDisabled={!filled || busy} isLoading={busy} data-testid="path-modal-submit">
          {submitLabel}
        </Button>
        <Button variant="link" onClick={onCancel}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}

/** Folder part of a path (either separator). */
export function dirname(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i > 0 ? p.slice(0, i) : p;
}
