// What the step list says about each step.
import { describe, expect, it } from 'vitest';
import type { InventoryView } from '../../../main/contract/api';
import { STEPS, type Finding } from '../../../main/core/validation/finding';
import { stepStatuses } from '../../../renderer/src/wizard/step-status';
import { healthyInventories } from '../probe/inventory-builder';

const finding = (step: Finding['step'], severity: Finding['severity'], path = '/x'): Finding => ({ id: 'test.rule', severity, path, message: 'm', step });
const nodes = ['acp-1', 'acp-2', 'acp-3'];
const inventories: InventoryView[] = healthyInventories().map(({ sections: _sections, ...rest }) => rest);

describe('step statuses', () => {
  it('counts errors and warnings per step, and the Validate step counts every error', () => {
    const s = stepStatuses({
      findings: [finding('networks', 'error'), finding('networks', 'error'), finding('disks', 'warning'), finding('site', 'info')],
      nodes,
      inventories,
      unreadable: false,
    });
    expect(s.networks).toMatchObject({ state: 'error', errors: 2, label: '2 errors to fix' });
    expect(s.disks).toMatchObject({ state: 'warning', warnings: 1, label: '1 warning to read' });
    expect(s.site.state).toBe('done');
    expect(s.validate).toMatchObject({ state: 'error', errors: 2 });
  });

  it('Discover is to do until every node of the plan has been read', () => {
    const partly = stepStatuses({ findings: [], nodes, inventories: inventories.slice(0, 2), unreadable: false });
    expect(partly.discover).toMatchObject({ state: 'todo', label: 'Not every node has been discovered yet' });
    expect(stepStatuses({ findings: [], nodes, inventories, unreadable: false }).discover.state).toBe('done');
  });

  it('Generate & export is done only once a bundle was written, and says why not', () => {
    const ready = stepStatuses({ findings: [], nodes, inventories, unreadable: false });
    expect(ready.export).toMatchObject({ state: 'todo', label: 'Ready to generate' });
    const blocked = stepStatuses({ findings: [finding('nodes', 'error')], nodes, inventories, unreadable: false });
    expect(blocked.export.label).toMatch(/Fix the errors first/);
    expect(stepStatuses({ findings: [], nodes, inventories, unreadable: false, generated: true }).export).toMatchObject({ state: 'done', label: 'Bundle written' });
  });

  it('Cluster comes last, has no plan findings, and is done only once the live cluster was verified without problems', () => {
    expect(STEPS.at(-1)).toBe('cluster');
    expect(STEPS.indexOf('cluster')).toBe(STEPS.indexOf('export') + 1);
    const base = { findings: [finding('networks', 'error')], nodes, inventories, unreadable: false };
    expect(stepStatuses(base).cluster).toMatchObject({ state: 'todo', errors: 0, label: 'Not verified on a live cluster yet' });
    expect(stepStatuses({ ...base, verified: 'ok' }).cluster).toMatchObject({ state: 'done', label: 'Verified on the live cluster' });
    expect(stepStatuses({ ...base, verified: 'problems' }).cluster).toMatchObject({ state: 'warning', label: 'The live cluster has problems to look at' });
  });

  it('an unreadable plan marks every step', () => {
    const s = stepStatuses({ findings: [], nodes, inventories, unreadable: true });
    expect(s.site).toMatchObject({ state: 'error', label: 'The plan cannot be read' });
    expect(s.export.state).toBe('todo');
  });
});
