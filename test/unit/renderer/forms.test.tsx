// The step forms (Site, Nodes, Storage & virtualization, GitOps) rendered to static markup
// inside a WizardContext with a real site store, fed by a fake API that answers with real
// checks of the plant-a example: every field carries its JSON pointer and shows what the file
// says, findings appear under their field, and the forms follow the plan as it changes.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SiteDocument } from '../../../main/contract/api';
import type { Finding } from '../../../main/core/validation/finding';
import { stepForPath } from '../../../main/core/validation/step';
import type { Api } from '../../../renderer/src/api/client';
import { GitOpsStep } from '../../../renderer/src/steps/gitops/GitOpsStep';
import { bmcSecretName, newNode, NodesStep } from '../../../renderer/src/steps/nodes/NodesStep';
import { SecretField } from '../../../renderer/src/steps/secret-field';
import { pullSecretProblem, SiteStep } from '../../../renderer/src/steps/site/SiteStep';
import { networksOf, StorageStep } from '../../../renderer/src/steps/storage/StorageStep';
import { documentOf, exampleDoc, exampleText, type ExampleName } from './example-doc';
import { after, bound, control, fakeApi, openStore, render, textOf, valueOf } from './step-render';

const finding = (path: string, message: string, severity: Finding['severity'] = 'error'): Finding => ({
  id: 'probe.test',
  severity,
  path,
  message,
  step: 'nodes',
});

async function openChecked(doc: SiteDocument, status: SiteDocument['status'] = 'ok') {
  const opened = await openStore(doc);
  expect(opened.store.getState().doc?.status).toBe(status);
  return opened;
}

async function open(name: ExampleName = 'plant-a', extra: Finding[] = []) {
  return openChecked(exampleDoc(name, extra));
}

const has = bound;
const text = textOf;

describe('Site step', () => {
  it('binds every field to its pointer and shows what the file says', async () => {
    const { store } = await open();
    const html = render(store, <SiteStep api={fakeApi(exampleDoc()) as Api} />);
    expect(html).toContain('data-testid="step-site"');
    expect(valueOf(html, '/metadata/name')).toBe('plant-a');
    expect(valueOf(html, '/metadata/location')).toBe('Plant A, hall 3, rack row C');
    expect(valueOf(html, '/metadata/contact/email')).toBe('ot-it@plant-a.example.com');
    expect(valueOf(html, '/metadata/contact/phone')).toBe('+49 30 1234 5678');
    expect(valueOf(html, '/cluster/name')).toBe('acp');
    expect(valueOf(html, '/cluster/baseDomain')).toBe('plant-a.example.com');
    expect(valueOf(html, '/cluster/openshiftVersion')).toBe('4.18');
    expect(valueOf(html, '/cluster/apiVIPs')).toBe('10.10.0.5');
    expect(valueOf(html, '/cluster/ingressVIPs')).toBe('10.10.0.6');
    expect(valueOf(html, '/cluster/clusterNetwork/cidr')).toBe('10.128.0.0/14');
    expect(valueOf(html, '/cluster/clusterNetwork/hostPrefix')).toBe('23');
    expect(valueOf(html, '/cluster/serviceNetwork')).toBe('172.30.0.0/16');
    expect(valueOf(html, '/cluster/dnsServers')).toBe('10.10.0.2');
    expect(valueOf(html, '/cluster/ntpServers')).toBe('10.10.0.3, ntp2.plant-a.example.com');
    expect(valueOf(html, '/cluster/mirror/registry')).toBe('mirror.plant-a.example.com:8443');
    expect(valueOf(html, '/cluster/mirror/caBundle')).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(html).toMatch(/<span class="[^"]*\bsk-mono\b[^"]*"[^>]*><textarea[^>]*data-path="\/cluster\/mirror\/caBundle"/);
    expect(valueOf(html, '/cluster/sshPublicKey')).toMatch(/^ssh-ed25519 AAAA/);
    expect(html).toMatch(/<span class="[^"]*\bsk-mono\b[^"]*"[^>]*><textarea[^>]*data-path="\/cluster\/sshPublicKey"/);
    expect(valueOf(html, '/cluster/pullSecret/secretRef')).toBe('pull-secret');
    expect(control(html, '/cluster/fips').checked).toBe(false);
    // The offline switch is on because the plan has a mirror; the example has no proxy.
    expect(control(html, '/cluster/mirror').checked).toBe(true);
    expect(control(html, '/cluster/proxy').checked).toBe(false);
    expect(has(html, '/cluster/proxy/httpProxy')).toBe(false);
  });

  it('shows the DNS names a technician checks', async () => {
    const { store } = await open();
    const html = render(store, <SiteStep api={fakeApi(exampleDoc()) as Api} />);
    expect(html).toContain('>api.acp.plant-a.example.com</code>');
    expect(html).toContain('>*.apps.acp.plant-a.example.com</code>');
    expect(text(html)).toContain('10.10.0.5');
  });

  it('never puts a secret value in the page: the pull secret field is empty and says whether it is stored', async () => {
    const { store } = await open();
    const html = render(store, <SiteStep api={fakeApi(exampleDoc()) as Api} />);
    const secret = /<textarea[^>]*data-secret="pull-secret"[^>]*>([^<]*)<\/textarea>/.exec(html);
    expect(secret).not.toBeNull();
    expect(secret![1]).toBe('');
    expect(html).toContain('data-testid="secret-state-pull-secret"');
  });

  it('shows the proxy fields of a site that has a proxy', async () => {
    const { store } = await open('plant-b-racks');
    const html = render(store, <SiteStep api={fakeApi(exampleDoc('plant-b-racks')) as Api} />);
    expect(control(html, '/cluster/proxy').checked).toBe(true);
    expect(valueOf(html, '/cluster/proxy/httpProxy')).toBe('http://proxy.plant-b.example.com:3128');
    expect(has(html, '/cluster/proxy/noProxy')).toBe(true);
    expect(control(html, '/cluster/mirror').checked).toBe(false);
    expect(has(html, '/cluster/mirror/registry')).toBe(false);
  });

  it('puts a rule finding under its field', async () => {
    const { store } = await open();
    await store.getState().edit([{ path: '/cluster/mirror/registry', value: 'https://user@mirror' }]);
    const html = render(store, <SiteStep api={fakeApi(exampleDoc()) as Api} />);
    const below = after(html, '/cluster/mirror/registry');
    expect(below).toContain('data-testid="field-finding"');
    expect(below).toContain('data-rule="mirror.registry-invalid"');
  });

  it('checks a pasted pull secret before storing it', () => {
    expect(pullSecretProblem('not json')).toMatch(/not JSON/);
    expect(pullSecretProblem('{"a":1}')).toMatch(/no "auths"/);
    expect(pullSecretProblem('{"auths":{}}')).toMatch(/empty/);
    expect(pullSecretProblem('{"auths":{"quay.io":{"auth":"eA=="}}}')).toBeUndefined();
  });
});

