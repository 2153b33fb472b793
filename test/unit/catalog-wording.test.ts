import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePositionsFile } from '../../server/src/service/catalog/positions';
import { ROOT, shippedCatalog } from '../helpers/service';
import { fnv1a32, hasShingle, markdownProse, readShingleFile, shingles, shingleWords, SHINGLE_HASH, SHINGLE_WORDS } from '../helpers/shingles';

// Issue 17: the topic pages and the guides' positions are in our own words.
// test/fixtures/guide-shingles.txt holds the hashes of every 8-word run of
// the guides' texts (written by scripts/guide-shingles.mjs from the guides'
// repositories; see its header line), so this check runs offline and
// without the guides. A match is either copied wording, to be rewritten, or
// a phrase everyone uses, allowed below with the reason.

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'guide-shingles.txt');
const POSITIONS = path.join(ROOT, 'catalog', 'positions');

/**
 * 8-word runs whose hash is in the guides' set without being anyone's
 * wording, each with why. Keep it short: copied prose is rewritten, not
 * listed here. The hashes are 32 bits, so with about 193,000 of them each
 * of our runs has roughly a 1 in 22,000 chance of matching by accident (of
 * our 25,600 runs, two did): `node scripts/guide-shingles.mjs --find 'run'`
 * with the mirrors present shows whether a guide holds the run.
 */
const ALLOWED = new Map<string, string>([
  // data-format-date-time.md names where IMF-fixdate is specified; a section citation reads the same in any text (Zalando's names it for Sunset).
  ['defined in rfc 9110 section 5 6 7', 'a citation of a standard\'s section'],
  // http-status-412.md and resource-creation.md: --find finds neither run in any guide text; the hashes collide.
  ['meant to create a resource only if none', 'hash collision, no guide holds the run'],
  ['takes a long time answer 202 accepted with', 'hash collision, no guide holds the run'],
]);

/** One text of ours to check: where it is, and its prose. */
interface OurText { where: string; prose: string }

/** Every topic page's description and body, and every position's summary, as the catalog ships them. */
function ourTexts(): OurText[] {
  const out: OurText[] = [];
  for (const t of shippedCatalog().topics) {
    const file = path.relative(ROOT, t.source).split(path.sep).join('/');
    out.push({ where: `${file} (topic_description)`, prose: t.description });
    out.push({ where: `${file} (body)`, prose: markdownProse(t.body) });
  }
  for (const f of fs.readdirSync(POSITIONS).filter((n) => n.endsWith('.yaml')).sort()) {
    const parsed = parsePositionsFile(fs.readFileSync(path.join(POSITIONS, f), 'utf8'), f);
    for (const e of parsed.file?.entries ?? []) out.push({ where: `catalog/positions/${f}:${e.line + 1} (${e.guide})`, prose: e.summary });
  }
  return out;
}

/** Every 8-word run of our texts whose hash is in the guides' set, as "where: run". */
function copiedRuns(texts: readonly OurText[], set: Uint32Array): string[] {
  const hits: string[] = [];
  for (const t of texts) {
    for (const s of shingles(shingleWords(t.prose))) if (hasShingle(set, s.hash)) hits.push(`${t.where}: ${s.run}`);
  }
  return hits;
}

const isAllowed = (hit: string) => ALLOWED.has(hit.slice(hit.indexOf(': ') + 2));

