#!/usr/bin/env node
// Maintainer tool: where each guide section the catalog links to lives today.
//
//   npm run catalog:links                      counts per guide, from the mirrors when present
//   npm run catalog:links -- --mirrors DIR     mirrors somewhere else (default /work/.mirror)
//   npm run catalog:links -- --write           also rewrites catalog/links.json from the mirrors
//   npm run catalog:links -- --list            prints every reference's mapping
//
// The references in catalog/topics/*.md were collected in 2019 and point at
// 2016-2019 locations. For every guide whose text lives in a public
// repository, each link is resolved to the place that text is published
// today and checked offline against a snapshot of that repository: the file
// exists and the section's anchor is one that the publishing tool would
// generate from a heading in it. A link that cannot be checked keeps its URL
// and gets an archived-copy link. The product reads only catalog/links.json;
// the mirrors (bare git directories, one per repository, named owner+name)
// are needed only to re-verify or rewrite it.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import matter from 'gray-matter';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const mirrorsDir = path.resolve(option('--mirrors') ?? '/work/.mirror');
const dataFile = path.join(root, 'catalog', 'links.json');

/** Every reference of the shipped catalog, in page order. */
export function catalogReferences(dir = path.join(root, 'catalog', 'topics')) {
  const out = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.md')).sort()) {
    const d = matter(fs.readFileSync(path.join(dir, f), 'utf8')).data;
    for (const g of d.guidelines ?? []) for (const r of g.references ?? []) out.push({ page: f, guide: g.guideline_id, company: g.guideline_company, name: r.name, url: r.url });
  }
  return out;
}

// ---------------------------------------------------------------- mirrors

