// Wizard step 5, Disks (DESIGN.md §3): the disk picture first (what each disk becomes, the ODF
// capacity), then the boot disk and the ODF devices all nodes share, and per node what it does
// differently. Every input is a field bound to its JSON pointer in site.yaml.
import { Alert, Button, Content, Label, Stack, StackItem, Title } from '@patternfly/react-core';
import { memo } from 'react';
import type { FieldEdit } from '../../../../main/contract/api';
import { DiskLayout as DiskLayoutPlain } from '../../pictures/DiskLayout';
import { usePlanValue, useSite, useWizard } from '../../wizard/fields';
import { pointer } from '../../wizard/pointer';
import { inventoryOf } from '../networks/network-words';
import { Group, RemoveButton, Section, StepForm, asList, asRecord, asText, texts, usePictureInputs } from '../networks/parts';
import '../networks/networks.css';
import { BootHintEditor } from './BootHintEditor';
import { diskChoices } from './disk-choices';
import { OdfDevices } from './OdfDevices';
import { WipeAcknowledgements } from './WipeAcknowledgements';

type Json = Exclude<FieldEdit['value'], undefined>;


// Redrawn only when what it shows changes.
const DiskLayout = memo(DiskLayoutPlain);



function Picture() {
  const { store } = useWizard();
  const { site, inventories, findings, stale } = usePictureInputs();
  if (!site) {
    return (
      <Content component="p" className="sk-muted">
        The picture appears once the plan can be read; fix the errors shown below first.
      </Content>
    );
  }
  return (
    <>
      {stale ? (
        <Content component="p" className="sk-muted">
          The picture shows the last readable plan until the errors below are fixed.
        </Content>
      ) : null}
      <DiskLayout site={site} inventories={inventories} findings={findings} onSelect={store.getState().focusField} />
    </>
  );
}

const WHY_BY_PATH = (
  <>
    Name disks by <code>/dev/disk/by-path/…</code>: that name is the slot the disk sits in, so it stays the same on every
    boot and is the same on three identical servers. Kernel names such as <code>/dev/sda</code> or{' '}
    <code>/dev/nvme0n1</code> are handed out in the order the disks answer at boot and can swap, so the OS or ODF could
    land on the wrong disk; the installer also refuses <code>/dev/disk/by-id/…</code> for the boot disk.
  </>
);

/** One node's disk settings: the shared ones, or its own with a way back. */
function NodeDisks({ node }: { node: number }) {
  const { store } = useWizard();
  const data = asRecord(usePlanValue(pointer('nodes', node)));
  const shared = asRecord(usePlanValue('/layout/disks'));
  const inventories = useSite((s) => s.inventories);
  const hostname = asText(data.hostname) || `Node ${node + 1}`;
  const disksPath = pointer('nodes', node, 'disks');
  const disks = data.disks === undefined ? undefined : asRecord(data.disks);
  const choices = diskChoices(inventories, asText(data.hostname) ?? '');
  const probed = inventoryOf(inventories, asText(data.hostname)) !== undefined;
  const bootPath = `${disksPath}/boot`;
  const odfPath = `${disksPath}/odf`;
  const ownBoot = disks?.boot !== undefined;
  const ownOdf = disks?.odf !== undefined;

  const override = (part: 'boot' | 'odf') => {
    const value = (part === 'boot' ? asRecord(shared.boot) : texts(shared.odf)) as Json;
    const edit: FieldEdit = disks === undefined ? { path: disksPath, value: { [part]: value } } : { path: `${disksPath}/${part}`, value };
    void store.getState().edit([edit]);
  };
  const backToShared = (part: 'boot' | 'odf') => {
    const other = part === 'boot' ? ownOdf : ownBoot;
    const rest = Object.keys(disks ?? {}).filter((k) => k !== part);
    void store.getState().edit([other || rest.length > 0 ? { path: `${disksPath}/${part}` } : { path: disksPath }]);
  };
  const bootName = asText(asRecord(ownBoot ? disks?.boot : shared.boot).deviceName);
  const odfList = texts(ownOdf ? disks?.odf : shared.odf);

  return (
    <Group path={disksPath} className="sk-node-card" aria-label={`Disks of ${hostname}`} data-testid="node-disks">
      <Title headingLevel="h3" size="lg">
        {hostname}{' '}
        {probed ? (
          <Label color="blue" isCompact>
            probed
          </Label>
        ) : (
          <Label isCompact>not probed</Label>
        )}
      </Title>
      <Title headingLevel="h4" size="md">
        Boot disk
      </Title>
      {ownBoot ? (
        <>
          <Content component="p">
            <Label color="purple" isCompact>
              Override
            </Label>{' '}
            This node names its own boot disk.{' '}
            <RemoveButton what={`the boot disk setting of ${hostname} only`} label="Use the shared boot disk" danger={false} onRemove={() => backToShared('boot')} />
          </Content>
          <BootHintEditor path={bootPath} choices={choices} odf={odfList} perNode />
        </>
      ) : (
        <Content component="p" className="sk-muted">
          Uses the shared boot disk.{' '}
          <Button variant="link" isInline onClick={() => override('boot')}>
            Override for this node
          </Button>{' '}
          (e.g. to name it by serial number).
        </Content>
      )}
      <Title headingLevel="h4" size="md">
        ODF devices
      </Title>
      {ownOdf ? (
        <>
          <Content component="p">
            <Label color="purple" isCompact>
              Override
            </Label>{' '}
            This node gives ODF its own list of devices.{' '}
            <RemoveButton what={`the ODF device list of ${hostname} only`} label="Use the shared ODF devices" danger={false} onRemove={() => backToShared('odf')} />
          </Content>
          <OdfDevices path={odfPath} choices={choices} scope={hostname} {...(bootName ? { boot: bootName } : {})} />
        </>
      ) : (
        <Content component="p" className="sk-muted">
          Uses the shared ODF devices ({odfList.length}).{' '}
          <Button variant="link" isInline onClick={() => override('odf')}>
            Override for this node
          </Button>
        </Content>
      )}
      <WipeAcknowledgements node={node} />
    </Group>
  );
}

