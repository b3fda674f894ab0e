// The Cluster step rendered to HTML (no DOM): what the technician sees before connecting, at the
// first contact and after a CA change, when the name does not resolve, during the install,
// the bootstrap with a conflict and a failing wave, and the verification.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { Site } from '../../../main/core/site/schema';
import type { Api } from '../../../renderer/src/api/client';
import { opensByItself, stageCounts } from '../../../renderer/src/steps/cluster/BootstrapView';
import { apiPinFile } from '../../../renderer/src/steps/cluster/CaPrompt';
import { ClusterStep, clusterBlocker, verificationTitle, type ClusterStepProps } from '../../../renderer/src/steps/cluster/ClusterStep';
import { createClusterStore, type ClusterState, type ClusterStore } from '../../../renderer/src/steps/cluster/cluster-store';
import { operatorOrder } from '../../../renderer/src/steps/cluster/InstallProgressView';
import { checkSummary } from '../../../renderer/src/steps/cluster/PlanChecks';
import { formatBytes, overallPercent } from '../../../renderer/src/steps/cluster/words';
import { textOf } from './step-render';
import {
  CA1,
  CA2,
  SITE,
  bootstrapRunning,
  checks,
  connected,
  dnsFailed,
  fakeClusterApi,
  INSTALL_DIR,
  installImport,
  installed,
  installing,
  needsAcceptance,
  pinChanged,
  REPO_DIR,
  verification,
  verificationWithManifests,
  withImport,
} from './cluster-fakes';

const site = {
  metadata: { name: 'plant-a' },
  cluster: { name: 'acp', baseDomain: 'plant-a.example.com', apiVIPs: ['10.10.0.5'] },
  nodes: [],
} as unknown as Site;

function render(store: ClusterStore, props: Partial<ClusterStepProps> = {}) {
  // Server rendering reads a zustand store's initial state; show the current one instead.
  store.getInitialState = store.getState;
  return renderToStaticMarkup(
    <ClusterStep api={fakeClusterApi().api as unknown as Api} store={store} sitePath={SITE} site={site} dirty={false} onSave={vi.fn(async () => SITE)} onShowExport={vi.fn()} {...props} />,
  );
}

function section(html: string, testid: string): string {
  const at = html.indexOf(`data-testid="${testid}"`);
  expect(at, `no element with data-testid="${testid}"`).toBeGreaterThanOrEqual(0);
  return html.slice(at, at + 12_000);
}

/** The text as read: a <wbr> (where a long name may wrap) is no blank. */
const words = (html: string) => textOf(html.replace(/<wbr\/>/g, ''));

function disabled(html: string, testid: string): boolean {
  const tag = new RegExp(`<button[^>]*data-testid="${testid}"[^>]*>`).exec(html)?.[0];
  expect(tag, `no button with data-testid="${testid}"`).toBeDefined();
  return /\sdisabled=""/.test(tag!);
}

function buttonText(html: string, testid: string): string {
  const button = new RegExp(`<button[^>]*data-testid="${testid}"[^>]*>([\\s\\S]*?)</button>`).exec(html)?.[1];
  expect(button, `no button with data-testid="${testid}"`).toBeDefined();
  return textOf(button!).trim();
}

const storeWith = (patch: Partial<ClusterState>) => {
  const store = createClusterStore(fakeClusterApi().api);
  store.setState({ sitePath: SITE, ...patch });
  return store;
};

