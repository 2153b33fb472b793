import { pathToFileURL } from 'node:url';
import type { LintResult, Severity } from '../report';
import type { FormatContext } from './index';
import { displayPath } from './paths';

/**
 * SARIF 2.1.0, the format GitHub code scanning (and most CI dashboards)
 * ingest. Each rule carries its topic and a help URI so that the alert links
 * to what the guides say; locations are relative to %SRCROOT% (the folder
 * the CLI ran in), which is what code scanning expects from a checkout.
 */

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** Formats a lint result as one SARIF 2.1.0 log with a single run. */
export function formatSarif(result: LintResult, ctx: FormatContext): string {
  const rules = result.rules.map((r) => {
    const name = r.topicName ? `${r.id} (${r.topicName})` : r.id;
    const text = r.description ?? (r.topicName ? `Stylebook rule ${r.id}, about the topic "${r.topicName}".` : `Stylebook rule ${r.id}.`);
    return {
      id: r.id,
      name: pascal(r.id),
      shortDescription: { text: name },
      fullDescription: { text },
      ...(r.helpUri ? { helpUri: r.helpUri } : {}),
      help: { text: r.helpUri ? `${text} What the guides say: ${r.helpUri}` : text },
      defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
      properties: { tags: ['api-design', ...(r.topicId ? [r.topicId] : [])] },
    };
  });
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = [];
  for (const f of result.files) {
    const uri = encodeURI(displayPath(f.path, ctx.cwd));
    for (const p of f.problems) {
      results.push({
        ruleId: p.ruleId,
        ...(ruleIndex.has(p.ruleId) ? { ruleIndex: ruleIndex.get(p.ruleId) } : {}),
        level: LEVEL[p.severity],
        message: { text: p.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
            region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
          },
        }],
        // A problem in a shared component is one result; the operations that use it are its related locations.
        ...(p.related?.length ? {
          relatedLocations: p.related.map((r, i) => ({
            id: i + 1,
            physicalLocation: {
              artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
              region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
            },
            message: { text: r.message },
          })),
        } : {}),
      });
    }
  }
  const notifications = result.failures.filter((f) => f.kind === 'io').map((f) => ({
    level: 'error',
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(displayPath(f.path, ctx.cwd)), uriBaseId: '%SRCROOT%' } } }],
  }));
  const root = pathToFileURL(ctx.cwd).toString();
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'stylebook', fullName: 'API Stylebook Lens', version: ctx.version, semanticVersion: ctx.version, rules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: root.endsWith('/') ? root : `${root}/` } },
      invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
      results,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** "post-create-201" → "PostCreate201", the `name` SARIF viewers show. */
function pascal(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('') || id;
}
