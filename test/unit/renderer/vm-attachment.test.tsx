// The "VMs attach" choice of the Logical networks table: VM networks only, bound to
// /networks/N/attachment, the empty choice saying what the default will be (model.ts
// vmAttachment), and the vmnet findings under the field.
import { describe, expect, it } from 'vitest';
import type { SiteDocument } from '../../../main/contract/api';
import { defaultAttachmentLabel } from '../../../renderer/src/steps/networks/network-words';
import { NetworksStep } from '../../../renderer/src/steps/networks/NetworksStep';
import { documentOf, exampleDoc, exampleText } from './example-doc';
import { after, bound, control, decode, openStore, render, valueOf } from './step-render';

function variant(...changes: Array<[string, string]>): SiteDocument {
  let text = exampleText();
  for (const [from, to] of changes) {
    expect(text).toContain(from);
    text = text.replace(from, to);
  }
  return documentOf(text, { path: '/sites/plant-a/site.yaml', readOnly: false });
}

/** vm-prod moved from bond1 onto bond0, which carries the cluster network. */
const VM_PROD_ON_BOND: Array<[string, string]> = [
  ['networks: [cluster, storage]', 'networks: [cluster, storage, vm-prod]'],
  ['networks: [vm-prod, vm-ot]', 'networks: [vm-ot]'],
];

/** The options of the select bound to `path`, as shown. */
function options(html: string, path: string): string[] {
  const start = html.indexOf(`data-path="${path}"`);
  const body = html.slice(start, html.indexOf('</select>', start));
  return [...body.matchAll(/<option[^>]*>([^<]*)<\/option>/g)].map((m) => decode(m[1]!));
}

describe('Networks step: how VMs attach', () => {
  it('offers the choice on VM networks only, empty by default, saying the default is a Linux bridge on bond1', async () => {
    const { store } = await openStore(exampleDoc());
    const html = render(store, <NetworksStep />);
    expect(valueOf(html, '/networks/2/attachment')).toBe('');
    expect(options(html, '/networks/2/attachment')).toEqual([
      'Default: Linux bridge (on bond1)',
      'Linux bridge (NIC or bond of its own)',
      'OVN localnet on br-ex (shares the cluster bond)',
    ]);
    expect(bound(html, '/networks/3/attachment')).toBe(true);
    for (const k of [0, 1, 4]) expect(bound(html, `/networks/${k}/attachment`)).toBe(false);
  });

  it('says the default becomes localnet when the VM network shares the cluster bond, and shows why that plan fails', async () => {
    const doc = variant(...VM_PROD_ON_BOND);
    const { store } = await openStore(doc);
    const html = render(store, <NetworksStep />);
    expect(options(html, '/networks/2/attachment')[0]).toBe('Default: OVN localnet (shares bond0 with the cluster network)');
    // The cluster network is VLAN 10 in plant-a: localnet on br-ex would be double tagged.
    expect(doc.findings.some((f) => f.id === 'vmnet.localnet-tagged-cluster' && f.path === '/networks/2')).toBe(true);
  });

  it('shows an explicit choice and its finding under the field', async () => {
    const doc = variant(...VM_PROD_ON_BOND, ['    vlan: 100\n', '    vlan: 100\n    attachment: linux-bridge\n']);
    const { store } = await openStore(doc);
    const html = render(store, <NetworksStep />);
    expect(valueOf(html, '/networks/2/attachment')).toBe('linux-bridge');
    expect(control(html, '/networks/2/attachment').tag).toContain('<select');
    expect(after(html, '/networks/2/attachment')).toContain('data-rule="vmnet.linux-bridge-on-cluster-link"');
  });

  it('defaultAttachmentLabel copes with a half-written plan', () => {
    expect(defaultAttachmentLabel({}, 'vm-x')).toBe('Default: Linux bridge (needs an uplink)');
    expect(defaultAttachmentLabel({ networks: 'x', layout: { uplinks: [{ networks: 3 }] } }, 'vm-x')).toBe('Default: Linux bridge (needs an uplink)');
  });
});
