import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadWorkspaceConfig } from '../../server/src/node/config';
import { CATALOG_LIMITS, loadCatalogLayers } from '../../server/src/node/customCatalog';
import { readTextWithin } from '../../server/src/node/safeRead';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { makeFifo, tempDir } from './inputs';

// Promise: reading a workspace's catalog files and .stylebook.yaml reads only
// regular files inside the workspace (or a folder the user allowed), stops
// after a bounded number of bytes actually read, and never waits on a FIFO.
// Each case below is a real link or FIFO in a temporary folder.

const PAGE = ['---', 'topic_id: fine', "topic_category: 'C'", "topic_name: 'Fine'", "topic_description: 'D'", 'guidelines: []', '---', 'Body', ''].join('\n');

function workspace(name: string, build: (dir: string) => void, test: (dir: string) => void): void {
  const { dir, remove } = tempDir(name);
  try {
    build(dir);
    test(dir);
  } finally {
    remove();
  }
}

const settingsWith = (...catalogPaths: string[]) => ({ ...DEFAULT_SETTINGS, catalogPaths });

test('hostile: .stylebook.yaml linked to /proc/self/pagemap is refused unread, even untrusted (it once read 4 GB in 29 s)', () => {
  workspace('pagemap', (dir) => fs.symlinkSync('/proc/self/pagemap', path.join(dir, '.stylebook.yaml')), (dir) => {
    const c = loadWorkspaceConfig(dir, { trusted: false });
    assert.deepEqual(c.settings, DEFAULT_SETTINGS);
    assert.equal(c.problems.length, 1);
    assert.match(c.problems[0].message, /^the configuration is a link to \/proc\/\d+\/pagemap, which lies in \/proc, a kernel file system, not a file that can be read as text; defaults apply$/);
  });
});

test('hostile: .stylebook.yaml linked to /dev/zero is refused (stat says 0 bytes)', () => {
  workspace('zero', (dir) => fs.symlinkSync('/dev/zero', path.join(dir, '.stylebook.yaml')), (dir) => {
    assert.match(loadWorkspaceConfig(dir).problems[0].message, /a link to \/dev\/zero, which lies in \/dev, a kernel file system/);
  });
});

test('hostile: .stylebook.yaml as a FIFO is refused at once, not waited on', () => {
  workspace('fifo', (dir) => makeFifo(path.join(dir, '.stylebook.yaml')), (dir) => {
    assert.match(loadWorkspaceConfig(dir).problems[0].message, /^the configuration is a FIFO \(named pipe\), not a regular file; defaults apply$/);
  });
});

test('hostile: .stylebook.yaml linked to a file outside the workspace is refused', () => {
  const outside = tempDir('outside');
  try {
    fs.writeFileSync(path.join(outside.dir, 'secret.yaml'), 'naming: {pathCase: any}\n');
    workspace('outlink', (dir) => fs.symlinkSync(path.join(outside.dir, 'secret.yaml'), path.join(dir, '.stylebook.yaml')), (dir) => {
      assert.match(loadWorkspaceConfig(dir).problems[0].message, /lies outside the workspace/);
    });
  } finally {
    outside.remove();
  }
});

test('hostile: a catalog page linked to /dev/zero, a FIFO page and a page linked outside are each a problem on that file; the good page loads', () => {
  workspace('pages', (dir) => {
    fs.mkdirSync(path.join(dir, 'cat'));
    fs.writeFileSync(path.join(dir, 'cat', 'fine.md'), PAGE);
    fs.symlinkSync('/dev/zero', path.join(dir, 'cat', 'zero.md'));
    fs.symlinkSync('/proc/self/pagemap', path.join(dir, 'cat', 'pagemap.md'));
    makeFifo(path.join(dir, 'cat', 'fifo.md'));
    fs.symlinkSync('/etc/hostname', path.join(dir, 'cat', 'etc.yaml'));
  }, (dir) => {
    const { layers, problems } = loadCatalogLayers(dir, settingsWith('cat'));
    assert.deepEqual(layers[0].map((p) => path.basename(p.source)), ['fine.md']);
    const by = Object.fromEntries(problems.map((p) => [path.basename(p.source), p.message]));
    assert.match(by['zero.md'], /^zero\.md is a link to \/dev\/zero, which lies in \/dev, a kernel file system/);
    assert.match(by['pagemap.md'], /lies in \/proc, a kernel file system/);
    assert.match(by['fifo.md'], /^fifo\.md is a FIFO \(named pipe\), not a regular file; skipped$/);
    assert.match(by['etc.yaml'], /lies outside the workspace/);
    assert.equal(problems.length, 4);
  });
});

