import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { notShownMessage } from '../../service/problemCap';
import { ruleDocUrl } from '../../service/ruleDocs';
import { notShownCount, type LintResult, type Severity } from '../report';
import type { FormatContext } from './index';
import { displayPath } from './paths';
import { jsonChunks, LazyArray } from './stream';

/**
 * SARIF 2.1.0, the format GitHub code scanning (and most CI dashboards)
 * ingest. Each rule carries its topic, a help URI to its section of
 * docs/rules.md, and in its help the link to what the guides say; locations are relative to %SRCROOT% (the folder
 * the CLI ran in), which is what code scanning expects from a checkout.
 */

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** Formats a lint result as one SARIF 2.1.0 log with a single run. */
export function* formatSarif(result: LintResult, ctx: FormatContext): Generator<string> {
  const rules = result.rules.map((r) => {
    const name = r.topicName ? `${r.id} (${r.topicName})` : r.id;
    const text = r.description ?? (r.topicName ? `Stylebook rule ${r.id}, about the topic "${r.topicName}".` : `Stylebook rule ${r.id}.`);
    // The rule's own section in docs/rules.md is its help page; the guide section it links in the editor follows in the help text.
    const doc = ruleDocUrl(r.id);
    const helpUri = doc ?? r.helpUri;
    const see = [doc && `The rule, with examples and its options: ${doc}`, r.helpUri && `What the guides say: ${r.helpUri}`].filter(Boolean);
    const seeMd = [doc && `[The rule, with examples and its options](${doc})`, r.helpUri && `[What the guides say](${r.helpUri})`].filter(Boolean);
    return {
      id: r.id,
      name: pascal(r.id),
      shortDescription: { text: name },
      fullDescription: { text },
      ...(helpUri ? { helpUri } : {}),
      help: { text: [text, ...see].join('\n'), ...(seeMd.length ? { markdown: `${text}\n\n${seeMd.join(' · ')}` } : {}) },
      defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
      properties: { tags: ['api-design', ...(r.topicId ? [r.topicId] : [])] },
    };
  });
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  // Results are made while they are written: a million of them never exist at once.
  const results = new LazyArray(function* () {
    for (const f of result.files) {
      const artifact = artifactLocation(f.path, ctx.cwd);
      for (const p of f.problems) {
        yield {
          ruleId: p.ruleId,
          ...(ruleIndex.has(p.ruleId) ? { ruleIndex: ruleIndex.get(p.ruleId) } : {}),
          level: LEVEL[p.severity],
          message: { text: p.message },
          locations: [{
            physicalLocation: {
              artifactLocation: artifact,
              region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
            },
          }],
          // A problem in a shared component is one result; the operations that use it are its related locations.
          ...(p.related?.length ? {
            relatedLocations: p.related.map((r, i) => ({
              id: i + 1,
              physicalLocation: {
                artifactLocation: artifact,
                region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
              },
              message: { text: r.message },
            })),
          } : {}),
        };
      }
    }
  });
  const failures = result.failures.filter((f) => f.kind === 'io').map((f) => ({
    level: 'error',
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.path, ctx.cwd) } }],
  }));
  // Problems left out by --max-problems-per-file are counted where code scanning shows the run's messages.
  const capped = result.files.filter((f) => notShownCount(f) > 0).map((f) => ({
    level: 'note',
    message: { text: `${notShownMessage(notShownCount(f))} (--max-problems-per-file)` },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.path, ctx.cwd) } }],
  }));
  const notifications = [...failures, ...capped];
  const root = pathToFileURL(ctx.cwd).toString();
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'stylebook', fullName: 'API Stylebook Lens', version: ctx.version, semanticVersion: ctx.version, rules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: root.endsWith('/') ? root : `${root}/` } },
      invocations: [{ executionSuccessful: failures.length === 0, toolExecutionNotifications: notifications }],
      results,
    }],
  };
  // Down to each result (root, runs, run, results).
  yield* jsonChunks(log, 4);
  yield '\n';
}

/**
 * Where a file is, as SARIF wants it: a URI reference relative to
 * %SRCROOT% for files under the working folder, an absolute file: URI for
 * others. Each path segment is percent-encoded as RFC 3986 requires, so that
 * `#`, `?`, `%` and spaces in a name are part of the path (encodeURI leaves
 * `#` and `?` alone, and code scanning then points at another file).
 */
export function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const shown = displayPath(file, cwd);
  if (path.isAbsolute(shown) || /^[A-Za-z]:\//.test(shown)) return { uri: pathToFileURL(file).href };
  return { uri: shown.split('/').map(encodeSegment).join('/'), uriBaseId: '%SRCROOT%' };
}

/** One path segment, percent-encoded (UTF-8); a lone surrogate, which has no UTF-8 form, becomes U+FFFD first. */
function encodeSegment(segment: string): string {
  const wellFormed = segment.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  // encodeURIComponent leaves ! ' ( ) * unencoded; they are legal in a path segment, but some consumers
  // treat them specially, and encoding them is always correct.
  return encodeURIComponent(wellFormed).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** "post-create-201" → "PostCreate201", the `name` SARIF viewers show. */
function pascal(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('') || id;
}