test('the guides\' shingle set is whole, sorted and covers every guide file catalog/links.json cites', () => {
  const { header, hashes } = readShingleFile(FIXTURE);
  assert.equal(header.words, SHINGLE_WORDS);
  assert.equal(header.hash, SHINGLE_HASH);
  assert.equal(hashes.length, header.count, 'as many hashes as the header says');
  assert.ok(hashes.length >= 100_000, `${hashes.length} hashes: the guides have far more 8-word runs than that`);
  for (let i = 1; i < hashes.length; i++) assert.ok(hashes[i - 1] < hashes[i], `hashes sorted and unique at ${i}`);
  // A reference added or moved since the set was written would go unchecked: the set must be rewritten with it.
  const have = new Set(header.sources.flatMap((s) => s.files.map((f) => `${s.repository}@${s.commit}:${f}`)));
  const links = JSON.parse(fs.readFileSync(path.join(ROOT, 'catalog', 'links.json'), 'utf8')) as { links: Record<string, { status: string; repository?: string; commit?: string; source?: string }> };
  const missing = new Set<string>();
  for (const e of Object.values(links.links)) {
    if ((e.status !== 'verified' && e.status !== 'moved') || !e.repository) continue;
    const key = `${e.repository}@${e.commit}:${e.source?.split('#')[0]}`;
    if (!have.has(key)) missing.add(key);
  }
  assert.deepEqual([...missing], [], 'guide files cited in catalog/links.json but not in the shingle set: with the mirrors present, run npx tsc -b && node scripts/guide-shingles.mjs');
});

test('words and shingles: markup, punctuation, code and URLs do not count, apostrophes join', () => {
  assert.deepEqual(shingleWords('Don\'t <b>send</b> a PUT-request to https://x.example/a?b=1 &amp; (ever).'), ['dont', 'send', 'a', 'put', 'request', 'to', 'ever']);
  assert.deepEqual(shingleWords('Über **Ressourcen** — `id`'), ['über', 'ressourcen', 'id']);
  const prose = markdownProse('Use [RFC 9457](https://www.rfc-editor.org/rfc/rfc9457) and `type`.\n\n```http\nHTTP/1.1 200 OK\n```\nDone.');
  assert.deepEqual(shingleWords(prose), ['use', 'rfc', '9457', 'and', 'done']);
  // FNV-1a's published test vectors, so that the script and the test cannot drift apart on the hash.
  assert.equal(fnv1a32(''), 0x811c9dc5);
  assert.equal(fnv1a32('a'), 0xe40c292c);
  assert.equal(fnv1a32('foobar'), 0xbf9cf968);
  const runs = shingles('one two three four five six seven eight nine'.split(' '));
  assert.deepEqual(runs.map((r) => r.run), ['one two three four five six seven eight', 'two three four five six seven eight nine']);
});

test('a run of ours that is in the set is reported with its file (control: one synthetic shingle added to a copy of the set)', () => {
  const { hashes } = readShingleFile(FIXTURE);
  const texts = ourTexts();
  const target = texts.find((t) => t.where.startsWith('catalog/topics/errors.md') && t.where.endsWith('(body)'));
  assert.ok(target, 'the errors page is in the shipped catalog');
  const run = shingles(shingleWords(target.prose))[5];
  assert.ok(run, 'the errors page has prose');
  assert.ok(!hasShingle(hashes, run.hash), 'the control run is not already a guide run');
  const copy = new Uint32Array(hashes.length + 1);
  copy.set(hashes);
  copy[hashes.length] = run.hash;
  copy.sort();
  const hits = copiedRuns(texts, copy).filter((h) => !isAllowed(h));
  const before = new Set(copiedRuns(texts, hashes));
  assert.deepEqual(hits.filter((h) => !before.has(h)), [`${target.where}: ${run.run}`]);
});

test('no topic page and no position repeats 8 consecutive words of a guide', () => {
  const { hashes } = readShingleFile(FIXTURE);
  const texts = ourTexts();
  assert.ok(texts.length >= 300, `${texts.length} texts checked`);
  const hits = copiedRuns(texts, hashes);
  assert.deepEqual(hits.filter((h) => !isAllowed(h)), [], 'rewrite these runs in our own words (for a technical name or a standard phrase, or a hash collision that scripts/guide-shingles.mjs --find shows, allow the run in ALLOWED with the reason)');
  // An allowance no text needs any more is removed, so the list stays an honest account.
  const used = new Set(hits.map((h) => h.slice(h.indexOf(': ') + 2)));
  assert.deepEqual([...ALLOWED.keys()].filter((r) => !used.has(r)), [], 'allowed runs that no longer occur');
});
