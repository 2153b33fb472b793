import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildLayeredCatalog, parseGuidelineFile } from '../../server/src/service/catalog/guidelineFile';
import { readCatalogDir } from '../../server/src/node/catalogFiles';
import { loadWorkspaceConfig } from '../../server/src/node/config';
import { loadCatalogLayers, loadWorkspaceCatalog } from '../../server/src/node/customCatalog';
import { getLanguageService } from '../../server/src/service/languageService';
import { ROOT, withCursor } from '../helpers/service';

const WORKSPACE = path.join(ROOT, 'test', 'fixtures', 'custom-catalog');
const bundled = () => readCatalogDir(path.join(ROOT, 'catalog', 'topics'), (m) => { throw new Error(m); });

test('a guideline file in the reference-data format (Heroku\'s, copied as a fixture) parses and matches the shipped topics', () => {
  const source = path.join(ROOT, 'test', 'fixtures', 'custom-catalog', 'reference', 'heroku-http-api-design-guide.yaml');
  const text = fs.readFileSync(source, 'utf8');
  const parsed = parseGuidelineFile(text, source);
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.file!.guide.company, 'Heroku');
  assert.ok(parsed.file!.topics.length > 10);
  // Loaded as a custom layer over the shipped catalog, every topic is known and nothing is duplicated.
  const catalog = buildLayeredCatalog([bundled(), [{ source, text }]]);
  assert.deepEqual(catalog.problems, []);
  const t = catalog.get(parsed.file!.topics[0].topicId)!;
  assert.equal(t.guidelines.filter((g) => g.id === parsed.file!.guide.id).length, 1);
});

test('the fixture guide parses: metadata, topics and their lines', () => {
  const dir = path.join(ROOT, 'test', 'fixtures', 'custom-catalog', 'style');
  const { file, problems } = parseGuidelineFile(fs.readFileSync(path.join(dir, 'acme-guide.yaml'), 'utf8'), 'acme-guide.yaml');
  assert.deepEqual(problems, []);
  assert.equal(file!.guide.id, 'acme-api-guide');
  assert.equal(file!.guide.company, 'ACME');
  assert.equal(file!.guide.date, '2024-03-01');
  assert.deepEqual(file!.topics.map((t) => [t.topicId, t.line]), [['http-status-500', 9], ['acme-request-ids', 12], ['http-status-999', 15]]);
});

test('a guideline file with mistakes reports each one with its line and yields nothing', () => {
  const text = [
    'id: Acme Guide', // 0
    'title: ACME',
    'url: ftp://acme.example/',
    'colour: red',
    'topics:',
    '  http-status-500:', // 5
    '  - name: Errors',
    '    url: not a url',
    '  http-status-404: []',
  ].join('\n');
  const { file, problems } = parseGuidelineFile(text, 'g.yaml');
  assert.equal(file, undefined);
  const byLine = problems.map((p) => `${p.line}:${p.severity}:${p.message}`);
  assert.ok(byLine.some((m) => /^0:error:id "Acme Guide" must be lower-case/.test(m)), byLine.join('\n'));
  assert.ok(byLine.some((m) => /^2:error:"url" must be an http or https URL/.test(m)), byLine.join('\n'));
  assert.ok(byLine.some((m) => /^3:warning:unknown key "colour"/.test(m)), byLine.join('\n'));
  assert.ok(byLine.some((m) => /^0:error:missing required key "company"/.test(m)), byLine.join('\n'));
  assert.ok(byLine.some((m) => /^7:error:"url" must be an http or https URL, not "not a url"/.test(m)), byLine.join('\n'));
  assert.ok(byLine.some((m) => /^8:error:topic "http-status-404" needs a non-empty list/.test(m)), byLine.join('\n'));
});

test('broken YAML, binary junk and a list instead of a mapping are reported, never thrown', () => {
  assert.match(parseGuidelineFile('id: [a\n', 'x.yaml').problems[0].message, /^YAML error/);
  assert.match(parseGuidelineFile('\0\u0001\u0002', 'x.yaml').problems[0].message, /NUL bytes/);
  assert.match(parseGuidelineFile('- a\n', 'x.yaml').problems[0].message, /must be a mapping/);
  assert.match(parseGuidelineFile('', 'x.yaml').problems[0].message, /must be a mapping/);
});

