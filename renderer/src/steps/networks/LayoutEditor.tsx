// The cabling: physical NICs by name, bonds over them and uplinks (which NIC or bond carries
// which networks). One editor serves the shared layout (/layout) and a node's override
// (/nodes/N/layout); every list entry is a field bound to its pointer.
import { Button, Content, Flex, FlexItem, Title } from '@patternfly/react-core';
import PlusCircleIcon from '@patternfly/react-icons/dist/esm/icons/plus-circle-icon';
import { SelectField, TextField, usePlanValue, useSite, useWizard } from '../../wizard/fields';
import { appendEdit, findingsAt } from '../../wizard/pointer';
import { BOND_MODE_OPTIONS, networkSummaries, probedNicNames } from './network-words';
import { AddByName, Explain, Group, PlanCheckbox, RemoveButton, asList, asRecord, asText, texts, useAllFindings } from './parts';

export type LayoutPart = 'interfaces' | 'bonds' | 'uplinks';

/** Indexes of every entry of `list` equal to `value`. */
function indexesOf(list: readonly unknown[], value: string): number[] {
  return list.flatMap((v, i) => (asText(v) === value ? [i] : []));
}

// ---------------------------------------------------------------------------------------
// Interfaces
// ---------------------------------------------------------------------------------------

function InterfacesEditor({ path }: { path: string }) {
  const { store } = useWizard();
  const current = usePlanValue(path);
  const list = asList(current);
  const inventories = useSite((s) => s.inventories);
  const names = texts(current);
  const found = probedNicNames(inventories).filter((n) => !names.includes(n));
  const add = (name: string) => void store.getState().edit([appendEdit(path, current, name)]);
  return (
    <Group
      path={path}
      aria-label="Network cards (NICs)"
      data-testid="layout-interfaces"
      title={
        <Title headingLevel="h4" size="md">
          Network cards (NICs)
        </Title>
      }
    >
      <Explain>The physical ports by the name the live image gives them (e.g. eno1, ens1f0), the same on every node.</Explain>
      <Flex spaceItems={{ default: 'spaceItemsMd' }} alignItems={{ default: 'alignItemsFlexStart' }} className="sk-chip-fields">
        {list.map((_, k) => (
          <FlexItem key={k} className="sk-chip-field">
            <Flex spaceItems={{ default: 'spaceItemsXs' }} flexWrap={{ default: 'nowrap' }} alignItems={{ default: 'alignItemsFlexStart' }}>
              <FlexItem>
                <TextField compact monospace path={`${path}/${k}`} label={`NIC ${k + 1}`} />
              </FlexItem>
              <FlexItem>
                <RemoveButton
                  confirm={false}
                  what={`NIC ${asText(list[k]) ?? k + 1}`}
                  onRemove={() => void store.getState().edit([{ path: `${path}/${k}` }])}
                />
              </FlexItem>
            </Flex>
          </FlexItem>
        ))}
        <FlexItem>
          <AddByName compact label="Name of a NIC to add" placeholder="e.g. eno3" button="Add NIC" onAdd={add} />
        </FlexItem>
      </Flex>
      {found.length > 0 ? (
        <Content component="p" className="sk-muted">
          Found on the nodes but not listed:{' '}
          {found.map((n) => (
            <Button key={n} variant="link" isInline icon={<PlusCircleIcon />} onClick={() => add(n)} aria-label={`Add ${n}`}>
              {n}{' '}
            </Button>
          ))}
        </Content>
      ) : null}
    </Group>
  );
}

// ---------------------------------------------------------------------------------------
// Bonds
// ---------------------------------------------------------------------------------------

