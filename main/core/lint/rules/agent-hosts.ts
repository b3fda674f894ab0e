// agent-config hosts (installer.md §4.4): the interface table, MAC addresses, roles, root
// device hints and NTP sources, with the installer's own messages; plus duplicate host
// names, which only assisted-service catches (hostname-unique) once the install runs.
import { isIp } from '../../net/ip';
import { ac, arr, hostLabel, hosts, obj, objects, str, type LintRule } from './context';

const ROLES = ['master', 'worker', 'arbiter'];
const COLON_MAC = /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/;
/** What Go's net.ParseMAC accepts for EUI-48: colon, hyphen or dotted (xxxx.xxxx.xxxx) forms. */
const ANY_MAC = /^([0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(\2[0-9A-Fa-f]{2}){4}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})$/;
const DNS_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

export function normalMac(mac: string): string {
  const hex = mac.replace(/[:.-]/g, '').toLowerCase();
  return hex.match(/../g)!.join(':');
}

export const agentHostRules: LintRule[] = [
  function* apiVersion({ agentConfig: a }) {
    if (!a || a.apiVersion === 'v1beta1' || a.apiVersion === 'v1alpha1') return;
    yield ac('agent.api-version', 'error', '/apiVersion', `apiVersion: Invalid value: ${JSON.stringify(a.apiVersion ?? '')}: AgentConfig version must be "v1beta1"`);
  },

  function* installerArgs(context) {
    for (const [h, host] of hosts(context)) {
      if (typeof host.installerArgs !== 'string') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(host.installerArgs);
      } catch {
        parsed = undefined;
      }
      if (!Array.isArray(parsed) || !parsed.every((arg) => typeof arg === 'string')) {
        yield ac('agent.installer-args', 'error', `/hosts/${h}/installerArgs`, `Hosts[${h}].Host: Forbidden: failed to parse installerArgs`, 'Write a JSON list of strings, e.g. \'["--append-karg", "nosmt"]\'.');
      }
    }
  },

  function* bootArtifactsBaseURL({ agentConfig: a }) {
    const url = a?.bootArtifactsBaseURL;
    if (typeof url !== 'string' || url === '') return;
    // Go's url.ParseRequestURI: an absolute URI with a scheme (or an absolute path).
    if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:\S*$/.test(url)) {
      yield ac('agent.boot-artifacts-url', 'error', '/bootArtifactsBaseURL', `bootArtifactsBaseURL: Invalid value: ${JSON.stringify(url)}: invalid URI ${JSON.stringify(url)} (no scheme)`, 'Give the full URL of the folder that serves the boot artifacts, e.g. http://10.10.0.5:8080/boot-artifacts.');
    }
  },

  function* ntpSources({ agentConfig: a }) {
    if (!a) return;
    for (const [i, source] of arr(a.additionalNTPSources).entries()) {
      if (typeof source === 'string' && (isIp(source) || DNS_NAME.test(source))) continue;
      yield ac('agent.ntp-source', 'error', `/additionalNTPSources/${i}`, `AdditionalNTPSources[${i}]: Invalid value: ${JSON.stringify(source)}: NTP source is not a valid domain name nor a valid IP`);
    }
  },

  function* interfaces(context) {
    const seen = new Map<string, string>();
    for (const [h, host] of hosts(context)) {
      const list = objects(host.interfaces);
      // Interfaces map NMState's names to MACs: the installer wants them only with a networkConfig.
      if (list.length === 0 && host.networkConfig !== undefined) {
        yield ac('agent.host-interfaces', 'error', `/hosts/${h}`, `hosts[${h}].interfaces: Required value: at least one interface must be defined for each node`, 'List every NIC the host uses as {name, macAddress}.');
        continue;
      }
      const names = new Set<string>();
      for (const [i, iface] of list) {
        const path = `/hosts/${h}/interfaces/${i}`;
        const name = str(iface.name);
        if (name !== undefined) {
          if (names.has(name)) yield ac('agent.interface-duplicate', 'error', `${path}/name`, `MACs and Interfaces for host ${h} must be unique (interface ${name} appears twice)`);
          names.add(name);
        }
        const mac = str(iface.macAddress);
        if (mac === undefined || mac === '') {
          yield ac('agent.mac-missing', 'error', path, `hosts[${h}].interfaces[${i}].macAddress: Required value: each interface must have a MAC address defined`);
          continue;
        }
        const at = `${path}/macAddress`;
        if (!ANY_MAC.test(mac)) {
          yield ac('agent.mac-invalid', 'error', at, `hosts[${h}].interfaces[${i}].macAddress: Invalid value: "${mac}": address ${mac}: invalid MAC address`);
          continue;
        }
        if (!COLON_MAC.test(mac)) {
          yield ac('agent.mac-invalid', 'error', at, `MAC address ${mac} for host ${h} is incorrectly formatted, use XX:XX:XX:XX:XX:XX format`);
        }
        const normal = normalMac(mac);
        if ((parseInt(normal.slice(0, 2), 16) & 1) === 1) {
          yield ac('agent.mac-multicast', 'error', at, `hosts[${h}].interfaces[${i}].macAddress: Invalid value: "${mac}": expected unicast mac address, found multicast`);
        }
        const other = seen.get(normal);
        if (other !== undefined) {
          yield ac('agent.mac-duplicate', 'error', at, `hosts[${h}].interfaces[${i}].macAddress: Invalid value: "${mac}": duplicate MAC address found`, `Also used by ${other}; every NIC has its own MAC.`);
        } else {
          seen.set(normal, `${hostLabel(host, h)} ${name ?? `interface ${i}`}`);
        }
      }
    }
  },

  function* roles(context) {
    for (const [h, host] of hosts(context)) {
      if (host.role === undefined || ROLES.includes(String(host.role))) continue;
      yield ac('agent.host-role', 'error', `/hosts/${h}/role`, `hosts[${h}].role: Unsupported value: ${JSON.stringify(host.role)}: supported values: ${ROLES.map((r) => `"${r}"`).join(', ')}`);
    }
  },

  function* rootDeviceHints(context) {
    for (const [h, host] of hosts(context)) {
      const hints = obj(host.rootDeviceHints);
      const name = str(hints.deviceName);
      if (name !== undefined && !(/^\/dev\/[^/]+$/.test(name) || /^\/dev\/disk\/by-path\/[^/]+$/.test(name))) {
        yield ac('agent.root-device-name', 'error', `/hosts/${h}/rootDeviceHints/deviceName`, `hosts[${h}].rootDeviceHints.deviceName: Invalid value: "${name}": Device Name of root device hint must be path in /dev/ or /dev/disk/by-path/`, 'Use /dev/disk/by-path/…, or a serialNumber or wwn hint.');
      }
      for (const key of ['wwnWithExtension', 'wwnVendorExtension']) {
        if (hints[key] === undefined) continue;
        yield ac('agent.root-device-wwn-extension', 'error', `/hosts/${h}/rootDeviceHints/${key}`, `hosts[${h}].rootDeviceHints.${key}: Forbidden: WWN ${key === 'wwnVendorExtension' ? 'vendor ' : ''}extensions are not supported in root device hints`, 'Use the wwn hint instead.');
      }
    }
  },

  function* hostnames(context) {
    const seen = new Map<string, number>();
    for (const [h, host] of hosts(context)) {
      const name = str(host.hostname);
      if (name === undefined) continue;
      const first = seen.get(name.toLowerCase());
      if (first !== undefined) {
        yield ac('agent.hostname-duplicate', 'error', `/hosts/${h}/hostname`, `host name ${name} is used by hosts ${first} and ${h}; assisted-service stops the install (hostname-unique)`, 'Give every host its own name.');
      } else {
        seen.set(name.toLowerCase(), h);
      }
    }
  },
];
