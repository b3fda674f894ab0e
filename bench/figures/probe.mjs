// Wall time to probe the three test-bed nodes (real OpenSSH servers in network namespaces,
// test/testbed) with Sitekit — the hardware and every plant check: two DNS servers (dnsmasq),
// the mirror registry (Debian's docker-registry, TLS and basic login, release image and index),
// NTP (chronyd), the gateway and the VIPs — and in the same run the time of Ansible's fact
// gathering (`ansible all -m setup`, Debian's ansible-core) against the same nodes, user and
// key. Each figure is the median of several runs with fresh SSH connections. Needs root (the
// bed creates namespaces); without ansible the ratio is replaced by how to install it.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { tsImport } from 'tsx/esm/api';

const RUNS = 5;
const ANSIBLE_RUNS = 3;
// Which ansible to run (e.g. a venv's); a path that does not exist shows the not-installed line.
const ANSIBLE = process.env.SITEKIT_BENCH_ANSIBLE ?? 'ansible';

export default async function measure() {
  const testbed = await tsImport('../../test/testbed/testbed.ts', import.meta.url);
  const services = await tsImport('../../test/testbed/services/plant.ts', import.meta.url);
  const registries = await tsImport('../../test/testbed/services/registry.ts', import.meta.url);
  const { PLANT_OCTETS } = await tsImport('../../test/testbed/services/addresses.ts', import.meta.url);
  const { plantBedSite } = await tsImport('../../test/integration/plant/plant-site.ts', import.meta.url);
  const { probeNodes } = await tsImport('../../main/core/probe/probe.ts', import.meta.url);
  const { mergePins } = await tsImport('../../main/core/probe/store.ts', import.meta.url);
  const { checkInventories } = await tsImport('../../main/core/probe/checks/index.ts', import.meta.url);
  const { registryAuths } = await tsImport('../../main/core/plant/registry-auth.ts', import.meta.url);
  const bed = await testbed.startTestBed();
  const work = await mkdtemp(path.join(tmpdir(), 'sitekit-bench-probe-'));
  let plant;
  let registry;
  try {
    plant = await services.startPlantServices(bed, { dnsProfiles: ['complete', 'secondary'] });
    registry = await registries.startRegistry(bed, {
      lastOctet: PLANT_OCTETS.registryFirst,
      endpoints: [{ cert: 'trusted', auth: 'basic' }],
      images: [{ repository: 'openshift/release-images', tag: '4.18.12-x86_64' }, { repository: 'redhat/redhat-operator-index', tag: 'v4.18', list: true }],
    });
    const endpoint = registries.endpointOf(registry, 'trusted', 'basic');
    const site = plantBedSite(bed, plant, { mirror: { registry: endpoint.host, caBundle: registry.caPem } });
    site.cluster.openshiftVersion = '4.18.12';
    const auths = registryAuths(registries.pullSecretFor(registry, endpoint), [endpoint.host]).auths;
    const credentials = { privateKey: await readFile(bed.identityFile) };
    const options = { credentials, commandTimeoutMs: 60_000, plant: { auths } };
    // First contact pins the host keys, as a technician's first probe does; then measure.
    const first = await probeNodes(site, { ...options, acceptNewHostKeys: true });
    const pins = mergePins({}, first);
    // A check that failed fast would flatter the figure: the bed's plant must come out clean.
    const inventories = first.flatMap((r) => (r.inventory ? [r.inventory] : []));
    const plantErrors = checkInventories(site, inventories, first).filter((f) => f.id.startsWith('plant.') && f.severity !== 'info');
    if (plantErrors.length) throw new Error(`the bench bed's plant checks are not clean: ${plantErrors.map((f) => f.message).join(' | ')}`);
    const probeTimes = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const results = await probeNodes(site, { ...options, pins });
      probeTimes.push(performance.now() - start);
      const bad = results.filter((r) => r.status !== 'ok');
      if (bad.length) throw new Error(`probe failed: ${bad.map((r) => `${r.node} ${r.status} ${r.message}`).join('; ')}`);
    }
    const probeMs = median(probeTimes);
    // The same probe without the plant checks: what the hardware collection alone costs.
    const hardwareTimes = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await probeNodes(site, { ...options, pins, plant: { requests: [] } });
      hardwareTimes.push(performance.now() - start);
    }
    const asked = first[0]?.inventory?.facts.plant?.requests.length ?? 0;
    console.log(`(probe: hardware and ${asked} plant checks per node: ${first[0]?.inventory?.facts.plant?.requests.map((r) => r.kind).filter((k, i, all) => all.indexOf(k) === i).join(', ')})`);
    const figures = [
      { name: 'probe-3-nodes-wall', value: probeMs, unit: 'ms' },
      { name: 'probe-3-nodes-hardware-only-wall', value: median(hardwareTimes), unit: 'ms' },
    ];

    if (!(await hasAnsible())) {
      console.log('ansible-setup-3-nodes-wall: ansible not installed: apt-get install -y ansible-core');
      console.log('probe-vs-ansible-speedup: not measured (ansible not installed: apt-get install -y ansible-core)');
      return figures;
    }
    const inventory = path.join(work, 'hosts.ini');
    await writeFile(
      inventory,
      '[testbed]\n' +
        bed.nodes.map((n) => `${n.name} ansible_host=${n.host} ansible_port=${n.port}`).join('\n') +
        `\n\n[testbed:vars]\nansible_user=${bed.user}\nansible_ssh_private_key_file=${bed.identityFile}\nansible_python_interpreter=/usr/bin/python3\n`,
    );
    const ansibleTimes = [];
    for (let i = 0; i < ANSIBLE_RUNS; i++) {
      // A fresh control-path folder per run: no SSH connection survives from the run before.
      const env = {
        ...process.env,
        ANSIBLE_HOST_KEY_CHECKING: 'False',
        ANSIBLE_SSH_CONTROL_PATH_DIR: path.join(work, `cp-${i}`),
        ANSIBLE_LOCAL_TEMP: path.join(work, `tmp-${i}`),
        ANSIBLE_NOCOLOR: '1',
        ANSIBLE_FORKS: '3',
      };
      const start = performance.now();
      const run = await exec(ANSIBLE, ['testbed', '-i', inventory, '-m', 'setup'], env);
      ansibleTimes.push(performance.now() - start);
      const ok = (run.stdout.match(/\| SUCCESS =>/g) ?? []).length;
      if (run.code !== 0 || ok !== 3) throw new Error(`ansible -m setup failed (exit ${run.code}, ${ok}/3 ok): ${(run.stderr || run.stdout).slice(0, 600)}`);
    }
    const ansibleMs = median(ansibleTimes);
    figures.push({ name: 'ansible-setup-3-nodes-wall', value: ansibleMs, unit: 'ms' });
    figures.push({ name: 'probe-vs-ansible-speedup', value: ansibleMs / probeMs, unit: 'x' });
    figures.push({ name: 'probe-hardware-only-vs-ansible-speedup', value: ansibleMs / median(hardwareTimes), unit: 'x' });
    return figures;
  } finally {
    await registries.stopRegistry(registry);
    await services.stopPlantServices(bed, plant);
    await testbed.stopTestBed(bed);
    await rm(work, { recursive: true, force: true });
  }
}

async function hasAnsible() {
  const run = await exec(ANSIBLE, ['--version'], process.env).catch(() => undefined);
  return run?.code === 0;
}

function exec(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
