// Step 1, Site: who and where, the cluster's names and addresses, how the site reaches
// container images (mirror registry or proxy), and the keys the installer needs. Every field
// is bound to its JSON pointer in site.yaml; the pull secret itself never enters the plan.
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Content,
  Form,
  FormGroup,
  Grid,
  GridItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Switch,
} from '@patternfly/react-core';
import { useId, useState, type ReactNode } from 'react';
import {
  FieldFindings,
  listCodec,
  numberCodec,
  SwitchField,
  TextField,
  useFieldRef,
  useInputRef,
  useFindings,
  usePlanValue,
  useWizard,
} from '../../wizard/fields';
import { SecretField, SecretProtectionWarning, type SecretsApi } from '../secret-field';
import '../steps.css';

/** The name under which Sitekit's secret store keeps the pull secret. */
export const PULL_SECRET_NAME = 'pull-secret';

export interface SiteStepProps {
  api: SecretsApi;
}

// ---------------------------------------------------------------------------------------
// Shared pieces of the step forms
// ---------------------------------------------------------------------------------------

/** A card of a step form: a title, one or two sentences on what the installer does with it. */
export function FormCard({
  title,
  about,
  children,
  actions,
  testId,
  cardRef,
}: {
  title: ReactNode;
  about?: ReactNode;
  children: ReactNode;
  actions?: ReactNode;
  testId?: string;
  cardRef?: (element: HTMLElement | null) => void;
}) {
  return (
    <Card className="sk-form-card" data-testid={testId} ref={cardRef as never} tabIndex={cardRef ? -1 : undefined}>
      <CardHeader actions={actions ? { actions, hasNoOffset: true } : undefined}>
        <CardTitle component="h2">{title}</CardTitle>
        {about ? (
          <Content component="p" className="sk-form-card__about">
            {about}
          </Content>
        ) : null}
      </CardHeader>
      <CardBody>
        <Form onSubmit={(e) => e.preventDefault()} className="sk-form">
          {children}
        </Form>
      </CardBody>
    </Card>
  );
}

/** Two fields side by side on wide screens, stacked on narrow ones. */
export function Pair({ children }: { children: ReactNode }) {
  const items = (Array.isArray(children) ? children : [children]).filter((c) => c !== null && c !== undefined && c !== false);
  return (
    <Grid hasGutter>
      {items.map((child, i) => (
        <GridItem key={i} md={6}>
          {child}
        </GridItem>
      ))}
    </Grid>
  );
}

/** Findings about a whole group (a section, a node): shown where the group starts. */
export function GroupFindings({ path, hint }: { path: string; hint?: ReactNode }) {
  const findings = useFindings(path);
  const ref = useFieldRef(path);
  return (
    <div ref={ref} tabIndex={-1} className="sk-group-findings" data-path={path}>
      <FieldFindings findings={findings} hint={hint} />
    </div>
  );
}

/**
 * Registers the input inside a wrapper under a pointer. PatternFly's Switch and Checkbox are
 * class components whose `ref` is the component, not the input; put this ref on a wrapper.
 */
/** A yes/no question answered in a small dialog (keyboard: Tab between buttons, Escape cancels). */
export function ConfirmDialog({
  isOpen,
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  isOpen: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const titleId = useId();
  const bodyId = useId();
  return (
    <Modal variant="small" isOpen={isOpen} onClose={onCancel} aria-labelledby={titleId} aria-describedby={bodyId}>
      <ModalHeader title={title} labelId={titleId} titleIconVariant="warning" />
      <ModalBody id={bodyId}>{children}</ModalBody>
      <ModalFooter>
        <Button variant="danger" onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button variant="link" onClick={onCancel}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);

/** Why a pasted pull secret is not one (the same test the CLI applies), or undefined. */
export function pullSecretProblem(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'This is not a pull secret: it is not JSON. Download it from console.redhat.com (a JSON text with "auths").';
  }
  const auths = (parsed as { auths?: unknown } | null)?.auths;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || auths === null || typeof auths !== 'object' || Array.isArray(auths)) {
    return 'This is JSON but has no "auths" section, so it is not a pull secret.';
  }
  if (Object.keys(auths).length === 0) return 'The "auths" section of this pull secret is empty.';
  return undefined;
}

// ---------------------------------------------------------------------------------------
// The step
// ---------------------------------------------------------------------------------------

