// Step 6, Storage & virtualization: how OpenShift Data Foundation (ODF) keeps its three
// copies, which network carries its replication, and whether OpenShift Virtualization runs
// VMs and on which VM networks.
import { Checkbox, Content, FormGroup } from '@patternfly/react-core';
import { useId, useMemo } from 'react';
import { FieldFindings, numberCodec, SelectField, SwitchField, TextField, useFindings, usePlanValue, useSite, useWizard } from '../../wizard/fields';
import { cephSize, diskLayoutModel } from '../../../../main/core/disks/picture-model';
import { useInputRef } from '../../wizard/fields';
import { FormCard, GroupFindings } from '../site/SiteStep';
import '../steps.css';

export const FAILURE_DOMAIN_CHOICES = [
  {
    value: 'host',
    label: 'Host',
    about: 'One copy on each of the three servers. Needs no rack or zone labels; the usual choice.',
  },
  {
    value: 'rack',
    label: 'Rack',
    about: 'One copy per rack: survives losing a whole rack (power, switch). Needs the three nodes in three racks.',
  },
  {
    value: 'zone',
    label: 'Zone',
    about: 'One copy per zone (room, building, fire section). Needs the three nodes in three zones.',
  },
] as const;

const DEVICE_CLASSES = [
  { value: 'ssd', label: 'SSD' },
  { value: 'nvme', label: 'NVMe' },
  { value: 'hdd', label: 'HDD (spinning disks)' },
];

interface NetworkView {
  name: string;
  role: string;
  vlan?: string;
  subnet?: string;
}

/** The networks as written in site.yaml (names and roles), skipping entries without a name. */
export function networksOf(data: unknown): NetworkView[] {
  if (!Array.isArray(data)) return [];
  return data.flatMap((n): NetworkView[] => {
    if (n === null || typeof n !== 'object') return [];
    const r = n as Record<string, unknown>;
    if (typeof r.name !== 'string' || r.name === '') return [];
    return [
      {
        name: r.name,
        role: typeof r.role === 'string' ? r.role : '',
        ...(r.vlan !== undefined ? { vlan: String(r.vlan) } : {}),
        ...(typeof r.subnet === 'string' ? { subnet: r.subnet } : {}),
      },
    ];
  });
}

const describe = (n: NetworkView) =>
  [n.vlan !== undefined ? (n.vlan === 'untagged' ? 'untagged' : `VLAN ${n.vlan}`) : undefined, n.subnet].filter(Boolean).join(', ');

export function StorageStep() {
  return (
    <div className="sk-form-step" data-testid="step-storage">
      <OdfCard />
      <VirtualizationCard />
    </div>
  );
}

function OdfCard() {
  const enabled = usePlanValue('/odf/enabled') === true;
  const domainValue = usePlanValue('/odf/failureDomain');
  const domain = typeof domainValue === 'string' ? domainValue : 'host';
  const networks = networksOf(usePlanValue('/networks'));
  const storageNetworks = networks.filter((n) => n.role === 'storage');
  const domainId = useId();

  return (
    <FormCard
      title="Storage (OpenShift Data Foundation)"
      about="ODF turns the data disks of the three nodes into one storage pool for containers and VMs. It keeps three copies of every block, one per failure domain, so one node can fail without losing data."
      testId="storage-odf"
    >
      <GroupFindings path="/odf" />
      <SwitchField
        path="/odf/enabled"
        label="Install ODF"
        hint="Off only for a site whose storage comes from elsewhere; VMs then need another storage class."
      />
      {enabled ? (
        <>
          <Content component="p" className="sk-capacity" data-testid="storage-capacity">
            <strong>Usable capacity is about a third of the raw capacity</strong>: every block is written three times, once on each
            node. <Capacity />
          </Content>
          <SelectField
            path="/odf/failureDomain"
            label="Failure domain"
            options={FAILURE_DOMAIN_CHOICES.map((c) => ({ value: c.value, label: c.label }))}
            emptyLabel="Not set (host)"
            hint="Where the three copies are kept apart."
          />
          <ul className="sk-choices" id={domainId} aria-label="Failure domains">
            {FAILURE_DOMAIN_CHOICES.map((c) => (
              <li key={c.value} className={c.value === domain ? 'sk-choices__item sk-choices__item--current' : 'sk-choices__item'}>
                <strong>{c.label}</strong>: {c.about}
              </li>
            ))}
          </ul>
          <TextField
            path="/odf/replica"
            label="Copies (replica)"
            codec={numberCodec}
            placeholder="Default: 3"
            hint="3: one copy on each node. Leave it empty for 3; a three-node site cannot use anything else."
          />
          <SelectField
            path="/odf/storageNetwork"
            label="Storage network"
            options={storageNetworks.map((n) => ({ value: n.name, label: `${n.name}${describe(n) ? ` (${describe(n)})` : ''}` }))}
            emptyLabel="None: replication runs over the cluster network"
            hint={
              storageNetworks.length === 0
                ? 'No network has the role storage yet; define one in Networks (10 Gb/s or more, no gateway).'
                : 'The network (role storage) that carries ODF replication between the nodes, apart from the cluster traffic.'
            }
          />
          <SelectField
            path="/odf/deviceClass"
            label="Disk type"
            options={DEVICE_CLASSES}
            emptyLabel="Not set (ODF finds out)"
            hint="The kind of the data disks; ODF names its device class after it."
          />
        </>
      ) : (
        <Content component="p" className="sk-muted">
          ODF is off: no storage pool is built, and the data disks stay untouched.
        </Content>
      )}
    </FormCard>
  );
}

