// probe.*: discovery over SSH with per-node progress events, and applying the proposals it
// made. SSH credentials come from the secret store by name (ssh-password, ssh-passphrase),
// never from the input. Host keys are trusted only when pinned or when the technician
// accepted that node's fingerprint (acceptNewHostKeys), after seeing it in an earlier run.
// The stored password goes only to the address + host key pairs it is bound to
// (secret-binding.ts): accepting a node's new key binds it there; a pinned key it was never
// used with (a pin file that came with the site folder, a node whose address changed, a
// password stored by an older Sitekit) stops the run with `needs-confirmation` until the
// technician confirms those targets (`allowPasswordFor`). An unpinned key never gets it: the
// host key is checked before any login.
// The plant checks ask the mirror registry from the nodes; when it wants a login, the script
// carries ONLY that registry's auth out of the stored pull secret (plant-credentials.ts), and
// only to the nodes the run logs in to — their keys pinned or accepted by the technician, as
// for the password. Neither the pull secret nor the auth is ever in an answer or an event.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { InventoryView, PlanProposal, ProbeNodeResult, ProbeRunResult, SaveResult } from '../../contract/api';
import { writeFileAtomic } from '../../core/fs/atomic-write';
import type { NodeInventory } from '../../core/probe/inventory';
import { jumpPinKey, probeNodes, type ProbeOptions } from '../../core/probe/probe';
import { applyProposals, proposePlanEdits } from '../../core/probe/proposals';
import type { HostKeyPins, JumpHost, SshCredentials } from '../../core/probe/ssh/types';
import { judgeTlsResults } from '../../core/plant/tls-judge';
import { loadInventories, loadPins, mergePins, saveInventory, savePins } from '../../core/probe/store';
import { reviewProbe } from '../../core/probe/review';
import { credentialFinding, plantProbeSetup } from '../../core/plant/probe-options';
import type { Site } from '../../core/site/schema';
import { addToBinding, readBinding, sshTarget } from '../secret-binding';
import { HandlerError, fsError, resolveAbsolute, type HandlerContext, type ImplTable } from './common';

export const SSH_PASSWORD = 'ssh-password';

/** Where this run would log in with the password: each node (and the jump host) whose key it trusts. */
function passwordTargets(site: Site, nodes: readonly string[] | undefined, pins: HostKeyPins, jump: JumpHost | undefined): Map<string, string> {
  const targets = new Map<string, string>(); // target → who, in words
  for (const node of site.nodes) {
    if (nodes && !nodes.includes(node.hostname)) continue;
    const pin = pins[node.hostname];
    if (!node.ssh?.host || !pin) continue; // no trusted key: refused before any login
    const port = node.ssh.port ?? 22;
    targets.set(sshTarget(node.ssh.host, port, pin.sha256), `${node.hostname} at ${node.ssh.host}:${port} (host key ${pin.sha256})`);
  }
  if (jump?.pin) {
    const port = jump.port ?? 22;
    targets.set(sshTarget(jump.host, port, jump.pin.sha256), `the jump host ${jump.host}:${port} (host key ${jump.pin.sha256})`);
  }
  return targets;
}

function parseJump(spec: string, credentials: SshCredentials): JumpHost {
  const match = /^(?:([^@\s]+)@)?(\[[0-9a-fA-F:.]+\]|[^:@\s[\]]+)(?::(\d{1,5}))?$/.exec(spec);
  if (!match) throw new HandlerError('invalid-input', `jumpHost must look like user@host:port (got "${spec}").`);
  const [, user, host, port] = match;
  const n = port ? Number(port) : undefined;
  if (n !== undefined && (n < 1 || n > 65535)) throw new HandlerError('invalid-input', `jumpHost port must be 1–65535 (got ${n}).`);
  return {
    host: host!.replace(/^\[|\]$/g, ''),
    ...(n ? { port: n } : {}),
    credentials: { ...credentials, ...(user ? { username: user } : {}) },
  };
}