export function SiteStep({ api }: SiteStepProps) {
  return (
    <div className="sk-form-step" data-testid="step-site">
      {/* Findings about the file as a whole or a whole section have no field of their own. */}
      <GroupFindings path="/apiVersion" />
      <GroupFindings path="/kind" />
      <GroupFindings path="/metadata" />
      <GroupFindings path="/cluster" />
      <AboutSite />
      <ClusterNames />
      <ClusterAddresses />
      <InternetAccess />
      <AccessAndKeys api={api} />
    </div>
  );
}

function AboutSite() {
  return (
    <FormCard
      title="About the site"
      about="Who and where. Goes into the handover report; the site name also names the Git branch (site/<name>) and the bundle folder."
      testId="site-about"
    >
      <Pair>
        <TextField
          path="/metadata/name"
          label="Site name"
          isRequired
          placeholder="e.g. plant-a"
          hint="Lower-case letters, digits and hyphens, e.g. plant-a."
        />
        <TextField path="/metadata/location" label="Location" placeholder="e.g. Plant A, hall 3, rack row C" hint="Words a colleague can find the servers with." />
      </Pair>
      <TextField path="/metadata/description" label="Description" rows={2} hint="Optional: what the site runs, anything special." />
      <GroupFindings path="/metadata/contact" />
      <Grid hasGutter>
        <GridItem md={4}>
          <TextField path="/metadata/contact/name" label="Contact on site" placeholder="e.g. Site IT on-call" />
        </GridItem>
        <GridItem md={4}>
          <TextField path="/metadata/contact/email" label="Contact e-mail" type="email" />
        </GridItem>
        <GridItem md={4}>
          <TextField path="/metadata/contact/phone" label="Contact phone" type="tel" />
        </GridItem>
      </Grid>
    </FormCard>
  );
}

function ClusterNames() {
  const name = str(usePlanValue('/cluster/name'));
  const domain = str(usePlanValue('/cluster/baseDomain'));
  const apiVIPs = list(usePlanValue('/cluster/apiVIPs'));
  const ingressVIPs = list(usePlanValue('/cluster/ingressVIPs'));
  const base = `${name ?? '<cluster>'}.${domain ?? '<base domain>'}`;
  return (
    <FormCard
      title="Cluster name and version"
      about="The installer builds every address of the cluster from the cluster name and the base domain, and installs this OpenShift version."
      testId="site-cluster"
    >
      <Grid hasGutter>
        <GridItem md={4}>
          <TextField path="/cluster/name" label="Cluster name" isRequired placeholder="e.g. acp" hint="A short DNS label, e.g. acp." />
        </GridItem>
        <GridItem md={5}>
          <TextField path="/cluster/baseDomain" label="Base domain" isRequired placeholder="e.g. plant-a.example.com" hint="The DNS domain the site's names live under." />
        </GridItem>
        <GridItem md={3}>
          <TextField path="/cluster/openshiftVersion" label="OpenShift version" isRequired placeholder="e.g. 4.18" hint="e.g. 4.18 or 4.18.12" />
        </GridItem>
      </Grid>
      <div className="sk-derived" data-testid="site-dns-names">
        <Content component="p" className="sk-derived__title">
          Names to check in the plant's DNS before the install
        </Content>
        <dl className="sk-derived__list">
          <dt>
            <code data-testid="dns-api">api.{base}</code>
          </dt>
          <dd>
            must point to the API address {apiVIPs.length ? <code>{apiVIPs.join(', ')}</code> : <span className="sk-muted">(not set yet)</span>}
          </dd>
          <dt>
            <code data-testid="dns-apps">*.apps.{base}</code>
          </dt>
          <dd>
            must point to the ingress address{' '}
            {ingressVIPs.length ? <code>{ingressVIPs.join(', ')}</code> : <span className="sk-muted">(not set yet)</span>}
          </dd>
        </dl>
      </div>
    </FormCard>
  );
}

