import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { BackgroundValidator } from '../../server/src/node/validator';
import { bundledCatalogDir, readCatalogDir } from '../../server/src/node/catalogFiles';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';

// The validator's slots hold each open document's latest version so that a
// worker can drop a stale run. They once wrapped after 4,096 documents: the
// document opened 4,096 documents after another shared its slot, and each
// edit of one cancelled the other's run, which then never got diagnostics.

const WORKER = path.join(__dirname, '..', '..', 'server', 'src', 'node', 'validationWorker.js');
const SPEC = 'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths:\n  /users:\n    get:\n      responses:\n        "200": { description: ok }\n';

/** A validator whose results are collected by uri and version. */
function validatorWithResults() {
  const results = new Map<string, number[]>();
  const waiters: Array<() => void> = [];
  const validator = new BackgroundValidator([readCatalogDir(bundledCatalogDir(), () => {})], DEFAULT_SETTINGS, { maxProblems: 1000, codeBudgetMs: 5000 }, (uri, version) => {
    results.set(uri, [...(results.get(uri) ?? []), version]);
    for (const w of waiters.splice(0)) w();
  }, (uri, message) => assert.fail(`validation failed for ${uri}: ${message}`), WORKER);
  /** Resolves once every uri given has a result for its version. */
  const until = async (want: Array<[string, number]>) => {
    while (!want.every(([u, v]) => results.get(u)?.includes(v))) await new Promise<void>((r) => waiters.push(r));
  };
  return { validator, results, until };
}

test('a document opened after 4,096 others have come and gone still gets diagnostics beside one open all along', { timeout: 120_000 }, async () => {
  const { validator, until } = validatorWithResults();
  try {
    validator.validate('file:///a.yaml', 'yaml', 1, SPEC);
    await until([['file:///a.yaml', 1]]);
    // 4,095 documents opened and closed: with wrapping slots the next one took a.yaml's slot.
    for (let i = 0; i < 4095; i++) {
      validator.validate(`file:///tmp/${i}.yaml`, 'yaml', 1, SPEC);
      validator.forget(`file:///tmp/${i}.yaml`);
    }
    validator.validate('file:///b.yaml', 'yaml', 1, SPEC);
    // Different versions, as two documents' versions usually are: a shared slot holds only one of them.
    validator.validate('file:///a.yaml', 'yaml', 5, SPEC);
    validator.validate('file:///b.yaml', 'yaml', 2, SPEC);
    await until([['file:///a.yaml', 5], ['file:///b.yaml', 2]]);
  } finally {
    await validator.dispose();
  }
});

test('past 4,096 documents open at once, the next one is still validated (its run just cannot be cut short)', { timeout: 120_000 }, async () => {
  const { validator, results, until } = validatorWithResults();
  try {
    const uris = Array.from({ length: 4100 }, (_, i) => `file:///open/${i}.yaml`);
    for (const u of uris) validator.validate(u, 'yaml', 1, SPEC);
    await until(uris.map((u) => [u, 1] as [string, number]));
    // A newer version of a slot-less document replaces the older: the older result is never reported after it.
    validator.validate(uris[4099], 'yaml', 2, SPEC);
    validator.validate(uris[4099], 'yaml', 3, SPEC);
    await until([[uris[4099], 3]]);
    assert.deepEqual(results.get(uris[4099])?.filter((v) => v === 2 || v === 3).slice(-1), [3]);
  } finally {
    await validator.dispose();
  }
});
