// Shared plumbing of the hardware checks: which plan node an inventory belongs to, where a
// layout field lives for that node (its own override or the shared layout), and one
// constructor for findings so every message starts with the node's hostname.
import { effectiveDisks, effectiveLayout } from '../../site/model';
import type { Layout, Site, SiteNode } from '../../site/schema';
import type { Finding, Severity, Step } from '../../validation/finding';
import { pointer, stepForPath } from '../../validation/step';
import type { NodeInventory } from '../inventory';

export interface NodeContext {
  site: Site;
  node: SiteNode;
  index: number;
  inventory: NodeInventory;
  layout: Layout;
  disks: ReturnType<typeof effectiveDisks>;
}

export function nodeContexts(site: Site, inventories: readonly NodeInventory[]): NodeContext[] {
  const contexts: NodeContext[] = [];
  site.nodes.forEach((node, index) => {
    const inventory = inventories.find((inv) => inv.node === node.hostname);
    if (!inventory) return;
    contexts.push({ site, node, index, inventory, layout: effectiveLayout(site, node), disks: effectiveDisks(site, node) });
  });
  return contexts;
}

export function finding(
  id: string,
  severity: Severity,
  path: string,
  message: string,
  hint?: string,
  step: Step = stepForPath(path),
): Finding {
  return { id, severity, path, message, ...(hint ? { hint } : {}), step };
}

/** JSON pointer of a layout part for this node: its override when it has one. */
export function layoutPath(ctx: Pick<NodeContext, 'node' | 'index'>, part: 'interfaces' | 'bonds' | 'uplinks', ...rest: (string | number)[]): string {
  return ctx.node.layout?.[part] ? pointer('nodes', ctx.index, 'layout', part, ...rest) : pointer('layout', part, ...rest);
}

/** JSON pointer of the node's disk selection part (boot or odf): node value wins. */
export function diskPath(ctx: Pick<NodeContext, 'node' | 'index'>, part: 'boot' | 'odf', ...rest: (string | number)[]): string {
  return ctx.node.disks?.[part] ? pointer('nodes', ctx.index, 'disks', part, ...rest) : pointer('layout', 'disks', part, ...rest);
}

export function normalizeMac(mac: string | undefined): string | undefined {
  return mac?.trim().toLowerCase().replaceAll('-', ':');
}

export function gb(bytes: number): string {
  const value = bytes / 1e9;
  return value >= 1000 ? `${(value / 1000).toFixed(2)} TB` : `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} GB`;
}

export function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
