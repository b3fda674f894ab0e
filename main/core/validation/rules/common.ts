// Shared helpers of the validation rules: rule definition, node naming, the effective
// layout of each node together with where each of its parts is written in site.yaml,
// and the parsed subnets of the networks.
import { parseCidr, type Cidr } from '../../net/ip';
import { effectiveLayout } from '../../site/model';
import type { Bond, Network, Site, SiteNode, Uplink } from '../../site/schema';
import type { Rule, RuleFinding } from '../engine';
import { pointer } from '../step';

export { pointer };

export type Report = Omit<RuleFinding, 'id'>;

/** Defines a rule whose findings all carry the rule's id. */
export function defineRule(id: string, title: string, check: (site: Site) => Iterable<Report>): Rule {
  return {
    id,
    title,
    *check(site) {
      for (const report of check(site)) yield { id, ...report };
    },
  };
}

/** How a node is named in messages: its hostname, or its position when it has none. */
export function nodeName(node: SiteNode, index: number): string {
  return node.hostname.trim() !== '' ? node.hostname : `node ${index + 1}`;
}

export type LayoutPart = 'interfaces' | 'bonds' | 'uplinks';

export interface NodeLayout {
  node: SiteNode;
  index: number;
  name: string;
  interfaces: string[];
  bonds: Bond[];
  uplinks: Uplink[];
  /** JSON pointer of the list each part comes from: the node's override or the shared layout. */
  base: Record<LayoutPart, string>;
  /** Which parts the node overrides. */
  own: Record<LayoutPart, boolean>;
}

/** Every node with its effective layout (model.ts effectiveLayout) and the source of each part. */
export function nodeLayouts(site: Site): NodeLayout[] {
  return site.nodes.map((node, index) => {
    const layout = effectiveLayout(site, node);
    const own = {
      interfaces: node.layout?.interfaces !== undefined,
      bonds: node.layout?.bonds !== undefined,
      uplinks: node.layout?.uplinks !== undefined,
    };
    const base = (part: LayoutPart): string => (own[part] ? pointer('nodes', index, 'layout', part) : pointer('layout', part));
    return {
      node,
      index,
      name: nodeName(node, index),
      interfaces: layout.interfaces,
      bonds: layout.bonds ?? [],
      uplinks: layout.uplinks,
      base: { interfaces: base('interfaces'), bonds: base('bonds'), uplinks: base('uplinks') },
      own,
    };
  });
}

/**
 * Where a layout problem is, for a message: "on acp-2" when it involves a part the node
 * overrides, "in the shared layout" otherwise (then all nodes report it with the same words
 * and the engine keeps one).
 */
export function scope(view: NodeLayout, ...parts: LayoutPart[]): string {
  return parts.some((p) => view.own[p]) ? `on ${view.name}` : 'in the shared layout';
}

/** Names of the bonds of a layout. */
export function bondNames(view: NodeLayout): Set<string> {
  return new Set(view.bonds.map((b) => b.name));
}

/**
 * Physical NICs the layout uses: its interfaces, bond members and uplink devices that are
 * not bonds. Each needs a MAC entry on the node.
 */
export function physicalInterfaces(view: NodeLayout): string[] {
  const bonds = bondNames(view);
  const names = [
    ...view.interfaces,
    ...view.bonds.flatMap((b) => b.members),
    ...view.uplinks.map((u) => u.device).filter((d) => !bonds.has(d)),
  ];
  return [...new Set(names)];
}

export interface NetworkInfo {
  network: Network;
  index: number;
  cidr: Cidr | undefined;
}

export function networkInfos(site: Site): NetworkInfo[] {
  return site.networks.map((network, index) => ({ network, index, cidr: parseCidr(network.subnet) }));
}

/** First network of each name (duplicate names are reported by network.name-duplicate). */
export function networksByName(site: Site): Map<string, NetworkInfo> {
  const map = new Map<string, NetworkInfo>();
  for (const info of networkInfos(site)) if (!map.has(info.network.name)) map.set(info.network.name, info);
  return map;
}

/** The single network with role cluster, when there is exactly one. */
export function clusterNetworkInfo(site: Site): NetworkInfo | undefined {
  const found = networkInfos(site).filter((n) => n.network.role === 'cluster');
  return found.length === 1 ? found[0] : undefined;
}

export function vlanText(vlan: number | 'untagged'): string {
  return vlan === 'untagged' ? 'untagged' : `VLAN ${vlan}`;
}

/** Lists words for a message: "a", "a and b", "a, b and c". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
