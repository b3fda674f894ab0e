// Where the agent API token may go (it travels in a plain HTTP header): an address of the plan's
// nodes on any network, or this computer (an SSH tunnel); never a name or another address.
import { describe, expect, it } from 'vitest';
import { agentTarget, mayReceiveAgentToken, plannedNodeAddresses } from '../../../main/core/cluster/agent-address';
import { exampleSite } from '../../helpers/example-site';

describe('mayReceiveAgentToken', () => {
  const site = exampleSite();
  const nodeAddresses = plannedNodeAddresses(site);

  it('takes every address of the plan’s nodes and loopback', () => {
    expect(nodeAddresses.length).toBeGreaterThanOrEqual(3);
    for (const address of nodeAddresses) expect(mayReceiveAgentToken(address, site), address).toBe(true);
    for (const address of ['127.0.0.1', '127.0.0.53', '::1', 'localhost']) expect(mayReceiveAgentToken(address, site), address).toBe(true);
  });

  it('refuses other addresses, names and loose IPv4 forms', () => {
    for (const address of ['192.0.2.50', '10.10.0.250', 'rendezvous.plant-a.example.com', '2001:db8::99', '0x7f.1']) {
      expect(mayReceiveAgentToken(address, site), address).toBe(false);
    }
  });

  it('reads host:port and [v6]:port', () => {
    expect(agentTarget('10.10.0.11:8090')).toEqual({ address: '10.10.0.11', port: 8090 });
    expect(agentTarget('[fd00::11]:8090')).toEqual({ address: 'fd00::11', port: 8090 });
    expect(agentTarget('10.10.0.11')).toEqual({ address: '10.10.0.11' });
  });
});