describe('ClusterStep before connecting', () => {
  it('offers the kubeconfig field and the routes: the API name, the plan’s VIP, another address', () => {
    const html = render(createClusterStore(fakeClusterApi().api));
    const text = textOf(html);
    expect(html).toContain('data-testid="cluster-kubeconfig"');
    expect(text).toContain('By its name, api.acp.plant-a.example.com');
    expect(text).toContain('API VIP 10.10.0.5');
    expect(text).toContain('Another address');
    expect(text).toContain('never in the plan or in Git');
    expect(disabled(html, 'cluster-connect-button')).toBe(false);
    // Nothing that needs a connection can start yet.
    expect(disabled(html, 'cluster-bootstrap-start')).toBe(true);
    expect(disabled(html, 'cluster-verify-start')).toBe(true);
    expect(text).toContain('Connect to the cluster first');
    // The five parts are there, in order.
    const order = ['connect', 'install', 'checks', 'bootstrap', 'verify'].map((p) => html.indexOf(`data-testid="cluster-section-${p}"`));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
  });

  it('asks for the install folder first, then offers a kubeconfig file instead', () => {
    const html = render(createClusterStore(fakeClusterApi().api));
    const folder = html.indexOf('data-testid="cluster-install-dir"');
    expect(folder).toBeGreaterThan(0);
    expect(folder).toBeLessThan(html.indexOf('data-testid="cluster-kubeconfig"'));
    expect(html).toContain('placeholder="e.g. /home/tech/plant-a/install"');
    const text = textOf(html);
    expect(text.indexOf('Install folder')).toBeLessThan(text.indexOf('Or a kubeconfig file'));
    expect(textOf(section(html, 'cluster-install-dir-help'))).toContain(
      'The folder openshift-install agent create image ran in. Sitekit takes auth/kubeconfig, auth/kubeadmin-password and the installer’s token from it and keeps them in this computer’s protected store, never in the plan or in Git.',
    );
    // Browser mode (the fake says so once asked): no dialog; the desktop app has one per field.
    expect(html).toContain('data-testid="cluster-install-dir-choose"');
    expect(render(storeWith({ fileDialog: 'unsupported' }))).not.toContain('data-testid="cluster-install-dir-choose"');
  });

  it('both the folder and a file: says to give one, and Connect waits', () => {
    const html = render(storeWith({ installDir: INSTALL_DIR, kubeconfigPath: `${INSTALL_DIR}/auth/kubeconfig` }));
    expect(textOf(section(html, 'cluster-kubeconfig-help'))).toContain('Give the install folder or the kubeconfig file, not both.');
    expect(disabled(html, 'cluster-connect-button')).toBe(true);
    const relative = render(storeWith({ installDir: 'plant-a/install' }));
    expect(textOf(section(relative, 'cluster-install-dir-help'))).toContain('Type the full path of the folder');
    expect(disabled(relative, 'cluster-connect-button')).toBe(true);
  });

  it('the consent of a store that cannot encrypt goes under the field that is typed', () => {
    const html = render(storeWith({ plainText: 'This computer has no system key ring.', installDir: INSTALL_DIR }));
    const consent = html.indexOf('data-testid="secret-plain-text-consent"');
    expect(consent).toBeGreaterThan(html.indexOf('data-testid="cluster-install-dir-help"'));
    expect(consent).toBeLessThan(html.indexOf('data-testid="cluster-kubeconfig"'));
  });

  it('after the folder: what was kept, for which server, and one warning line per thing missing', () => {
    const all = render(storeWith({ connection: withImport(connected()), installImport: installImport() }));
    const kept = textOf(section(all, 'cluster-install-import'));
    expect(kept).toContain(`Kept from ${INSTALL_DIR}`);
    expect(kept).toContain(
      'Sitekit keeps the kubeconfig (auth/kubeconfig), the kubeadmin password (auth/kubeadmin-password) and the installer’s token (WatcherAuthToken) in this computer’s protected store, for https://api.acp.plant-a.example.com:6443 only.',
    );
    expect(all).not.toContain('data-testid="cluster-install-missing-');

    const partial = render(storeWith({ connection: withImport(connected(), installImport(true)), installImport: installImport(true) }));
    const lines = section(partial, 'cluster-install-import');
    expect(textOf(lines)).toContain('the kubeconfig (auth/kubeconfig) and the kubeadmin password (auth/kubeadmin-password)');
    expect(textOf(section(lines, 'cluster-install-missing-agent-auth-token'))).toContain('.openshift_install_state.json is not there');

    const nothing = render(storeWith({ installImport: { folder: INSTALL_DIR, stored: [], missing: [{ name: 'kubeconfig', message: 'auth/kubeconfig is not there.' }] } }));
    expect(textOf(section(nothing, 'cluster-install-import'))).toContain(`Nothing was kept from ${INSTALL_DIR}`);
  });

  it('the installer’s token: which field per OpenShift version, and that the folder fills it in', () => {
    const text = textOf(section(render(createClusterStore(fakeClusterApi().api)), 'cluster-agent-token'));
    expect(text).toContain('OpenShift 4.17 and later');
    expect(text).not.toContain('4.16 and later');
    expect(text).toContain('Giving the install folder in step 1 fills this in.');
    expect(text).toContain('WatcherAuthToken on OpenShift 4.18 and later, the AgentAuthToken on 4.17; 4.16 needs none.');
    expect(textOf(section(render(storeWith({ agentTokenStored: true })), 'cluster-agent-token'))).toContain('before the cluster answers): stored');
  });

  it('says when a kubeconfig is stored and for which server', () => {
    const html = render(storeWith({ kubeconfigStored: true, kubeconfigFor: ['https://api.acp.plant-a.example.com:6443'] }));
    expect(textOf(section(html, 'cluster-kubeconfig-help'))).toContain('A kubeconfig is stored for https://api.acp.plant-a.example.com:6443. Leave both fields empty to use it.');
  });

  it('asks to save first for the example and for unsaved edits', () => {
    const example = render(createClusterStore(fakeClusterApi().api), { sitePath: undefined });
    expect(section(example, 'cluster-blocked')).toContain('example is read-only');
    expect(disabled(example, 'cluster-connect-button')).toBe(true);
    expect(disabled(example, 'cluster-install-watch')).toBe(true);
    expect(clusterBlocker(SITE, true)).toMatch(/save first/);
    expect(clusterBlocker(SITE, false)).toBeUndefined();
  });
});

