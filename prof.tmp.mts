import { writeFileSync } from 'node:fs';
import { startTestBed, stopTestBed } from './test/testbed/testbed';
import { startPlantServices, stopPlantServices } from './test/testbed/services/plant';
import * as regs from './test/testbed/services/registry';
import { PLANT_OCTETS } from './test/testbed/services/addresses';
import { plantBedSite } from './test/integration/plant/plant-site';
import { onNode } from './test/testbed/services/on-node';
import { plantPlan } from './main/core/plant/requests';
import { attachRegistryAuths, registryAuths } from './main/core/plant/registry-auth';
import { collectScript } from './main/core/probe/collect/script';
const bed = await startTestBed();
const svc = await startPlantServices(bed, { dnsProfiles: ['complete', 'secondary'] });
const registry = await regs.startRegistry(bed, { lastOctet: PLANT_OCTETS.registryFirst, endpoints: [{ cert: 'trusted', auth: 'basic' }], images: [{ repository: 'openshift/release-images', tag: '4.18.12-x86_64' }, { repository: 'redhat/redhat-operator-index', tag: 'v4.18', list: true }] });
try {
  const ep = regs.endpointOf(registry, 'trusted', 'basic');
  const site = plantBedSite(bed, svc, { mirror: { registry: ep.host, caBundle: registry.caPem } });
  site.cluster.openshiftVersion = '4.18.12';
  const auths = registryAuths(regs.pullSecretFor(registry, ep), [ep.host]).auths;
  const all = attachRegistryAuths(plantPlan(site).requests, auths);
  const variants: [string, object][] = [['hardware only', {}], ['with plant', all]];
  for (const kind of ['dns', 'tls', 'http', 'ntp', 'ping']) variants.push([`only ${kind}`, { ...all, requests: all.requests.filter((r: any) => r.kind === kind) }]);
  const node = bed.nodes[0]!;
  for (const [name, input] of variants) {
    writeFileSync('/tmp/v.sh', collectScript(input as never));
    const r = await onNode(bed, node, `/usr/bin/time -f '%e s wall %U user %S sys' sh /tmp/v.sh > /dev/null`);
    const t = performance.now();
    await Promise.all(bed.nodes.map((n) => onNode(bed, n, `sh /tmp/v.sh > /dev/null`)));
    console.log(name.padEnd(14), r.stderr.trim().split('\n').pop(), '| three at once', Math.round(performance.now() - t), 'ms');
  }
} finally { await regs.stopRegistry(registry); await stopPlantServices(bed, svc); await stopTestBed(bed); }