export function DisksStep() {
  const inventories = useSite((s) => s.inventories);
  const nodes = asList(usePlanValue('/nodes'));
  const shared = asRecord(usePlanValue('/layout/disks'));
  const odfEnabled = usePlanValue('/odf/enabled') !== false;
  const choices = diskChoices(inventories);
  const bootName = asText(asRecord(shared.boot).deviceName);
  const odfList = texts(shared.odf);
  const nodeDisks = nodes.map((n) => asRecord(asRecord(n).disks));
  const allOwn = (part: 'boot' | 'odf') => nodes.length > 0 && nodeDisks.every((d) => d[part] !== undefined);
  return (
    <div className="sk-step-form" data-testid="step-disks">
      <Stack hasGutter>
        <StackItem>
          <Section title="What happens to each disk" id="sk-disks-picture">
            <Picture />
          </Section>
        </StackItem>
        <StackItem>
          <Alert
            isInline
            variant="warning"
            title="The boot disk is overwritten; ODF devices are wiped only where you agree"
            data-testid="odf-wipe-warning"
          >
            The installer writes RHCOS over the boot disk and clears the partition table of every other local disk that has
            one. ODF needs empty disks: for an ODF device that holds data, tick its wipe box under its node below, and the
            Local Storage Operator wipes exactly that device. Make sure nothing on it is still needed.
          </Alert>
        </StackItem>
        <StackItem>
          <Section title="Disks shared by all nodes" id="sk-disks-shared">
            <Content component="p" className="sk-explain">
              {WHY_BY_PATH}
            </Content>
            <StepForm>
              <Group path="/layout/disks" aria-label="Disks shared by all nodes">
                <Title headingLevel="h3" size="lg">
                  Boot disk
                </Title>
                {allOwn('boot') ? (
                  <Content component="p" className="sk-muted" data-testid="boot-all-own">
                    Every node names its own boot disk below, so nothing here is used.
                  </Content>
                ) : null}
                <BootHintEditor path="/layout/disks/boot" choices={choices} odf={odfList} />
                <Title headingLevel="h3" size="lg">
                  ODF devices
                </Title>
                <Content component="p" className="sk-explain">
                  ODF (OpenShift Data Foundation) turns these disks into the cluster&apos;s shared storage, keeping three
                  copies of everything, one per node. Every node needs the same number of devices of the same size.
                  {odfEnabled ? null : ' ODF is switched off in the Storage step, so these devices are not used now.'}
                </Content>
                {allOwn('odf') ? (
                  <Content component="p" className="sk-muted">
                    Every node lists its own ODF devices below, so this list is not used.
                  </Content>
                ) : null}
                <OdfDevices path="/layout/disks/odf" choices={choices} scope="all nodes" {...(bootName ? { boot: bootName } : {})} />
              </Group>
            </StepForm>
          </Section>
        </StackItem>
        <StackItem>
          <Section title="Per node" id="sk-disks-nodes">
            <Content component="p" className="sk-explain">
              A node uses the shared disks unless it has its own setting here: for a boot disk named by serial number, or
              a server with different disks.
            </Content>
            <StepForm>
              {nodes.length === 0 ? <Content component="p">Add the nodes first (Nodes step).</Content> : null}
              {nodes.map((_, i) => (
                <NodeDisks key={i} node={i} />
              ))}
            </StepForm>
          </Section>
        </StackItem>
      </Stack>
    </div>
  );
}
