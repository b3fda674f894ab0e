// Small pieces the Networks and Disks steps share: reading plain YAML data, a focusable group
// that owns a pointer (for findings about a whole list or entry), a checkbox bound to one or
// more pointers, and an inline "are you sure" for removals. No window/document here.
import { Button, Card, CardBody, CardTitle, Content, Flex, FlexItem, Form, TextInput, Title } from '@patternfly/react-core';
import { useCallback, useDeferredValue, useId, useState, type ReactNode } from 'react';
import type { Finding } from '../../../../main/core/validation/finding';
import { FieldFindings, useSite, useWizard } from '../../wizard/fields';
import { findingsAt } from '../../wizard/pointer';

const NO_FINDINGS: readonly Finding[] = [];

/** A list from plain data ([] when it is not one). */
export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** An object from plain data ({} when it is not one). */
export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A text (numbers shown as text), or undefined. */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The texts of a list (anything else left out). */
export function texts(value: unknown): string[] {
  return asList(value)
    .map(asText)
    .filter((t): t is string => t !== undefined && t !== '');
}

/** All findings of the open document (a stable empty list when there are none). */
export function useAllFindings(): readonly Finding[] {
  return useSite((s) => s.doc?.findings) ?? NO_FINDINGS;
}

/** A ref callback that registers one element under several pointers (e.g. a duplicate entry). */
export function useFieldRefs(paths: readonly string[]): (element: HTMLElement | null) => void {
  const { registerField } = useWizard();
  const key = paths.join('\n');
  return useCallback(
    (element: HTMLElement | null) => {
      for (const path of key.split('\n')) if (path) registerField(path, element);
    },
    [registerField, key],
  );
}

export interface GroupProps {
  /** Pointer of the whole list or entry; findings about exactly it show first. */
  path: string;
  /** More pointers this group stands for (fields the form does not show one by one). */
  also?: readonly string[];
  /** Also list findings about anything inside `also` entries. */
  alsoWithin?: boolean;
  className?: string;
  /** Heading shown before the findings and the fields. */
  title?: ReactNode;
  children?: ReactNode;
  'aria-label'?: string;
  'data-testid'?: string;
}

/**
 * A block that owns a pointer: a finding about it (a missing list, a whole entry) focuses the
 * block and is shown at its top, before the fields inside.
 */
export function Group({ path, also = [], alsoWithin, className, title, children, ...rest }: GroupProps) {
  const ref = useFieldRefs([path, ...also]);
  const all = useAllFindings();
  const findings = [...findingsAt(all, path), ...also.flatMap((p) => findingsAt(all, p, alsoWithin))];
  return (
    <div
      ref={ref as (el: HTMLDivElement | null) => void}
      tabIndex={-1}
      className={className ? `sk-group ${className}` : 'sk-group'}
      data-path={path}
      role="group"
      aria-label={rest['aria-label']}
      data-testid={rest['data-testid']}
    >
      {title}
      <FieldFindings findings={findings} />
      {children}
    </div>
  );
}

export interface PlanCheckboxProps {
  /** Pointers this box stands for (the list entries holding its value); may be empty. */
  paths: readonly string[];
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  /** Shown after the label, e.g. "not in the NIC list". */
  note?: ReactNode;
  invalid?: boolean;
  /** The value the box stands for (a NIC or network name), for tests and tools. */
  value?: string;
}

/** A PatternFly checkbox whose input is registered under pointers (PF's Checkbox keeps its ref). */
export function PlanCheckbox({ paths, label, checked, onChange, note, invalid, value }: PlanCheckboxProps) {
  const id = useId();
  const ref = useFieldRefs(paths);
  return (
    <div className="pf-v6-c-check sk-check">
      <input
        ref={ref as (el: HTMLInputElement | null) => void}
        className="pf-v6-c-check__input"
        type="checkbox"
        id={id}
        checked={checked}
        aria-invalid={invalid || undefined}
        data-path={paths[0]}
        data-value={value}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <label className="pf-v6-c-check__label" htmlFor={id}>
        {label}
        {note ? <span className="sk-muted"> {note}</span> : null}
      </label>
    </div>
  );
}

export interface RemoveButtonProps {
  /** What is removed, in words ("network storage"). */
  what: string;
  /** Things that still name it; shown as a warning before removing. */
  references?: readonly string[];
  onRemove(): void;
  /** Ask first (default true). */
  confirm?: boolean;
  label?: string;
  /** Red, for removals that lose data (default); off for "go back to the shared setting". */
  danger?: boolean;
}