describe('Nodes step', () => {
  it('shows one card per node with its SSH and BMC fields', async () => {
    const { store } = await open();
    const html = render(store, <NodesStep api={fakeApi(exampleDoc()) as Api} />);
    expect(html).toContain('data-testid="step-nodes"');
    for (const i of [0, 1, 2]) expect(html).toContain(`data-testid="node-${i}"`);
    expect(valueOf(html, '/nodes/0/hostname')).toBe('acp-1');
    expect(valueOf(html, '/nodes/1/ssh/host')).toBe('10.10.0.12');
    expect(valueOf(html, '/nodes/1/ssh/user')).toBe('core');
    expect(valueOf(html, '/nodes/1/ssh/port')).toBe('');
    expect(valueOf(html, '/nodes/2/bmc/address')).toBe('redfish-virtualmedia://10.40.0.13/redfish/v1/Systems/System.Embedded.1');
    expect(valueOf(html, '/nodes/2/bmc/credentials/secretRef')).toBe('bmc-acp-3');
    expect(html).toContain('data-secret="bmc-acp-3"');
    // Three nodes: no count warning, no Add, no Remove.
    expect(html).not.toContain('data-testid="nodes-count"');
    expect(html).not.toContain('data-testid="nodes-add"');
    expect(html).not.toContain('data-testid="node-0-remove"');
  });

  it('puts a finding about a node SSH address under that field', async () => {
    const { store } = await open('plant-a', [finding('/nodes/1/ssh/host', 'acp-2 did not answer on 10.10.0.12:22.')]);
    const html = render(store, <NodesStep api={fakeApi(exampleDoc()) as Api} />);
    const below = after(html, '/nodes/1/ssh/host');
    expect(below).toContain('data-testid="field-finding"');
    expect(text(below)).toContain('acp-2 did not answer on 10.10.0.12:22.');
    expect(control(html, '/nodes/1/ssh/host').tag).toContain('aria-invalid="true"');
    // Not under the other nodes.
    expect(text(after(html, '/nodes/0/ssh/host'))).not.toContain('did not answer');
  });

  it('shows a finding about a whole SSH section (a failed connection) in that node', async () => {
    const { store } = await open('plant-a', [finding('/nodes/2/ssh', 'acp-3: the host key changed.')]);
    const html = render(store, <NodesStep api={fakeApi(exampleDoc()) as Api} />);
    const node3 = html.slice(html.indexOf('data-testid="node-2"'));
    expect(text(after(node3, '/nodes/2/ssh'))).toContain('acp-3: the host key changed.');
    expect(text(html.slice(0, html.indexOf('data-testid="node-2"')))).not.toContain('host key changed');
  });

  it('hides rack and zone for failure domain host and shows a note instead', async () => {
    const { store } = await open();
    const html = render(store, <NodesStep api={fakeApi(exampleDoc()) as Api} />);
    expect(has(html, '/nodes/0/rack')).toBe(false);
    expect(has(html, '/nodes/0/zone')).toBe(false);
    expect(html).toContain('data-testid="node-0-placement-note"');
  });

  it('shows the rack of every node for failure domain rack, with the finding of a missing one', async () => {
    const { store } = await open('plant-b-racks');
    let html = render(store, <NodesStep api={fakeApi(exampleDoc('plant-b-racks')) as Api} />);
    expect(valueOf(html, '/nodes/0/rack')).toBe('r1');
    expect(valueOf(html, '/nodes/2/rack')).toBe('r3');
    expect(has(html, '/nodes/0/zone')).toBe(false);

    await store.getState().edit([{ path: '/nodes/2/rack' }]);
    html = render(store, <NodesStep api={fakeApi(exampleDoc('plant-b-racks')) as Api} />);
    expect(valueOf(html, '/nodes/2/rack')).toBe('');
    expect(after(html, '/nodes/2/rack')).toContain('data-rule="odf.failure-domain-missing"');
  });

  it('says plainly when the plan has the wrong number of nodes and offers Add and Remove', async () => {
    const { store } = await open();
    await store.getState().edit([{ path: '/nodes/2' }]);
    let html = render(store, <NodesStep api={fakeApi(exampleDoc()) as Api} />);
    expect(html).toContain('data-testid="nodes-count"');
    expect(text(html)).toContain('This plan has 2 nodes; a compact site needs exactly three.');
    expect(html).toContain('data-rule="nodes.count"');
    expect(html).toContain('data-testid="nodes-add"');
    expect(html).toContain('data-testid="node-1-remove"');

    // What "Add node" appends: empty host name, node 1's SSH user.
    const nodes = (store.getState().doc?.data as { nodes: unknown[] }).nodes;
    const added = newNode(nodes);
    expect(added).toEqual({ hostname: '', ssh: { user: 'core' }, interfaces: [], addresses: {} });
    await store.getState().edit([{ path: '/nodes/-', value: added as never }]);
    expect(store.getState().text).toContain('  - hostname: ""\n    ssh: { user: core }\n');
    html = render(store, <NodesStep api={fakeApi(exampleDoc()) as Api} />);
    expect(html).toContain('data-testid="node-2"');
    expect(valueOf(html, '/nodes/2/hostname')).toBe('');
    expect(html).not.toContain('data-testid="nodes-count"');
    // The new node is not complete yet: what is missing is said under its fields.
    const doc = store.getState().doc!;
    const nodeFindings = doc.findings.filter((f) => stepForPath(f.path) === 'nodes');
    expect(nodeFindings.length).toBeGreaterThan(0);
    for (const f of nodeFindings) expect(has(html, f.path), `${f.id} at ${f.path}: ${f.message}`).toBe(true);
  });

  it('names the BMC secret after the reference, or after the host name', () => {
    expect(bmcSecretName({ hostname: 'acp-1', bmc: { address: 'x', credentials: { secretRef: 'bmc-acp-1' } } })).toBe('bmc-acp-1');
    expect(bmcSecretName({ hostname: 'acp-9', bmc: { address: 'x' } })).toBe('bmc-acp-9');
    expect(bmcSecretName({ hostname: 'acp-9', bmc: { credentials: { secretRef: 'other' } } })).toBe('bmc-acp-9');
    expect(bmcSecretName({ hostname: '' })).toBeUndefined();
    expect(bmcSecretName({ hostname: 'Bad Name' })).toBeUndefined();
  });
});