function ClusterAddresses() {
  return (
    <FormCard
      title="Addresses and services"
      about="The two virtual addresses (VIPs) float between the nodes on the cluster network. The pod and service networks exist only inside the cluster and must not overlap anything in the plant."
      testId="site-addresses"
    >
      <GroupFindings path="/cluster/clusterNetwork" />
      <Pair>
        <TextField
          path="/cluster/apiVIPs"
          label="API address (VIP)"
          codec={listCodec}
          within
          isRequired
          placeholder="e.g. 10.10.0.5"
          hint="A free IP on the cluster network for api.<cluster>.<domain>; one address, or two (IPv4 and IPv6) separated by a comma."
        />
        <TextField
          path="/cluster/ingressVIPs"
          label="Ingress address (VIP)"
          codec={listCodec}
          within
          isRequired
          placeholder="e.g. 10.10.0.6"
          hint="A second free IP on the cluster network for *.apps (the web routes of applications)."
        />
      </Pair>
      <Grid hasGutter>
        <GridItem md={4}>
          <TextField
            path="/cluster/clusterNetwork/cidr"
            label="Pod network"
            isRequired
            placeholder="e.g. 10.128.0.0/14"
            hint="Addresses of containers (pods), inside the cluster only."
          />
        </GridItem>
        <GridItem md={4}>
          <TextField
            path="/cluster/clusterNetwork/hostPrefix"
            label="Pod subnet size per node"
            codec={numberCodec}
            isRequired
            placeholder="e.g. 23"
            hint="Prefix length of each node's share of the pod network, e.g. 23 (510 pods)."
          />
        </GridItem>
        <GridItem md={4}>
          <TextField
            path="/cluster/serviceNetwork"
            label="Service network"
            isRequired
            placeholder="e.g. 172.30.0.0/16"
            hint="Internal addresses of cluster services."
          />
        </GridItem>
      </Grid>
      <Pair>
        <TextField
          path="/cluster/dnsServers"
          label="DNS servers"
          codec={listCodec}
          within
          isRequired
          placeholder="e.g. 10.10.0.2"
          hint="IP addresses the nodes ask for names; separate several with commas."
        />
        <TextField
          path="/cluster/ntpServers"
          label="NTP servers"
          codec={listCodec}
          within
          isRequired
          placeholder="e.g. 10.10.0.3, ntp2.plant-a.example.com"
          hint="Time sources; the nodes' clocks must agree for the cluster and its certificates to work."
        />
      </Pair>
    </FormCard>
  );
}

function InternetAccess() {
  const { store } = useWizard();
  const mirror = usePlanValue('/cluster/mirror');
  const proxy = usePlanValue('/cluster/proxy');
  const [wantMirror, setWantMirror] = useState(false);
  const [wantProxy, setWantProxy] = useState(false);
  const [confirm, setConfirm] = useState<'mirror' | 'proxy' | undefined>();
  const mirrorRef = useInputRef('/cluster/mirror');
  const proxyRef = useInputRef('/cluster/proxy');
  const mirrorFindings = useFindings('/cluster/mirror');
  const proxyFindings = useFindings('/cluster/proxy');
  const mirrorId = useId();
  const proxyId = useId();
  const hasMirror = mirror !== undefined;
  const hasProxy = proxy !== undefined;
  const offline = hasMirror || wantMirror;
  const proxied = hasProxy || wantProxy;

  const remove = (what: 'mirror' | 'proxy') => {
    setConfirm(undefined);
    if (what === 'mirror') setWantMirror(false);
    else setWantProxy(false);
    void store.getState().edit([{ path: `/cluster/${what}` }]);
  };

  return (
    <FormCard
      title="Internet access"
      about="The installer and the operators pull container images. Without internet access they come from a mirror registry in the plant; with a proxy, outbound traffic goes through it."
      testId="site-internet"
    >
      <FormGroup fieldId={mirrorId}>
        <div ref={mirrorRef}>
        <Switch
          id={mirrorId}
          label="This site has no internet access (images come from a mirror registry)"
          isChecked={offline}
          data-path="/cluster/mirror"
          onChange={(_e, on) => {
            if (on) setWantMirror(true);
            else if (hasMirror) setConfirm('mirror');
            else setWantMirror(false);
          }}
        />
        </div>
        <FieldFindings findings={mirrorFindings} />
      </FormGroup>
      {offline ? (
        <div className="sk-subgroup" data-testid="site-mirror">
          <TextField
            path="/cluster/mirror/registry"
            label="Mirror registry"
            isRequired
            placeholder="e.g. mirror.plant-a.example.com:8443"
            hint={
              hasMirror
                ? 'host[:port] of the registry that holds the mirrored OpenShift and operator images.'
                : 'host[:port] of the registry that holds the mirrored images. Nothing is written to the plan until you enter it.'
            }
          />
          <TextField
            path="/cluster/mirror/caBundle"
            label="Certificate of the mirror's CA"
            rows={6}
            monospace
            placeholder={'Paste the certificate:\n-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----'}
            hint="The PEM certificate of the authority that signed the registry's certificate, so the nodes trust it. Public, not a secret."
          />
        </div>
      ) : null}
      <FormGroup fieldId={proxyId}>
        <div ref={proxyRef}>
        <Switch
          id={proxyId}
          label="Outbound traffic goes through a proxy"
          isChecked={proxied}
          data-path="/cluster/proxy"
          onChange={(_e, on) => {
            if (on) setWantProxy(true);
            else if (hasProxy) setConfirm('proxy');
            else setWantProxy(false);
          }}
        />
        </div>
        <FieldFindings findings={proxyFindings} />
      </FormGroup>
      {proxied ? (
        <div className="sk-subgroup" data-testid="site-proxy">
          <Pair>
            <TextField path="/cluster/proxy/httpProxy" label="HTTP proxy" placeholder="e.g. http://proxy.plant-a.example.com:3128" />
            <TextField path="/cluster/proxy/httpsProxy" label="HTTPS proxy" placeholder="e.g. http://proxy.plant-a.example.com:3128" />
          </Pair>
          <TextField
            path="/cluster/proxy/noProxy"
            label="Reached without the proxy"
            codec={listCodec}
            within
            placeholder="e.g. .plant-a.example.com, 10.0.0.0/8"
            hint="Domains, IPs or networks the nodes reach directly; separate with commas. The cluster's own networks are added by the installer."
          />
        </div>
      ) : null}
      <ConfirmDialog
        isOpen={confirm !== undefined}
        title={confirm === 'mirror' ? 'Remove the mirror registry?' : 'Remove the proxy?'}
        confirmLabel={confirm === 'mirror' ? 'Remove mirror registry' : 'Remove proxy'}
        onConfirm={() => confirm && remove(confirm)}
        onCancel={() => setConfirm(undefined)}
      >
        {confirm === 'mirror'
          ? 'The mirror registry and its certificate are removed from the plan. The nodes will then pull images from the internet. You can undo this.'
          : 'The proxy settings are removed from the plan. You can undo this.'}
      </ConfirmDialog>
    </FormCard>
  );
}