test('hostile: catalog paths "/" and "../../.." from the workspace are refused, and say how the user allows a folder', () => {
  workspace('outside-paths', () => undefined, (dir) => {
    const { layers, problems } = loadCatalogLayers(dir, settingsWith('/', '../../..'), { outsideHint: 'ask the user' });
    assert.deepEqual(layers, [[], []]);
    assert.equal(problems.length, 2);
    for (const p of problems) assert.match(p.message, /lies outside the workspace and the folders allowed to be read; ask the user$/);
  });
});

test('hostile: a linked folder inside a catalog folder that leads outside is refused; a folder the user allowed is read', () => {
  const outside = tempDir('team');
  try {
    fs.writeFileSync(path.join(outside.dir, 'fine.md'), PAGE);
    workspace('dirlink', (dir) => {
      fs.mkdirSync(path.join(dir, 'cat'));
      fs.symlinkSync(outside.dir, path.join(dir, 'cat', 'linked'));
      fs.symlinkSync('/', path.join(dir, 'cat', 'root'));
    }, (dir) => {
      const denied = loadCatalogLayers(dir, settingsWith('cat'));
      assert.deepEqual(denied.layers, [[]]);
      assert.equal(denied.problems.length, 2);
      assert.match(denied.problems[0].message, /^catalog path "cat" \(.*\) contains linked, which is a link to .*, which lies outside the workspace/);
      assert.match(denied.problems[1].message, /^catalog path "cat" \(.*\) contains root, which is a link to \/, which lies outside the workspace/);
      const allowed = loadCatalogLayers(dir, settingsWith('cat', outside.dir), { allowedFolders: [outside.dir] });
      assert.equal(allowed.layers[0].length, 1, 'through the link');
      assert.equal(allowed.layers[1].length, 0, 'the same folder is read once');
      assert.equal(allowed.problems.length, 1);
      assert.match(allowed.problems[0].message, /contains root, which is a link to \//);
    });
  } finally {
    outside.remove();
  }
});

test('hostile: a page larger than the limit is refused after reading just past the limit, whatever stat says', () => {
  workspace('big', (dir) => fs.writeFileSync(path.join(dir, 'big.md'), 'x'.repeat(300_000)), (dir) => {
    const r = readTextWithin(path.join(dir, 'big.md'), [dir], 256 * 1024);
    assert.match(r.message ?? '', /^is larger than 262144 bytes/);
    const { problems } = loadCatalogLayers(dir, settingsWith('big.md'));
    assert.match(problems[0].message, /^big\.md is larger than 262144 bytes/);
  });
});

test('hostile: a catalog of more files than the limit stops reading at the limit and says so on the first file left out', () => {
  workspace('many', (dir) => {
    fs.mkdirSync(path.join(dir, 'cat'));
    for (let i = 0; i <= CATALOG_LIMITS.files; i++) fs.writeFileSync(path.join(dir, 'cat', `p${String(i).padStart(5, '0')}.md`), PAGE);
  }, (dir) => {
    const { layers, problems } = loadCatalogLayers(dir, settingsWith('cat'));
    assert.equal(layers[0].length, CATALOG_LIMITS.files);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /was not read: the workspace catalog already holds 2000 files/);
  });
});