describe('Storage & virtualization step', () => {
  it('shows the ODF settings and the VM networks of the example', async () => {
    const { store } = await open();
    const html = render(store, <StorageStep />);
    expect(html).toContain('data-testid="step-storage"');
    expect(control(html, '/odf/enabled').checked).toBe(true);
    expect(valueOf(html, '/odf/failureDomain')).toBe('host');
    expect(valueOf(html, '/odf/replica')).toBe('3');
    expect(valueOf(html, '/odf/storageNetwork')).toBe('storage');
    expect(valueOf(html, '/odf/deviceClass')).toBe('ssd');
    // Only role-storage networks are offered for ODF.
    const storageSelect = html.slice(html.indexOf('data-path="/odf/storageNetwork"'), html.indexOf('</select>', html.indexOf('data-path="/odf/storageNetwork"')));
    expect(storageSelect).toContain('value="storage"');
    expect(storageSelect).not.toContain('value="vm-prod"');
    expect(text(html)).toContain('Usable capacity is about a third of the raw capacity');
    expect(control(html, '/virtualization/enabled').checked).toBe(true);
    expect(control(html, '/virtualization/vmNetworks/0').checked).toBe(true);
    expect(control(html, '/virtualization/vmNetworks/1').checked).toBe(true);
    expect(text(html)).toContain('vm-prod');
    expect(text(html)).toContain('vm-ot');
  });

  it('offers unticked VM networks and writes the whole list', async () => {
    const { store, api } = await open();
    await store.getState().edit([{ path: '/virtualization/vmNetworks', value: ['vm-ot'] }]);
    expect(api.site.edit).toHaveBeenLastCalledWith({ text: expect.any(String), edits: [{ path: '/virtualization/vmNetworks', value: ['vm-ot'] }] });
    const html = render(store, <StorageStep />);
    expect(control(html, '/virtualization/vmNetworks/0').checked).toBe(true);
    expect(html).toMatch(/<input[^>]*type="checkbox"(?![^>]*checked="")[^>]*>[\s\S]*?vm-prod/);
    // The unlisted role-vm network is reported by the rules.
    expect(store.getState().doc?.findings.some((f) => f.id === 'virtualization.vm-network-unlisted')).toBe(true);
  });

  it('reads the networks as written', () => {
    expect(networksOf([{ name: 'a', role: 'vm', vlan: 10 }, { role: 'vm' }, null, 'x'])).toEqual([{ name: 'a', role: 'vm', vlan: '10' }]);
  });
});