function BondEditor({ path, index, interfaces }: { path: string; index: number; interfaces: readonly string[] }) {
  const { store } = useWizard();
  const bondPath = `${path}/${index}`;
  const bond = asRecord(usePlanValue(bondPath));
  const membersPath = `${bondPath}/members`;
  const members = asList(bond.members);
  const memberNames = texts(bond.members);
  const all = useAllFindings();
  const choices = [...new Set([...interfaces, ...memberNames])];
  const name = asText(bond.name) || `bond ${index + 1}`;
  const toggle = (nic: string, on: boolean) => {
    const next = on ? [...memberNames, nic] : memberNames.filter((m) => m !== nic);
    void store.getState().edit([{ path: membersPath, value: next }]);
  };
  return (
    <Group path={bondPath} className="sk-entry" aria-label={`Bond ${name}`} data-testid="bond">
      <Flex spaceItems={{ default: 'spaceItemsMd' }} alignItems={{ default: 'alignItemsFlexStart' }}>
        <FlexItem className="sk-entry__name">
          <TextField monospace path={`${bondPath}/name`} label="Bond name" placeholder="e.g. bond0" />
        </FlexItem>
        <FlexItem grow={{ default: 'grow' }}>
          <SelectField path={`${bondPath}/mode`} label="Mode" options={BOND_MODE_OPTIONS} />
        </FlexItem>
        <FlexItem alignSelf={{ default: 'alignSelfCenter' }}>
          <RemoveButton what={`bond ${name}`} onRemove={() => void store.getState().edit([{ path: bondPath }])} />
        </FlexItem>
      </Flex>
      <Group path={membersPath} aria-label={`Members of ${name}`} data-testid="bond-members">
        <Content component="p" className="sk-field-label">
          Members
        </Content>
        <Flex spaceItems={{ default: 'spaceItemsLg' }}>
          {choices.map((nic) => {
            const at = indexesOf(members, nic).map((m) => `${membersPath}/${m}`);
            const findings = at.flatMap((p) => findingsAt(all, p));
            return (
              <FlexItem key={nic}>
                <PlanCheckbox
                  paths={at}
                  value={nic}
                  label={<span className="sk-mono">{nic}</span>}
                  checked={at.length > 0}
                  invalid={findings.length > 0}
                  note={interfaces.includes(nic) ? undefined : '(not in the NIC list)'}
                  onChange={(on) => toggle(nic, on)}
                />
              </FlexItem>
            );
          })}
          {choices.length === 0 ? <FlexItem className="sk-muted">Add NICs above first.</FlexItem> : null}
        </Flex>
        {/* Findings about single members (not a NIC, in two bonds) show with the member list. */}
        <MemberFindings paths={members.map((_, m) => `${membersPath}/${m}`)} />
      </Group>
    </Group>
  );
}

