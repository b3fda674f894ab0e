// Wizard step 4, Networks (DESIGN.md §3): the topology picture first, then the logical
// networks, the cabling all nodes share, each node's NICs, addresses and own cabling, and the
// printable cabling table. Every input is a field bound to its JSON pointer in site.yaml.
import { Content, Stack, StackItem } from '@patternfly/react-core';
import { memo } from 'react';
import { CablingTable as CablingTablePlain } from '../../pictures/CablingTable';
import { TopologyView as TopologyViewPlain } from '../../pictures/TopologyView';
import { useSite, useWizard } from '../../wizard/fields';
import { LayoutEditor } from './LayoutEditor';
import { NetworkTable } from './NetworkTable';
import { NodeNetworks } from './NodeNetworks';
import { Group, Section, StepForm, usePictureInputs } from './parts';
import './networks.css';

export interface NetworksStepProps {
  /** Prints the page (the lead passes window.print); the cabling table's Print button uses it. */
  onPrint?: () => void;
}



// Redrawn only when what they show changes.
const TopologyView = memo(TopologyViewPlain);
const CablingTable = memo(CablingTablePlain);

function Pictures({ which, onPrint }: { which: 'topology' | 'cabling'; onPrint?: () => void }) {
  const { store } = useWizard();
  const { site, inventories, findings } = usePictureInputs();
  if (!site) {
    return (
      <Content component="p" className="sk-muted">
        The picture appears once the plan can be read; fix the errors shown below first.
      </Content>
    );
  }
  const onSelect = store.getState().focusField;
  return which === 'topology' ? (
    <TopologyView site={site} inventories={inventories} findings={findings} onSelect={onSelect} />
  ) : (
    <CablingTable site={site} inventories={inventories} findings={findings} onSelect={onSelect} {...(onPrint ? { onPrint } : {})} />
  );
}

export function NetworksStep({ onPrint }: NetworksStepProps = {}) {
  const stale = useSite((s) => !s.doc?.site && !!s.lastSite);
  return (
    <div className="sk-step-form" data-testid="step-networks">
      <Stack hasGutter>
        <StackItem>
          <Section title="How the nodes are wired" id="sk-networks-topology">
            {stale ? (
              <Content component="p" className="sk-muted">
                The picture shows the last readable plan until the errors below are fixed.
              </Content>
            ) : null}
            <Pictures which="topology" />
          </Section>
        </StackItem>
        <StackItem>
          <Section title="Logical networks" id="sk-networks-logical">
            <StepForm>
              <NetworkTable />
            </StepForm>
          </Section>
        </StackItem>
        <StackItem>
          <Section title="Cabling shared by all nodes" id="sk-networks-layout">
            <Content component="p">
              Written once for all three nodes: same server model, same ports, same cables. A node wired differently can
              override it below.
            </Content>
            <StepForm>
              <Group path="/layout" aria-label="Shared cabling">
                <LayoutEditor base="/layout" />
              </Group>
            </StepForm>
          </Section>
        </StackItem>
        <StackItem>
          <Section title="Per node" id="sk-networks-nodes">
            <Content component="p">
              Each node&apos;s network cards by MAC address (so the installer finds the right port), the switch port each is
              plugged into, and the node&apos;s IP address on each network that needs one.
            </Content>
            <StepForm>
              <NodeNetworks />
            </StepForm>
          </Section>
        </StackItem>
        <StackItem>
          <Section title="Cabling table" id="sk-networks-cabling">
            <Pictures which="cabling" {...(onPrint ? { onPrint } : {})} />
          </Section>
        </StackItem>
      </Stack>
    </div>
  );
}