describe('GitOps step', () => {
  it('shows the repository, the derived branch and folder and the add-ons', async () => {
    const { store } = await open();
    const html = render(store, <GitOpsStep />);
    expect(html).toContain('data-testid="step-gitops"');
    expect(valueOf(html, '/gitops/repoURL')).toBe('https://git.example.com/acp/sites.git');
    expect(valueOf(html, '/gitops/branch')).toBe('');
    expect(control(html, '/gitops/branch').tag).toContain('placeholder="e.g. site/plant-a"');
    expect(html).toContain('data-testid="gitops-branch">site/plant-a</code>');
    expect(html).toContain('data-testid="gitops-path">sites/plant-a/</code>');
    expect(html).toContain('data-addon="hosted-control-planes"');
    expect(text(html)).toContain('Hosted control planes');
    // The app-of-apps of this plan: ODF and virtualization are on, no add-on.
    const apps = text(html.slice(html.indexOf('data-testid="gitops-components"')));
    for (const c of ['operators', 'nmstate', 'local-storage', 'odf', 'virtualization']) expect(apps).toContain(c);
    expect(apps).not.toContain('hosted-control-planes —');
  });

  it('uses the branch and folder the plan gives', async () => {
    const { store } = await open('plant-b-racks');
    const html = render(store, <GitOpsStep />);
    expect(valueOf(html, '/gitops/branch')).toBe('site/plant-b');
    expect(valueOf(html, '/gitops/path')).toBe('sites/plant-b');
  });

  it('ticks a chosen add-on under its pointer', async () => {
    const { store } = await open();
    await store.getState().edit([{ path: '/gitops/addons', value: ['hosted-control-planes'] }]);
    const html = render(store, <GitOpsStep />);
    expect(control(html, '/gitops/addons/0').checked).toBe(true);
    expect(text(html.slice(html.indexOf('data-testid="gitops-components"')))).toContain('hosted-control-planes');
  });
});

describe('SecretField', () => {
  it('renders a password input without a value and Store disabled until something is typed', async () => {
    const api = fakeApi(exampleDoc());
    const html = renderToStaticMarkup(<SecretField api={api} name="bmc-acp-1" label="BMC password" />);
    const input = /<input[^>]*data-secret="bmc-acp-1"[^>]*>/.exec(html)?.[0];
    expect(input).toBeDefined();
    expect(input).toContain('type="password"');
    expect(input).toMatch(/autocomplete="off"/i);
    expect(input).not.toMatch(/\bvalue="[^"]+"/);
    expect(text(html)).toContain('Store');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>[\s\S]*?Store/);
    expect(html).toContain('data-state="unknown"');
  });
});

