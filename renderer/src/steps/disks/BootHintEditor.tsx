// The boot disk as installer root device hints (installer.md §3.2): every hint given must
// match, and no match fails the install. deviceName (by-path), serialNumber and wwn name one
// disk for sure; the others narrow a choice. Bound to /layout/disks/boot or /nodes/N/disks/boot.
import {
  Button,
  ExpandableSection,
  Flex,
  FlexItem,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
} from '@patternfly/react-core';
import { useId, useState } from 'react';
import { FieldFindings, TextField, numberCodec, useFieldRef, useFindings, usePlanValue, useSite, useWizard } from '../../wizard/fields';
import { Group, asRecord } from '../networks/parts';
import type { DiskChoice } from './disk-choices';

const MORE_HINTS = ['hctl', 'model', 'vendor', 'minSizeGigabytes', 'rotational'] as const;

/** rotational: yes / no / not a hint; writes true/false (SelectField would write text). */
function RotationalField({ path }: { path: string }) {
  const { store } = useWizard();
  const value = usePlanValue(path);
  const findings = useFindings(path);
  const ref = useFieldRef(path);
  const id = useId();
  const current = value === true ? 'true' : value === false ? 'false' : value === undefined ? '' : 'other';
  return (
    <FormGroup label="Spinning disk (rotational)" fieldId={id}>
      <FormSelect
        id={id}
        ref={ref as never}
        value={current}
        data-path={path}
        validated={findings.length ? 'error' : 'default'}
        onChange={(_e, next) => {
          if (next === current) return;
          void store.getState().edit([next === 'true' ? { path, value: true } : next === 'false' ? { path, value: false } : { path }]);
        }}
      >
        <FormSelectOption value="" label="Not a hint" />
        <FormSelectOption value="false" label="No: SSD or NVMe" />
        <FormSelectOption value="true" label="Yes: HDD" />
        {current === 'other' ? <FormSelectOption value="other" label={`${String(value)} (not yes or no)`} /> : null}
      </FormSelect>
      <FieldFindings findings={findings} />
    </FormGroup>
  );
}

/** A select of discovered disks that writes the chosen by-path name into `path`. */
export function DiskPicker({
  path,
  choices,
  label,
  exclude = [],
}: {
  path: string;
  choices: readonly DiskChoice[];
  label: string;
  exclude?: readonly string[];
}) {
  const { store } = useWizard();
  const current = usePlanValue(path);
  const id = useId();
  const offered = choices.filter((c) => c.value === current || !exclude.includes(c.value));
  if (offered.length === 0) return null;
  const known = offered.some((c) => c.value === current);
  return (
    <FormGroup label={label} fieldId={id}>
      <FormSelect
        id={id}
        value={known ? String(current) : ''}
        aria-label={label}
        onChange={(_e, next) => {
          if (next !== '' && next !== current) void store.getState().edit([{ path, value: next }]);
        }}
      >
        <FormSelectOption value="" label={known ? 'Choose…' : 'Choose a disk the nodes reported…'} />
        {offered.map((c) => (
          <FormSelectOption key={c.value} value={c.value} label={c.label} />
        ))}
      </FormSelect>
    </FormGroup>
  );
}

export interface BootHintEditorProps {
  /** `/layout/disks/boot` or `/nodes/N/disks/boot`. */
  path: string;
  /** Disks to offer (by-path). */
  choices: readonly DiskChoice[];
  /** ODF devices of the same scope: not offered as boot disk. */
  odf?: readonly string[];
  /** Per-node hints may use the serial number; shared ones should not (it differs per node). */
  perNode?: boolean;
}

export function BootHintEditor({ path, choices, odf = [], perNode }: BootHintEditorProps) {
  const { store } = useWizard();
  const hint = asRecord(usePlanValue(path));
  const findings = useSite((s) => s.doc?.findings);
  const hidden = MORE_HINTS.map((k) => `${path}/${k}`);
  const needsMore = MORE_HINTS.some((k) => hint[k] !== undefined) || (findings ?? []).some((f) => hidden.includes(f.path));
  const [open, setOpen] = useState(false);
  const deviceName = hint.deviceName;
  const chosen = choices.find((c) => c.value === deviceName);
  return (
    <Group path={path} aria-label="Boot disk" data-testid="boot-hint">
      <Grid hasGutter md={6}>
        <GridItem>
          <TextField
            monospace
            path={`${path}/deviceName`}
            label="Device path"
            placeholder="e.g. /dev/disk/by-path/…"
            hint="The disk's /dev/disk/by-path/ name: it names the slot, so it is the same on every boot."
          />
        </GridItem>
        <GridItem>
          <DiskPicker path={`${path}/deviceName`} choices={choices} exclude={odf} label="Or choose a disk the nodes reported" />
          {perNode && chosen?.serial && hint.serialNumber === undefined ? (
            <Button variant="link" isInline onClick={() => void store.getState().edit([{ path: `${path}/serialNumber`, value: chosen.serial! }])}>
              Also require its serial number {chosen.serial}
            </Button>
          ) : null}
        </GridItem>
        <GridItem>
          <TextField
            monospace
            path={`${path}/serialNumber`}
            label="Serial number"
            hint={perNode ? 'Exact serial of this node’s boot disk.' : 'Differs on every node: set it per node instead.'}
          />
        </GridItem>
        <GridItem>
          <TextField monospace path={`${path}/wwn`} label="WWN" hint="World Wide Name, exact." />
        </GridItem>
      </Grid>
      <ExpandableSection
        toggleText={needsMore || open ? 'Other hints (all hints given must match)' : 'More hints: controller address, model, vendor, size, kind'}
        isExpanded={needsMore || open}
        onToggle={(_e, next) => setOpen(next)}
        isIndented
      >
        <Grid hasGutter md={6} xl={4}>
          <GridItem>
            <TextField monospace path={`${path}/hctl`} label="SCSI address (HCTL)" placeholder="e.g. 0:0:0:0" />
          </GridItem>
          <GridItem>
            <TextField path={`${path}/model`} label="Model contains" />
          </GridItem>
          <GridItem>
            <TextField path={`${path}/vendor`} label="Vendor contains" />
          </GridItem>
          <GridItem>
            <TextField path={`${path}/minSizeGigabytes`} label="At least (GB)" codec={numberCodec} placeholder="e.g. 240" />
          </GridItem>
          <GridItem>
            <RotationalField path={`${path}/rotational`} />
          </GridItem>
        </Grid>
      </ExpandableSection>
      <Flex>
        <FlexItem className="sk-muted sk-explain">
          The installer writes the operating system to the one disk matching every hint above and wipes it. If no disk
          matches, the install stops instead of picking another disk.
        </FlexItem>
      </Flex>
    </Group>
  );
}
