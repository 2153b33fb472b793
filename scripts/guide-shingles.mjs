#!/usr/bin/env node
// Maintainer tool: the hashes of the style guides' 8-word runs, for the
// catalog's wording check (test/unit/catalog-wording.test.ts). The product
// never runs it, and the test needs neither this script nor the guides.
//
//   npx tsc -b && node scripts/guide-shingles.mjs              rewrites test/fixtures/guide-shingles.txt
//   node scripts/guide-shingles.mjs --mirrors DIR              mirrors somewhere else (default /work/.mirror)
//   node scripts/guide-shingles.mjs --find 'eight words ...'   which guide files contain this run (to look at a match)
//
// Which texts: every (repository, commit, file) that catalog/links.json
// records for a verified or moved reference, and the files or folders each
// catalog/positions/*.yaml header names for the snapshot its positions were
// read in. They are read from the mirrors (bare git directories named
// owner+name, as scripts/catalog-links.mjs uses them). The text is reduced
// with the same functions the test uses (test/helpers/shingles.ts, loaded
// from out/, hence the build first), and only the sorted unique hashes are
// written: no guide text is committed.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const mirrorsDir = path.resolve(option('--mirrors') ?? '/work/.mirror');
const outFile = path.join(root, 'test', 'fixtures', 'guide-shingles.txt');
const helper = path.join(root, 'out', 'test', 'helpers', 'shingles.js');
if (!fs.existsSync(helper)) {
  console.error(`guide-shingles: ${path.relative(root, helper)} is missing; run npx tsc -b first`);
  process.exit(2);
}
const { shingleWords, shingles, encodeShingleFile, SHINGLE_WORDS } = createRequire(import.meta.url)(helper);

// The kinds of file the guides are written in; anything else in a cited folder (images, build files) is not prose.
const TEXT_FILE = /\.(md|markdown|rst|adoc|asciidoc|html?|txt)$/i;

/** The git directory of a mirrored repository, or undefined when it is not mirrored. */
function gitDirOf(repo) {
  const base = path.join(mirrorsDir, repo.replace('/', '+'), 'repo');
  return [base, path.join(base, '.git')].find((d) => fs.existsSync(path.join(d, 'HEAD')));
}

function git(gitDir, ...a) {
  return execFileSync('git', ['--git-dir', gitDir, ...a], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
}

/** Every (repository, commit) with the set of files (or folder/glob patterns) to read there. */
function wanted() {
  const sources = new Map();
  const add = (repository, commit, file) => {
    const key = `${repository}@${commit}`;
    if (!sources.has(key)) sources.set(key, { repository, commit, patterns: new Set() });
    sources.get(key).patterns.add(file);
  };
  const links = JSON.parse(fs.readFileSync(path.join(root, 'catalog', 'links.json'), 'utf8')).links;
  for (const e of Object.values(links)) {
    if ((e.status === 'verified' || e.status === 'moved') && e.repository && e.commit && e.source) add(e.repository, e.commit, e.source.split('#')[0]);
  }
  // A positions header line reads "#   guide-id: owner/name@commit (paths, then a remark)"; the paths are the tokens without spaces that name a file or folder.
  const dir = path.join(root, 'catalog', 'positions');
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      const m = /^#\s+[\w.-]+:\s+([\w.-]+\/[\w.-]+)@([0-9a-f]{40})(?:\s+\((.*)\))?\s*$/.exec(line);
      if (!m) continue;
      const paths = (m[3] ?? '').split(',').map((s) => s.trim()).filter((s) => /^[\w.*\/-]+$/.test(s) && /[\/.]/.test(s));
      if (paths.length === 0) add(m[1], m[2], undefined);
      for (const p of paths) add(m[1], m[2], p);
    }
  }
  return [...sources.values()].sort((a, b) => `${a.repository}@${a.commit}`.localeCompare(`${b.repository}@${b.commit}`));
}

/** Does a file path match a cited pattern: a file, a folder ending in "/", or a folder with a "*.ext" glob? */
function matches(pattern, file) {
  if (pattern.endsWith('/')) return file.startsWith(pattern) && TEXT_FILE.test(file);
  if (pattern.includes('*')) {
    const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
    return re.test(file);
  }
  return file === pattern;
}

/** The files to read at each snapshot, with their text; exits when a mirror or a cited file is missing. */
function readSources() {
  const out = [];
  const problems = [];
  for (const s of wanted()) {
    const gitDir = gitDirOf(s.repository);
    if (!gitDir) { problems.push(`${s.repository} is not mirrored under ${mirrorsDir}`); continue; }
    let tree;
    try { tree = git(gitDir, 'ls-tree', '-r', '--name-only', '-z', s.commit).split('\0').filter(Boolean); }
    catch { problems.push(`${s.repository}: commit ${s.commit} is not in the mirror`); continue; }
    const files = new Set();
    // A header without paths adds no file of its own: its references' files come from links.json.
    for (const p of [...s.patterns].filter(Boolean)) {
      const hit = tree.filter((f) => matches(p, f));
      if (hit.length === 0) problems.push(`${s.repository}@${s.commit}: nothing matches ${p}`);
      for (const f of hit) files.add(f);
    }
    if (files.size === 0) continue;
    const sorted = [...files].sort();
    out.push({ repository: s.repository, commit: s.commit, files: sorted, texts: sorted.map((f) => git(gitDir, 'show', `${s.commit}:${f}`)) });
  }
  if (problems.length) {
    console.error(`guide-shingles: cannot read every cited text:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  return out;
}

const sources = readSources();
const find = option('--find');
if (find !== undefined) {
  // Looks a run up in the real texts, so that a maintainer can see whether a match is copied wording or a hash collision.
  const needle = ` ${shingleWords(find).join(' ')} `;
  let found = 0;
  for (const s of sources) {
    s.files.forEach((f, i) => {
      const hay = ` ${shingleWords(s.texts[i]).join(' ')} `;
      const at = hay.indexOf(needle);
      if (at >= 0) {
        found++;
        console.log(`${s.repository}@${s.commit.slice(0, 12)} ${f}: …${hay.slice(Math.max(0, at - 120), at + needle.length + 120).trim()}…`);
      }
    });
  }
  if (!found) console.log('not in any guide text (a hash collision, if the test reported it)');
  process.exit(0);
}

const hashes = [];
let words = 0;
for (const s of sources) {
  for (const t of s.texts) {
    const w = shingleWords(t);
    words += w.length;
    for (const { hash } of shingles(w)) hashes.push(hash);
  }
}
const text = encodeShingleFile({
  about: `Hashes of every run of ${SHINGLE_WORDS} consecutive words in the style guides' texts named below (normalised as test/helpers/shingles.ts does), for the catalog's wording check; written by scripts/guide-shingles.mjs. No guide text is stored.`,
  sources: sources.map(({ repository, commit, files }) => ({ repository, commit, files })),
}, hashes);
fs.writeFileSync(outFile, text);
const fileCount = sources.reduce((n, s) => n + s.files.length, 0);
console.log(`${path.relative(root, outFile)}: ${fileCount} files in ${sources.length} snapshots, ${words} words, ${new Set(hashes).size} distinct shingles, ${text.length} bytes`);
