// Form fields bound to site.yaml by JSON pointer. Each shows what is written in the file (not a
// last good plan), keeps its own text while the technician types, hands the change to the
// store after a short pause or when leaving the field, and shows the findings about exactly
// its field underneath. Every field registers its element so a finding can focus it.
import {
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Switch,
  TextArea,
  TextInput,
  type TextInputProps,
} from '@patternfly/react-core';
import { createContext, useCallback, useContext, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Finding } from '../../../main/core/validation/finding';
import type { SiteState, SiteStore } from '../store/site-store';
import { editOf, findingsAt, valueAt, worst } from './pointer';
import { historyMove, type HistoryMove } from './shortcuts';

/** How long a field waits after the last key before its value is checked. */
export const FIELD_COMMIT_DELAY_MS = 250;

export interface WizardContextValue {
  store: SiteStore;
  /** Fields register their input so findings can bring them into view. */
  registerField(path: string, element: HTMLElement | null): void;
}

export const WizardContext = createContext<WizardContextValue | null>(null);

export function useWizard(): WizardContextValue {
  const value = useContext(WizardContext);
  if (!value) throw new Error('useWizard outside <WizardContext>');
  return value;
}

export function useSite<T>(selector: (state: SiteState) => T): T {
  return useStore(useWizard().store, selector);
}

/** Plain data of the plan as written (undefined while the text is not readable YAML). */
export function usePlanValue(path: string): unknown {
  return useSite((s) => valueAt(s.doc?.data, path));
}

export function useFindings(path: string, within = false): Finding[] {
  const findings = useSite((s) => s.doc?.findings);
  return findingsAt(findings, path, within);
}

/** A ref callback that registers an element under a pointer. */
export function useFieldRef(path: string): (element: HTMLElement | null) => void {
  const { registerField } = useWizard();
  return useCallback((element: HTMLElement | null) => registerField(path, element), [registerField, path]);
}

/**
 * Registers the input inside a wrapper element: PatternFly's Switch, Checkbox and FormSelect
 * are class components, so a ref on them is not the element focus needs.
 */
export function useInputRef(path: string): (element: HTMLElement | null) => void {
  const register = useFieldRef(path);
  return useCallback(
    (element: HTMLElement | null) => register(element ? (element.querySelector<HTMLElement>('input, textarea, select') ?? element) : null),
    [register],
  );
}

const VARIANT = { error: 'error', warning: 'warning', info: 'indeterminate' } as const;

export function FieldFindings({ findings, hint }: { findings: readonly Finding[]; hint?: ReactNode }) {
  if (findings.length === 0 && !hint) return null;
  return (
    <FormHelperText>
      <HelperText>
        {findings.map((f, i) => (
          <HelperTextItem key={`${f.id}-${i}`} variant={VARIANT[f.severity]} data-testid="field-finding" data-rule={f.id}>
            {f.message}
            {f.hint ? <span className="sk-field-hint"> {f.hint}</span> : null}
          </HelperTextItem>
        ))}
        {findings.length === 0 && hint ? <HelperTextItem>{hint}</HelperTextItem> : null}
      </HelperText>
    </FormHelperText>
  );
}

function validated(findings: readonly Finding[]): 'error' | 'warning' | 'default' {
  const w = worst(findings);
  return w === 'error' ? 'error' : w === 'warning' ? 'warning' : 'default';
}

/** How a field turns typed text into the value written to site.yaml, and back. */
export interface Codec {
  format(value: unknown): string;
  /** undefined removes the key. */
  parse(text: string): unknown;
}

const show = (value: unknown): string =>
  value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);

export const textCodec: Codec = {
  format: show,
  parse: (text) => (text.trim() === '' ? undefined : text.trim()),
};

/** Whole numbers become numbers; anything else stays text so the check can say what is wrong. */
export const numberCodec: Codec = {
  format: show,
  parse: (text) => {
    const t = text.trim();
    if (t === '') return undefined;
    return /^-?\d+$/.test(t) ? Number(t) : t;
  },
};

/** A VLAN id or "untagged". */
export const vlanCodec: Codec = {
  format: show,
  parse: (text) => {
    const t = text.trim().toLowerCase();
    if (t === '') return undefined;
    if (t === 'untagged' || t === 'none' || t === '-') return 'untagged';
    return /^\d+$/.test(t) ? Number(t) : text.trim();
  },
};

