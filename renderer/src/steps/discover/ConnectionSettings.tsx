// How Sitekit logs in to the nodes: key file, password or key passphrase (handed straight to
// the OS-protected secret store and cleared from the field), jump host and timeout. When the
// store cannot encrypt, each secret field shows the plain-text consent and stores only once ticked.
import {
  Alert,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  Grid,
  GridItem,
  HelperText,
  HelperTextItem,
  Label,
  TextInput,
} from '@patternfly/react-core';
import { useRef, useState } from 'react';
import { PlainTextConsent, plainTextReason } from '../secret-field';
import { settingsProblems, type ConnectionSettings as Settings, type SecretsView, type SshSecretName } from './discover-store';

const SECRET_WORDS: Record<SshSecretName, { label: string; help: string }> = {
  'ssh-password': {
    label: 'SSH password',
    help: 'Only if the nodes take a password instead of a key. Used for every node.',
  },
  'ssh-passphrase': {
    label: 'Key passphrase',
    help: 'Only if the key file is protected by a passphrase.',
  },
};

/** `10.10.0.11:22 SHA256:…` → `10.10.0.11:22`, each address once. */
function boundHosts(targets: readonly string[]): string {
  return [...new Set(targets.map((t) => t.split(' ')[0]!))].join(', ');
}

/**
 * A password field whose value goes to the secret store and is then cleared; it is read from
 * the input element itself and never kept in React state.
 */
export function SecretField({
  name,
  stored,
  boundTo,
  saving,
  disabled,
  onStore,
  onForget,
  consent,
}: {
  name: SshSecretName;
  stored: boolean;
  /** Where a stored password may go (address:port and host key of each node); undefined: not bound to hosts. */
  boundTo?: string[];
  saving: boolean;
  disabled: boolean;
  onStore(value: string): Promise<unknown>;
  onForget(): void;
  /** The store cannot encrypt: why, whether the technician agreed, and the checkbox's change. */
  consent?: { reason: string; agreed: boolean; onChange(agreed: boolean): void };
}) {
  const input = useRef<HTMLInputElement>(null);
  const [hasText, setHasText] = useState(false);
  const id = `sk-discover-${name}`;
  const words = SECRET_WORDS[name];
  const needsConsent = consent !== undefined && !consent.agreed;

  const submit = () => {
    const el = input.current;
    if (!el || !el.value) return;
    const value = el.value;
    // Without the consent the store refuses (and says why); the typed value stays in the field.
    if (needsConsent) {
      void onStore(value);
      return;
    }
    el.value = '';
    setHasText(false);
    void onStore(value);
  };

  return (
    <FormGroup label={words.label} fieldId={id} data-testid={`discover-secret-${name}`}>
      <div className="sk-discover-secret">
        <TextInput
          id={id}
          ref={input}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          placeholder={stored ? 'Stored; type a new one to replace it' : ''}
          isDisabled={disabled || saving}
          onChange={(_e, value) => setHasText(value.length > 0)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              submit();
            }
          }}
        />
        <Button
          variant="secondary"
          isDisabled={!hasText || disabled || saving || needsConsent}
          onClick={submit}
          data-testid={`discover-secret-${name}-store`}
        >
          Store
        </Button>
        {stored && (
          <>
            <Label isCompact status="success" data-testid={`discover-secret-${name}-stored`}>
              {boundTo === undefined ? 'stored' : boundTo.length > 0 ? `stored for ${boundHosts(boundTo)}` : 'stored, not used with a node yet'}
            </Label>
            <Button variant="link" isInline isDisabled={disabled || saving} onClick={onForget}>
              Forget
            </Button>
          </>
        )}
      </div>
      {consent && (
        <PlainTextConsent
          id={`${id}-plain`}
          reason={consent.reason}
          checked={consent.agreed}
          onChange={consent.onChange}
          isDisabled={disabled || saving}
        />
      )}
      <FormHelperText>
        <HelperText>
          <HelperTextItem>{words.help} Kept in this computer’s protected store, never in the plan.</HelperTextItem>
        </HelperText>
      </FormHelperText>
    </FormGroup>
  );
}

