// The API server's CA, asked about like an SSH host key (HostKeyPrompt in Discover is the model).
// First contact shows the CA to accept; Sitekit then pins it in .sitekit/cluster/api-pin.json and
// verifies every request against exactly that CA. The words depend on where the CA came from:
// the kubeconfig's own CA (it signed the server's chain: the usual case, nothing to compare) or
// only the top of the chain the server showed (the kubeconfig has none: check it elsewhere). A CA other
// than the accepted one is never accepted from here: the pin has to be removed by hand, because
// a changed CA is also what someone in between looks like.
import { Alert, Button } from '@patternfly/react-core';
import { Fragment } from 'react';
import type { CertificateView, ConnectResult } from '../../../../main/core/cluster/types';
import { pinsFile } from '../discover/HostKeyPrompt';
import { formatWhen } from './words';

/** `<site folder>/.sitekit/cluster/api-pin.json`, in the separator style of the site path. */
export function apiPinFile(sitePath: string | undefined): string {
  if (!sitePath) return '.sitekit/cluster/api-pin.json in the site folder';
  const known = pinsFile(sitePath); // <dir>/.sitekit/known_hosts.json
  const sep = known.includes('\\') && !known.includes('/') ? '\\' : '/';
  return known.replace(/known_hosts\.json$/, `cluster${sep}api-pin.json`);
}

/**
 * `SHA256:AB:CD:…` with a line break allowed after every eight pairs, so the 32 pairs wrap in
 * groups a person can compare, never in the middle of a pair.
 */
export function FingerprintText({ value }: { value: string }) {
  const [prefix, ...pairs] = value.split(':');
  const groups: string[] = [];
  for (let i = 0; i < pairs.length; i += 8) groups.push(pairs.slice(i, i + 8).join(':'));
  return (
    <>
      {prefix}:
      {groups.map((g, i) => (
        <Fragment key={i}>
          {i > 0 && (
            <>
              :<wbr />
            </>
          )}
          {g}
        </Fragment>
      ))}
    </>
  );
}

function Fingerprint({ label, value, testid }: { label: string; value: string | undefined; testid: string }) {
  return (
    <div className="sk-hostkey__fp sk-cluster-fp">
      <span className="sk-hostkey__fp-label">{label}</span>
      <code className="sk-hostkey__fp-value sk-cluster-fp__value" data-testid={testid}>
        {value ? <FingerprintText value={value} /> : 'unknown'}
      </code>
    </div>
  );
}

function CertificateFacts({ cert, what }: { cert: CertificateView; what: string }) {
  return (
    <dl className="sk-cluster-cert" aria-label={what}>
      <dt>Name</dt>
      <dd>{cert.subject}</dd>
      <dt>Issued by</dt>
      <dd>{cert.issuer}</dd>
      <dt>Valid</dt>
      <dd>
        {formatWhen(cert.notBefore)} to {formatWhen(cert.notAfter)}
      </dd>
    </dl>
  );
}

export interface CaPromptProps {
  result: ConnectResult;
  sitePath?: string;
  busy: boolean;
  onAccept(): void;
  onRetry(): void;
}

export function CaPrompt({ result, sitePath, busy, onAccept, onRetry }: CaPromptProps) {
  const identity = result.identity;
  const server = result.route.server;
  if (result.state === 'needs-acceptance') {
    // No chain above the server's own certificate: that certificate is what would be remembered.
    const leafOnly = identity !== undefined && !identity.caFromKubeconfig && identity.ca.sha256 === identity.leaf.sha256;
    const what = leafOnly ? 'certificate' : 'CA';
    return (
      <div className="sk-hostkey sk-cluster-ca" data-testid="cluster-ca" data-kind="unknown">
        <Alert
          isInline
          variant="warning"
          title={leafOnly ? 'First connection to this cluster: confirm its certificate' : 'First connection to this cluster: confirm its certificate authority (CA)'}
        >
          <p>
            <span className="sk-cluster-mono">{server}</span>
            {result.route.viaAddress && <> (through {result.route.viaAddress})</>}{' '}
            {leafOnly ? 'showed this certificate, without the CA that signed it.' : 'showed a certificate signed by this CA.'} Sitekit has
            not seen it before.
          </p>
          <Fingerprint label={leafOnly ? 'Server certificate fingerprint' : 'CA fingerprint'} value={identity?.ca.sha256} testid="cluster-ca-fingerprint" />
          {identity && <CertificateFacts cert={identity.ca} what={leafOnly ? 'The server certificate' : 'The CA'} />}
          {!leafOnly && <Fingerprint label="Server certificate" value={identity?.leaf.sha256} testid="cluster-leaf-fingerprint" />}
          {identity?.caFromKubeconfig ? (
            <p data-testid="cluster-ca-advice" data-from="kubeconfig">
              This is the CA in the kubeconfig openshift-install wrote for this cluster, so the server is the cluster that install made.
              Accept it to remember it: from then on Sitekit connects only to a server this CA vouches for.
            </p>
          ) : (
            <div data-testid="cluster-ca-advice" data-from="server">
              <p>
                The kubeconfig has no CA for this server, so Sitekit cannot tell by itself that it is your cluster. Check the{' '}
                {leafOnly ? 'certificate’s' : 'CA’s'} fingerprint first on a machine that has the cluster’s {leafOnly ? 'API certificate' : 'CA certificate'}:
              </p>
              <pre className="sk-cluster-command">openssl x509 -noout -fingerprint -sha256 -in {leafOnly ? '<server.crt>' : '<ca.crt>'}</pre>
              <p>
                Accept it only when the two fingerprints are the same. <strong>Do not accept it on a network you do not trust</strong>: a
                device in between would show its own {what} here.
              </p>
            </div>
          )}
          <div className="sk-cluster-actions">
            <Button variant="primary" isDisabled={busy || !identity} isLoading={busy || undefined} onClick={onAccept} data-testid="cluster-ca-accept">
              Accept this {what} and connect
            </Button>
            <Button variant="link" isDisabled={busy} onClick={onRetry}>
              Ask the server again
            </Button>
          </div>
        </Alert>
      </div>
    );
  }

  // pin-changed: both fingerprints, no button to accept.
  return (
    <div className="sk-hostkey sk-hostkey--changed sk-cluster-ca" data-testid="cluster-ca" data-kind="changed">
      <Alert isInline variant="danger" title="Warning: the cluster’s certificate authority (CA) has changed">
        <Fingerprint
          label={`Accepted ${result.pinned ? formatWhen(result.pinned.acceptedAt) : 'before'}`}
          value={result.pinned?.caSha256}
          testid="cluster-ca-pinned"
        />
        <Fingerprint label="Shown now" value={identity?.ca.sha256} testid="cluster-ca-fingerprint" />
        {identity && <CertificateFacts cert={identity.ca} what="The CA shown now" />}
        <p>
          <strong>Sitekit stopped and will not talk to this API.</strong> There is no button to accept the new CA, on purpose.
        </p>
        <ul className="sk-hostkey__list">
          <li>
            If the cluster was installed again, a new CA is expected. Delete <code className="sk-hostkey__path">{apiPinFile(sitePath)}</code>{' '}
            and connect again with the new install’s folder: Sitekit then shows the new CA and whether that install’s kubeconfig vouches
            for it.
          </li>
          <li>
            Otherwise someone may be in between (a wrong address, a wrong cable, or a device that intercepts the connection). Do not
            continue: check the address and the cabling, and tell whoever runs the network.
          </li>
        </ul>
        {result.failure && <div className="sk-hostkey__detail">{result.failure.message}</div>}
      </Alert>
    </div>
  );
}
