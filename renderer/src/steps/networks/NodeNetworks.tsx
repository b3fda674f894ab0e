// "Per node": for each node its NICs (name, MAC, expected switch and port) next to what the
// probe found on it, its IP on each network that needs one, and whether it has cabling of its
// own (an override of the shared layout).
import { Button, Card, CardBody, CardTitle, Content, Flex, FlexItem, Grid, GridItem, Label, Title } from '@patternfly/react-core';
import PlusCircleIcon from '@patternfly/react-icons/dist/esm/icons/plus-circle-icon';
import type { FieldEdit, InventoryView } from '../../../../main/contract/api';
import { TextField, usePlanValue, useSite, useWizard } from '../../wizard/fields';
import { appendEdit, pointer } from '../../wizard/pointer';
import { LayoutEditor, type LayoutPart } from './LayoutEditor';
import { addressKeys, addressPointer, inventoryOf, networkSummaries, nicFacts, sameMac, type NicFacts } from './network-words';
import { FormTable, Group, RemoveButton, asList, asRecord, asText, texts } from './parts';

function Found({ facts, mac, sw, port }: { facts: NicFacts | undefined; mac?: string; sw?: string; port?: string }) {
  if (!facts) return <span className="sk-muted">not found on the node</span>;
  const link =
    facts.carrier === false || facts.link === 'down' ? (
      <Label color="orange" isCompact>
        no link
      </Label>
    ) : facts.link === 'up' ? (
      <Label color="green" isCompact>
        link up{facts.speed ? ` ${facts.speed}` : ''}
      </Label>
    ) : (
      <Label isCompact>link unknown</Label>
    );
  const macDiffers = facts.mac !== undefined && mac !== undefined && mac !== '' && !sameMac(facts.mac, mac);
  const switchDiffers =
    (sw !== undefined && facts.switchName !== undefined && sw !== facts.switchName) ||
    (port !== undefined && facts.port !== undefined && port !== facts.port);
  return (
    <div className="sk-found" data-testid="nic-found">
      {link}{' '}
      {facts.mac ? (
        <span className={macDiffers ? 'sk-mono sk-differs' : 'sk-mono'} title={macDiffers ? 'The node reports another MAC' : undefined}>
          {facts.mac}
        </span>
      ) : null}
      {facts.switchName || facts.port ? (
        <div className={switchDiffers ? 'sk-differs' : 'sk-muted'}>
          LLDP: {facts.switchName ?? '?'} {facts.port ?? ''}
        </div>
      ) : null}
    </div>
  );
}

function NicRow({ node, index, inventory }: { node: number; index: number; inventory: InventoryView | undefined }) {
  const { store } = useWizard();
  const path = pointer('nodes', node, 'interfaces', index);
  const nic = asRecord(usePlanValue(path));
  const name = asText(nic.name) ?? '';
  const mac = asText(nic.mac);
  const facts = nicFacts(inventory, name);
  const label = name || `NIC ${index + 1}`;
  return (
    <tr className="pf-v6-c-table__tr" data-testid="node-nic">
      <td className="pf-v6-c-table__td" data-label="NIC">
        <Group path={path} aria-label={label}>
          <TextField compact monospace path={`${path}/name`} label={`Name of ${label}`} placeholder="e.g. eno1" />
        </Group>
      </td>
      <td className="pf-v6-c-table__td" data-label="MAC">
        <TextField compact monospace path={`${path}/mac`} label={`MAC of ${label}`} placeholder="e.g. 3c:ec:ef:12:34:56" />
        {facts?.mac && !sameMac(facts.mac, mac) ? (
          <Button variant="link" isInline onClick={() => void store.getState().edit([{ path: `${path}/mac`, value: facts.mac }])}>
            Use found {facts.mac}
          </Button>
        ) : null}
      </td>
      <td className="pf-v6-c-table__td" data-label="Switch">
        <TextField compact path={`${path}/switch`} label={`Switch of ${label}`} placeholder="Optional" />
      </td>
      <td className="pf-v6-c-table__td" data-label="Port">
        <TextField compact path={`${path}/port`} label={`Switch port of ${label}`} placeholder="Optional" />
      </td>
      {inventory ? (
        <td className="pf-v6-c-table__td" data-label="Found on the node">
          <Found facts={facts} {...(mac ? { mac } : {})} {...(asText(nic.switch) ? { sw: asText(nic.switch) } : {})} {...(asText(nic.port) ? { port: asText(nic.port) } : {})} />
        </td>
      ) : null}
      <td className="pf-v6-c-table__td" data-label="">
        <RemoveButton what={`${label} of this node`} onRemove={() => void store.getState().edit([{ path }])} />
      </td>
    </tr>
  );
}