/** A list typed as "a, b c" (commas or spaces). */
export const listCodec: Codec = {
  format: (value) => (Array.isArray(value) ? value.map(show).join(', ') : show(value)),
  parse: (text) => {
    const items = text
      .split(/[,\s]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    return items.length ? items : undefined;
  },
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

// Each visit to a text field gets its own undo group: what is typed in one visit is one undo step.
let fieldVisits = 0;

export interface TextFieldProps {
  path: string;
  label: string;
  codec?: Codec;
  hint?: ReactNode;
  placeholder?: string;
  isRequired?: boolean;
  /** Also show findings about fields inside this one (e.g. a list's items). */
  within?: boolean;
  monospace?: boolean;
  type?: TextInputProps['type'];
  'aria-label'?: string;
  /** Render without the label row (in tables). */
  compact?: boolean;
  /** A multi-line text (certificates, keys) with this many rows. */
  rows?: number;
}

export function TextField({
  path,
  label,
  codec = textCodec,
  hint,
  placeholder,
  isRequired,
  within,
  monospace,
  type = 'text',
  compact,
  rows,
  ...rest
}: TextFieldProps) {
  const { store } = useWizard();
  const value = usePlanValue(path);
  const findings = useFindings(path, within);
  const id = useId();
  const ref = useFieldRef(path);
  const [local, setLocal] = useState(() => codec.format(value));
  const editing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const visit = useRef<string | undefined>(undefined);
  const keystrokes = useRef(0);

  // Follow the file (undo, proposals, the YAML editor) unless the technician is typing here.
  useEffect(() => {
    if (!editing.current) setLocal(codec.format(value));
  }, [value, codec]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const commit = async (text: string): Promise<void> => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const next = codec.parse(text);
    const current = valueAt(store.getState().doc?.data, path);
    if (same(next, current)) return;
    await store.getState().edit([editOf(path, next)], visit.current ? { group: visit.current } : undefined);
  };

  // Ctrl+Z here goes to the plan's history, never the browser's own undo of this input (that
  // would come back as one more edit): what was typed becomes its edit first, then is undone.
  const moveInHistory = async (move: HistoryMove, text: string) => {
    const typed = keystrokes.current;
    await commit(text);
    await store.getState()[move]();
    if (keystrokes.current === typed) setLocal(codec.format(valueAt(store.getState().doc?.data, path)));
  };

  const handlers = {
    onFocus: () => {
      editing.current = true;
      visit.current = `${path}#${++fieldVisits}`;
    },
    onKeyDown: (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      const move = historyMove(e);
      if (move) {
        e.preventDefault();
        void moveInHistory(move, e.currentTarget.value);
      } else if (e.key === 'Enter' && rows === undefined) void commit(e.currentTarget.value);
    },
    onChange: (_e: unknown, text: string) => {
      keystrokes.current++;
      setLocal(text);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void commit(text), FIELD_COMMIT_DELAY_MS);
    },
    onBlur: (e: { currentTarget: { value: string } }) => {
      editing.current = false;
      void commit(e.currentTarget.value);
    },
  };
  const common = {
    id,
    value: local,
    placeholder,
    isRequired,
    validated: validated(findings),
    className: monospace ? 'sk-mono' : undefined,
    'data-path': path,
    'aria-label': rest['aria-label'] ?? label,
  };
  const input =
    rows !== undefined ? (
      <TextArea {...common} {...handlers} ref={ref as (el: HTMLTextAreaElement | null) => void} rows={rows} resizeOrientation="vertical" />
    ) : (
      <TextInput
        {...common}
        {...handlers}
        ref={ref as (el: HTMLInputElement | null) => void}
        type={type}
      />
    );
  if (compact) {
    return (
      <div className="sk-compact-field">
        {input}
        <FieldFindings findings={findings} />
      </div>
    );
  }
  return (
    <FormGroup label={label} fieldId={id} isRequired={isRequired}>
      {input}
      <FieldFindings findings={findings} hint={hint} />
    </FormGroup>
  );
}

export interface SelectFieldProps {
  path: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  hint?: ReactNode;
  /** Label of the empty choice (removes the key); omit when a value is required. */
  emptyLabel?: string;
  compact?: boolean;
}

export function SelectField({ path, label, options, hint, emptyLabel, compact }: SelectFieldProps) {
  const { store } = useWizard();
  const value = usePlanValue(path);
  const findings = useFindings(path);
  const id = useId();
  const ref = useInputRef(path);
  const current = value === undefined || value === null ? '' : String(value);
  const known = options.some((o) => o.value === current);
  const select = (
    <FormSelect
      id={id}
      value={current}
      validated={validated(findings)}
      data-path={path}
      aria-label={label}
      onChange={(_e, next) => {
        if (next === current) return;
        void store.getState().edit([editOf(path, next === '' ? undefined : next)]);
      }}
    >
      {emptyLabel !== undefined || current === '' ? <FormSelectOption value="" label={emptyLabel ?? 'Choose…'} /> : null}
      {!known && current !== '' ? <FormSelectOption value={current} label={`${current} (not a known choice)`} /> : null}
      {options.map((o) => (
        <FormSelectOption key={o.value} value={o.value} label={o.label} />
      ))}
    </FormSelect>
  );
  if (compact) {
    return (
      <div className="sk-compact-field" ref={ref}>
        {select}
        <FieldFindings findings={findings} />
      </div>
    );
  }
  return (
    <FormGroup label={label} fieldId={id}>
      <div ref={ref}>{select}</div>
      <FieldFindings findings={findings} hint={hint} />
    </FormGroup>
  );
}

export interface SwitchFieldProps {
  path: string;
  label: string;
  hint?: ReactNode;
  /** Value when the key is absent. */
  defaultValue?: boolean;
}

export function SwitchField({ path, label, hint, defaultValue = false }: SwitchFieldProps) {
  const { store } = useWizard();
  const value = usePlanValue(path);
  const findings = useFindings(path);
  const id = useId();
  const ref = useInputRef(path);
  const checked = typeof value === 'boolean' ? value : defaultValue;
  return (
    <FormGroup fieldId={id}>
      <div ref={ref}>
        <Switch
        id={id}
        label={label}
        isChecked={checked}
        data-path={path}
        onChange={(_e, next) => void store.getState().edit([{ path, value: next }])}
        />
      </div>
      <FieldFindings findings={findings} hint={hint} />
    </FormGroup>
  );
}