function MemberFindings({ paths }: { paths: readonly string[] }) {
  const all = useAllFindings();
  const findings = paths.flatMap((p) => findingsAt(all, p, true));
  if (findings.length === 0) return null;
  return (
    <ul className="sk-inline-findings">
      {findings.map((f, i) => (
        <li key={`${f.id}-${i}`} className={`sk-inline-finding sk-inline-finding--${f.severity}`} data-testid="field-finding" data-rule={f.id}>
          {f.message}
          {f.hint ? <span className="sk-field-hint"> {f.hint}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function BondsEditor({ path, interfaces }: { path: string; interfaces: readonly string[] }) {
  const { store } = useWizard();
  const current = usePlanValue(path);
  const bonds = asList(current);
  const add = () => {
    const taken = bonds.map((b) => asText(asRecord(b).name));
    let n = 0;
    while (taken.includes(`bond${n}`)) n++;
    void store.getState().edit([appendEdit(path, current, { name: `bond${n}`, mode: '802.3ad', members: [] })]);
  };
  return (
    <Group
      path={path}
      aria-label="Bonds"
      data-testid="layout-bonds"
      title={
        <Title headingLevel="h4" size="md">
          Bonds
        </Title>
      }
    >
      <Explain>
        A bond joins two or more NICs into one link: if a cable, port or switch fails, traffic keeps flowing over the
        others. 802.3ad (LACP) needs the switch ports set up as one port-channel.
      </Explain>
      {bonds.map((_, b) => (
        <BondEditor key={b} path={path} index={b} interfaces={interfaces} />
      ))}
      <Button variant="link" icon={<PlusCircleIcon />} onClick={add}>
        Add bond
      </Button>
    </Group>
  );
}

// ---------------------------------------------------------------------------------------
// Uplinks
// ---------------------------------------------------------------------------------------

function UplinkEditor({ path, index, devices }: { path: string; index: number; devices: readonly string[] }) {
  const { store } = useWizard();
  const uplinkPath = `${path}/${index}`;
  const uplink = asRecord(usePlanValue(uplinkPath));
  const networksPath = `${uplinkPath}/networks`;
  const carried = asList(uplink.networks);
  const carriedNames = texts(uplink.networks);
  const networks = networkSummaries(usePlanValue('/networks'));
  const all = useAllFindings();
  const choices = [...new Set([...networks.map((n) => n.name).filter(Boolean), ...carriedNames])];
  const role = new Map(networks.map((n) => [n.name, n.role]));
  const device = asText(uplink.device) || `uplink ${index + 1}`;
  const toggle = (name: string, on: boolean) => {
    const next = on ? [...carriedNames, name] : carriedNames.filter((n) => n !== name);
    void store.getState().edit([{ path: networksPath, value: next }]);
  };
  const carriesVm = carriedNames.some((n) => role.get(n) === 'vm');
  return (
    <Group path={uplinkPath} className="sk-entry" aria-label={`Uplink ${device}`} data-testid="uplink">
      <Flex spaceItems={{ default: 'spaceItemsMd' }} alignItems={{ default: 'alignItemsFlexStart' }}>
        <FlexItem className="sk-entry__name">
          <SelectField
            path={`${uplinkPath}/device`}
            label="NIC or bond"
            options={devices.map((d) => ({ value: d, label: d }))}
          />
        </FlexItem>
        <FlexItem className="sk-entry__name">
          <TextField
            monospace
            path={`${uplinkPath}/bridge`}
            label="Bridge for VMs"
            placeholder={carriesVm ? 'e.g. br-vm' : 'Optional'}
          />
        </FlexItem>
        <FlexItem alignSelf={{ default: 'alignSelfCenter' }}>
          <RemoveButton what={`uplink ${device}`} onRemove={() => void store.getState().edit([{ path: uplinkPath }])} />
        </FlexItem>
      </Flex>
      <Group path={networksPath} aria-label={`Networks on ${device}`} data-testid="uplink-networks">
        <Content component="p" className="sk-field-label">
          Networks carried
        </Content>
        <Flex spaceItems={{ default: 'spaceItemsLg' }}>
          {choices.map((name) => {
            const at = indexesOf(carried, name).map((k) => `${networksPath}/${k}`);
            const findings = at.flatMap((p) => findingsAt(all, p));
            return (
              <FlexItem key={name}>
                <PlanCheckbox
                  paths={at}
                  value={name}
                  label={name}
                  checked={at.length > 0}
                  invalid={findings.length > 0}
                  note={role.has(name) ? undefined : '(no such network)'}
                  onChange={(on) => toggle(name, on)}
                />
              </FlexItem>
            );
          })}
        </Flex>
        <MemberFindings paths={carried.map((_, k) => `${networksPath}/${k}`)} />
      </Group>
    </Group>
  );
}

function UplinksEditor({ path, devices }: { path: string; devices: readonly string[] }) {
  const { store } = useWizard();
  const current = usePlanValue(path);
  const uplinks = asList(current);
  const add = () => {
    const used = new Set(uplinks.map((u) => asText(asRecord(u).device)));
    const device = devices.find((d) => !used.has(d)) ?? devices[0] ?? '';
    void store.getState().edit([appendEdit(path, current, { device, networks: [] })]);
  };
  return (
    <Group
      path={path}
      aria-label="Uplinks"
      data-testid="layout-uplinks"
      title={
        <Title headingLevel="h4" size="md">
          Uplinks: which NIC or bond carries which networks
        </Title>
      }
    >
      <Explain>
        Each uplink puts networks on a NIC or bond, tagged with their VLAN. A bridge is a virtual switch on the node that
        VMs plug into: give one to the uplink carrying the VM networks.
      </Explain>
      {uplinks.map((_, u) => (
        <UplinkEditor key={u} path={path} index={u} devices={devices} />
      ))}
      <Button variant="link" icon={<PlusCircleIcon />} onClick={add}>
        Add uplink
      </Button>
    </Group>
  );
}

// ---------------------------------------------------------------------------------------
// The editor
// ---------------------------------------------------------------------------------------

export interface LayoutEditorProps {
  /** `/layout` or `/nodes/N/layout`. */
  base: string;
  /** Parts to edit (a node's override shows only the parts it replaces). */
  parts?: readonly LayoutPart[];
}

export function LayoutEditor({ base, parts = ['interfaces', 'bonds', 'uplinks'] }: LayoutEditorProps) {
  const layout = asRecord(usePlanValue(base));
  const shared = asRecord(usePlanValue('/layout'));
  // What the bonds and uplinks of this layout can use: its own parts, else the shared ones.
  const interfaces = texts(layout.interfaces ?? shared.interfaces);
  const bonds = asList(layout.bonds ?? shared.bonds)
    .map((b) => asText(asRecord(b).name))
    .filter((n): n is string => !!n);
  const devices = [...new Set([...interfaces, ...bonds])];
  return (
    <div className="sk-layout-editor">
      {parts.includes('interfaces') ? <InterfacesEditor path={`${base}/interfaces`} /> : null}
      {parts.includes('bonds') ? <BondsEditor path={`${base}/bonds`} interfaces={interfaces} /> : null}
      {parts.includes('uplinks') ? <UplinksEditor path={`${base}/uplinks`} devices={devices} /> : null}
    </div>
  );
}