describe('ClusterStep CA card', () => {
  it('first contact: the CA fingerprint in groups of eight, the server certificate, and one button to accept', () => {
    const html = render(storeWith({ connection: needsAcceptance('10.10.0.5') }));
    const card = section(html, 'cluster-ca');
    expect(card).toContain('data-kind="unknown"');
    const fp = textOf(section(card, 'cluster-ca-fingerprint').split('</code>')[0]!);
    expect(fp.replace(/\s/g, '')).toContain(CA1.slice(0, 30));
    // A line may break only between groups of eight pairs, never inside a pair.
    expect(section(card, 'cluster-ca-fingerprint').split('</code>')[0]!.match(/<wbr\/>/g)).toHaveLength(3);
    expect(textOf(card)).toContain('through 10.10.0.5');
    expect(textOf(card)).toContain('CN=kube-apiserver-lb-signer');
    expect(card).toContain('data-testid="cluster-leaf-fingerprint"');
    expect(disabled(html, 'cluster-ca-accept')).toBe(false);
  });

  it('the CA is the kubeconfig’s own: says so, nothing to compare', () => {
    const card = section(render(storeWith({ connection: needsAcceptance() })), 'cluster-ca');
    const advice = section(card, 'cluster-ca-advice');
    expect(advice).toContain('data-from="kubeconfig"');
    expect(textOf(advice)).toContain(
      'This is the CA in the kubeconfig openshift-install wrote for this cluster, so the server is the cluster that install made. Accept it to remember it: from then on Sitekit connects only to a server this CA vouches for.',
    );
    // Up to its buttons, the card asks for no comparison.
    expect(textOf(card.split('data-testid="cluster-ca-accept"')[0]!)).not.toMatch(/compare|on record|openssl/i);
  });

  it('the kubeconfig has no CA: how to check the fingerprint elsewhere, and not on a network you do not trust', () => {
    const card = section(render(storeWith({ connection: needsAcceptance(undefined, false) })), 'cluster-ca');
    const advice = section(card, 'cluster-ca-advice');
    expect(advice).toContain('data-from="server"');
    const text = textOf(advice);
    expect(text).toContain('The kubeconfig has no CA for this server');
    expect(text).toContain('on a machine that has the cluster’s CA');
    expect(text).toContain('openssl x509 -noout -fingerprint -sha256 -in <ca.crt>');
    expect(text).toContain('Do not accept it on a network you do not trust');
    expect(text).not.toContain('openshift-install wrote for this cluster');
  });

  it('no kubeconfig CA and no chain: the server certificate itself is what is remembered, and said so', () => {
    const leafOnly = needsAcceptance(undefined, false);
    leafOnly.identity = { ...leafOnly.identity!, ca: { ...leafOnly.identity!.leaf } };
    const html = render(storeWith({ connection: leafOnly }));
    const card = section(html, 'cluster-ca');
    const text = textOf(card.split('data-testid="cluster-ca-accept"')[0]!);
    expect(text).toContain('First connection to this cluster: confirm its certificate');
    expect(text).toContain('without the CA that signed it');
    expect(text).toContain('Server certificate fingerprint');
    expect(text).toContain('openssl x509 -noout -fingerprint -sha256 -in <server.crt>');
    expect(card).not.toContain('data-testid="cluster-leaf-fingerprint"');
    expect(textOf(section(html, 'cluster-ca-accept'))).toContain('Accept this certificate and connect');
  });

  it('a changed CA: both fingerprints, the pin file to delete, and no way to accept it here', () => {
    const html = render(storeWith({ connection: pinChanged() }));
    const card = section(html, 'cluster-ca');
    expect(card).toContain('data-kind="changed"');
    expect(textOf(section(card, 'cluster-ca-pinned')).replace(/\s/g, '')).toContain(CA1.slice(0, 40));
    expect(textOf(section(card, 'cluster-ca-fingerprint')).replace(/\s/g, '')).toContain(CA2.slice(0, 40));
    expect(textOf(card)).toContain('/home/tech/plant-a/.sitekit/cluster/api-pin.json');
    expect(textOf(card)).toContain('There is no button to accept the new CA, on purpose.');
    expect(html).not.toContain('data-testid="cluster-ca-accept"');
    expect(apiPinFile('C:\\sites\\plant-a\\site.yaml')).toBe('C:\\sites\\plant-a\\.sitekit\\cluster\\api-pin.json');
  });

  it('a name that does not resolve: the sentence, the detail, the VIP offered and a retry', () => {
    const html = render(storeWith({ connection: dnsFailed() }));
    const failure = section(html, 'cluster-connect-failure');
    expect(failure).toContain('data-kind="dns"');
    expect(textOf(failure)).toContain('The API name does not resolve');
    expect(textOf(failure)).toContain('does not resolve on this laptop');
    expect(textOf(failure)).toContain('getaddrinfo ENOTFOUND');
    expect(textOf(section(html, 'cluster-connect-vip'))).toContain('Connect through the API VIP 10.10.0.5');
    expect(html).toContain('data-testid="cluster-connect-retry"');
  });

  it('connected: to which server, through what, as whom', () => {
    const html = render(storeWith({ connection: connected('10.10.0.5') }));
    const ok = textOf(section(html, 'cluster-connected'));
    expect(ok).toContain('https://api.acp.plant-a.example.com:6443 through 10.10.0.5 as system:admin');
    expect(ok).toContain('OpenShift 4.18.9');
    expect(disabled(html, 'cluster-bootstrap-start')).toBe(false);
    expect(disabled(html, 'cluster-verify-start')).toBe(false);
  });
});

