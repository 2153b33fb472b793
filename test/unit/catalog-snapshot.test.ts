import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applySnapshot, createSnapshot, pageHash, readCatalogDir, readPositionsDir } from '../../server/src/node/catalogFiles';
import { buildLayeredCatalog } from '../../server/src/service/catalog/guidelineFile';
import { buildCatalog } from '../../server/src/service/catalog/catalog';
import { compareNames } from '../../server/src/service/compare';
import { ROOT } from '../helpers/service';

// The shipped catalog's build-time snapshot must be invisible: a catalog
// built with it equals one built by parsing every page, and a page whose
// text differs from what the snapshot saw is parsed as usual.

const TOPICS = path.join(ROOT, 'catalog', 'topics');

function writeSnapshot(snapshot: unknown): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-snapshot-')), 'catalog-snapshot.json');
  fs.writeFileSync(file, typeof snapshot === 'string' ? snapshot : JSON.stringify(snapshot));
  return file;
}

test('a catalog built from the snapshot equals one built by parsing every page', () => {
  const pages = readCatalogDir(TOPICS, (m) => assert.fail(m));
  const file = writeSnapshot(createSnapshot(pages));
  const withSnapshot = applySnapshot(pages, file);
  assert.equal(withSnapshot.filter((p) => p.parsed).length, pages.length, 'every shipped page is in the snapshot');
  const a = buildCatalog([pages]);
  const b = buildCatalog([withSnapshot]);
  // Compared as data: parsed references are prototype-less objects, the snapshot's come from JSON.parse.
  const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
  assert.deepStrictEqual(plain(b.topics), plain(a.topics));
  assert.deepStrictEqual(b.problems, a.problems);
  assert.deepStrictEqual(plain(b.guides()), plain(a.guides()));
});

test('the guides\' positions come from the snapshot too, and an edited positions file is parsed again', () => {
  const pages = readCatalogDir(TOPICS, (m) => assert.fail(m));
  const positions = readPositionsDir(path.join(ROOT, 'catalog', 'positions'), (m) => assert.fail(m));
  const file = writeSnapshot(createSnapshot(pages, positions));
  const applied = applySnapshot([...pages, ...positions], file);
  assert.equal(applied.filter((p) => p.positions).length, positions.length, 'every shipped positions file is in the snapshot');
  const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
  const a = buildLayeredCatalog([[...pages, ...positions]]);
  const b = buildLayeredCatalog([applied]);
  assert.deepStrictEqual(b.problems, a.problems);
  for (const t of a.topics) assert.deepStrictEqual(plain(b.positionsFor(t.id)), plain(a.positionsFor(t.id)), t.id);
  // An edit after the build is seen: the file is parsed again, and its new mistake reported.
  const i = positions.findIndex((p) => p.source.endsWith('versioning.yaml'));
  const edited = positions.map((p, j) => (j === i ? { ...p, text: p.text.replace(/stance: 'media type'/, 'stance: \'\'') } : p));
  const again = applySnapshot([...pages, ...edited], file);
  assert.equal(again[pages.length + i].positions, undefined);
  assert.ok(buildLayeredCatalog([again]).problems.some((p) => p.source.endsWith('versioning.yaml') && /missing its "stance"/.test(p.message)));
});

test('an edited page is parsed again, and a broken one reports its problems, despite the snapshot', () => {
  const pages = readCatalogDir(TOPICS, (m) => assert.fail(m));
  const file = writeSnapshot(createSnapshot(pages));
  const i500 = pages.findIndex((p) => p.source.endsWith('http-status-500.md'));
  const i404 = pages.findIndex((p) => p.source.endsWith('http-status-404.md'));
  const edited = pages.map((p, i) => {
    if (i === i500) return { ...p, text: p.text.replace(/^topic_description: .*$/m, 'topic_description: "Edited after the build."') };
    if (i === i404) return { ...p, text: p.text.replace(/^topic_id: .*$/m, 'topic_id:') };
    return p;
  });
  const applied = applySnapshot(edited, file);
  assert.equal(applied[i500].parsed, undefined);
  assert.equal(applied[i404].parsed, undefined);
  const catalog = buildCatalog([applied]);
  assert.equal(catalog.get('http-status-500')?.description, 'Edited after the build.');
  assert.ok(catalog.problems.some((p) => p.source.endsWith('http-status-404.md') && /topic_id/.test(p.message)));
});

test('a missing, malformed or foreign snapshot changes nothing', () => {
  const pages = [...readCatalogDir(TOPICS, (m) => assert.fail(m)).slice(0, 5), ...readPositionsDir(path.join(ROOT, 'catalog', 'positions'), (m) => assert.fail(m)).slice(0, 2)];
  const yaml = path.basename(pages[6].source);
  for (const snapshot of [
    '{ not json', '[]', '{"format": 99, "pages": {}}', '{"format": 1, "pages": null}', '{"format": 1, "pages": {"api-chaining.md": {"hash": 5}}}',
    `{"format": 1, "pages": {}, "positions": {"${yaml}": {"hash": "${pageHash(pages[6].text)}", "file": 5}}}`,
    `{"format": 1, "pages": {}, "positions": {"${yaml}": {"hash": "${pageHash(pages[6].text)}", "file": {"entries": null}}}}`,
    '{"format": 1, "pages": {}, "positions": 7}',
  ]) {
    assert.deepStrictEqual(applySnapshot(pages, writeSnapshot(snapshot)), pages, snapshot);
  }
  assert.deepStrictEqual(applySnapshot(pages, path.join(os.tmpdir(), 'no-such-dir', 'catalog-snapshot.json')), pages);
});

test('a page with problems is never in the snapshot', () => {
  const pages = [{ source: '/x/broken.md', text: '---\ntopic_id: broken\n---\nno name or category' }];
  assert.deepEqual(createSnapshot(pages).pages, {});
});

test('page hashes differ for texts that differ, even by one character', () => {
  const text = fs.readFileSync(path.join(TOPICS, 'http-status-500.md'), 'utf8');
  const seen = new Set([pageHash(text)]);
  for (let i = 0; i < text.length; i += 97) seen.add(pageHash(text.slice(0, i) + (text[i] === 'x' ? 'y' : 'x') + text.slice(i + 1)));
  assert.equal(seen.size, 1 + Math.ceil(text.length / 97));
  assert.equal(pageHash(text), pageHash(`${text}`));
});

test('names are ordered without collation data: case-insensitively, then by code unit', () => {
  assert.deepEqual(['Zalando', 'adidas', 'Atlassian', 'atlassian', 'Microsoft'].sort(compareNames), ['adidas', 'Atlassian', 'atlassian', 'Microsoft', 'Zalando']);
  assert.equal(compareNames('same', 'same'), 0);
});
