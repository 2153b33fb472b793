import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers/service';

// CI must take the path a user takes: .ci/run runs README's set-up and test
// commands as written. .ci/run compares them itself before it runs anything;
// this test says so earlier, on a developer's machine.
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');

/** The first README line that starts with `start`, less its trailing comment. */
function readmeCommand(start: string): string {
  const line = readme.split('\n').find((l) => l.startsWith(`${start} `));
  assert.ok(line, `README has a line starting with "${start}"`);
  return line.replace(/\s+#.*$/, '').trimEnd();
}

/** The value .ci/run gives a variable (`NAME='…'`). */
function ciVariable(name: string): string {
  const m = new RegExp(`^${name}='([^']*)'$`, 'm').exec(ci);
  assert.ok(m, `.ci/run sets ${name}`);
  return m[1];
}

test("README's set-up and test commands are the two that .ci/run runs", () => {
  assert.equal(ciVariable('SETUP'), readmeCommand('npm ci'));
  assert.equal(ciVariable('TESTS'), readmeCommand('npm test'));
  assert.match(ci, /for cmd in "\$SETUP" "\$TESTS"; do/);
});

test('.ci/run installs the Debian packages README names, and nothing else runs before the two commands', () => {
  const pkgs = /^APT_PKGS=\(([^)]*)\)$/m.exec(ci)?.[1];
  assert.ok(pkgs, '.ci/run lists its Debian packages');
  assert.ok(readme.replace(/\s+/g, ' ').includes(`apt-get install ${pkgs}`), `README names: apt-get install ${pkgs}`);
  // No npm or node command of its own: every project step comes from README's lines.
  const own = ci.split('\n').filter((l) => /^\s*(npm|npx|node|bash scripts)\b/.test(l));
  assert.deepEqual(own, []);
});