describe('ClusterStep install and checks', () => {
  it('one bar for the cluster and one per node; words where no percentage is known', () => {
    const store = storeWith({ install: { running: true, cancelling: false, progress: installing() } });
    const html = render(store);
    expect(html).toContain('data-testid="cluster-install-overall"');
    expect(textOf(section(html, 'cluster-install-overall'))).toContain('42%');
    expect(textOf(section(html, 'cluster-install-node-acp-1'))).toMatch(/acp-1 \(master\).*63%.*Writing image to disk/);
    expect(textOf(render(storeWith({ install: { running: false, cancelling: false, progress: installed() } })))).toContain('acp-1 (control-plane, worker)');
    expect(textOf(section(html, 'cluster-install-node-acp-2'))).toMatch(/In progress Rebooting/);
    expect(html).toContain('data-testid="cluster-install-stop"');
  });

  it('operators: the ones that need attention first, the settled ones folded away', () => {
    const html = render(storeWith({ install: { running: false, cancelling: false, progress: installed() } }));
    const ops = textOf(section(html, 'cluster-operators'));
    expect(ops).toContain('1 of 3 operators needs attention or is still working; 2 settled.');
    expect(ops).toContain('ingresscontroller "default" is progressing');
    expect(ops).toContain('Show the 2 settled operators');
    // Installed: the version is said once (in the cluster's bar), not again below it.
    expect(html).not.toContain('data-testid="cluster-install-version"');
    const upgrading = render(storeWith({ install: { running: true, cancelling: false, progress: { ...installed(), overall: { state: 'running', message: 'Installing' }, version: { desired: '4.18.9' } } } }));
    expect(textOf(section(upgrading, 'cluster-install-version'))).toContain('Installing OpenShift 4.18.9.');
    const sorted = installed().operators!.sort(operatorOrder).map((o) => o.name);
    expect(sorted[0]).toBe('ingress');
  });

  it('plan checks: differences first, with the plan, the cluster and what to do', () => {
    const html = render(storeWith({ install: { running: false, cancelling: false, checks: checks() } }));
    const table = section(html, 'cluster-checks');
    expect(textOf(section(html, 'cluster-checks-summary'))).toContain('1 match, 1 differs, 1 not known yet.');
    expect(table.indexOf('data-state="mismatch"')).toBeLessThan(table.indexOf('data-state="ok"'));
    expect(textOf(table)).toContain('Node address (acp-2)');
    expect(textOf(table)).toContain('10.10.0.52');
    expect(textOf(table)).toContain('check its static address');
    expect(checkSummary([])).toBe('0 match');
  });
});