test('a guideline file adds its sections to topics, a missing name is labelled from the URL', () => {
  const guide = 'id: acme\ntitle: ACME guide\nurl: https://acme.example/\ncompany: ACME\ntopics:\n  http-status-500:\n  - url: https://acme.example/guide/server-errors.html\n  http-status-999:\n  - {name: X, url: "https://acme.example/x"}\n';
  const catalog = buildLayeredCatalog([bundled(), [{ source: '/ws/acme.yaml', text: guide }]]);
  const t = catalog.get('http-status-500')!;
  const acme = t.guidelines.find((g) => g.id === 'acme')!;
  assert.deepEqual(acme.references, [{ name: 'Server errors', url: 'https://acme.example/guide/server-errors.html' }]);
  assert.ok(t.guidelines.length > 1, 'the public guides are still there');
  assert.ok(t.description.length > 0, 'the topic keeps its description');
  assert.deepEqual(catalog.problems.map((p) => [p.source, p.line, p.severity]), [['/ws/acme.yaml', 7, 'warning']]);
  assert.match(catalog.problems[0].message, /unknown topic "http-status-999"/);
});

test('the fixture workspace: custom pages and the guide load, the broken page is reported, the rest still hovers', () => {
  const config = loadWorkspaceConfig(WORKSPACE, { trusted: true });
  assert.deepEqual(config.problems, []);
  const { catalog, paths } = loadWorkspaceCatalog(WORKSPACE, config.settings, bundled(), { configFile: config.file, configText: config.text });
  assert.deepEqual(paths, [path.join(WORKSPACE, 'style', 'topics'), path.join(WORKSPACE, 'style', 'acme-guide.yaml')]);
  // The new topic and the guide's sections.
  const own = catalog.get('acme-request-ids')!;
  assert.equal(own.name, 'Request identifiers');
  assert.deepEqual(own.guidelines.map((g) => g.company), ['ACME']);
  // The broken page: reported on its own file with lines, and skipped.
  const broken = catalog.problems.filter((p) => p.source.endsWith('broken.md'));
  assert.ok(broken.length >= 2, JSON.stringify(catalog.problems, null, 1));
  assert.ok(broken.every((p) => p.severity === 'error'));
  assert.ok(broken.some((p) => /topic_id "Broken Page"/.test(p.message) && p.line === 1), JSON.stringify(broken));
  assert.equal(catalog.topics.length, bundled().length + 1, 'the shipped topics plus the custom one');
  // The unknown topic in the guide is a warning on its line.
  const unknown = catalog.problems.find((p) => p.source.endsWith('acme-guide.yaml'))!;
  assert.equal(unknown.line, 15);
  // The profile puts ACME first in the 500 card, and the other guides still show.
  const ls = getLanguageService({ catalog, settings: config.settings });
  const { doc, position } = withCursor(fs.readFileSync(path.join(WORKSPACE, 'openapi.yaml'), 'utf8').replace("'500'", "'5|00'"), 'yaml');
  const card = (ls.doHover(ls.prepare(doc), position)!.contents as { value: string }).value;
  const acmeAt = card.indexOf('**ACME**');
  assert.ok(acmeAt > 0 && acmeAt < card.indexOf('**Zalando**'), card);
  assert.ok(card.includes('](https://acme.example/api-guide/errors#server)'));
});

test('missing and unreadable paths are reported on the line of .stylebook.yaml that names them', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stylebook-catalog-'));
  try {
    fs.writeFileSync(path.join(dir, '.stylebook.yaml'), '# team\ncatalog:\n  paths:\n    - guides\n    - notes.txt\n');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'hello');
    const config = loadWorkspaceConfig(dir);
    const { problems, layers } = loadCatalogLayers(dir, config.settings, { configFile: config.file, configText: config.text });
    assert.deepEqual(layers, [[], []]);
    assert.deepEqual(problems.map((p) => [path.basename(p.source), p.line, p.column]), [['.stylebook.yaml', 3, 6], ['.stylebook.yaml', 4, 6]]);
    assert.match(problems[0].message, /catalog path "guides" .* not found/);
    assert.match(problems[1].message, /neither a folder, a topic page/);
    // Sub-folders are read; hidden folders are not.
    fs.mkdirSync(path.join(dir, 'guides', 'errors'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'guides', '.git'));
    fs.writeFileSync(path.join(dir, 'guides', 'errors', 'x.md'), '---\n---\n');
    fs.writeFileSync(path.join(dir, 'guides', '.git', 'y.md'), 'ignored');
    const again = loadCatalogLayers(dir, config.settings);
    assert.deepEqual(again.layers[0].map((p) => path.relative(dir, p.source)), [path.join('guides', 'errors', 'x.md')]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
