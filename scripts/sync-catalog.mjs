#!/usr/bin/env node
// Maintainer tool: regenerates the facts in catalog/topics/*.md (ids, names,
// categories, guides and their section references) from a copy of the API
// Stylebook reference data, keeping each page's own description and body.
// The product never runs this; it reads only the committed pages.
//
//   node scripts/sync-catalog.mjs [path/to/reference-data]
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import matter from 'gray-matter';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const refDir = path.resolve(process.argv[2] ?? path.join(root, '..', 'shared', 'reference-data'));
const data = path.join(refDir, 'apistylebook');
const outDir = path.join(root, 'catalog', 'topics');

const topics = YAML.parse(fs.readFileSync(path.join(data, 'topics.yaml'), 'utf8'));
const guides = fs.readdirSync(path.join(data, 'guidelines')).filter((f) => f.endsWith('.yaml')).sort()
  .map((f) => YAML.parse(fs.readFileSync(path.join(data, 'guidelines', f), 'utf8')));

// Known errors of the reference data, corrected on the pages (the file says why, entry by entry).
const corrections = YAML.parse(fs.readFileSync(path.join(root, 'scripts', 'catalog-corrections.yaml'), 'utf8'));
/** The corrected value of one field, insisting that the data still holds the value the correction was written for. */
function corrected(entry, field, value, where) {
  const fix = entry?.[field];
  if (!fix) return value;
  if (fix.from !== value) throw new Error(`catalog-corrections.yaml: ${where} ${field} is "${value}" in the data, not "${fix.from}"`);
  return fix.to;
}
for (const [id, t] of Object.entries(topics)) t.name = corrected(corrections.topics[id], 'name', t.name, id);
for (const g of guides) {
  for (const field of ['title', 'url', 'company', 'companyUrl']) g[field] = corrected(corrections.guides[g.id], field, g[field], g.id);
}
const duplicate = (g, topicId, url) => corrections.duplicates.some((d) => d.guide === g && d.topic === topicId && d.url === url);

/** A readable label for a reference whose name is empty: the URL's anchor or last path segment. */
export function labelFromUrl(url) {
  const u = new URL(url);
  let raw = u.hash ? u.hash.slice(1) : u.pathname.split('/').filter(Boolean).pop() ?? u.hostname;
  raw = decodeURIComponent(raw).replace(/\.(html?|md)$/i, '').replace(/[-_]+/g, ' ').trim();
  return raw.charAt(0).toUpperCase() + raw.slice(1);
}

const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const iso = (d) => `${d}T00:00:00.000Z`;

for (const [id, t] of Object.entries(topics)) {
  const file = path.join(outDir, `${id}.md`);
  let description = '';
  let body = '\n';
  if (fs.existsSync(file)) {
    const old = matter(fs.readFileSync(file, 'utf8'));
    description = old.data.topic_description ?? '';
    body = old.content;
  }
  const lines = [
    '---',
    'layout: topic',
    `title: ${q(t.name)}`,
    `permalink: /design/topics/${id}`,
    `sort: ${q(`${t.category}_${t.name}`)}`,
    `topic_id: ${id}`,
    `topic_category: ${q(t.category)}`,
    `topic_name: ${q(t.name)}`,
    `topic_description: ${q(description)}`,
    'guidelines:',
  ];
  let count = 0;
  for (const g of guides) {
    const refs = g.topics?.[id];
    if (!refs || refs.length === 0) continue;
    lines.push(
      `  - guideline_id: ${g.id}`,
      `    guideline_title: ${q(g.title)}`,
      `    guideline_type: ${g.type}`,
      `    guideline_url: ${q(g.url)}`,
      `    guideline_company: ${q(g.company)}`,
      `    guideline_companyUrl: ${q(g.companyUrl)}`,
      `    guideline_date: ${iso(g.date)}`,
    );
    if (g.reviewDate) lines.push(`    guideline_reviewDate: ${iso(g.reviewDate)}`);
    lines.push(
      '    guideline__links:',
      '      self:',
      `        href: /design/guidelines/${g.id}`,
      '      guidelineTopics:',
      `        href: /design/guidelines/${g.id}/topics`,
      '    references:',
    );
    const shown = new Set();
    for (const r of refs) {
      // A listed duplicate is shown once, where the data lists it first.
      if (shown.has(r.url) && duplicate(g.id, id, r.url)) continue;
      shown.add(r.url);
      const name = r.name && String(r.name).trim() ? r.name : labelFromUrl(r.url);
      lines.push(`      - name: ${q(name)}`, `        url: ${q(r.url)}`);
      count++;
    }
  }
  if (count === 0) lines[lines.length - 1] = 'guidelines: []';
  lines.push('---');
  // gray-matter's content starts right after the closing line's newline, so it carries the page's own blank line, if any.
  fs.writeFileSync(file, lines.join('\n') + '\n' + body);
}
console.log(`synced ${Object.keys(topics).length} topics from ${refDir}`);