function AccessAndKeys({ api }: { api: SecretsApi }) {
  const ref = str(usePlanValue('/cluster/pullSecret/secretRef'));
  return (
    <FormCard
      title="Access and secrets"
      about="The SSH key lets you log in to the nodes to troubleshoot. The pull secret lets the cluster download Red Hat images; it stays in Sitekit's secret store on this computer and never goes into the plan, the bundle or Git."
      testId="site-access"
    >
      <TextField
        path="/cluster/sshPublicKey"
        label="SSH public key"
        rows={3}
        monospace
        isRequired
        placeholder="e.g. ssh-ed25519 AAAA… technician@laptop"
        hint="One line of a .pub file (not the private key). It is installed for the user core on every node."
      />
      <SwitchField
        path="/cluster/fips"
        label="FIPS mode"
        hint="Only when the plant requires FIPS 140 validated cryptography; it cannot be turned off after the install, and the SSH key must then be RSA or ECDSA."
      />
      <SecretProtectionWarning api={api} />
      <GroupFindings path="/cluster/pullSecret" />
      <Pair>
        <TextField
          path="/cluster/pullSecret/secretRef"
          label="Pull secret reference"
          isRequired
          monospace
          placeholder={`e.g. ${PULL_SECRET_NAME}`}
          hint="The name the plan uses for the pull secret; only the name is written to site.yaml."
        />
        <SecretField
          api={api}
          name={PULL_SECRET_NAME}
          label="Pull secret"
          multiline
          check={pullSecretProblem}
          hint="Paste the pull secret from console.redhat.com. It is stored on this computer and removed from the page right away."
        />
      </Pair>
      {ref !== undefined && ref !== PULL_SECRET_NAME ? (
        <Alert isInline isPlain variant="info" title={`Sitekit keeps the pull secret under the name ${PULL_SECRET_NAME}`}>
          The plan refers to it as <code>{ref}</code>; that is fine for the plan, but what you paste here is stored as{' '}
          <code>{PULL_SECRET_NAME}</code>.
        </Alert>
      ) : null}
    </FormCard>
  );
}
