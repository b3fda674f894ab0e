// Step 2, Nodes: the three servers of the compact cluster — host name, how Sitekit reaches
// each one over SSH while it runs the live (discovery) image, its BMC, and (when ODF spreads
// its copies by rack or zone) where it stands. Per-node network and disk details belong to
// later steps.
import { Alert, Button, Content, Label } from '@patternfly/react-core';
import { useState } from 'react';
import { SECRET_NAME_PATTERN } from '../../../../main/contract/wire';
import { FieldFindings, numberCodec, TextField, useFieldRef, useFindings, usePlanValue, useWizard } from '../../wizard/fields';
import { SecretField, SecretProtectionWarning, type SecretsApi } from '../secret-field';
import { ConfirmDialog, FormCard, GroupFindings, Pair } from '../site/SiteStep';
import '../steps.css';

/** A compact cluster: three nodes, each control plane and worker. */
export const NODE_COUNT = 3;
export const NODE_ROLE = 'control-plane-worker';

export interface NodesStepProps {
  api: SecretsApi;
}

type Domain = 'host' | 'rack' | 'zone';

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** The secret store name of a node's BMC password: its reference when usable, else bmc-<hostname>. */
export function bmcSecretName(node: unknown): string | undefined {
  const n = record(node);
  const ref = str(record(record(n.bmc).credentials).secretRef);
  if (ref && SECRET_NAME_PATTERN.test(ref) && ref.startsWith('bmc-')) return ref;
  const hostname = str(n.hostname);
  const name = hostname ? `bmc-${hostname}` : undefined;
  return name && SECRET_NAME_PATTERN.test(name) ? name : undefined;
}

/** The node object "Add node" appends: empty host name, the SSH user of the first node. */
export function newNode(nodes: readonly unknown[]): Record<string, unknown> {
  const user = str(record(record(nodes[0]).ssh).user);
  return {
    hostname: '',
    ...(user ? { ssh: { user } } : {}),
    interfaces: [],
    addresses: {},
  };
}

export function NodesStep({ api }: NodesStepProps) {
  const { store } = useWizard();
  const raw = usePlanValue('/nodes');
  const nodes = Array.isArray(raw) ? raw : [];
  const domainValue = usePlanValue('/odf/failureDomain');
  const odfEnabled = usePlanValue('/odf/enabled') !== false;
  const domain: Domain = domainValue === 'rack' || domainValue === 'zone' ? domainValue : 'host';
  const [removing, setRemoving] = useState<number | undefined>();
  const count = nodes.length;
  const wrongCount = count !== NODE_COUNT;
  const removingName = removing === undefined ? '' : (str(record(nodes[removing]).hostname) ?? `node ${removing + 1}`);

  const add = () => void store.getState().edit([{ path: '/nodes/-', value: newNode(nodes) as never }]);
  const remove = (index: number) => {
    setRemoving(undefined);
    void store.getState().edit([{ path: `/nodes/${index}` }]);
  };

  return (
    <div className="sk-form-step" data-testid="step-nodes">
      <Content component="p" className="sk-step-intro">
        A compact ACP site has exactly three servers. Each one is control plane <em>and</em> worker: together they run the
        cluster, the storage (ODF) and the virtual machines, and any one of them can fail without stopping the site.
      </Content>
      {wrongCount ? (
        <Alert
          isInline
          variant={count < NODE_COUNT ? 'warning' : 'danger'}
          title={
            count < NODE_COUNT
              ? `This plan has ${count} node${count === 1 ? '' : 's'}; a compact site needs exactly three.`
              : `This plan has ${count} nodes; a compact site has exactly three.`
          }
          data-testid="nodes-count"
        >
          {count < NODE_COUNT
            ? 'Add the missing nodes below.'
            : 'Remove the extra nodes; additional workers are not part of the reference architecture.'}
        </Alert>
      ) : null}
      <GroupFindings path="/nodes" />
      <SecretProtectionWarning api={api} />
      {nodes.map((node, i) => (
        <NodeCard
          key={i}
          index={i}
          node={node}
          api={api}
          domain={odfEnabled ? domain : 'host'}
          onRemove={wrongCount ? () => setRemoving(i) : undefined}
        />
      ))}
      {count < NODE_COUNT ? (
        <div className="sk-actions">
          <Button variant="secondary" onClick={add} data-testid="nodes-add">
            Add node
          </Button>
          <span className="sk-muted">A new node gets an empty host name and the SSH user of node 1.</span>
        </div>
      ) : null}
      <ConfirmDialog
        isOpen={removing !== undefined}
        title={`Remove ${removingName}?`}
        confirmLabel="Remove node"
        onConfirm={() => removing !== undefined && remove(removing)}
        onCancel={() => setRemoving(undefined)}
      >
        Everything the plan says about {removingName} is removed: SSH and BMC access, its network cards, addresses and disks.
        Stored secrets stay in the secret store. You can undo this.
      </ConfirmDialog>
    </div>
  );
}

