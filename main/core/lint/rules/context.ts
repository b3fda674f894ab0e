// What every linter rule sees: the two inputs as plain data (either may be missing), and
// small report builders so each rule reads as the installer's rule it mirrors.
import type { Severity } from '../../validation/finding';
import { arr, isObj, obj, objects, str, type Obj } from '../access';
import type { RuleReport } from '../finding';
import { parseCidr, parseIp, type Cidr } from '../../net/ip';

export interface LintContext {
  installConfig?: Obj;
  agentConfig?: Obj;
}

export type LintRule = (context: LintContext) => Iterable<RuleReport>;

export function ic(id: string, severity: Severity, path: string, message: string, hint?: string): RuleReport {
  return { id, severity, input: 'install-config', path, message, ...(hint ? { hint } : {}) };
}

export function ac(id: string, severity: Severity, path: string, message: string, hint?: string): RuleReport {
  return { id, severity, input: 'agent-config', path, message, ...(hint ? { hint } : {}) };
}

/** machineNetwork entries that parse, with their pointers. */
export function machineNetworks(config: Obj): { cidr: Cidr; text: string; path: string }[] {
  return objects(obj(config.networking).machineNetwork).flatMap(([i, m]) => {
    const text = str(m.cidr);
    const cidr = text ? parseCidr(text) : undefined;
    return cidr && text ? [{ cidr, text, path: `/networking/machineNetwork/${i}/cidr` }] : [];
  });
}

export interface HostAddress {
  host: number;
  iface: string;
  ip: string;
  path: string;
}

/** Static addresses in a host's networkConfig, in document order. */
export function hostAddresses(host: Obj, hostIndex: number): HostAddress[] {
  const config = obj(host.networkConfig);
  return objects(config.interfaces).flatMap(([i, iface]) =>
    (['ipv4', 'ipv6'] as const).flatMap((family) =>
      objects(obj(iface[family]).address).flatMap(([j, a]) => {
        const ip = str(a.ip);
        return ip && parseIp(ip)
          ? [{ host: hostIndex, iface: str(iface.name) ?? '?', ip, path: `/hosts/${hostIndex}/networkConfig/interfaces/${i}/${family}/address/${j}/ip` }]
          : [];
      }),
    ),
  );
}

export function hosts(context: LintContext): [number, Obj][] {
  return context.agentConfig ? objects(context.agentConfig.hosts) : [];
}

export function hostLabel(host: Obj, index: number): string {
  return str(host.hostname) ?? `host ${index}`;
}

export { arr, isObj, obj, objects, str };