/** A repository snapshot: a bare git directory read with git show / ls-tree. */
class Mirror {
  constructor(repo) {
    this.repo = repo;
    const base = path.join(mirrorsDir, repo.replace('/', '+'), 'repo');
    this.gitDir = [base, path.join(base, '.git')].find((d) => fs.existsSync(path.join(d, 'HEAD')));
    this.cache = new Map();
  }
  get present() {
    return this.gitDir !== undefined;
  }
  git(...a) {
    return execFileSync('git', ['--git-dir', this.gitDir, ...a], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
  }
  /** The full commit id of a ref (HEAD, a branch or a tag). */
  commit(ref = 'HEAD') {
    return this.git('rev-parse', `${ref}^{commit}`).trim();
  }
  /** The default branch's name, as the repository's links use it. */
  branch() {
    return this.git('symbolic-ref', '--short', 'HEAD').trim();
  }
  /** A file's text at a commit, or undefined when it does not exist there. */
  show(commit, file) {
    const key = `${commit}:${file}`;
    if (!this.cache.has(key)) {
      let text;
      try {
        text = this.git('show', key);
      } catch {
        text = undefined;
      }
      this.cache.set(key, text);
    }
    return this.cache.get(key);
  }
  /** The paths of every file at a commit. */
  files(commit) {
    return this.git('ls-tree', '-r', '--name-only', '-z', commit).split('\0').filter(Boolean);
  }
  /** Where a path that existed at some point lives at `commit`, following renames in the history (undefined when deleted). */
  renamedTo(oldPath, commit) {
    const log = this.git('log', '--reverse', '-M', '--name-status', '--format=', '--diff-filter=RD', commit);
    let p = oldPath;
    for (const line of log.split('\n')) {
      const [status, from, to] = line.split('\t');
      if (from !== p) continue;
      if (status.startsWith('R')) p = to;
      else if (status === 'D' && !this.files(commit).includes(p)) return undefined;
    }
    return this.files(commit).includes(p) ? p : undefined;
  }
}

// ---------------------------------------------------------------- anchors

/** Removes Markdown inline syntax from a heading the way the rendered text loses it. */
function headingText(md) {
  return md
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*]/g, '')
    .replace(/(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, '$1')
    .replace(/\s+#+\s*$/, '')
    .trim();
}

/** GitHub's heading anchor (github-slugger): lower case, punctuation dropped, spaces to hyphens. */
export function githubSlug(text) {
  return text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** Numbers repeated slugs the way both GitHub and kramdown do: the second `x` is `x-1`. */
function dedupe(slugs) {
  const seen = new Map();
  return slugs.map((s) => {
    const n = seen.get(s);
    seen.set(s, (n ?? -1) + 1);
    return n === undefined ? s : `${s}-${n + 1}`;
  });
}

/** The headings of a Markdown file (ATX and setext), outside code fences. */
function markdownHeadings(text) {
  const out = [];
  const lines = text.split(/\r?\n/);
  let fence = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^\s*(```|~~~)/.test(l)) fence = !fence;
    if (fence) continue;
    const atx = /^ {0,3}#{1,6}\s+(.*)$/.exec(l);
    if (atx) out.push(headingText(atx[1]));
    else if (l.trim() && !/^\s*([-*+|>]|\d+\.)/.test(l) && /^ {0,3}(=+|-+)\s*$/.test(lines[i + 1] ?? '')) out.push(headingText(l));
  }
  return out;
}

/** The anchors GitHub renders for a Markdown file: heading slugs plus explicit `<a name>`/`id` anchors. */
export function githubMarkdownAnchors(text) {
  const anchors = new Set(dedupe(markdownHeadings(text).map(githubSlug)));
  for (const m of text.matchAll(/<a\s+(?:name|id)\s*=\s*["']([^"']+)["']/gi)) anchors.add(m[1]);
  return anchors;
}

/** The section titles of a reStructuredText file (a title line over an underline of punctuation). */
function rstTitles(text) {
  const lines = text.split(/\r?\n/);
  const out = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const t = lines[i].trim();
    const u = lines[i + 1];
    if (t && /^([=\-~^"'`#*+.:_])\1{2,}\s*$/.test(u) && u.trim().length >= t.length && !/^([=\-~^"'`#*+.:_])\1+$/.test(t)) out.push(t.replace(/`([^`<]*)(<[^>]*>)?`_?/g, '$1').replace(/\*\*?|``/g, ''));
  }
  return out;
}

/** docutils' identifier for a title or label (nodes.make_id): ASCII, lower case, runs of other characters to one hyphen. */
export function docutilsId(text) {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^[-0-9]+|-+$/g, '');
}

/** The anchors Sphinx renders for a reStructuredText file: section ids, labels and sphinxcontrib-httpdomain ids. */
export function sphinxAnchors(text) {
  const anchors = new Set(rstTitles(text).map(docutilsId));
  for (const m of text.matchAll(/^\.\. _([^:]+):\s*$/gm)) anchors.add(docutilsId(m[1]));
  // httpdomain: `.. http:get:: /magazines/1234` gets the id get--magazines-1234.
  for (const m of text.matchAll(/^\.\. http:(\w+)::\s*(\S+)/gm)) anchors.add(`${m[1].toLowerCase()}-${m[2].replace(/[^\w-]/g, '-')}`);
  return anchors;
}

/** The anchors GitHub renders for a reStructuredText file: its section titles, slugged as for Markdown. */
export function githubRstAnchors(text) {
  return new Set(dedupe(rstTitles(text).map(githubSlug)));
}

/** The element ids of an HTML page. */
export function htmlIds(text) {
  return new Set([...text.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
}

/** The anchors of an AIP page on google.aip.dev (Python-Markdown's toc slugify over the headings). */
export function aipAnchors(text) {
  const body = text.replace(/^---[\s\S]*?\n---\n/, '');
  return new Set(markdownHeadings(body).map((h) => h.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().toLowerCase().replace(/[-\s]+/g, '-')));
}

// ---------------------------------------------------------------- guides
//
// One resolver per guide: given an original URL it returns where that
// section is published today ({ repo, ref, file, anchor, anchors, url }),
// or { archived: reason } when it cannot be checked. `anchors` names how the
// publishing tool builds anchors from the file; `ref` is the branch or tag
// whose snapshot is checked (the default branch unless the text only
// survives in a tag or an older commit).

const hashOf = (u) => decodeURIComponent(new URL(u).hash.slice(1));
const gh = (repo, ref, file, anchor) => `https://github.com/${repo}/blob/${ref}/${file.split('/').map(encodeURIComponent).join('/')}${anchor ? `#${anchor}` : ''}`;

/** Zalando: one AsciiDoc page on opensource.zalando.com, rules anchored by number; old rule anchors (gitbook slugs) by title. */
const ZALANDO_CHAPTERS = {
  'api-discovery/ApiDiscovery.html': 'api-operation', 'common-data-objects/CommonDataObjects.html': 'json-guidelines',
  'compatibility/Compatibility.html': 'compatibility', 'data-formats/DataFormats.html': 'data-formats', 'deprecation/Deprecation.html': 'deprecation',
  'design-principles/DesignPrinciples.html': 'principles', 'events/events.html': 'events', 'general-guidelines/GeneralGuidelines.html': 'general-guidelines',
  'headers/CommonHeaders.html': 'headers', 'headers/ProprietaryHeaders.html': '183', 'http/Http.html': 'http-requests', 'hyper-media/Hypermedia.html': 'hypermedia',
  'json-guidelines/JsonGuidelines.html': 'json-guidelines', 'naming/Naming.html': 'urls', 'pagination/Pagination.html': 'pagination',
  'performance/Performance.html': 'performance', 'resources/Resources.html': 'urls', 'security/Security.html': 'security',
};
// Old rule anchor → today's rule number (or section id), matched by the rule's title and text.
// A rule Zalando has since reversed or replaced maps to the rule that replaced it (noted).
const ZALANDO_RULES = {
  'should-limit-of-resources': '146', 'could-use-conventional-query-strings': '137', get: 'get', delete: 'delete', head: 'head', options: 'options',
  patch: 'patch', post: 'post', put: 'put', 'should-date-property-values-should-conform-to-rfc-3399': '169',
  'could-time-durations-and-intervals-could-conform-to-iso-8601': '127', 'must-use-standard-date-and-time-formats': '169', 'http-headers': 'data-formats',
  'property-values': 'json-guidelines', 'should-null-values-should-have-their-fields-removed': '123', 'must-boolean-property-values-must-not-be-null': '122',
  'should-empty-array-values-should-not-be-null': '124', 'could-standards-could-be-used-for-language-country-and-currency': '170',
  'could-use-standards-for-country-language-and-currency-codes': '170', 'should-provide-external-documentation': '102',
  'must-reflect-deprecation-in-api-definition': '187', 'must-api-first-define-apis-using-openapi': '100', 'could-support-the-etag-header': '182',
  'must-use-media-type-versioning': '114', 'must-you-must-hyphenate-http-headers': '132', 'should-prefer-hyphenatedpascalcase-for-http-header-fields': '132',
  'could-use-standardized-headers': '133', 'must-use-429-with-headers-for-rate-limits': '153', 'must-do-not-use-link-headers-with-json-entities': '166',
  'should-add-a-warning-header-to-responses': '189', 'must-use-http-methods-correctly': '148',
  'must--http-methods-must-fulfill-safeness-and-idempotency-properties': '149', 'success-codes': 'success-codes', 'redirection-codes': 'redirection-codes',
  'client-side-error-codes': 'client-side-error-codes', 'server-side-error-codes': '_server_side_error_codes', 'must-providing-error-documentation': '151',
  'must-use-problem-json': '176', 'must-use-meaningful-http-status-codes': '243', 'could-use-pagination-links-where-applicable': '161',
  'must-property-names-must-be-snakecase-and-never-camelcase': '118', 'must-write-apis-in-us-english': '103', 'property-naming': 'json-guidelines',
  'must-use-domainspecific-resource-names': '142', 'must-query-parameters-must-be-snakecase-never-camelcase': '130',
  'must-avoid-actions-—-think-about-resources': '138', 'should-define-useful-resources': '140', 'should-allow-optional-embedding-of-subresources': '158',
  'should-support-filtering-of-resource-fields': '157', 'must-path-segments-must-be-lowercase-separate-words-with-hyphens': '129',
  'must-always-pluralize-resource-names': '134', 'could-first-path-segment-may-be-api': '135', 'must-avoid-trailing-slashes': '136',
  'should-limit-of-subresource-levels': '147', 'must-secure-endpoints-with-oauth-20': '104', 'must-define-and-assign-access-rights-scopes': '105',
  'must-dont-break-backward-compatibility': '106', 'should-avoid-versioning': '113',
};
const ZALANDO_REPLACED = {
  'could-first-path-segment-may-be-api': 'Zalando has since reversed this rule: it now advises against /api as base path.',
  'should-null-values-should-have-their-fields-removed': 'Replaced by the rule that null and absent properties mean the same.',
  'should-add-a-warning-header-to-responses': 'The Warning header rule became the Deprecation and Sunset header rule.',
};
const ZALANDO_REMOVED = new Set(['must-modify-the-contenttype-for-embedded-resources', 'could-use-applicationspecific-content-types', 'must-use-a-welldefined-subset-of-hal', 'could-use-custom-link-relations']);

function zalando(u) {
  const repo = 'zalando/restful-api-guidelines';
  const page = new URL(u).pathname.replace('/restful-api-guidelines/', '');
  const old = hashOf(u);
  if (ZALANDO_REMOVED.has(old)) return { archived: 'the rule was removed from the guidelines' };
  // A link to today's site (pages written since 2019) names a rule number or section id itself.
  const current = new URL(u).hostname === 'opensource.zalando.com';
  const id = current ? old : old ? ZALANDO_RULES[old] : ZALANDO_CHAPTERS[page];
  if (!id) return { archived: 'no section of today\'s guidelines matches' };
  // The published page is the gh-pages branch's index.html, built from the AsciiDoc sources.
  return { repo, ref: 'gh-pages', file: 'index.html', anchor: id, anchors: htmlIds, url: `https://opensource.zalando.com/restful-api-guidelines/#${id}`, note: ZALANDO_REPLACED[old] };
}

/**
 * A Markdown file on GitHub, on the default branch today. `candidates` lists
 * where the old file's text may live now (the first one holding the anchor
 * wins); `anchorMap` renames anchors whose heading was renumbered.
 */
function githubMarkdown(repo, candidates = (f) => [f], anchorMap = {}) {
  return (u, m) => {
    const url = new URL(u);
    const parts = url.pathname.split('/').filter(Boolean); // owner, name, [blob, branch, ...file]
    const oldFile = parts[2] === 'blob' ? parts.slice(4).join('/') : 'README.md';
    const old = hashOf(u) || undefined;
    const anchor = anchorMap[old] ?? old;
    const branch = m.branch();
    const files = candidates(oldFile);
    const file = files.find((f) => {
      const text = m.show(m.commit(branch), f);
      return text !== undefined && (!anchor || githubMarkdownAnchors(text).has(anchor));
    }) ?? files[0];
    const now = parts[2] === 'blob' || file !== oldFile || anchor !== old ? gh(repo, branch, file, anchor) : u;
    return { repo, ref: branch, file, anchor, anchors: githubMarkdownAnchors, url: sameRepoUrl(u, now, repo) };
  };
}

/** Keeps the original URL when it names the same place (owner case and http aside); otherwise the new one. */
function sameRepoUrl(orig, now, repo) {
  const norm = (s) => s.replace(/^http:/, 'https:').replace(new RegExp(`github\\.com/${repo}`, 'i'), `github.com/${repo}`);
  return norm(orig) === now ? orig : now;
}

/** Microsoft: the 2016 Guidelines.md now only points on; its text lives on as graph/Guidelines-deprecated.md. */
const microsoft = githubMarkdown('microsoft/api-guidelines', (f) => (f === 'Guidelines.md' ? ['graph/Guidelines-deprecated.md'] : [f]), {
  // The deprecated copy numbers the operation resource without its dashes and has a new chapter 14 (throttling) before webhooks.
  '1325----operation-resource': '1325-operation-resource', '14-push-notifications-via-webhooks': '15-push-notifications-via-webhooks',
  '148-security': '158-security', '15-unsupported-requests': '16-unsupported-requests',
});

/** PayPal rewrote api-style-guide.md in 2018 and kept the 2017 text as deprecated/api-style-guide.md, where the old sections are. */
const paypal = githubMarkdown('paypal/api-standards', (f) => [f, `deprecated/${f}`]);

/** Heroku: the gitbook pages are the repository's en/*.md files. */
function heroku(u, m) {
  const repo = 'interagent/http-api-design';
  const file = new URL(u).pathname.replace('/http-api-design/content/', '').replace(/\.html$/, '.md');
  return { repo, ref: m.branch(), file, url: gh(repo, m.branch(), file) };
}

/** adidas: the gitbook pages are Markdown files in adidas/api-guidelines, since moved around; followed through the history. */
function adidas(u, m) {
  const repo = 'adidas/api-guidelines';
  let file = new URL(u).pathname.replace('/api-guidelines/content/', '').replace(/\.html$/, '.md');
  if (file.endsWith('/')) file += 'README.md';
  const now = m.renamedTo(file, 'HEAD') ?? m.renamedTo(`rest-api-guidelines/${file}`, 'HEAD') ?? m.renamedTo(`general-guidelines/${path.basename(file)}`, 'HEAD');
  if (!now) return { archived: 'the page is no longer in the repository' };
  return { repo, ref: m.branch(), file: now, url: gh(repo, m.branch(), now) };
}

/**
 * Deliveroo took its guidelines off deliveroo.engineering in October 2018
 * (commit 69ffb22, "remove guidelines"); the last version of the page is
 * the file in the repository at that commit's parent.
 */
function deliveroo(u, m) {
  const repo = 'deliveroo/deliveroo.engineering';
  const ref = m.commit('69ffb2221d4947b597b15211bd01a0b89d2d8ffb^');
  const file = '_guidelines/api-design.md';
  let anchor = hashOf(u) || undefined;
  // kramdown's explicit ids ({: #external-facing} over a heading) are not GitHub's: GitHub anchors that heading by its text.
  const ial = anchor && new RegExp(`^\\{:\\s*#${anchor}\\}\\s*\\n#+\\s*(.+)$`, 'm').exec(m.show(ref, file) ?? '');
  if (ial) anchor = githubSlug(headingText(ial[1]));
  return { repo, ref, file, anchor, anchors: githubMarkdownAnchors, url: gh(repo, ref, file, anchor), note: 'Removed from deliveroo.engineering in 2018; this is the last version, in the site\'s repository.' };
}

/** A Read the Docs (Sphinx) site still built from its repository: the same URL, checked against the .rst source. */
function readTheDocs(repo, prefix) {
  return (u, m) => {
    const p = new URL(u).pathname.replace(prefix, '');
    const file = p.replace(/\.html$/, '.rst');
    return { repo, ref: m.branch(), file, anchor: hashOf(u) || undefined, anchors: sphinxAnchors, url: u };
  };
}

/**
 * The Italian guidelines' 2019 draft ("bozza") was rewritten into the 2021
 * guidelines with other files; the draft's text survives in the repository
 * under the tag `stabile` (March 2019), linked there on GitHub.
 */
function italian(u, m) {
  const repo = 'italia/lg-modellointeroperabilita-docs';
  const p = new URL(u).pathname.replace(/^.*\/it\/bozza\//, '').replace(/\.html$/, '.rst');
  const fold = (s) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const old = hashOf(u);
  // The tag stabile (March 2019) first; pages added in April 2019 are on the branch pre_prod, linked by commit.
  for (const ref of ['stabile', m.commit('pre_prod')]) {
    const files = m.files(ref);
    const file = files.find((f) => f === p) ?? files.find((f) => fold(f) === p) ?? files.find((f) => fold(f) === p.replace(/^doc\/doc_04\//, 'doc/'));
    if (!file) continue;
    let anchor;
    if (old) {
      const title = rstTitles(m.show(m.commit(ref), file) ?? '').find((t) => docutilsId(t) === old);
      if (!title) continue;
      anchor = githubSlug(title);
    }
    return { repo, ref, file, anchor, anchors: githubRstAnchors, url: gh(repo, ref, file, anchor), note: 'The 2019 draft, kept in the repository; the 2021 guidelines were rewritten.' };
  }
  return { archived: 'the draft section is not in the repository' };
}

/**
 * Google moved its API design rules from the Cloud API design guide
 * (cloud.google.com/apis/design, whose source is not public) into the API
 * Improvement Proposals (aip-dev/google.aip.dev), which its own news calls
 * the guide's successor. Each section maps to the AIP that now states the
 * same rule; a section no AIP carries is archived.
 */
const GOOGLE_AIPS = {
  compatibility: 180, 'compatibility#backwards-compatible_non-breaking_changes': 180, 'compatibility#backwards-incompatible_breaking_changes': 180,
  custom_methods: 136, 'custom_methods#common_custom_methods': 136, 'custom_methods#use_cases': 136,
  'design_patterns#etags': 154, 'design_patterns#get_unique_resource_from_sub-collection': 159, 'design_patterns#list_pagination': 158,
  'design_patterns#list_sub-collections': 159, 'design_patterns#long_running_operations': 151, 'design_patterns#output_fields': 203,
  'design_patterns#partial_response': 157, 'design_patterns#request_duplication': 155, 'design_patterns#request_validation': 163,
  'design_patterns#resource_view': 157, 'design_patterns#sorting_order': 132,
  documentation: 192, 'documentation#checklist_for_all_descriptions': 192, http_verbs: 127,
  naming_convention: 190, 'naming_convention#camel_case': 140, 'naming_convention#date_and_time_of_day': 142, 'naming_convention#list_filter_field': 160,
  'naming_convention#time_and_duration': 142, proto3: 191,
  resource_names: 122, 'resource_names#collection_id': 122, 'resource_names#resource_id': 122, 'resource_names#resource_name_vs_url': 122,
  resources: 121, 'resources#design_flow': 121, 'resources#examples': 121, 'resources#methods': 121, 'resources#resources': 121, 'resources#what_is_a_rest_api': 121,
  standard_fields: 148, standard_methods: 130, 'standard_methods#create': 133, 'standard_methods#delete': 135, 'standard_methods#get': 131,
  'standard_methods#list': 132, 'standard_methods#update': 134, versioning: 185,
};

function google(u, m) {
  const repo = 'aip-dev/google.aip.dev';
  const key = u.replace('https://cloud.google.com/apis/design/', '');
  const aip = GOOGLE_AIPS[key];
  if (!aip) return { archived: 'no AIP carries this section of the design guide' };
  const file = `aip/general/${String(aip).padStart(4, '0')}.md`;
  return { repo, ref: m.branch(), file, url: `https://google.aip.dev/${aip}`, note: `The design guide's successor: AIP-${aip}.` };
}

/** Each guide's resolver and repository; guides without one (Atlassian's Confluence pages) are archived. */
export const GUIDES = {
  'zalando-restful-api-guidelines': { repo: 'zalando/restful-api-guidelines', resolve: zalando },
  'microsoft-rest-api-guidelines': { repo: 'microsoft/api-guidelines', resolve: microsoft },
  'white-house-web-api-standards': { repo: 'WhiteHouse/api-standards', resolve: githubMarkdown('WhiteHouse/api-standards') },
  'paypal-api-style-guide': { repo: 'paypal/api-standards', resolve: paypal },
  'cisco-api-design-guide': { repo: 'CiscoDevNet/api-design-guide', resolve: githubMarkdown('CiscoDevNet/api-design-guide') },
  'cloud-foundy-cloud-controller-api-style-guide': { repo: 'cloudfoundry/cc-api-v3-style-guide', resolve: githubMarkdown('cloudfoundry/cc-api-v3-style-guide') },
  'haufe-api-styleguide': { repo: 'Haufe-Lexware/api-style-guide', resolve: githubMarkdown('Haufe-Lexware/api-style-guide') },
  'heroku-http-api-design-guide': { repo: 'interagent/http-api-design', resolve: heroku },
  'adidas-api-design-guidelines': { repo: 'adidas/api-guidelines', resolve: adidas },
  'deliveroo-api-design-guidelines': { repo: 'deliveroo/deliveroo.engineering', resolve: deliveroo },
  'ausdto-api-design-guide': { repo: 'AusDTO/apiguide', resolve: readTheDocs('AusDTO/apiguide', '/en/latest/') },
  'redhat-thoughts-on-restful-api-design': { repo: 'geertj/restful-api-design', resolve: readTheDocs('geertj/restful-api-design', '/en/latest/') },
  'italian-public-administration': { repo: 'italia/lg-modellointeroperabilita-docs', resolve: italian },
  'google-api-design-guide': { repo: 'aip-dev/google.aip.dev', resolve: google },
};

/** The archived copy the Wayback Machine serves for a URL (its capture nearest to 2019). */
export const archiveUrl = (u) => `https://web.archive.org/web/2019/${u}`;

/** Resolves and checks one original URL against the mirrors; the entry for links.json and, when it failed, why. */
function verify(u, guide, mirrors) {
  const g = GUIDES[guide];
  const archived = (reason) => ({ entry: { guide, status: 'archived', archive: archiveUrl(u) }, reason });
  if (!g) return archived('the guide has no public repository');
  const m = mirrors.get(g.repo);
  const r = g.resolve(u, m);
  if (r.archived) return archived(r.archived);
  const commit = m.commit(r.ref);
  const text = m.show(commit, r.file);
  if (text === undefined) return archived(`${r.file} is not in ${g.repo} at ${r.ref}`);
  if (r.anchor && !(r.anchors ?? githubMarkdownAnchors)(text).has(r.anchor)) return archived(`#${r.anchor} is not an anchor of ${r.file} at ${r.ref}`);
  const entry = { guide, status: r.url === u ? 'verified' : 'moved' };
  if (r.url !== u) entry.url = r.url;
  Object.assign(entry, { repository: g.repo, ref: r.ref, commit, source: r.file + (r.anchor ? `#${r.anchor}` : '') });
  if (r.note) entry.note = r.note;
  return { entry };
}

const STATUSES = ['verified', 'moved', 'archived'];

/** Counts references (not distinct URLs) by guide and status. */
function tally(refs, links) {
  const per = new Map();
  for (const r of refs) {
    const s = links[r.url]?.status ?? 'uncovered';
    const row = per.get(r.guide) ?? { verified: 0, moved: 0, archived: 0, uncovered: 0 };
    row[s]++;
    per.set(r.guide, row);
  }
  return per;
}

function printTally(refs, links) {
  const per = tally(refs, links);
  const total = { verified: 0, moved: 0, archived: 0, uncovered: 0 };
  const w = Math.max(...[...per.keys()].map((k) => k.length));
  console.log(`${'guide'.padEnd(w)}  verified  moved  archived${[...per.values()].some((r) => r.uncovered) ? '  uncovered' : ''}`);
  for (const [g, r] of [...per].sort()) {
    for (const k in total) total[k] += r[k];
    console.log(`${g.padEnd(w)}  ${String(r.verified).padStart(8)}  ${String(r.moved).padStart(5)}  ${String(r.archived).padStart(8)}${r.uncovered ? String(r.uncovered).padStart(11) : ''}`);
  }
  const n = refs.length;
  const ok = total.verified + total.moved;
  console.log(`${'total'.padEnd(w)}  ${String(total.verified).padStart(8)}  ${String(total.moved).padStart(5)}  ${String(total.archived).padStart(8)}${total.uncovered ? String(total.uncovered).padStart(11) : ''}`);
  console.log(`\n${n} references: ${total.verified} verified current, ${total.moved} moved (verified), ${total.archived} archived only` +
    `${total.uncovered ? `, ${total.uncovered} not in links.json` : ''}; ${((100 * ok) / n).toFixed(1)}% verified.`);
  return total.uncovered;
}

function main() {
  const refs = catalogReferences();
  const data = fs.existsSync(dataFile) ? JSON.parse(fs.readFileSync(dataFile, 'utf8')) : { links: {} };
  const mirrors = new Map(Object.values(GUIDES).map((g) => [g.repo, new Mirror(g.repo)]));
  const missing = [...mirrors.values()].filter((m) => !m.present).map((m) => m.repo);
  if (missing.length) {
    if (flag('--write')) {
      console.error(`catalog:links: cannot rewrite links.json without every mirror; missing under ${mirrorsDir}: ${missing.join(', ')}`);
      process.exit(2);
    }
    console.log(`No mirrors under ${mirrorsDir} (${missing.length} of ${mirrors.size} repositories missing): reporting from catalog/links.json as recorded, not re-verified.\n`);
    process.exit(printTally(refs, data.links) ? 1 : 0);
  }
  const guideOf = new Map(refs.map((r) => [r.url, r.guide]));
  const links = {};
  const failures = [];
  const changed = [];
  for (const u of [...guideOf.keys()].sort()) {
    const { entry, reason } = verify(u, guideOf.get(u), mirrors);
    links[u] = entry;
    if (reason) failures.push(`${u}\n    ${reason}`);
    const before = data.links?.[u];
    if (!before || before.status !== entry.status || before.url !== entry.url) changed.push(`${u}: ${before?.status ?? 'absent'} → ${entry.status}${entry.url ? ` ${entry.url}` : ''}`);
  }
  if (flag('--list')) for (const r of refs) console.log(`${links[r.url].status.padEnd(8)} ${r.url}${links[r.url].url ? `\n         → ${links[r.url].url}` : ''}`);
  console.log(`Re-verified against the mirrors under ${mirrorsDir}.\n`);
  printTally(refs, links);
  if (flag('--verbose')) console.log(`\nArchived only:\n  ${failures.join('\n  ')}`);
  if (flag('--write')) {
    const out = {
      about: 'Where each guide section linked from catalog/topics/*.md is published today, checked offline against a snapshot of the guide\'s repository (written by npm run catalog:links -- --write). status: verified (the original URL is still right), moved (url is the section today), archived (could not be checked: the original URL stays, with an archived copy).',
      links,
    };
    fs.writeFileSync(dataFile, `${JSON.stringify(out, null, 2)}\n`);
    console.log(`\nWrote ${path.relative(root, dataFile)}.`);
  } else if (changed.length) {
    console.log(`\n${changed.length} link(s) differ from catalog/links.json (run with --write to record them):\n  ${changed.slice(0, 40).join('\n  ')}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
