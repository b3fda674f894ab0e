// The devices given to ODF (wiped only when acknowledged per node), one field per entry bound to /…/odf/K, with
// what the probe found under that name, remove per entry and add by typing or by choosing
// a disk the nodes reported.
import { Flex, FlexItem, FormSelect, FormSelectOption } from '@patternfly/react-core';
import { TextField, usePlanValue, useWizard } from '../../wizard/fields';
import { appendEdit } from '../../wizard/pointer';
import { AddByName, FormTable, Group, RemoveButton, asList, asText } from '../networks/parts';
import { sizeText, type DiskChoice } from './disk-choices';

export interface OdfDevicesProps {
  /** `/layout/disks/odf` or `/nodes/N/disks/odf`. */
  path: string;
  choices: readonly DiskChoice[];
  /** The boot disk's device name in this scope: not offered. */
  boot?: string;
  /** Words for the list ("all nodes", "acp-2"). */
  scope: string;
}

export function OdfDevices({ path, choices, boot, scope }: OdfDevicesProps) {
  const { store } = useWizard();
  const current = usePlanValue(path);
  const devices = asList(current);
  const listed = devices.map(asText);
  const offered = choices.filter((c) => !listed.includes(c.value) && c.value !== boot);
  const add = (device: string) => void store.getState().edit([appendEdit(path, current, device)]);
  return (
    <Group path={path} aria-label={`ODF devices of ${scope}`} data-testid="odf-devices">
      {devices.length > 0 ? (
        <FormTable label={`ODF devices of ${scope}`} columns={['#', 'Device', choices.length > 0 && 'Found on']}>
            {devices.map((d, k) => {
              const found = choices.find((c) => c.value === asText(d));
              return (
                <tr key={k} className="pf-v6-c-table__tr" data-testid="odf-device">
                  <td className="pf-v6-c-table__td sk-nowrap sk-cell-index" data-label="#">
                    {k + 1}
                  </td>
                  <td className="pf-v6-c-table__td" data-label="Device">
                    <TextField compact monospace path={`${path}/${k}`} label={`ODF device ${k + 1} of ${scope}`} placeholder="e.g. /dev/disk/by-path/…" />
                  </td>
                  {choices.length > 0 ? (
                    <td className="pf-v6-c-table__td" data-label="Found on">
                      {found ? `${sizeText(found.sizeBytes)} on ${found.nodes.join(', ')}` : <span className="sk-muted">not found on any probed node</span>}
                    </td>
                  ) : null}
                  <td className="pf-v6-c-table__td" data-label="">
                    <RemoveButton
                      confirm={false}
                      what={`ODF device ${asText(d) ?? k + 1}`}
                      onRemove={() => void store.getState().edit([{ path: `${path}/${k}` }])}
                    />
                  </td>
                </tr>
              );
            })}
          </FormTable>
      ) : (
        <p className="sk-muted">No ODF devices listed{current === undefined ? '' : ' (the list is empty)'}.</p>
      )}
      <AddByName label={`Device path to add for ${scope}`} placeholder="e.g. /dev/disk/by-path/… of a disk to add" button="Add device" onAdd={add} />
      {offered.length > 0 ? (
        <Flex spaceItems={{ default: 'spaceItemsSm' }} alignItems={{ default: 'alignItemsCenter' }} className="sk-add-row">
          <FlexItem grow={{ default: 'grow' }}>
            <FormSelect
              aria-label={`Add a disk the nodes reported to the ODF devices of ${scope}`}
              value=""
              onChange={(_e, v) => v && add(v)}
            >
              <FormSelectOption value="" label="Add a disk the nodes reported…" />
              {offered.map((c) => (
                <FormSelectOption key={c.value} value={c.value} label={c.label} />
              ))}
            </FormSelect>
          </FlexItem>
        </Flex>
      ) : null}
    </Group>
  );
}
