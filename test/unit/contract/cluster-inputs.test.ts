// The cluster namespace at the contract boundary: every input is checked before anything
// reaches the cluster code, and a wrong one is answered with words that name the field.
import { describe, expect, it } from 'vitest';
import {
  CHANNELS,
  EVENT_NAMES,
  INPUT_SCHEMAS,
  SECRET_NAME_PATTERN,
  SECRET_NAMES,
} from '../../../main/contract/api';
import { isAddress, isAddressWithPort, isIpv6 } from '../../../main/contract/address';
import { describeInputError } from '../../../main/host/handlers';
import { direct, failure } from './transports';

const FP = `SHA256:${Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':')}`;
const site = '/home/tech/plant-a/site.yaml';

describe('cluster contract', () => {
  it('has the cluster calls, the progress event and the cluster secret names', () => {
    expect(CHANNELS.filter((c) => c.startsWith('cluster.'))).toEqual([
      'cluster.connect',
      'cluster.watchInstall',
      'cluster.bootstrap',
      'cluster.verify',
      'cluster.drift',
      'cluster.cancel',
    ]);
    expect(EVENT_NAMES).toContain('cluster.progress');
    for (const name of ['kubeconfig', 'kubeadmin-password', 'agent-auth-token']) {
      expect(SECRET_NAMES).toContain(name);
      expect(SECRET_NAME_PATTERN.test(name), name).toBe(true);
    }
    expect(SECRET_NAME_PATTERN.test('kubeconfig-2')).toBe(false);
  });

  it('cluster.connect takes a site, a kubeconfig path, a VIP and a CA fingerprint (upper-cased)', () => {
    const parsed = INPUT_SCHEMAS['cluster.connect'].parse({
      sitePath: site,
      kubeconfigPath: '/home/tech/plant-a/auth/kubeconfig',
      viaAddress: '192.168.10.5',
      acceptCaSha256: FP.toLowerCase().replace('sha256:', 'SHA256:'),
    });
    expect(parsed.acceptCaSha256).toBe(FP);
    expect(INPUT_SCHEMAS['cluster.connect'].safeParse({ sitePath: site, viaAddress: 'fd00::5' }).success).toBe(true);
    expect(INPUT_SCHEMAS['cluster.connect'].safeParse({ sitePath: site, viaAddress: 'api.acp.plant-a.example.com' }).success).toBe(true);
  });

  it.each([
    [{ sitePath: 'site.yaml' }, 'sitePath must be an absolute path'],
    [{ sitePath: site, kubeconfigPath: 'auth/kubeconfig' }, 'kubeconfigPath must be an absolute path'],
    [{ sitePath: site, viaAddress: '192.168.10.5:6443' }, 'viaAddress must be an IP address or a host name'],
    [{ sitePath: site, viaAddress: '300.1.1.1' }, 'viaAddress must be an IP address or a host name'],
    [{ sitePath: site, viaAddress: 'x'.repeat(300) }, 'viaAddress must be at most 253 characters'],
    [{ sitePath: site, acceptCaSha256: 'SHA256:abc' }, 'acceptCaSha256 must be a certificate fingerprint'],
    [{ sitePath: site, kubeconfig: 'apiVersion: v1' }, 'unknown field "kubeconfig"'],
    [{ sitePath: site, installDir: 'install' }, 'installDir must be an absolute path'],
    [{ sitePath: site, installDir: '/home/tech/plant-a/install', kubeconfigPath: '/home/tech/plant-a/install/auth/kubeconfig' }, 'installDir goes without kubeconfigPath'],
    [{ sitePath: site, agentAuthToken: 'eyJ.x.y' }, 'unknown field "agentAuthToken"'],
  ])('cluster.connect refuses %j', async (input, words) => {
    const { api } = await direct.start();
    const error = await failure(api.cluster.connect(input as never));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain(words);
  });

  it('cluster.connect takes an install folder instead of a kubeconfig file; site.choose has its dialog', () => {
    const input = { sitePath: site, installDir: '/home/tech/plant-a/install', viaAddress: '10.10.0.5', allowPlainText: true };
    expect(INPUT_SCHEMAS['cluster.connect'].parse(input)).toEqual(input);
    expect(INPUT_SCHEMAS['site.choose'].safeParse({ purpose: 'install-dir', defaultPath: '/home/tech/plant-a' }).success).toBe(true);
  });

  it.each([
    ['cluster.watchInstall', { sitePath: site }, 'taskId must be a text'],
    ['cluster.watchInstall', { sitePath: site, taskId: 'a b' }, 'taskId must be 1–100 letters'],
    ['cluster.watchInstall', { sitePath: site, taskId: 't1', agentAddress: 'http://10.0.0.1' }, 'agentAddress must be an IP address'],
    ['cluster.watchInstall', { sitePath: site, taskId: 't1', agentAddress: '10.0.0.1:99999' }, 'agentAddress must be an IP address'],
    ['cluster.bootstrap', { sitePath: site, taskId: 'x'.repeat(101) }, 'taskId must be 1–100 letters'],
    ['cluster.bootstrap', { sitePath: site, taskId: 't', allowPasswordFor: 'ftp://git' }, 'allowPasswordFor must be an https:// address'],
    ['cluster.cancel', {}, 'taskId must be a text'],
    ['cluster.verify', { sitePath: site, taskId: 'a b' }, 'taskId must be 1–100 letters'],
    ['cluster.drift', { sitePath: site, taskId: 'x'.repeat(101) }, 'taskId must be 1–100 letters'],
    ['cluster.drift', { sitePath: site, task: 't' }, 'unknown field "task"'],
  ] as const)('%s refuses %j', (channel, input, words) => {
    const result = INPUT_SCHEMAS[channel].safeParse(input);
    expect(result.success).toBe(false);
    expect(describeInputError(channel, result.error!)).toContain(words);
  });

  it('accepts the agent address with and without a port', () => {
    for (const agentAddress of ['192.168.10.11', '192.168.10.11:8090', '[fd00::11]:8090', 'rendezvous.plant-a.example.com']) {
      expect(INPUT_SCHEMAS['cluster.watchInstall'].safeParse({ sitePath: site, taskId: 'install-1', agentAddress }).success, agentAddress).toBe(true);
    }
  });

  it('an address with a port is no address: not IPv6, not a host name (viaAddress)', () => {
    const connect = (viaAddress: string) => INPUT_SCHEMAS['cluster.connect'].safeParse({ sitePath: site, viaAddress }).success;
    for (const withPort of ['10.10.0.5:6443', '10.10.0.5::6443', '::10.10.0.5:6443', 'fd00::10.10.0.5:6443', 'api.acp.plant-a.example.com:6443', '[fd00::5]:6443']) {
      expect(isIpv6(withPort), withPort).toBe(false);
      expect(isAddress(withPort), withPort).toBe(false);
      expect(connect(withPort), withPort).toBe(false);
    }
    // IPv6 text forms that are not addresses: a lone colon beside "::", two "::", a zone, too many groups, a loose IPv4 tail.
    for (const bad of [':1::2', '1::2:', '1::2::3', 'fe80::1%eth0', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '::1.2.3', '::01.2.3.4', '::ffff:0x0a.1.1.1', '::ffff:10.10.0.256', 'fd00::g', '']) {
      expect(isIpv6(bad), bad).toBe(false);
      expect(connect(bad), bad).toBe(false);
    }
    for (const good of ['::', '::1', 'fd00::5', 'FD00:0:0:0:0:0:0:5', '1:2:3:4:5:6:7::', '::ffff:10.10.0.5', '1:2:3:4:5:6:10.10.0.5']) {
      expect(isIpv6(good), good).toBe(true);
      expect(connect(good), good).toBe(true);
    }
    for (const good of ['10.10.0.5', '0.0.0.0', 'api.acp.plant-a.example.com', 'localhost']) expect(connect(good), good).toBe(true);
    for (const bad of ['010.10.0.5', '10.10.0', '10.10.0.5.', 'http://10.10.0.5', '10.10.0.5 ']) expect(connect(bad), bad).toBe(false);
  });

  it('an address with a port where a port may be given (agentAddress)', () => {
    for (const good of ['10.10.0.5', '10.10.0.5:8090', '[fd00::5]', '[fd00::5]:8090', 'fd00::5', 'agent.example.com:8090']) expect(isAddressWithPort(good), good).toBe(true);
    for (const bad of ['10.10.0.5:0', '10.10.0.5:65536', '[fd00::5]:', '[10.10.0.5]:8090', '[fe80::1%eth0]:8090', 'fd00::5:8090:', '10.10.0.5:8090:1']) {
      expect(isAddressWithPort(bad), bad).toBe(false);
    }
  });

  it('cancel of an unknown task answers false', async () => {
    const { api } = await direct.start();
    expect(await api.cluster.cancel({ taskId: 'nothing-running' })).toBe(false);
  });
});