describe('ClusterStep bootstrap', () => {
  it('says when it took over the lock of a bootstrap that no longer runs', () => {
    const notice = 'A GitOps bootstrap of plant-a left a lock behind (pid 4242 no longer runs): taken over.';
    const store = storeWith({ connection: connected(), bootstrap: { running: true, cancelling: false, progress: { ...bootstrapRunning(), notices: [notice] } } });
    expect(textOf(section(render(store), 'cluster-bootstrap-notice'))).toContain(notice);
  });

  it('stages in order with their state; a conflict and a failing wave show their objects by themselves', () => {
    const store = storeWith({ connection: connected(), bootstrap: { running: true, cancelling: false, progress: bootstrapRunning() } });
    const html = render(store);
    const boot = section(html, 'cluster-bootstrap');
    expect(textOf(section(html, 'cluster-bootstrap-summary'))).toContain('1 of 3 stages done · 57 requests to the API');
    expect(section(boot, 'cluster-stage-apply-operator')).toContain('data-state="done"');
    // Done stages stay folded; the conflict and the failing wave are open.
    const folded = (id: string) => /aria-expanded="(true|false)"/.exec(section(html, `cluster-stage-${id}`))![1] === 'false';
    expect(folded('apply-operator')).toBe(true);
    expect(folded('apply-argocd')).toBe(false);
    expect(folded('wave-2')).toBe(false);
    const conflict = textOf(section(html, 'cluster-stage-apply-argocd-applied'));
    expect(conflict).toContain('Conflict');
    expect(conflict).toContain('.spec.resourceHealthChecks is set by kubectl-edit');
    const wave = textOf(section(html, 'cluster-stage-wave-2-items'));
    expect(wave).toContain('acp-2.bond0-vlans');
    expect(wave).toContain('failed to execute nmstatectl');
    expect(wave).toContain('What to do: Check the bond members');
    expect(textOf(section(html, 'cluster-bootstrap-go-failed'))).toContain('Go to “Argo CD settings”, which failed');
    expect(disabled(html, 'cluster-bootstrap-cancel')).toBe(false);
    expect(disabled(html, 'cluster-bootstrap-start')).toBe(true);

    const stages = bootstrapRunning().stages;
    expect(stageCounts(stages[0]!)).toBe('1 created, 1 unchanged');
    expect(stageCounts(stages[2]!)).toBe('1 of 2 ready, 1 failed');
    expect(stages.map(opensByItself)).toEqual([false, true, true]);
  });

  it('the Git password question names the server and waits for a yes', () => {
    const html = render(storeWith({ connection: connected(), passwordQuestion: { origin: 'https://git.plant-a.example.com', boundTo: [], message: 'Never used there.' } }));
    expect(textOf(section(html, 'cluster-password-question'))).toContain('Send the stored Git password to https://git.plant-a.example.com?');
    expect(html).toContain('data-testid="cluster-password-confirm"');
  });
});