export function probeHandlers(ctx: HandlerContext): ImplTable<'probe.run' | 'probe.applyProposals' | 'probe.inventories'> {
  const credentials = async (identityFile: string | undefined): Promise<SshCredentials> => {
    const store = ctx.deps.secrets;
    const creds: SshCredentials = {};
    const password = await store?.get(SSH_PASSWORD);
    const passphrase = await store?.get('ssh-passphrase');
    if (password) creds.password = password;
    if (passphrase) creds.passphrase = passphrase;
    if (identityFile) {
      const file = resolveAbsolute(identityFile, 'identityFile');
      await ctx.files.refusePrivate(file, 'identityFile');
      if (!existsSync(file)) throw new HandlerError('not-found', `identityFile: there is no key file at ${file}.`);
      creds.privateKeyPath = file;
    } else if (!password) {
      if (process.env.SSH_AUTH_SOCK) creds.agent = process.env.SSH_AUTH_SOCK;
      const home = process.env.HOME ?? homedir();
      const key = ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((k) => path.join(home, '.ssh', k)).find((k) => existsSync(k));
      if (key && !creds.agent) creds.privateKeyPath = key;
    }
    return creds;
  };

  /** The stored pull secret (under the plan's secretRef), read only when a mirror registry is planned. */
  const pullSecretOf = async (site: Site): Promise<string | undefined> => {
    if (!site.cluster.mirror) return undefined;
    return (await ctx.deps.secrets?.get(site.cluster.pullSecret.secretRef)) ?? undefined;
  };

  /**
   * Goes on when the password is bound to every target, or the technician confirmed the others
   * now (accepting a node's new key, or `allowPasswordFor`), which binds them. Otherwise asks.
   */
  const checkPasswordTargets = async (targets: Map<string, string>, acceptedNow: string[], confirmed: readonly string[]): Promise<void> => {
    const store = ctx.secretStore();
    const bound = (await readBinding(store, SSH_PASSWORD)) ?? [];
    const consent = new Set([...acceptedNow, ...confirmed]);
    const missing = [...targets.keys()].filter((t) => !bound.includes(t) && !consent.has(t));
    if (missing.length) {
      const where = missing.map((t) => targets.get(t)!).join('; ');
      throw new HandlerError(
        'needs-confirmation',
        `The stored SSH password was never sent to ${where} — not to this address with this host key. Nothing was sent. ` +
          'If these really are your nodes (the fingerprints match their consoles), confirm to use the password for them.',
        { secret: 'ssh-password', boundTo: bound, targets: missing },
      );
    }
    await addToBinding(store, SSH_PASSWORD, [...targets.keys()].filter((t) => !bound.includes(t)));
  };

  return {
    'probe.run': async (input): Promise<ProbeRunResult> => {
      const plan = await ctx.loadPlan(resolveAbsolute(input.sitePath, 'sitePath'));
      const { site, text } = plan;
      const siteDir = path.dirname(plan.file);
      const known = new Set(site.nodes.map((n) => n.hostname));
      const unknown = [...(input.nodes ?? []), ...(input.acceptNewHostKeys ?? []).map((a) => a.node)].filter((n) => !known.has(n));
      if (unknown.length) {
        throw new HandlerError('invalid-input', `nodes: no node named ${unknown.join(', ')} in the plan (nodes: ${[...known].join(', ')}).`);
      }

      const pins = await loadPins(siteDir);
      // A fingerprint the technician accepted counts as a pin for this run; it is stored only
      // when the node really presented it.
      const runPins: HostKeyPins = { ...pins };
      const accepted = new Map<string, string>();
      for (const { node, fingerprint } of input.acceptNewHostKeys ?? []) {
        if (pins[node]) continue; // a pinned key is never replaced from the UI
        const planned = site.nodes.find((n) => n.hostname === node)!;
        accepted.set(node, fingerprint);
        runPins[node] = { host: planned.ssh?.host ?? node, port: planned.ssh?.port ?? 22, algorithm: '', sha256: fingerprint };
      }
      const creds = await credentials(input.identityFile);
      const options: ProbeOptions = {
        credentials: creds,
        pins: runPins,
        acceptNewHostKeys: false,
        onProgress: (e) =>
          ctx.emit('probe.progress', {
            node: e.node,
            phase: e.phase,
            ...(e.status ? { status: e.status } : {}),
            ...(e.message ? { message: e.message } : {}),
          }),
        ...(input.nodes ? { nodes: input.nodes } : {}),
        ...(input.connectTimeoutSeconds ? { connectTimeoutMs: input.connectTimeoutSeconds * 1000 } : {}),
      };
      const plant = plantProbeSetup(site, await pullSecretOf(site), input.diskSpeed === true);
      if (plant.options) options.plant = plant.options;
      if (input.jumpHost) {
        const jump = parseJump(input.jumpHost, creds);
        const pin = pins[jumpPinKey(jump)];
        if (pin) jump.pin = pin;
        options.jumpHost = jump;
      }
      if (creds.password && ctx.deps.secrets) {
        await checkPasswordTargets(
          passwordTargets(site, input.nodes, runPins, options.jumpHost),
          [...accepted].map(([node, fp]) => {
            const planned = site.nodes.find((n) => n.hostname === node)!;
            return planned.ssh?.host ? sshTarget(planned.ssh.host, planned.ssh.port ?? 22, fp) : '';
          }).filter(Boolean),
          input.allowPasswordFor ?? [],
        );
      }
      const results = await probeNodes(site, options);

      let merged = mergePins(pins, results);
      for (const r of results) {
        const fp = accepted.get(r.node);
        if (fp && r.fingerprint === fp && !merged[r.node]) {
          merged = { ...merged, [r.node]: { ...runPins[r.node]!, algorithm: r.algorithm ?? 'unknown', pinnedAt: new Date().toISOString() } };
        }
      }
      try {
        if (JSON.stringify(merged) !== JSON.stringify(pins)) await savePins(siteDir, merged);
        const fresh = results.flatMap((r) => (r.inventory ? [r.inventory] : []));
        for (const inventory of fresh) await saveInventory(siteDir, inventory);
      } catch (error) {
        throw fsError(error, siteDir) ?? error;
      }

      const review = await reviewProbe(site, text, siteDir, results);
      const findings = [...plant.problems.map(credentialFinding), ...review.findings];
      const proposals: PlanProposal[] = review.proposals;
      const out: ProbeNodeResult[] = results.map((r) => {
        const view: ProbeNodeResult = { node: r.node, status: r.status, message: r.message };
        const fp = accepted.get(r.node);
        if (fp && r.status === 'host-key-changed') {
          // Not a changed pin: the node showed another key than the one the technician accepted.
          view.message =
            `${r.node} presented the host key ${r.fingerprint ?? '?'}, not ${fp} that you accepted. ` +
            'Sitekit stopped for this node; compare the fingerprint on the node’s console before accepting it.';
        }
        if (r.fingerprint !== undefined) view.fingerprint = r.fingerprint;
        if (r.pinnedFingerprint !== undefined) view.pinnedFingerprint = r.pinnedFingerprint;
        if (r.algorithm !== undefined) view.algorithm = r.algorithm;
        if (r.durationMs !== undefined) view.durationMs = r.durationMs;
        return view;
      });
      return { results: out, findings, proposals };
    },

    'probe.applyProposals': async ({ sitePath, ids }): Promise<SaveResult> => {
      const file = resolveAbsolute(sitePath, 'sitePath');
      if (await ctx.isExample(file)) {
        throw new HandlerError('read-only', 'The bundled example is read-only. Save it as your own site first.');
      }
      const plan = await ctx.loadPlan(file);
      const inventories = await loadInventories(path.dirname(file)).catch(() => [] as NodeInventory[]);
      const proposals = proposePlanEdits(plan.site, inventories);
      const missing = ids.filter((id) => !proposals.some((p) => p.id === id));
      if (missing.length) {
        throw new HandlerError('invalid-input', `ids: no proposal ${missing.map((m) => `"${m}"`).join(', ')} (probe again to list them).`);
      }
      const updated = applyProposals(plan.text, proposals, ids);
      const check = await ctx.checkText(updated);
      if (check.status !== 'ok') throw new HandlerError('invalid-site', 'Applying the proposals would make the plan unreadable; nothing was written.');
      if (updated !== plan.text) {
        try {
          await writeFileAtomic(file, updated);
        } catch (error) {
          throw fsError(error, file) ?? error;
        }
      }
      const savedAt = new Date().toISOString();
      ctx.emit('site.saved', { path: file, savedAt });
      return { ...(await ctx.toDocument(updated, file, false)), path: file, savedAt };
    },

    // Readable even when the plan has field errors: the inventories are what helps fix it.
    // Nodes of the plan first, in its order; inventories of nodes no longer in it after them.
    'probe.inventories': async ({ sitePath }): Promise<InventoryView[]> => {
      const file = resolveAbsolute(sitePath, 'sitePath');
      // Path policy, private folders and "is it a plan" first, as for site.open.
      const doc = await ctx.openFile(file);
      const order = new Map((doc.site?.nodes ?? []).map((n, i) => [n.hostname, i] as const));
      const stored = await loadInventories(path.dirname(file));
      // The registry certificates judged against the plan as it is now (the wizard's checks read the verdicts).
      const inventories = doc.site ? judgeTlsResults(doc.site, stored) : stored;
      const rank = (inv: NodeInventory) => order.get(inv.node) ?? order.size;
      return inventories
        .sort((a, b) => rank(a) - rank(b) || a.node.localeCompare(b.node))
        .map(({ sections: _sections, ...view }) => view);
    },
  };
}
