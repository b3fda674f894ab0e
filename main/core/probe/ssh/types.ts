// Credentials and targets of an SSH session. Secrets live only in these in-memory objects:
// nothing here is logged, stored or copied into a result.

export interface SshCredentials {
  /** Login user; the plan's nodes[].ssh.user wins over this, 'core' when neither is set. */
  username?: string;
  /** Private key (OpenSSH/PEM text) already read into memory. */
  privateKey?: string | Buffer;
  /** Path of a private key file, read when connecting. */
  privateKeyPath?: string;
  passphrase?: string;
  /** SSH agent socket; `true` uses SSH_AUTH_SOCK. */
  agent?: string | true;
  password?: string;
}

export interface SshTarget {
  host: string;
  port: number;
  username: string;
}

export interface HostKeyPin {
  host: string;
  port: number;
  /** Key type as sent by the server, e.g. ssh-ed25519. */
  algorithm: string;
  /** OpenSSH format: SHA256:<base64 without padding>. */
  sha256: string;
  pinnedAt?: string;
}

/** Pins by plan node name. */
export type HostKeyPins = Record<string, HostKeyPin>;

export interface JumpHost {
  host: string;
  port?: number;
  credentials: SshCredentials;
  /** Pin of the jump host's key; without it the jump host is refused unless acceptNew. */
  pin?: HostKeyPin;
}
