import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { describe, fuzz } from './yaml';

// A fixed small budget of the differential fuzzer (see yaml.ts); `npm run fuzz` runs 20,000 mutants.
test('YAML differential fuzzing: 2,000 mutants of real OpenAPI YAML, no silent difference from the yaml package or between our two paths', () => {
  const { findings, checked } = fuzz(2000, 20261204);
  assert.equal(checked, 2000);
  assert.deepEqual(findings.map(describe), [], 'minimized inputs');
});
