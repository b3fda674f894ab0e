// Per node, the ODF devices discovery found holding something: one box each to acknowledge the
// wipe, bound to nodes[i].disks.wipe. Ticked, the bundle gives that device (and only it) a
// LocalVolume with forceWipeDevicesAndDestroyAllData; unticked, ODF does not get it while it
// holds data. The words next to each box are the shared ones (main/core/disks/disk-fate.ts).
import { Content, Title } from '@patternfly/react-core';
import { shortDevice } from '../../../../main/core/disks/picture-model';
import { usePlanValue, useWizard } from '../../wizard/fields';
import { pointer } from '../../wizard/pointer';
import { Group, PlanCheckbox, asRecord, usePictureInputs } from '../networks/parts';
import { wipeChoices, wipeEdits } from './wipe-choices';

export function WipeAcknowledgements({ node }: { node: number }) {
  const { store } = useWizard();
  const { site, inventories } = usePictureInputs();
  const raw = usePlanValue(pointer('nodes', node, 'disks'));
  const disks = raw === undefined ? undefined : asRecord(raw);
  const wipePath = pointer('nodes', node, 'disks', 'wipe');
  const choices = site ? wipeChoices(site, node, inventories) : [];
  if (choices.length === 0) return null;
  const hostname = site?.nodes[node]?.hostname ?? `Node ${node + 1}`;
  return (
    <Group path={wipePath} aria-label={`ODF devices of ${hostname} to wipe`} data-testid="odf-wipe">
      <Title headingLevel="h4" size="md">
        ODF devices that hold data
      </Title>
      <Content component="p" className="sk-explain">
        ODF needs empty disks. Tick a device to agree that everything on it is destroyed: the Local Storage Operator then
        wipes exactly that device when ODF takes it. Unticked, ODF does not get it while it holds data.
      </Content>
      {choices.map((c) => (
        <PlanCheckbox
          key={c.path}
          paths={c.wipeIndex === undefined ? [] : [`${wipePath}/${c.wipeIndex}`]}
          value={c.path}
          checked={c.wipeIndex !== undefined}
          label={
            <>
              Wipe <span className="sk-mono">{c.diskName ?? shortDevice(c.path)}</span>
              {c.diskName ? <span className="sk-muted"> ({shortDevice(c.path)})</span> : null}
            </>
          }
          note={c.fate.text}
          onChange={(on) => void store.getState().edit(wipeEdits(node, disks, c.path, on))}
        />
      ))}
    </Group>
  );
}
