// Every Application retries a failed sync without limit: automated sync never tries the same
// revision again once its sync failed (argo-cd auto_sync.md), so a limit would leave a site
// stuck until someone pushed a new commit.
import { describe, expect, it } from 'vitest';
import { validateObject } from '../../../../main/core/crd';
import { RETRY } from '../../../../main/core/generate/gitops/apps';
import { allObjects, example } from './examples';

describe('sync retry policy', () => {
  const site = example('plant-a');
  site.virtualization.enabled = true;
  const apps = allObjects(site).filter((o) => o.kind === 'Application');

  it('is unlimited (no refresh field an older Application CRD would refuse) and backs off up to 5 minutes, on the root and every child', () => {
    expect(apps.map((a) => a.metadata.name)).toContain('site-root');
    expect(apps.length).toBeGreaterThan(3);
    for (const app of apps) {
      const retry = (app.spec as { syncPolicy: { retry: unknown } }).syncPolicy.retry;
      expect(retry, app.metadata.name).toEqual({ limit: -1, backoff: { duration: '30s', factor: 2, maxDuration: '5m' } });
    }
  });

  it('is a field set the Application CRD knows (strict schema)', () => {
    for (const app of apps) expect(validateObject(app, { strict: true }).errors, app.metadata.name).toEqual([]);
  });

  it('gives each Application its own copy (a change to one does not leak into the next)', () => {
    const [a, b] = apps;
    ((a!.spec as { syncPolicy: { retry: { backoff: { factor: number } } } }).syncPolicy.retry.backoff).factor = 99;
    expect(((b!.spec as { syncPolicy: { retry: { backoff: { factor: number } } } }).syncPolicy.retry.backoff).factor).toBe(2);
    expect(RETRY.backoff.factor).toBe(2);
  });
});