function NodeNics({ node, inventory, layoutNics }: { node: number; inventory: InventoryView | undefined; layoutNics: readonly string[] }) {
  const { store } = useWizard();
  const path = pointer('nodes', node, 'interfaces');
  const current = usePlanValue(path);
  const nics = asList(current);
  const listed = nics.map((n) => asText(asRecord(n).name));
  const missing = layoutNics.filter((n) => !listed.includes(n));
  const add = (name: string) => {
    const found = nicFacts(inventory, name)?.mac;
    const entry = { name, mac: found ?? '' };
    void store.getState().edit([appendEdit(path, current, entry)]);
  };
  return (
    <Group path={path} aria-label="Network cards of this node" data-testid="node-nics">
      <FormTable label={'Network cards of this node'} columns={['NIC', 'MAC', 'Switch', 'Port', inventory !== undefined && 'Found on the node']}>
            {nics.map((_, k) => (
              <NicRow key={k} node={node} index={k} inventory={inventory} />
            ))}
          </FormTable>
      {missing.length > 0 ? (
        <Content component="p">
          The cabling uses {missing.join(', ')}, which {missing.length === 1 ? 'has' : 'have'} no MAC on this node yet:{' '}
          {missing.map((n) => (
            <Button key={n} variant="link" isInline icon={<PlusCircleIcon />} onClick={() => add(n)}>
              Add {n}{' '}
            </Button>
          ))}
        </Content>
      ) : null}
    </Group>
  );
}

function NodeAddresses({ node }: { node: number }) {
  const networks = networkSummaries(usePlanValue('/networks'));
  const path = pointer('nodes', node, 'addresses');
  const addresses = usePlanValue(path);
  const keys = addressKeys(networks, addresses);
  const byName = new Map(networks.map((n) => [n.name, n]));
  return (
    <Group path={path} aria-label="IP addresses of this node" data-testid="node-addresses">
      <Grid hasGutter md={6} xl={4}>
        {keys.map((key) => {
          const net = byName.get(key);
          const label = net ? `IP on ${key}${net.subnet ? ` (${net.subnet})` : ''}` : `IP on ${key} (no such network)`;
          return (
            <GridItem key={key}>
              <TextField monospace path={addressPointer(node, key)} label={label} />
            </GridItem>
          );
        })}
      </Grid>
      {keys.length === 0 ? <Content component="p" className="sk-muted">Add a cluster network first.</Content> : null}
    </Group>
  );
}

const PARTS: readonly LayoutPart[] = ['interfaces', 'bonds', 'uplinks'];

