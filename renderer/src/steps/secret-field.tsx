// Entry of one secret (pull secret, BMC password) into Sitekit's secret store. The value goes
// straight from the input to `secrets.set` and the input is emptied: it is never held in React
// or zustand state (the input is uncontrolled; only "is something typed" is tracked), never
// logged, and it never comes back — the store only answers whether a secret is there.
// When this computer cannot encrypt secrets (Linux without a key ring: protection
// 'basic_text'), the field shows why and stores only after the person ticked that they agree
// (secrets.set `allowPlainText`); Sitekit refuses such a store otherwise.
import {
  Alert,
  Button,
  Checkbox,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Label,
  TextArea,
  TextInput,
} from '@patternfly/react-core';
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { SecretSetInput, SecretStatus } from '../../../main/contract/api';
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
  /**
   * The https:// origin of the server the secret is for (Git token, Argo CD Git password):
   * stored bound to it (secrets.set `boundTo`), so Sitekit sends it nowhere else without asking.
   */
  boundTo?: string;
}

type Known = 'unknown' | 'stored' | 'missing' | 'error';

/** The consent checkbox's words; main names them when it refuses (main/host/handlers.ts). */
export const PLAIN_TEXT_CONSENT_LABEL = 'Store it without encryption';
const NO_KEY_RING = 'This computer has no system key ring, so secrets would be kept without real encryption.';

/**
 * Why the secret store cannot encrypt (protection 'basic_text'), in the words the consent shows;
 * undefined when it can (or before the status was read).
 */
export function plainTextReason(status: Partial<Pick<SecretStatus, 'protection' | 'warning'>>): string | undefined {
  return status.protection === 'basic_text' ? (status.warning ?? NO_KEY_RING) : undefined;
}

/** What secrets.set gets: `allowPlainText` only when the person ticked the checkbox; `boundTo` when given. */
export function secretSetInput(name: string, value: string, plainTextAgreed: boolean, boundTo?: string): SecretSetInput {
  return { ...(plainTextAgreed ? { name, value, allowPlainText: true } : { name, value }), ...(boundTo ? { boundTo } : {}) };
}

/** The consent for a store that cannot encrypt, with the reason in plain words. */
export function PlainTextConsent({
  id,
  reason,
  checked,
  onChange,
  isDisabled,
}: {
  id: string;
  reason: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  isDisabled?: boolean;
}) {
  return (
    <Checkbox
      id={id}
      className="sk-secret__consent"
      data-testid="secret-plain-text-consent"
      label={PLAIN_TEXT_CONSENT_LABEL}
      description={`${reason} Anyone who can read your files could read it.`}
      isChecked={checked}
      isDisabled={isDisabled}
      onChange={(_event, value) => onChange(value)}
    />
  );
}

const words = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function SecretField({ api, name, label, multiline, hint, check, onStored, isDisabled, boundTo }: SecretFieldProps) {
  const id = useId();
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const alive = useRef(true);
  const [known, setKnown] = useState<Known>('unknown');
  const [typed, setTyped] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  /** Why this store cannot encrypt (protection 'basic_text'); undefined when it can. */
  const [weak, setWeak] = useState<string | undefined>();
  const [agreed, setAgreed] = useState(false);

  const loadProtection = useCallback(async () => {
    try {
      const status = await api.secrets.status();
      if (alive.current) setWeak(plainTextReason(status));
    } catch {
      // the store answers again on Store; the refusal then says why
    }
  }, [api]);

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
    void loadProtection();
    return () => {
      alive.current = false;
    };
  }, [refresh, loadProtection]);

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
    if (weak !== undefined && !agreed) {
      setProblem(`Tick "${PLAIN_TEXT_CONSENT_LABEL}" to store ${name} on this computer, or set up a key ring first.`);
      return;
    }
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
      await api.secrets.set(secretSetInput(name, value, weak !== undefined && agreed, boundTo));
      clearInput();
      if (!alive.current) return;
      setKnown('stored');
      setNotice(`Stored as ${name}. The text was removed from this page.`);
      onStored?.();
    } catch (error) {
      if (!alive.current) return;
      setProblem(`Could not store ${name}: ${words(error)}`);
      void loadProtection(); // the store may have lost its key ring since: show the checkbox
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
        <Button
          variant="secondary"
          size="sm"
          isDisabled={!typed || busy || isDisabled || (weak !== undefined && !agreed)}
          isLoading={busy && typed}
          onClick={() => void store()}
        >
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
      {weak !== undefined ? (
        <PlainTextConsent id={`${id}-plain`} reason={weak} checked={agreed} onChange={setAgreed} isDisabled={busy || isDisabled} />
      ) : null}
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
