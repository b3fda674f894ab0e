// Entry of one secret (pull secret, BMC password) into Sitekit's secret store. The value goes
// straight from the input to `secrets.set` and the input is emptied: it is never held in React
// or zustand state (the input is uncontrolled; only "is something typed" is tracked), never
// logged, and it never comes back — the store only answers whether a secret is there.
import {
  Alert,
  Button,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Label,
  TextArea,
  TextInput,
} from '@patternfly/react-core';
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Api } from '../api/client';

/** The part of the API a secret entry needs. */
export type SecretsApi = Pick<Api, 'secrets'>;

export interface SecretFieldProps {
  api: SecretsApi;
  /** Name in the secret store, e.g. pull-secret or bmc-acp-1. */
  name: string;
  label: string;
  /** A text area (the pull secret is a long JSON text) instead of a password input. */
  multiline?: boolean;
  hint?: ReactNode;
  /** Checks the value before it is stored; returns why it is not acceptable, in words. */
  check?: (value: string) => string | undefined;
  /** Called after the secret was stored (e.g. to write the reference into site.yaml). */
  onStored?: () => void;
  isDisabled?: boolean;
}

type Known = 'unknown' | 'stored' | 'missing' | 'error';

const words = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function SecretField({ api, name, label, multiline, hint, check, onStored, isDisabled }: SecretFieldProps) {
  const id = useId();
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const alive = useRef(true);
  const [known, setKnown] = useState<Known>('unknown');
  const [typed, setTyped] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();

  const refresh = useCallback(async () => {
    try {
      const has = await api.secrets.has({ name });
      if (alive.current) setKnown(has ? 'stored' : 'missing');
    } catch (error) {
      if (!alive.current) return;
      setKnown('error');
      setProblem(`Could not ask the secret store about ${name}: ${words(error)}`);
    }
  }, [api, name]);

  useEffect(() => {
    alive.current = true;
    setKnown('unknown');
    setProblem(undefined);
    setNotice(undefined);
    void refresh();
    return () => {
      alive.current = false;
    };
  }, [refresh]);

  const clearInput = () => {
    if (input.current) input.current.value = '';
    setTyped(false);
  };

  const store = async () => {
    const element = input.current;
    if (!element) return;
    // Pasted secrets often carry a trailing line break; nothing else is changed.
    const value = element.value.replace(/[\r\n]+$/, '');
    if (value === '') return;
    const why = check?.(value);
    if (why) {
      setProblem(why);
      setNotice(undefined);
      return;
    }
    setBusy(true);
    setProblem(undefined);
    setNotice(undefined);
    try {
      await api.secrets.set({ name, value });
      clearInput();
      if (!alive.current) return;
      setKnown('stored');
      setNotice(`Stored as ${name}. The text was removed from this page.`);
      onStored?.();
    } catch (error) {
      if (alive.current) setProblem(`Could not store ${name}: ${words(error)}`);
    } finally {
      if (alive.current) setBusy(false);
    }
  };

  const forget = async () => {
    setBusy(true);
    setProblem(undefined);
    setNotice(undefined);
    try {
      await api.secrets.delete({ name });
      if (!alive.current) return;
      setKnown('missing');
      setNotice(`${name} was removed from the secret store.`);
    } catch (error) {
      if (alive.current) setProblem(`Could not remove ${name}: ${words(error)}`);
    } finally {
      if (alive.current) setBusy(false);
    }
  };

  const common = {
    id,
    name: `secret-${name}`,
    'aria-label': label,
    'data-secret': name,
    autoComplete: 'off',
    spellCheck: false,
    isDisabled: isDisabled || busy,
    placeholder: known === 'stored' ? 'Paste a new value to replace the stored one' : 'Paste the value here',
    onChange: (_e: unknown, text: string) => setTyped(text !== ''),
  };

  return (
    <FormGroup
      label={label}
      fieldId={id}
      labelInfo={<SecretState known={known} name={name} />}
      className="sk-secret"
      data-testid={`secret-${name}`}
    >
      {multiline ? (
        <TextArea {...common} ref={input} rows={4} resizeOrientation="vertical" className="sk-secret__text sk-mono" />
      ) : (
        <TextInput
          {...common}
          ref={input}
          type="password"
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void store();
            }
          }}
        />
      )}
      <div className="sk-secret__actions">
        <Button variant="secondary" size="sm" isDisabled={!typed || busy || isDisabled} isLoading={busy && typed} onClick={() => void store()}>
          Store
        </Button>
        {typed ? (
          <Button variant="link" size="sm" isDisabled={busy} onClick={clearInput}>
            Clear
          </Button>
        ) : null}
        {known === 'stored' ? (
          <Button variant="link" size="sm" isDanger isDisabled={busy || isDisabled} onClick={() => void forget()}>
            Forget
          </Button>
        ) : null}
      </div>
      <FormHelperText>
        <HelperText>
          {problem ? (
            <HelperTextItem variant="error" data-testid="secret-problem">
              {problem}
            </HelperTextItem>
          ) : null}
          {notice ? <HelperTextItem variant="success">{notice}</HelperTextItem> : null}
          {hint ? <HelperTextItem>{hint}</HelperTextItem> : null}
        </HelperText>
      </FormHelperText>
    </FormGroup>
  );
}

function SecretState({ known, name }: { known: Known; name: string }) {
  const text = {
    unknown: 'checking…',
    stored: 'stored',
    missing: 'not stored yet',
    error: 'unknown',
  }[known];
  const color = known === 'stored' ? 'green' : known === 'missing' ? 'orange' : 'grey';
  return (
    <Label isCompact color={color} className="sk-secret__state" data-testid={`secret-state-${name}`} data-state={known}>
      {text}
    </Label>
  );
}

/**
 * A warning when the secret store's protection is weak (no OS keychain): secrets are then
 * only as safe as the files of this user account.
 */
export function SecretProtectionWarning({ api }: { api: SecretsApi }) {
  const [warning, setWarning] = useState<string | undefined>();
  useEffect(() => {
    let alive = true;
    api.secrets.status().then(
      (s) => alive && setWarning(s.warning),
      () => alive && setWarning(undefined),
    );
    return () => {
      alive = false;
    };
  }, [api]);
  if (!warning) return null;
  return (
    <Alert isInline isPlain variant="warning" title="Secrets are not well protected on this computer" data-testid="secret-protection-warning">
      {warning}
    </Alert>
  );
}
