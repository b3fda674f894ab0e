// "Logical networks": one row per network of site.yaml (name, role, VLAN, subnet, gateway,
// MTU, and for VM networks how they reach the VMs), each cell a field bound to
// /networks/N/...; add a network, remove one (asking first, and saying where it is still used).
import { Button } from '@patternfly/react-core';
import PlusCircleIcon from '@patternfly/react-icons/dist/esm/icons/plus-circle-icon';
import { SelectField, TextField, numberCodec, usePlanValue, useSite, useWizard, vlanCodec } from '../../wizard/fields';
import { appendEdit, pointer } from '../../wizard/pointer';
import { ATTACHMENT_OPTIONS, ROLE_OPTIONS, defaultAttachmentLabel, networkReferences, networkSummaries } from './network-words';
import { Explain, FormTable, Group, RemoveButton } from './parts';

/** A name for a new network that no other network has. */
function freshName(names: readonly string[]): string {
  for (let i = names.length + 1; ; i++) {
    const name = `network-${i}`;
    if (!names.includes(name)) return name;
  }
}

function NetworkRow({ index, name, role }: { index: number; name: string; role?: string }) {
  const { store } = useWizard();
  const data = useSite((s) => s.doc?.data);
  const at = (field: string) => pointer('networks', index, field);
  const label = name || `network ${index + 1}`;
  return (
    <tr className="pf-v6-c-table__tr" data-testid="network-row">
      <td className="pf-v6-c-table__td" data-label="Name">
        <Group path={pointer('networks', index)} also={[at('description')]} alsoWithin aria-label={`Network ${label}`}>
          <TextField compact path={at('name')} label="Name" aria-label={`Name of network ${index + 1}`} placeholder="e.g. cluster" />
        </Group>
      </td>
      <td className="pf-v6-c-table__td" data-label="Use">
        <SelectField compact path={at('role')} label={`Use of network ${label}`} options={ROLE_OPTIONS} />
      </td>
      <td className="pf-v6-c-table__td sk-cell-narrow" data-label="VLAN">
        <TextField compact path={at('vlan')} label={`VLAN of network ${label}`} codec={vlanCodec} placeholder="e.g. 10 or untagged" />
      </td>
      <td className="pf-v6-c-table__td" data-label="Subnet">
        <TextField compact monospace path={at('subnet')} label={`Subnet of network ${label}`} placeholder="e.g. 10.10.0.0/24" />
      </td>
      <td className="pf-v6-c-table__td" data-label="Gateway">
        <TextField compact monospace path={at('gateway')} label={`Gateway of network ${label}`} placeholder="Optional" />
      </td>
      <td className="pf-v6-c-table__td sk-cell-narrow" data-label="MTU">
        <TextField compact path={at('mtu')} label={`MTU of network ${label}`} codec={numberCodec} placeholder="e.g. 1500" />
      </td>
      <td className="pf-v6-c-table__td" data-label="VMs attach">
        {role === 'vm' ? (
          <SelectField
            compact
            path={at('attachment')}
            label={`How VMs attach to network ${label}`}
            options={ATTACHMENT_OPTIONS}
            emptyLabel={defaultAttachmentLabel(data, name)}
          />
        ) : null}
      </td>
      <td className="pf-v6-c-table__td" data-label="">
        <RemoveButton
          what={`network ${label}`}
          references={networkReferences(data, name)}
          onRemove={() => void store.getState().edit([{ path: pointer('networks', index) }])}
        />
      </td>
    </tr>
  );
}

export function NetworkTable() {
  const { store } = useWizard();
  const current = usePlanValue('/networks');
  const networks = networkSummaries(current);
  const add = () => {
    const name = freshName(networks.map((n) => n.name));
    // Only what is known; the empty VLAN and subnet fields then say what is still needed.
    const entry = { name, role: 'vm' };
    void store.getState().edit([appendEdit('/networks', current, entry)]);
  };
  return (
    <Group path="/networks" aria-label="Logical networks" data-testid="networks-group">
      <Explain>
        A VLAN lets one cable carry several separate networks: the switch port must allow (trunk) each tagged VLAN ID;
        "untagged" is the port&apos;s native VLAN. Leave the gateway empty for a network that is not routed (storage). MTU is
        1500 unless written; 9000 (jumbo frames) only when every switch port on the way allows it. A VM network on a
        NIC or bond of its own gets a Linux bridge; one that shares the cluster network&apos;s bond must be an OVN localnet
        on br-ex (a bridge there would cut the node off), and then the cluster network must be the untagged one.
      </Explain>
      <FormTable label={'Logical networks'} columns={['Name', 'Use', 'VLAN', 'Subnet', 'Gateway', 'MTU', 'VMs attach']}>
            {networks.map((n) => (
              <NetworkRow key={n.index} index={n.index} name={n.name} {...(n.role !== undefined ? { role: n.role } : {})} />
            ))}
          </FormTable>
      <Button variant="link" icon={<PlusCircleIcon />} onClick={add}>
        Add network
      </Button>
    </Group>
  );
}
