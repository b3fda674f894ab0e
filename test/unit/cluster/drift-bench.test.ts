// The drift bench's scenario works (its time is measured by `npm run bench`, never asserted).
import { expect, it } from 'vitest';
import { benchBundle, benchDrift } from '../../kube/scenarios/bench-drift';

it('checks a 200-object bundle with a few drifted objects, with far fewer requests than objects', async () => {
  expect(benchBundle()).toHaveLength(200);
  const result = await benchDrift();
  expect(result).toMatchObject({ objects: 200, summary: { same: 196, different: 3, missing: 1, unknown: 0 } });
  expect(result.requests).toBeLessThan(60);
  expect(result.ms).toBeGreaterThan(0);
});
