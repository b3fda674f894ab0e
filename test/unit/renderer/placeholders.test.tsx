// Placeholders must never read as values (issue 14): every placeholder the form steps render is
// an example that says so ("e.g. …") or an instruction (a sentence starting with a capital word,
// "IP address or host name", "Default: 22", "Optional"); values such as host names, paths,
// addresses and versions never start that way.
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { Api } from '../../../renderer/src/api/client';
import { DisksStep } from '../../../renderer/src/steps/disks/DisksStep';
import { GitOpsStep } from '../../../renderer/src/steps/gitops/GitOpsStep';
import { NetworksStep } from '../../../renderer/src/steps/networks/NetworksStep';
import { NodesStep } from '../../../renderer/src/steps/nodes/NodesStep';
import { SiteStep } from '../../../renderer/src/steps/site/SiteStep';
import { StorageStep } from '../../../renderer/src/steps/storage/StorageStep';
import { exampleDoc, type ExampleName } from './example-doc';
import { decode, fakeApi, openStore, render } from './step-render';

const EXAMPLE = /^e\.g\. \S/;
const INSTRUCTION = /^[A-Z][A-Za-z]*\b/;

const looksLikeHint = (placeholder: string) => placeholder === '' || EXAMPLE.test(placeholder) || INSTRUCTION.test(placeholder);

const placeholdersOf = (html: string) => [...html.matchAll(/placeholder="([^"]*)"/g)].map((m) => decode(m[1] ?? ''));

const steps: Record<string, (api: Api) => ReactNode> = {
  site: (api) => <SiteStep api={api} />,
  nodes: (api) => <NodesStep api={api} />,
  networks: () => <NetworksStep />,
  disks: () => <DisksStep />,
  storage: () => <StorageStep />,
  gitops: () => <GitOpsStep />,
};

describe('placeholders', () => {
  it('tells an example or an instruction apart from a value', () => {
    for (const hint of ['e.g. plant-a', 'e.g. 10.10.0.5', 'IP address or host name', 'Default: 22', 'Optional', '']) expect(looksLikeHint(hint), hint).toBe(true);
    for (const value of ['plant-a', '10.10.0.5', '4.18', '/dev/sda', 'core', 'e.g.plant-a']) expect(looksLikeHint(value), value).toBe(false);
  });

  for (const example of ['plant-a', 'plant-b-racks'] as ExampleName[]) {
    for (const [step, node] of Object.entries(steps)) {
      it(`on the ${step} step of ${example} are examples or instructions`, async () => {
        const doc = exampleDoc(example);
        const { store } = await openStore(doc);
        const placeholders = placeholdersOf(render(store, node(fakeApi(doc) as Api)));
        if (step !== 'disks') expect(placeholders.length, step).toBeGreaterThan(0);
        expect(placeholders.filter((p) => !looksLikeHint(p))).toEqual([]);
      });
    }
  }
});