describe('ClusterStep verification', () => {
  it('nodes, operators, ODF, applications, drift and HA findings, and what is wrong said on top', () => {
    const html = render(storeWith({ connection: connected(), verification: verification() }));
    const top = textOf(section(html, 'cluster-verify-result'));
    // Every reason, in the words the report and the CLI use (verificationProblems).
    expect(top).toContain(
      'The cluster has problems: 1 check differs from the plan · 1 check could not be made · 1 Argo CD application not Synced and Healthy · 1 object drifted or missing · 1 HA error',
    );
    expect(top).toContain('write the report again in Generate & export');
    expect(html).toContain('data-testid="cluster-go-export"');
    expect(textOf(section(html, 'cluster-verify-nodes'))).toContain('3 of 3 nodes ready.');
    expect(textOf(section(html, 'cluster-odf'))).toContain('Storage cluster Ready, Ceph HEALTH_OK.');
    expect(textOf(section(html, 'cluster-odf'))).toContain('200 GiB of 3.0 TiB');
    expect(textOf(section(html, 'cluster-verify-apps'))).toContain('1 of 2 applications synced and healthy.');
    const drift = words(section(html, 'cluster-drift'));
    expect(drift).toContain('2 objects of the bundle: 1 the same as the bundle, 1 different.');
    expect(drift).toContain('NetworkAttachmentDefinition vm-ot/vm-ot');
    expect(drift).toContain('nobody (Argo CD does not watch it)');
    expect(drift).toContain('spec.config');
    const ha = words(section(html, 'cluster-ha'));
    expect(ha).toContain('sites/plant-a/apps/historian.yaml:14');
    expect(ha).toContain('What to do: Set maxUnavailable: 1 instead.');
    expect(ha).toContain('Also reported by kube-score.');
    expect(textOf(section(html, 'cluster-section-verify'))).toContain('Problems found');
  });

  it('the sites-repository folder: optional, typed in browser mode, chosen in the desktop app; a relative one stops Verify', () => {
    const html = render(storeWith({ connection: connected() }));
    const field = section(html, 'cluster-section-verify');
    expect(textOf(field)).toContain('Sites-repository folder to check (optional)');
    expect(textOf(section(html, 'cluster-manifests-dir-help'))).toContain('Leave it empty to check the live cluster only.');
    expect(html).toContain('data-testid="cluster-manifests-dir-choose"');
    // The field comes before the button that uses it.
    expect(html.indexOf('data-testid="cluster-manifests-dir"')).toBeLessThan(html.indexOf('data-testid="cluster-verify-start"'));
    const browser = render(storeWith({ connection: connected(), fileDialog: 'unsupported' }));
    expect(browser).not.toContain('data-testid="cluster-manifests-dir-choose"');
    expect(textOf(section(browser, 'cluster-manifests-dir-help'))).toContain('Type the full path of the folder.');
    const relative = render(storeWith({ connection: connected(), manifestsDir: 'sites/plant-a' }));
    expect(textOf(section(relative, 'cluster-manifests-dir-help'))).toContain('Type the full path of the folder, for example /home/tech/sites-repo/sites/plant-a.');
    expect(disabled(relative, 'cluster-verify-start')).toBe(true);
    expect(disabled(render(storeWith({ connection: connected(), manifestsDir: REPO_DIR })), 'cluster-verify-start')).toBe(false);
  });

  it('HA findings say what they were drawn from: the folder, how many files, what was left out; each finding where it is', () => {
    const html = render(storeWith({ connection: connected(), verification: verificationWithManifests() }));
    const ha = section(html, 'cluster-verify-ha');
    // (textOf puts a blank between elements: the folder is one.)
    const sources = textOf(section(ha, 'cluster-ha-sources')).replace(/ :/g, ':');
    expect(sources).toContain(`Checked on the live cluster and in ${REPO_DIR} (12 manifest files read, 1 left out). A finding from the folder names its file and line there.`);
    expect(sources).toContain('charts/historian/templates/deployment.yaml: a template (Helm or similar): render it first');
    expect(textOf(section(ha, 'cluster-ha-skipped'))).toContain('Show the 1 left out and why');
    // Near the findings: the note comes right before their table.
    expect(ha.indexOf('data-testid="cluster-ha-sources"')).toBeLessThan(ha.indexOf('HA readiness findings'));
    const where = [...ha.replace(/<wbr\/>/g, '').matchAll(/data-testid="cluster-ha-where">([^<]*)</g)].map((m) => m[1]);
    // A path may wrap after its separators only.
    expect(ha).toContain('in apps/<wbr/>historian.yaml:<wbr/>14');
    expect(where).toEqual(['in apps/historian.yaml:14', 'on the cluster']);

    // Nothing left out: no toggle. A long list: the count includes the ones not listed.
    const clean = section(render(storeWith({ connection: connected(), verification: verificationWithManifests([]) })), 'cluster-verify-ha');
    expect(textOf(section(clean, 'cluster-ha-sources')).replace(/ \(/g, '(')).toContain('(12 manifest files read). A finding');
    expect(clean).not.toContain('data-testid="cluster-ha-skipped"');
    const many = section(
      render(storeWith({ connection: connected(), verification: verificationWithManifests([...Array.from({ length: 100 }, (_, i) => `apps/x${i}.yaml: not readable as YAML (a template?)`), 'and 7 more left out']) })),
      'cluster-verify-ha',
    );
    expect(textOf(section(many, 'cluster-ha-sources'))).toContain('12 manifest files read, 107 left out)');
  });

  it('HA of the live cluster only: says so and where to give a folder; an older verification says nothing about it', () => {
    const v = verification();
    const live = render(storeWith({ connection: connected(), verification: { ...v, haSources: { live: true } } }));
    expect(textOf(section(live, 'cluster-ha-sources'))).toContain('Checked on the live cluster only. Give a folder of the sites repository above to check its manifests too.');
    expect(render(storeWith({ connection: connected(), verification: v }))).not.toContain('data-testid="cluster-ha-sources"');
  });

  it('the headline lists exactly what keeps the verification from being ok', () => {
    const v = verification('ok');
    expect(verificationTitle(v)).toBe('The cluster matches the plan and the bundle');
    const drifted = { ...v, state: 'problems' as const, checks: v.checks.filter((c) => c.state === 'ok'), ha: [] };
    expect(verificationTitle(drifted)).toBe('The cluster has problems: 1 Argo CD application not Synced and Healthy · 1 object drifted or missing');
    const html = render(storeWith({ connection: connected(), verification: drifted }));
    expect(textOf(section(html, 'cluster-verify-result'))).toContain('The cluster has problems: 1 Argo CD application not Synced and Healthy · 1 object drifted or missing');
  });

  it('while it verifies: Stop (like the bootstrap’s), no drift check beside it; stopping, then stopped: nothing was saved', () => {
    const running = render(storeWith({ connection: connected(), verification: verification(), verifying: true, verifyRun: { taskId: 'verify-1', cancelling: false } }));
    expect(disabled(running, 'cluster-verify-stop')).toBe(false);
    expect(buttonText(running, 'cluster-verify-stop')).toBe('Stop');
    expect(disabled(running, 'cluster-drift-start')).toBe(true);
    const stopping = render(storeWith({ connection: connected(), verifying: true, verifyRun: { taskId: 'verify-1', cancelling: true } }));
    expect(disabled(stopping, 'cluster-verify-stop')).toBe(true);
    expect(buttonText(stopping, 'cluster-verify-stop')).toBe('Stopping…');

    const idle = render(storeWith({ connection: connected(), verification: verification() }));
    expect(idle).not.toContain('data-testid="cluster-verify-stop"');
    expect(idle).not.toContain('data-testid="cluster-verify-stopped"');
    const stopped = render(storeWith({ connection: connected(), verifyStopped: true }));
    expect(textOf(section(stopped, 'cluster-verify-stopped'))).toContain('Stopped; nothing was saved.');
    expect(stopped).not.toContain('data-testid="cluster-verify-error"');
  });

  it('while it checks drift: Stop for the drift check, Verify waits; stopped says so', () => {
    const running = render(storeWith({ connection: connected(), verification: verification(), drifting: true, driftRun: { taskId: 'drift-1', cancelling: false } }));
    expect(disabled(running, 'cluster-drift-stop')).toBe(false);
    expect(disabled(running, 'cluster-verify-start')).toBe(true);
    expect(running).not.toContain('data-testid="cluster-verify-stop"');
    const stopped = render(storeWith({ connection: connected(), verification: verification(), driftStopped: true }));
    expect(textOf(section(stopped, 'cluster-drift-stopped'))).toContain('Stopped before the drift check finished.');
  });

  it('a separate drift check shows instead of the verification’s own', () => {
    const v = verification('ok');
    const newer = { ...v.drift, objects: v.drift.objects.slice(0, 1), summary: { same: 1, different: 0, missing: 0, unknown: 0 } };
    const html = render(storeWith({ connection: connected(), verification: v, drift: newer }));
    expect(textOf(section(html, 'cluster-drift-summary'))).toContain('1 object of the bundle: 1 the same as the bundle.');
    expect(section(html, 'cluster-verify-result')).toContain('data-state="ok"');
  });
});

describe('cluster words', () => {
  it('overall percent from the nodes when the source gives none', () => {
    expect(overallPercent({ state: 'running' }, [{ state: 'done' }, { state: 'running', percent: 50 }, { state: 'waiting' }])).toBe(75);
    expect(overallPercent({ state: 'done' }, [])).toBe(100);
    expect(overallPercent({ state: 'running', percent: 140 }, [])).toBe(100);
    expect(overallPercent({ state: 'waiting' }, [{ state: 'waiting' }])).toBeUndefined();
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(undefined)).toBe('—');
  });
});
