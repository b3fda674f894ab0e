// The host-key questions of one node. A key seen for the first time is shown with its
// fingerprint and can be trusted (Sitekit then probes that node again and pins the key if the
// node really presents it). A changed key is never accepted from here: the old pin has to be
// removed by hand, because a changed key is also what an attacker in between looks like.
import { Alert, Button } from '@patternfly/react-core';
import type { ProbeNodeResult } from '../../../../main/contract/api';
import { isJumpHostProblem } from './discover-store';

/** The host key file on the node that a fingerprint of this algorithm comes from. */
export function hostKeyFile(algorithm: string | undefined): string {
  const a = algorithm ?? '';
  const kind = a.includes('ed25519') ? 'ed25519' : a.includes('ecdsa') ? 'ecdsa' : a.includes('rsa') ? 'rsa' : undefined;
  return kind ? `/etc/ssh/ssh_host_${kind}_key.pub` : '/etc/ssh/ssh_host_*_key.pub';
}

/** `<site folder>/.sitekit/known_hosts.json`, in the separator style of the site path. */
export function pinsFile(sitePath: string | undefined): string {
  if (!sitePath) return '.sitekit/known_hosts.json in the site folder';
  const sep = sitePath.includes('\\') && !sitePath.includes('/') ? '\\' : '/';
  const cut = Math.max(sitePath.lastIndexOf('/'), sitePath.lastIndexOf('\\'));
  const dir = cut > 0 ? sitePath.slice(0, cut) : sep;
  return `${dir}${dir.endsWith(sep) ? '' : sep}.sitekit${sep}known_hosts.json`;
}

function Fingerprint({ label, value, algorithm, testid }: { label: string; value?: string; algorithm?: string; testid: string }) {
  return (
    <div className="sk-hostkey__fp">
      <span className="sk-hostkey__fp-label">{label}</span>
      <code className="sk-hostkey__fp-value" data-testid={testid}>
        {value ?? 'unknown'}
      </code>
      {algorithm && <span className="sk-hostkey__fp-alg">{algorithm}</span>}
    </div>
  );
}

export interface HostKeyPromptProps {
  result: ProbeNodeResult;
  viaJump: boolean;
  /** Buttons are disabled (a run is going on, or the plan must be saved first). */
  busy: boolean;
  sitePath?: string;
  /** The fingerprint the technician trusted for this run, when there was one. */
  trustedFingerprint?: string;
  onTrust(): void;
  onRetry(): void;
}

export function HostKeyPrompt({ result, viaJump, busy, sitePath, trustedFingerprint, onTrust, onRetry }: HostKeyPromptProps) {
  const node = result.node;
  const jump = isJumpHostProblem(result, viaJump);

  if (result.status === 'host-key-unknown') {
    return (
      <div className="sk-hostkey" data-testid={`discover-hostkey-${node}`} data-kind="unknown">
        <Alert isInline isPlain variant="warning" title={jump ? 'The jump host is not trusted yet' : `First connection to ${node}: confirm it is the right machine`}>
          <Fingerprint label={jump ? 'Jump host key' : 'Key shown by the node'} value={result.fingerprint} algorithm={result.algorithm} testid={`discover-fingerprint-${node}`} />
          {jump ? (
            <p>
              This key belongs to the jump host, not to {node}. This screen cannot trust a jump host key yet: compare the fingerprint on
              the jump host, then pin it once with <code>sitekit probe &lt;site.yaml&gt; --jump … --accept-new-host-keys</code>, or
              connect without the jump host.
            </p>
          ) : (
            <>
              <p>
                Compare it with the fingerprint on the node’s own console, for example with{' '}
                <code>ssh-keygen -lf {hostKeyFile(result.algorithm)}</code>. Trust it only when they match: Sitekit then remembers this
                key and connects to {node} again.
              </p>
              <Button variant="primary" size="sm" isDisabled={busy} onClick={onTrust} data-testid={`discover-trust-${node}`}>
                Trust this key
              </Button>
            </>
          )}
        </Alert>
      </div>
    );
  }

  // host-key-changed
  const afterTrust = trustedFingerprint !== undefined && !jump;
  return (
    <div className="sk-hostkey sk-hostkey--changed" data-testid={`discover-hostkey-${node}`} data-kind="changed">
      <Alert
        isInline
        variant="danger"
        title={
          afterTrust
            ? `${node} showed a different key than the one you trusted`
            : `Warning: the identity of ${jump ? 'the jump host' : node} has changed`
        }
      >
        <Fingerprint
          label={afterTrust ? 'You trusted' : 'Trusted before'}
          value={afterTrust ? trustedFingerprint : result.pinnedFingerprint}
          testid={`discover-pinned-${node}`}
        />
        <Fingerprint label="Shown now" value={result.fingerprint} algorithm={result.algorithm} testid={`discover-fingerprint-${node}`} />
        {afterTrust ? (
          <>
            <p>Sitekit stopped for this node and remembered nothing. Discover it again and compare the new fingerprint with the node’s console before you trust it.</p>
            <Button variant="secondary" size="sm" isDisabled={busy} onClick={onRetry}>
              Discover {node} again
            </Button>
          </>
        ) : (
          <>
            <p>
              <strong>Sitekit stopped for this node and will not connect to it.</strong> There is no button to accept this key, on purpose.
            </p>
            <ul className="sk-hostkey__list">
              <li>
                If {jump ? 'the jump host' : 'the node'} was reinstalled or booted into a new live image, a new key is expected. Check the new
                fingerprint on its console (<code>ssh-keygen -lf {hostKeyFile(result.algorithm)}</code>), then remove the entry{' '}
                <code>{jump ? '"jump:<host>:<port>"' : `"${node}"`}</code> under <code>"pins"</code> in{' '}
                <code className="sk-hostkey__path">{pinsFile(sitePath)}</code> (keep the file valid JSON, or delete the whole file: every
                node’s key is then asked for again) and discover again.
              </li>
              <li>
                Otherwise someone may be intercepting the connection (a wrong cable, a wrong address, or a device in between). Do not continue:
                check the cabling and the address, and tell whoever runs the network.
              </li>
            </ul>
          </>
        )}
        <div className="sk-hostkey__detail">{result.message}</div>
      </Alert>
    </div>
  );
}