function NodeCard({
  index,
  node,
  api,
  domain,
  onRemove,
}: {
  index: number;
  node: unknown;
  api: SecretsApi;
  domain: Domain;
  onRemove?: () => void;
}) {
  const { store } = useWizard();
  const base = `/nodes/${index}`;
  const n = record(node);
  const hostname = str(n.hostname);
  const cardRef = useFieldRef(base);
  const nodeFindings = useFindings(base);
  const roleRef = useFieldRef(`${base}/role`);
  const roleFindings = useFindings(`${base}/role`);
  const role = n.role;
  const secretName = bmcSecretName(node);
  const credentialsRef = str(record(record(n.bmc).credentials).secretRef);
  const hasRack = n.rack !== undefined;
  const hasZone = n.zone !== undefined;
  const showRack = domain === 'rack' || hasRack;
  const showZone = domain === 'zone' || hasZone;

  return (
    <FormCard
      title={
        <>
          Node {index + 1}
          {hostname ? <span className="sk-node-name">: {hostname}</span> : null}
        </>
      }
      testId={`node-${index}`}
      cardRef={cardRef}
      actions={
        onRemove ? (
          <Button variant="link" isDanger onClick={onRemove} aria-label={`Remove node ${index + 1}`} data-testid={`node-${index}-remove`}>
            Remove
          </Button>
        ) : undefined
      }
    >
      <FieldFindings findings={nodeFindings} />
      <Pair>
        <TextField
          path={`${base}/hostname`}
          label="Host name"
          isRequired
          placeholder={`e.g. acp-${index + 1}`}
          hint="The node's short name (a DNS label such as acp-1); the domain comes from the cluster."
        />
        <div className="sk-role" ref={roleRef} tabIndex={-1} data-path={`${base}/role`}>
          <div className="sk-role__label">Role</div>
          <Label color="blue" isCompact>
            Control plane and worker
          </Label>
          {role !== undefined && role !== NODE_ROLE ? (
            <Button variant="link" isInline onClick={() => void store.getState().edit([{ path: `${base}/role` }])}>
              Remove the role &quot;{String(role)}&quot;
            </Button>
          ) : null}
          <FieldFindings
            findings={roleFindings}
            hint="Fixed: in a three-node cluster every node runs the control plane and workloads."
          />
        </div>
      </Pair>

      <fieldset className="sk-fieldset">
        <legend>SSH access for discovery</legend>
        <Content component="p" className="sk-muted sk-fieldset__about">
          While the server runs the live (discovery) image, Sitekit logs in here to read its hardware — read-only, nothing is
          changed. This is the address of the node in the live image, often the same as its cluster address.
        </Content>
        <GroupFindings path={`${base}/ssh`} />
        <div className="sk-ssh">
          <TextField path={`${base}/ssh/host`} label="Address" isRequired placeholder="IP address or host name" />
          <TextField path={`${base}/ssh/user`} label="User" placeholder="Default: core" hint="core when empty" />
          <TextField path={`${base}/ssh/port`} label="Port" codec={numberCodec} placeholder="Default: 22" hint="22 when empty" />
        </div>
      </fieldset>

      <fieldset className="sk-fieldset">
        <legend>BMC (out-of-band management)</legend>
        <Content component="p" className="sk-muted sk-fieldset__about">
          The server's management controller (iDRAC, iLO, XClarity…): it can power the server on and mount the installation ISO
          without anyone at the console. Optional.
        </Content>
        <GroupFindings path={`${base}/bmc`} />
        <TextField
          path={`${base}/bmc/address`}
          label="BMC address"
          placeholder="e.g. redfish-virtualmedia://<BMC IP>/redfish/v1/Systems/…"
          hint="An IP, or a redfish://, redfish-virtualmedia://, idrac-virtualmedia:// or ipmi:// URL."
        />
        <GroupFindings path={`${base}/bmc/credentials`} />
        <Pair>
          <TextField
            path={`${base}/bmc/credentials/secretRef`}
            label="Credentials reference"
            monospace
            placeholder={`e.g. ${secretName ?? 'bmc-<host name>'}`}
            hint="Name of the BMC password in Sitekit's secret store; only the name goes into site.yaml."
          />
          {secretName ? (
            <SecretField
              api={api}
              name={secretName}
              label="BMC password"
              hint={credentialsRef === secretName ? undefined : `Storing it also writes ${secretName} as the credentials reference.`}
              onStored={
                credentialsRef === secretName
                  ? undefined
                  : () => void store.getState().edit([{ path: `${base}/bmc/credentials`, value: { secretRef: secretName } }])
              }
            />
          ) : (
            <Content component="p" className="sk-muted sk-placeholder">
              Give the node a host name first; its BMC password is stored as bmc-&lt;host name&gt;.
            </Content>
          )}
        </Pair>
      </fieldset>

      <fieldset className="sk-fieldset">
        <legend>Placement</legend>
        {showRack || showZone ? (
          <>
            <Content component="p" className="sk-muted sk-fieldset__about">
              {domain === 'host'
                ? 'ODF spreads its copies across hosts, so rack and zone are only notes here.'
                : `ODF keeps one copy of the data per ${domain}: every node needs its own ${domain}, e.g. the rack label on the cabinet.`}
            </Content>
            <Pair>
              {showRack ? <TextField path={`${base}/rack`} label="Rack" isRequired={domain === 'rack'} placeholder="e.g. r1" /> : null}
              {showZone ? <TextField path={`${base}/zone`} label="Zone" isRequired={domain === 'zone'} placeholder="e.g. zone-a" /> : null}
            </Pair>
          </>
        ) : (
          <Content component="p" className="sk-muted" data-testid={`node-${index}-placement-note`}>
            Rack and zone are not needed: ODF spreads its copies across the three hosts (failure domain “host”, set in Storage
            &amp; virtualization).
          </Content>
        )}
      </fieldset>
    </FormCard>
  );
}