/** The example with plain text replacements (each must match). */
function variant(...changes: Array<[string, string]>): SiteDocument {
  let t = exampleText();
  for (const [from, to] of changes) {
    expect(t, `example contains ${JSON.stringify(from)}`).toContain(from);
    t = t.replace(from, to);
  }
  return documentOf(t);
}

describe('every finding of these steps has its place', () => {
  const steps = {
    site: (api: Api) => <SiteStep api={api} />,
    nodes: (api: Api) => <NodesStep api={api} />,
    storage: () => <StorageStep />,
    gitops: () => <GitOpsStep />,
  } as const;
  const docs = [
    variant(
      ['apiVIPs: [10.10.0.5]', 'apiVIPs: [10.10.0.6]'],
      ['dnsServers: [10.10.0.2]', 'dnsServers: ["dns server"]'],
      ['ntp2.plant-a.example.com', 'ntp://x'],
      ['registry: mirror.plant-a.example.com:8443', 'registry: https://u:p@mirror'],
      ['sshPublicKey: ssh-ed25519 AAAAC3', 'sshPublicKey: ssh-ed25519 ZZZZ'],
      ['serviceNetwork: 172.30.0.0/16', 'serviceNetwork: 10.10.0.0/24'],
      ['  fips: false', '  fips: false\n  proxy: {}'],
    ),
    variant(['caBundle: |\n      -----BEGIN CERTIFICATE-----', 'caBundle: |\n      -----BEGIN CERTIFICATE-----\n      garbage'], ['hostPrefix: 23', 'hostPrefix: 31']),
    variant(
      ['- hostname: acp-2', '- hostname: acp-1'],
      ['address: redfish-virtualmedia://10.40.0.12', 'address: redfish-virtualmedia://10.40.0.11'],
      ['failureDomain: host', 'failureDomain: rack'],
      ['replica: 3', 'replica: 2'],
      ['vmNetworks: [vm-prod, vm-ot]', 'vmNetworks: [vm-prod, storage]'],
      ['repoURL: https://git.example.com/acp/sites.git', 'repoURL: http://git.example.com/acp/sites.git\n  branch: "bad branch"\n  path: ../up'],
    ),
    variant(['storageNetwork: storage', 'deviceClass: ssd'], ['  deviceClass: ssd\n', ''], ['vmNetworks: [vm-prod, vm-ot]', 'vmNetworks: []']),
    variant(['  - hostname: acp-3', '  - hostname: Acp 3'], ['    ssh: { host: 10.10.0.13, user: core }\n', '']),
  ];

  it('binds every pointer the rules report in Site, Nodes, Storage and GitOps', async () => {
    const api = fakeApi(exampleDoc()) as Api;
    const seen = new Set<string>();
    for (const doc of docs) {
      expect(doc.status).toBe('ok');
      const { store } = await openStore(doc);
      for (const [step, view] of Object.entries(steps)) {
        const html = render(store, view(api));
        for (const f of doc.findings.filter((x) => stepForPath(x.path) === step)) {
          // A list item's finding belongs to the list's field (e.g. /cluster/dnsServers/0).
          const list = f.path.replace(/\/\d+$/, '');
          expect(has(html, f.path) || (list !== f.path && has(html, list)), `${f.id} at ${f.path}`).toBe(true);
          expect(html, `${f.id} shown`).toContain(`data-rule="${f.id}"`);
          seen.add(f.id);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(15);
  });
});

describe('a plan that does not match the format', () => {
  it('still shows what is written, with the format finding under the field', async () => {
    const broken = exampleText().replace('hostPrefix: 23', 'hostPrefix: twenty-three');
    const { store } = await openChecked(documentOf(broken, { readOnly: true }), 'invalid');
    const html = render(store, <SiteStep api={fakeApi(exampleDoc()) as Api} />);
    expect(valueOf(html, '/cluster/clusterNetwork/hostPrefix')).toBe('twenty-three');
    expect(after(html, '/cluster/clusterNetwork/hostPrefix')).toContain('data-testid="field-finding"');
    expect(valueOf(html, '/cluster/baseDomain')).toBe('plant-a.example.com');
    // The GitOps step falls back to the names as written.
    expect(render(store, <GitOpsStep />)).toContain('data-testid="gitops-branch">site/plant-a</code>');
  });
});
