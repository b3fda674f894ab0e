// Trust on first use, explicitly: an unknown key is refused unless the caller accepted new keys,
// a key that differs from the pin is always refused. OpenSSH's StrictHostKeyChecking=yes plus an
// explicit "accept-new".
import { keyAlgorithm, sha256Fingerprint } from './fingerprint';
import type { HostKeyPin } from './types';

export interface HostKeyPolicy {
  pin?: HostKeyPin;
  acceptNew: boolean;
}

export type HostKeyVerdict =
  | { accepted: true; fingerprint: string; algorithm: string; newPin?: HostKeyPin }
  | { accepted: false; reason: 'unknown' | 'changed'; fingerprint: string; algorithm: string; pinned?: HostKeyPin };

export function judgeHostKey(
  keyBlob: Buffer,
  policy: HostKeyPolicy,
  endpoint: { host: string; port: number },
  now: () => Date = () => new Date(),
): HostKeyVerdict {
  const fingerprint = sha256Fingerprint(keyBlob);
  const algorithm = keyAlgorithm(keyBlob);
  const { pin } = policy;
  if (pin) {
    if (pin.sha256 === fingerprint) return { accepted: true, fingerprint, algorithm };
    return { accepted: false, reason: 'changed', fingerprint, algorithm, pinned: pin };
  }
  if (!policy.acceptNew) return { accepted: false, reason: 'unknown', fingerprint, algorithm };
  return {
    accepted: true,
    fingerprint,
    algorithm,
    newPin: { host: endpoint.host, port: endpoint.port, algorithm, sha256: fingerprint, pinnedAt: now().toISOString() },
  };
}

export function hostKeyMessage(verdict: Extract<HostKeyVerdict, { accepted: false }>, where: string): string {
  if (verdict.reason === 'changed') {
    return (
      `The host key of ${where} has changed: it was pinned as ${verdict.pinned?.sha256 ?? '?'} ` +
      `(${verdict.pinned?.algorithm ?? '?'}) and is now ${verdict.fingerprint} (${verdict.algorithm}). ` +
      'Sitekit stopped for this node. If the node was reinstalled or rebooted into a new live image, ' +
      'check the new fingerprint on its console and remove the old pin; otherwise someone may be in between.'
    );
  }
  return (
    `${where} presented an unknown host key ${verdict.fingerprint} (${verdict.algorithm}). ` +
    'Compare it with the fingerprint on the node console, then accept it to pin it.'
  );
}