/** Raw and usable capacity when every node's ODF disks are known from discovery. */
function Capacity() {
  const site = useSite((s) => s.lastSite);
  const inventories = useSite((s) => s.inventories);
  const findings = useSite((s) => s.doc?.findings);
  const capacity = useMemo(() => {
    if (!site || inventories.length === 0) return undefined;
    try {
      return diskLayoutModel(site, inventories, findings ?? []).capacity;
    } catch {
      return undefined;
    }
  }, [site, inventories, findings]);
  if (!capacity?.complete || capacity.raw === undefined || capacity.usable === undefined) {
    return <span className="sk-muted">The Disks step shows the numbers once the nodes are discovered.</span>;
  }
  return (
    <span data-testid="storage-capacity-numbers">
      Here: {cephSize(capacity.raw)} raw, about <strong>{cephSize(capacity.usable)}</strong> usable.
    </span>
  );
}

function VirtualizationCard() {
  const { store } = useWizard();
  const enabled = usePlanValue('/virtualization/enabled') === true;
  const raw = usePlanValue('/virtualization/vmNetworks');
  const chosen = Array.isArray(raw) ? raw.map(String) : [];
  const networks = networksOf(usePlanValue('/networks'));
  const vmNetworks = networks.filter((n) => n.role === 'vm');
  const listRef = useInputRef('/virtualization/vmNetworks');
  const listFindings = useFindings('/virtualization/vmNetworks');
  const groupId = useId();
  // Listed names that are not role-vm networks stay visible so they can be unticked.
  const strays = chosen.filter((name) => !vmNetworks.some((n) => n.name === name));

  const toggle = (name: string, on: boolean) => {
    const next = on ? [...chosen.filter((c) => c !== name), name] : chosen.filter((c) => c !== name);
    // Keep the order of the networks list for what is ticked, strays last.
    const ordered = [...vmNetworks.map((n) => n.name).filter((n) => next.includes(n)), ...next.filter((n) => !vmNetworks.some((v) => v.name === n))];
    void store.getState().edit([{ path: '/virtualization/vmNetworks', value: ordered }]);
  };

  return (
    <FormCard
      title="Virtualization (OpenShift Virtualization)"
      about="Runs virtual machines next to containers, e.g. legacy Windows or Linux systems moved off old hardware. VMs join the plant network through a bridge, with their own MAC addresses, on the VM networks ticked here."
      testId="storage-virtualization"
    >
      <GroupFindings path="/virtualization" />
      <SwitchField path="/virtualization/enabled" label="Install OpenShift Virtualization" />
      {enabled ? (
        <FormGroup role="group" fieldId={groupId} label="Networks offered to VMs" isStack>
          <div ref={listRef} tabIndex={-1} id={groupId} data-path="/virtualization/vmNetworks" className="sk-checklist">
            {vmNetworks.length === 0 && strays.length === 0 ? (
              <Content component="p" className="sk-muted">
                No network has the role vm yet; define the VM VLANs in Networks first.
              </Content>
            ) : null}
            {vmNetworks.map((n) => (
              <VmNetworkBox key={n.name} name={n.name} index={chosen.indexOf(n.name)} description={describe(n)} onChange={toggle} />
            ))}
            {strays.map((name) => (
              <VmNetworkBox
                key={`stray-${name}`}
                name={name}
                index={chosen.indexOf(name)}
                description={networks.some((n) => n.name === name) ? 'not a VM network (role is not vm)' : 'no such network'}
                onChange={toggle}
              />
            ))}
          </div>
          <FieldFindings
            findings={listFindings}
            hint="Each ticked network becomes a NetworkAttachmentDefinition that VMs can be plugged into."
          />
        </FormGroup>
      ) : (
        <Content component="p" className="sk-muted">
          Virtualization is off: no VMs can run on this site.
        </Content>
      )}
    </FormCard>
  );
}

function VmNetworkBox({
  name,
  index,
  description,
  onChange,
}: {
  name: string;
  /** Position in virtualization.vmNetworks, or -1 when not listed. */
  index: number;
  description?: string;
  onChange: (name: string, on: boolean) => void;
}) {
  const listed = index >= 0;
  const path = `/virtualization/vmNetworks/${listed ? index : '-'}`;
  const ref = useInputRef(path);
  const all = useFindings('/virtualization/vmNetworks', true);
  const findings = listed ? all.filter((f) => f.path === path) : [];
  const id = useId();
  return (
    <div className="sk-checklist__item" ref={listed ? ref : undefined}>
      <Checkbox
        id={id}
        label={name}
        description={description || undefined}
        isChecked={index >= 0}
        data-path={index >= 0 ? path : undefined}
        onChange={(_e, on) => onChange(name, on)}
      />
      <FieldFindings findings={findings} />
    </div>
  );
}