/** "Remove" that asks once, inline (keyboard reachable, no dialog). */
export function RemoveButton({ what, references = [], onRemove, confirm = true, label = 'Remove', danger = true }: RemoveButtonProps) {
  const [asking, setAsking] = useState(false);
  if (!asking || !confirm) {
    return (
      <Button variant="link" isDanger={danger} isInline aria-label={label === 'Remove' ? `Remove ${what}` : `${label} (${what})`} onClick={() => (confirm ? setAsking(true) : onRemove())}>
        {label}
      </Button>
    );
  }
  return (
    <div className="sk-confirm" role="alert">
      <Content component="p">
        {danger ? `Remove ${what}?` : `${label}? This drops ${what}.`}
        {references.length > 0 ? (
          <>
            {' '}
            It is still used by {references.join('; ')}. Those places will be reported until you change them too.
          </>
        ) : null}
      </Content>
      <Flex spaceItems={{ default: 'spaceItemsSm' }}>
        <FlexItem>
          <Button
            variant={danger ? 'danger' : 'primary'}
            size="sm"
            onClick={() => {
              setAsking(false);
              onRemove();
            }}
          >
            {danger ? 'Remove' : label}
          </Button>
        </FlexItem>
        <FlexItem>
          <Button variant="secondary" size="sm" onClick={() => setAsking(false)}>
            Keep
          </Button>
        </FlexItem>
      </Flex>
    </div>
  );
}

/** A short explanation line under a heading. */
export function Explain({ children }: { children: ReactNode }) {
  return <Content component="p" className="sk-explain">{children}</Content>;
}

/** A titled card of a step's form. */
export function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Card isCompact className="sk-form-card" aria-labelledby={id}>
      <CardTitle>
        <Title headingLevel="h2" size="xl" id={id}>
          {title}
        </Title>
      </CardTitle>
      <CardBody>{children}</CardBody>
    </Card>
  );
}

/** Forms in these steps save field by field; Enter must never submit (and reload) the page. */
export function StepForm({ children }: { children: ReactNode }) {
  return (
    <Form onSubmit={(e) => e.preventDefault()} isWidthLimited={false}>
      {children}
    </Form>
  );
}

/**
 * An editable table of a step: PatternFly's table classes, the given column titles (false
 * leaves a column out) and a last column for row actions; `children` are the body rows.
 */
export function FormTable({ label, columns, children }: { label: string; columns: ReadonlyArray<string | false>; children: ReactNode }) {
  return (
    <div className="sk-table-scroll">
      <table className="pf-v6-c-table pf-m-compact sk-table sk-form-table" aria-label={label}>
        <thead className="pf-v6-c-table__thead">
          <tr className="pf-v6-c-table__tr">
            {columns.filter((c): c is string => c !== false).map((title) => (
              <th key={title} className="pf-v6-c-table__th" scope="col">
                {title}
              </th>
            ))}
            <th className="pf-v6-c-table__th" scope="col">
              <span className="pf-v6-screen-reader">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="pf-v6-c-table__tbody">{children}</tbody>
      </table>
    </div>
  );
}

/**
 * What a picture draws: the plan (the last readable one while the text is broken), the stored
 * hardware and every finding — deferred, so after an edit the fields and findings show first and
 * the picture follows a moment later.
 */
export function usePictureInputs() {
  const site = useDeferredValue(useSite((s) => s.doc?.site ?? s.lastSite));
  const inventories = useDeferredValue(useSite((s) => s.inventories));
  const findings = useDeferredValue(useAllFindings());
  const stale = useSite((s) => !s.doc?.site && !!s.lastSite);
  return { site, inventories, findings, stale };
}

/** A text box and a button to add one entry by name (Enter adds too); the box empties after. */
export function AddByName({
  label,
  placeholder,
  button,
  onAdd,
  compact,
}: {
  label: string;
  placeholder: string;
  button: string;
  onAdd(text: string): void;
  /** Tight spacing, never wrapping (inside a row of other entries). */
  compact?: boolean;
}) {
  const [typed, setTyped] = useState('');
  const add = () => {
    const text = typed.trim();
    if (text === '') return;
    onAdd(text);
    setTyped('');
  };
  return (
    <Flex
      spaceItems={{ default: compact ? 'spaceItemsXs' : 'spaceItemsSm' }}
      alignItems={{ default: 'alignItemsCenter' }}
      {...(compact ? { flexWrap: { default: 'nowrap' as const } } : { className: 'sk-add-row' })}
    >
      <FlexItem {...(compact ? {} : { grow: { default: 'grow' as const } })}>
        <TextInput
          aria-label={label}
          placeholder={placeholder}
          className="sk-mono"
          value={typed}
          onChange={(_e, v) => setTyped(v)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
      </FlexItem>
      <FlexItem>
        <Button variant="secondary" onClick={add} isDisabled={typed.trim() === ''}>
          {button}
        </Button>
      </FlexItem>
    </Flex>
  );
}
