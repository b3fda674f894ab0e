// `lldpctl -f json` in all shapes lldpd produces: `interface` as an object (one interface) or
// a list (several); `vlan` as an object or a list; `chassis` keyed by the system name or, with
// no SysName (NIC firmware agents), `id`/`descr` directly under it; TTL under `port` (1.0.16)
// or under the chassis (older); and `-f json0`, where every value is wrapped in a list.
import type { LldpNeighbor } from '../inventory';
import { bool, fail, int, isRecord, ok, parseJson, str, type Parsed } from './util';

type Rec = Record<string, unknown>;

/** json0 wraps scalars as [{"value": x}] and objects as [{…}]; unwrap one level. */
function one(value: unknown): unknown {
  if (Array.isArray(value) && value.length === 1) value = value[0];
  if (isRecord(value) && Object.keys(value).length === 1 && 'value' in value) return value['value'];
  return value;
}

function text(value: unknown): string | undefined {
  const v = one(value);
  if (isRecord(v)) return str(v['value']);
  return str(v);
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Interfaces as [name, body] pairs from every shape. */
function interfaces(lldp: Rec): Array<[string, Rec]> {
  const out: Array<[string, Rec]> = [];
  for (const entry of list(lldp['interface'])) {
    if (!isRecord(entry)) continue;
    if (typeof entry['name'] === 'string' && ('chassis' in entry || 'port' in entry)) {
      out.push([entry['name'], entry]); // json0
      continue;
    }
    for (const [name, body] of Object.entries(entry)) if (isRecord(body)) out.push([name, body]);
  }
  return out;
}

/** The chassis body and its name whichever way it is keyed. */
function chassisOf(raw: unknown): { name?: string; body: Rec } {
  const c = one(raw);
  if (!isRecord(c)) return { body: {} };
  if ('id' in c || 'descr' in c || 'mgmt-ip' in c || 'name' in c || 'capability' in c) {
    return { name: text(c['name']), body: c };
  }
  const [name, body] = Object.entries(c)[0] ?? [];
  return { name, body: isRecord(body) ? body : {} };
}

/** lldpctl output in another format than JSON: said plainly, never read as "no neighbour". */
function otherFormat(text: string): string | undefined {
  const t = text.trim();
  if (/^lldp\.[^=\s]+\.[^=\s]+=/m.test(t)) return 'key=value text (`lldpctl -f keyvalue`)';
  if (/^LLDP neighbors:/m.test(t) || /^Interface:\s+\S+, via:/m.test(t)) return 'plain text (`lldpctl` without -f json)';
  if (t.startsWith('<')) return 'XML';
  return undefined;
}

export function parseLldp(textIn: string): Parsed<LldpNeighbor[]> {
  const { data, problem } = parseJson(textIn, 'lldpctl');
  if (problem) {
    const format = otherFormat(textIn);
    if (!format) return { problems: [problem] };
    return fail(`lldpctl printed ${format} instead of JSON (an lldpd built without JSON support, or run by hand): the neighbours were not read. Run \`lldpctl -f json\` on the node.`);
  }
  const root = isRecord(data) ? one(data['lldp']) : undefined;
  if (!isRecord(root)) {
    // lldpd running with no neighbour at all prints {"lldp": {}} or {"lldp": [{}]}.
    return isRecord(data) && 'lldp' in data ? ok([]) : fail('lldpctl JSON has no "lldp" object');
  }
  const neighbors: LldpNeighbor[] = [];
  for (const [iface, body] of interfaces(root)) {
    const { name: chassisName, body: chassis } = chassisOf(body['chassis']);
    const port = isRecord(one(body['port'])) ? (one(body['port']) as Rec) : {};
    const n: LldpNeighbor = { interface: iface, vlans: [] };
    if (chassisName) n.chassisName = chassisName;
    const chassisId = isRecord(one(chassis['id'])) ? text((one(chassis['id']) as Rec)['value']) : text(chassis['id']);
    if (chassisId) n.chassisId = chassisId;
    const descr = text(chassis['descr']);
    if (descr) n.chassisDescr = descr;
    const portId = isRecord(one(port['id'])) ? text((one(port['id']) as Rec)['value']) : text(port['id']);
    if (portId) n.portId = portId;
    const portDescr = text(port['descr']);
    if (portDescr) n.portDescr = portDescr;
    const mgmt = list(chassis['mgmt-ip']).map(text).filter((v): v is string => !!v);
    if (mgmt.length) n.mgmtIp = mgmt;
    const ttl = int(text(port['ttl']) ?? text(chassis['ttl']));
    if (ttl !== undefined) n.ttl = ttl;
    for (const v of list(body['vlan'])) {
      if (!isRecord(v)) continue;
      const id = int(text(v['vlan-id']));
      if (id === undefined) continue;
      const pvid = bool(one(v['pvid']));
      const name = text(v['value']);
      n.vlans.push({ id, ...(name ? { name } : {}), ...(pvid !== undefined ? { pvid } : {}) });
      if (pvid) n.pvid = id;
    }
    neighbors.push(n);
  }
  return ok(neighbors);
}
