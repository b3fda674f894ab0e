// OpenShift Virtualization: VM networks are role-vm networks on a Linux bridge or an OVN
// localnet; each listed one becomes a NetworkAttachmentDefinition.
import { effectiveLayout, vmAttachment } from '../../site/model';
import type { Rule } from '../engine';
import { defineRule, listWords, networkInfos, networksByName, nodeLayouts, pointer } from './common';

export const virtualizationRules: Rule[] = [
  defineRule('virtualization.vm-networks-missing', 'Virtualization has at least one VM network', function* (site) {
    const v = site.virtualization;
    if (!v.enabled || (v.vmNetworks?.length ?? 0) > 0) return;
    yield {
      severity: 'error',
      path: v.vmNetworks === undefined ? pointer('virtualization') : pointer('virtualization', 'vmNetworks'),
      message: 'Virtualization is enabled but lists no VM network; VMs could not reach the plant network.',
      hint: 'Define a network with role: vm and list it in virtualization.vmNetworks.',
    };
  }),

  defineRule('virtualization.vm-network-invalid', 'VM networks name role-vm networks', function* (site) {
    if (!site.virtualization.enabled) return;
    const networks = networksByName(site);
    for (const [k, name] of (site.virtualization.vmNetworks ?? []).entries()) {
      const info = networks.get(name);
      if (info?.network.role === 'vm') continue;
      yield {
        severity: 'error',
        path: pointer('virtualization', 'vmNetworks', k),
        message: info ? `VM network ${name} has role ${info.network.role}, not vm.` : `VM network "${name}" does not exist.`,
        hint: 'List only networks with role: vm.',
      };
    }
  }),

  defineRule('virtualization.vm-network-not-bridged', 'Linux-bridge VM networks are carried on a bridge on every node', function* (site) {
    if (!site.virtualization.enabled) return;
    const networks = networksByName(site);
    const views = nodeLayouts(site);
    for (const [k, name] of (site.virtualization.vmNetworks ?? []).entries()) {
      const network = networks.get(name)?.network;
      if (network?.role !== 'vm') continue;
      // localnet VM networks ride on br-ex; vm-networks.ts checks where they are carried.
      const bridged = views.filter((v) => vmAttachment(site, network, effectiveLayout(site, v.node)) === 'linux-bridge');
      const missing = bridged.filter((v) => !v.uplinks.some((u) => u.bridge !== undefined && u.networks.includes(name))).map((v) => v.name);
      if (missing.length === 0) continue;
      yield {
        severity: 'error',
        path: pointer('virtualization', 'vmNetworks', k),
        message: `VM network ${name} is not carried on a bridged uplink on ${listWords(missing)}.`,
        hint: `Carry ${name} on an uplink that has a bridge (e.g. bridge: br-vm).`,
      };
    }
  }),

  defineRule('virtualization.vm-network-unlisted', 'Every VM network is offered to VMs', function* (site) {
    if (!site.virtualization.enabled) return;
    const listed = new Set(site.virtualization.vmNetworks ?? []);
    for (const { network, index } of networkInfos(site)) {
      if (network.role !== 'vm' || listed.has(network.name)) continue;
      yield {
        severity: 'warning',
        path: pointer('networks', index),
        message: `Network ${network.name} has role vm but is not in virtualization.vmNetworks; it gets no NetworkAttachmentDefinition and VMs cannot use it.`,
        hint: `Add ${network.name} to virtualization.vmNetworks, or change its role.`,
      };
    }
  }),
];