export function ConnectionSettings({
  settings,
  secrets,
  savingSecret,
  disabled,
  onChange,
  onStoreSecret,
  onForgetSecret,
  plainTextAgreed,
  onAgreePlainText,
}: {
  settings: Settings;
  secrets: SecretsView;
  savingSecret?: SshSecretName;
  disabled: boolean;
  onChange(patch: Partial<Settings>): void;
  onStoreSecret(name: SshSecretName, value: string): Promise<unknown>;
  onForgetSecret(name: SshSecretName): void;
  /** Per secret: the plain-text consent was ticked (needed while the store cannot encrypt). */
  plainTextAgreed?: Partial<Record<SshSecretName, boolean>>;
  onAgreePlainText?(name: SshSecretName, agreed: boolean): void;
}) {
  const problems = settingsProblems(settings);
  const weak = plainTextReason(secrets);
  const consent = (name: SshSecretName) =>
    weak === undefined
      ? {}
      : {
          consent: {
            reason: weak,
            agreed: plainTextAgreed?.[name] ?? false,
            onChange: (agreed: boolean) => onAgreePlainText?.(name, agreed),
          },
        };
  const helper = (field: keyof Settings, text: string) => (
    <FormHelperText>
      <HelperText>
        <HelperTextItem variant={problems[field] ? 'error' : 'default'}>{problems[field] ?? text}</HelperTextItem>
      </HelperText>
    </FormHelperText>
  );
  return (
    <Form onSubmit={(e) => e.preventDefault()} className="sk-discover-settings" data-testid="discover-settings">
      {secrets.warning && (
        <Alert isInline isPlain variant="warning" title="Secrets are not well protected on this computer" data-testid="discover-secret-warning">
          {secrets.warning}
        </Alert>
      )}
      <Grid hasGutter>
        <GridItem md={6}>
          <FormGroup label="SSH key file" fieldId="sk-discover-key">
            <TextInput
              id="sk-discover-key"
              value={settings.identityFile}
              placeholder="e.g. /home/tech/.ssh/id_ed25519"
              spellCheck={false}
              isDisabled={disabled}
              validated={problems.identityFile ? 'error' : 'default'}
              onChange={(_e, value) => onChange({ identityFile: value })}
            />
            {helper(
              'identityFile',
              'Full path of the private key. Empty: your SSH agent or your default key (~/.ssh/id_ed25519, id_ecdsa, id_rsa), or the stored password.',
            )}
          </FormGroup>
        </GridItem>
        <GridItem md={6}>
          <SecretField
            name="ssh-passphrase"
            stored={secrets.stored['ssh-passphrase']}
            saving={savingSecret === 'ssh-passphrase'}
            disabled={disabled}
            onStore={(value) => onStoreSecret('ssh-passphrase', value)}
            onForget={() => onForgetSecret('ssh-passphrase')}
            {...consent('ssh-passphrase')}
          />
        </GridItem>
        <GridItem md={6}>
          <SecretField
            name="ssh-password"
            stored={secrets.stored['ssh-password']}
            boundTo={secrets.passwordBoundTo}
            saving={savingSecret === 'ssh-password'}
            disabled={disabled}
            onStore={(value) => onStoreSecret('ssh-password', value)}
            onForget={() => onForgetSecret('ssh-password')}
            {...consent('ssh-password')}
          />
        </GridItem>
        <GridItem md={3}>
          <FormGroup label="Jump host" fieldId="sk-discover-jump">
            <TextInput
              id="sk-discover-jump"
              value={settings.jumpHost}
              placeholder="e.g. core@10.0.0.5:22"
              spellCheck={false}
              isDisabled={disabled}
              validated={problems.jumpHost ? 'error' : 'default'}
              onChange={(_e, value) => onChange({ jumpHost: value })}
            />
            {helper('jumpHost', 'Only when the laptop reaches the nodes through another machine.')}
          </FormGroup>
        </GridItem>
        <GridItem md={3}>
          <FormGroup label="Connection timeout (seconds)" fieldId="sk-discover-timeout">
            <TextInput
              id="sk-discover-timeout"
              type="number"
              min={1}
              max={120}
              value={settings.timeoutSeconds}
              placeholder="Default: 15"
              isDisabled={disabled}
              validated={problems.timeoutSeconds ? 'error' : 'default'}
              onChange={(_e, value) => onChange({ timeoutSeconds: value })}
            />
            {helper('timeoutSeconds', 'How long to wait for each node to answer and log in. Empty: 15 s.')}
          </FormGroup>
        </GridItem>
      </Grid>
    </Form>
  );
}