function NodeLayoutOverride({ node, hostname }: { node: number; hostname: string }) {
  const { store } = useWizard();
  const path = pointer('nodes', node, 'layout');
  const override = usePlanValue(path);
  const shared = asRecord(usePlanValue('/layout'));
  if (override === undefined) {
    const copy = () => {
      const value: Record<string, unknown> = { interfaces: texts(shared.interfaces), uplinks: asList(shared.uplinks) };
      if (shared.bonds !== undefined) value.bonds = asList(shared.bonds);
      void store.getState().edit([{ path, value: value as FieldEdit['value'] }]);
    };
    return (
      <Group path={path} aria-label="Cabling of this node">
        <Content component="p" className="sk-muted">
          Uses the shared cabling.{' '}
          <Button variant="link" isInline onClick={copy}>
            Override for this node
          </Button>{' '}
          (only when this server is wired differently).
        </Content>
      </Group>
    );
  }
  const own = PARTS.filter((p) => asRecord(override)[p] !== undefined);
  const notOwn = PARTS.filter((p) => !own.includes(p));
  const ownToo = (part: LayoutPart) => {
    const value = part === 'interfaces' ? texts(shared.interfaces) : asList(shared[part]);
    void store.getState().edit([{ path: `${path}/${part}`, value: value as FieldEdit['value'] }]);
  };
  return (
    <Group
      path={path}
      aria-label="Cabling of this node"
      className="sk-override"
      data-testid="node-layout-override"
      title={
        <Title headingLevel="h4" size="md">
          Cabling of {hostname} only
        </Title>
      }
    >
      <Content component="p">
        <Label color="purple" isCompact>
          Override
        </Label>{' '}
        {own.length > 0
          ? `This node replaces the shared ${own.join(', ')} with its own; the rest comes from the shared cabling.`
          : 'This node has an empty override: it uses the shared cabling.'}{' '}
        <RemoveButton
          what={`the cabling override of ${hostname}`}
          label="Use the shared cabling again"
          danger={false}
          onRemove={() => void store.getState().edit([{ path }])}
        />
      </Content>
      <LayoutEditor base={path} parts={own} />
      {notOwn.length > 0 ? (
        <Content component="p" className="sk-muted">
          Also different on this node:{' '}
          {notOwn.map((part) => (
            <Button key={part} variant="link" isInline onClick={() => ownToo(part)}>
              {part === 'interfaces' ? 'NICs' : part}{' '}
            </Button>
          ))}
        </Content>
      ) : null}
    </Group>
  );
}

function NodeCard({ node }: { node: number }) {
  const data = asRecord(usePlanValue(pointer('nodes', node)));
  const shared = asRecord(usePlanValue('/layout'));
  const inventories = useSite((s) => s.inventories);
  const hostname = asText(data.hostname) || `Node ${node + 1}`;
  const inventory = inventoryOf(inventories, asText(data.hostname));
  const layout = asRecord(data.layout);
  const interfaces = texts(layout.interfaces ?? shared.interfaces);
  const bonds = asList(layout.bonds ?? shared.bonds).map(asRecord);
  const uplinks = asList(layout.uplinks ?? shared.uplinks).map(asRecord);
  const bondNames = new Set(bonds.map((b) => asText(b.name)));
  const used = [
    ...interfaces,
    ...bonds.flatMap((b) => texts(b.members)),
    ...uplinks.map((u) => asText(u.device)).filter((d): d is string => !!d && !bondNames.has(d)),
  ];
  return (
    <Card isPlain isCompact className="sk-node-card" data-testid="node-networks">
      <CardTitle>
        <Flex spaceItems={{ default: 'spaceItemsSm' }} alignItems={{ default: 'alignItemsCenter' }}>
          <FlexItem>
            <Title headingLevel="h3" size="lg">
              {hostname}
            </Title>
          </FlexItem>
          <FlexItem>
            {inventory ? (
              <Label color="blue" isCompact>
                probed {inventory.collectedAt.slice(0, 16).replace('T', ' ')}
              </Label>
            ) : (
              <Label isCompact>not probed</Label>
            )}
          </FlexItem>
        </Flex>
      </CardTitle>
      <CardBody>
        <NodeNics node={node} inventory={inventory} layoutNics={[...new Set(used)]} />
        <NodeAddresses node={node} />
        <NodeLayoutOverride node={node} hostname={hostname} />
      </CardBody>
    </Card>
  );
}

export function NodeNetworks() {
  const nodes = asList(usePlanValue('/nodes'));
  if (nodes.length === 0) return <Content component="p">Add the nodes first (Nodes step).</Content>;
  return (
    <div className="sk-node-list">
      {nodes.map((_, i) => (
        <NodeCard key={i} node={i} />
      ))}
    </div>
  );
}
