/**
 * The rule engine for OpenAPI documents: it runs the rules of ./rules over
 * the document's model and turns their findings into diagnostics with a
 * severity from the settings, a message that names the guides behind it, a
 * link to the most relevant guide section, and the data a quick fix needs.
 *
 * Speed: per-operation rules are cached across versions of a document by the
 * operation's text (plus the text of what it references and the settings),
 * so after an edit only the operations that changed are checked again.
 */
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog/catalog';
import type { Topic } from '../catalog/types';
import { orderGuides } from '../card';
import type { StylebookDocument } from '../document';
import type { RuleSeverity, StylebookSettings } from '../settings';
import { openApiModel, parsedTree, type OpenApiModel, type Operation } from './model';
import { LIMIT_ID, RULES, SUPPRESSION_RULE_ID, SYNTAX_ID } from './rules/index';
import { isSuppressed, readSuppression, type Suppression, type SuppressionProblem } from './rules/suppression';
import type { FixInfo, Finding, Rule, RuleContext } from './rules/types';

/** What a stylebook diagnostic carries for its quick fixes. */
export interface DiagnosticData {
  rule: string;
  topic?: string;
  fixes?: FixInfo[];
}

const SEVERITY: Record<Exclude<RuleSeverity, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The effective severity of a rule: the team's override, else its default. */
export function ruleSeverity(id: string, defaultSeverity: RuleSeverity, settings: StylebookSettings): RuleSeverity {
  return settings.rules?.[id] ?? defaultSeverity;
}

/**
 * A finding of a per-operation rule, kept relative to the operation so it
 * survives edits elsewhere; one in a shared component (`via`) is kept
 * relative to that component, found again through the response at `via`.
 */
interface CachedFinding {
  rule: Rule;
  delta: number;
  length: number;
  finding: Finding;
  /** The index in the operation's responses of the reference the finding came through. */
  via?: number;
}

/**
 * Per-operation results of recent versions, keyed by the document's uri. The
 * service is pure, but a cache of its own results is not state the caller
 * can observe: a hit returns exactly what a fresh run would.
 */
const operationCache = new Map<string, { fingerprint: string; catalog: Catalog; byOperation: Map<string, CachedOperation> }>();

/** An operation's texts (its own and what it references) and what the rules found in them. */
interface CachedOperation {
  texts: string[];
  findings: CachedFinding[];
}
const MAX_CACHED_DOCUMENTS = 8;
/** How many response and parameter entries reached again through YAML aliases the per-operation rules read before stopping. */
const REPEAT_BUDGET = 10_000;

/** Diagnostics for an OpenAPI document: parser problems, then rule findings not suppressed. */
export function validateOpenApi(doc: StylebookDocument, catalog: Catalog, settings: StylebookSettings, isCancelled: () => boolean): Diagnostic[] {
  const td = doc.textDocument;
  const diagnostics: Diagnostic[] = [];
  const range = (offset: number, end: number) => ({ start: td.positionAt(offset), end: td.positionAt(Math.max(end, offset)) });

  const { problems } = parsedTree(doc);
  for (const p of problems.slice(0, 100)) {
    // A parser warning is about valid YAML (an unknown tag or directive): it must not fail a lint run.
    const severity = p.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
    diagnostics.push({ range: range(p.offset, Math.max(p.end, p.offset + 1)), severity, source: 'stylebook', code: SYNTAX_ID, message: p.message });
  }
  const model = openApiModel(doc);
  if (isCancelled()) return [];

  const ctx: RuleContext = { model, settings, catalog };
  const notes = guideNotes(catalog, settings.guideProfile ?? []);
  const active = RULES.filter((r) => ruleSeverity(r.id, r.defaultSeverity, settings) !== 'off');

  // Suppressions by place, and the problems of the directives themselves.
  const suppressionProblems: SuppressionProblem[] = [];
  const rootScope = readSuppression(model.root?.kind === 'object' ? model.root : undefined, suppressionProblems);
  const pathScopes = new Map<object, Suppression | undefined>();
  for (const p of model.paths) pathScopes.set(p, readSuppression(p.node, suppressionProblems));
  const opScopes = new Map<object, Suppression | undefined>();
  for (const op of model.operations) opScopes.set(op, readSuppression(op.node, suppressionProblems));

  // A problem in a shared component is reported once there; each operation that meets it adds itself as related information.
  const sharedByKey = new Map<string, { related: DiagnosticRelatedInformation[]; data: DiagnosticData }>();
  // YAML aliases can put one node under many operations: what a rule finds there is reported once
  // (a finding in a shared component is merged below instead, keeping each operation as related information).
  const emitted = model.shared ? new Set<string>() : undefined;
  const emit = (rule: Rule, f: Finding) => {
    if (emitted && !f.via) {
      const key = `${rule.id}\u0000${f.offset}\u0000${f.end}\u0000${f.message}`;
      if (emitted.has(key)) return;
      emitted.add(key);
    }
    const op = f.operation;
    const item = op?.pathItem ?? f.pathItem;
    if (isSuppressed(rule.id, rootScope, item && pathScopes.get(item), op && opScopes.get(op))) return;
    const severity = ruleSeverity(rule.id, rule.defaultSeverity, settings);
    if (severity === 'off') return;
    let related: DiagnosticRelatedInformation[] | undefined;
    const sharedKey = f.via && op ? `${rule.id}\u0000${f.offset}\u0000${f.end}\u0000${f.message}` : undefined;
    if (f.via && op && sharedKey) {
      const use: DiagnosticRelatedInformation = {
        location: { uri: td.uri, range: range(f.via.prop.keyOffset, f.via.prop.keyEnd) },
        message: `${op.method.toUpperCase()} ${op.path} uses it as its ${f.via.key} response`,
      };
      const known = sharedByKey.get(sharedKey);
      if (known) {
        // Each operation that meets the problem keeps its own fix (a copy of the component for that operation).
        known.related.push(use);
        if (f.fixes?.length) known.data.fixes = [...(known.data.fixes ?? []), ...f.fixes];
        return;
      }
      related = [use];
    }
    const topicId = f.topic ?? rule.topic;
    const note = notes(catalog.get(topicId), rule.keywords);
    const data: DiagnosticData = { rule: rule.id, topic: topicId, ...(f.fixes?.length ? { fixes: f.fixes } : {}) };
    if (sharedKey && related) sharedByKey.set(sharedKey, { related, data });
    diagnostics.push({
      range: range(f.offset, f.end),
      severity: SEVERITY[severity],
      source: 'stylebook',
      code: rule.id,
      ...(note.href ? { codeDescription: { href: note.href } } : {}),
      message: note.text ? `${f.message} (${note.text})` : f.message,
      ...(related ? { relatedInformation: related } : {}),
      data,
    });
  };

  // Per-operation rules, reused from earlier versions where the operation's text is unchanged.
  const opRules = active.filter((r) => r.checkOperation);
  const fingerprint = JSON.stringify([settings, model.family, model.securitySchemes, model.rootSecurity ? slice(model, model.rootSecurity.offset, model.rootSecurity.end) : '', opRules.map((r) => r.id)]);
  const uri = td.uri;
  let cache = operationCache.get(uri);
  // Rules read the catalog too (which topics exist), so a new catalog starts afresh like new settings do.
  if (!cache || cache.fingerprint !== fingerprint || cache.catalog !== catalog) cache = { fingerprint, catalog, byOperation: new Map() };
  const nextCache = new Map<string, CachedOperation>();
  // An operation reached again through a YAML alias (a path item or an operation written once and
  // aliased under many paths) is checked where it was first met: its findings lie in the same text,
  // and checking every copy made a 55 KB file with 3,000 aliases take over a minute.
  const checked = model.shared ? new Set<object>() : undefined;
  // Distinct operations can still share one aliased `responses` mapping or `parameters` list; each
  // repeated entry costs the rules as much as a written one. Past REPEAT_BUDGET repeats (far more than
  // real documents use) the remaining operations are left unchecked, and a problem says so.
  const entriesSeen = new Set<object>();
  let repeats = 0;
  let done = 0;
  for (const op of model.operations) {
    if (isCancelled()) return [];
    if (checked) {
      if (checked.has(op.node)) continue;
      checked.add(op.node);
      for (const r of op.responses) if (entriesSeen.has(r.prop)) repeats++; else entriesSeen.add(r.prop);
      for (const p of op.parameters) if (entriesSeen.has(p.node)) repeats++; else entriesSeen.add(p.node);
      if (repeats > REPEAT_BUDGET) {
        const at = op.prop;
        diagnostics.push({
          range: range(at.keyOffset, at.keyEnd), severity: DiagnosticSeverity.Warning, source: 'stylebook', code: LIMIT_ID,
          message: `Checking stopped here, after ${done} of ${model.operations.length} operations: YAML aliases repeat the same responses and parameters over ${REPEAT_BUDGET.toLocaleString('en-US')} times, and checking every copy would take minutes. The operations from here on are not checked.`,
        });
        break;
      }
      done++;
    }
    const id = `${op.path}\u0000${op.method}`;
    const texts = operationTexts(model, op);
    const hit = cache.byOperation.get(id);
    let found = hit && sameTexts(hit.texts, texts) ? hit.findings : undefined;
    if (!found) {
      const list: CachedFinding[] = [];
      for (const rule of opRules) {
        try {
          rule.checkOperation!(op, ctx, (f) => {
            const via = f.via ? op.responses.indexOf(f.via) : -1;
            const anchor = via >= 0 ? op.responses[via].component!.keyOffset : op.prop.keyOffset;
            list.push({ rule, delta: f.offset - anchor, length: f.end - f.offset, finding: { ...f, operation: undefined, via: undefined }, ...(via >= 0 ? { via } : {}) });
          });
        } catch {
          // A rule that trips over a half-typed operation must not cost the others their results.
        }
      }
      found = list;
    }
    nextCache.set(id, { texts, findings: found });
    for (const c of found) {
      const via = c.via !== undefined ? op.responses[c.via] : undefined;
      const offset = (via?.component ? via.component.keyOffset : op.prop.keyOffset) + c.delta;
      emit(c.rule, { ...c.finding, offset, end: offset + c.length, operation: op, ...(via ? { via } : {}) });
    }
  }
  operationCache.delete(uri);
  operationCache.set(uri, { fingerprint, catalog, byOperation: nextCache });
  while (operationCache.size > MAX_CACHED_DOCUMENTS) operationCache.delete(operationCache.keys().next().value!);

  // Whole-document rules.
  for (const rule of active) {
    if (!rule.checkDocument) continue;
    if (isCancelled()) return [];
    try {
      rule.checkDocument(ctx, (f) => emit(rule, f));
    } catch {
      // As above: a partial tree may surprise a rule; the rest still run.
    }
  }

  if (ruleSeverity(SUPPRESSION_RULE_ID, 'warning', settings) !== 'off') {
    for (const p of suppressionProblems) {
      diagnostics.push({
        range: range(p.offset, p.end),
        severity: SEVERITY[ruleSeverity(SUPPRESSION_RULE_ID, 'warning', settings) as Exclude<RuleSeverity, 'off'>],
        source: 'stylebook', code: SUPPRESSION_RULE_ID, message: p.message, data: { rule: SUPPRESSION_RULE_ID },
      });
    }
  }
  return diagnostics;
}

function slice(model: OpenApiModel, offset: number, end: number): string {
  return model.text.slice(offset, end);
}

/**
 * What an operation's findings depend on: its own text, and the text of the
 * responses and parameters it references (rules read those too). Findings'
 * offsets relative to the operation depend only on these. Slices are cheap
 * views; comparing them is a native memory compare, with no hashing.
 */
function operationTexts(model: OpenApiModel, op: Operation): string[] {
  const texts = [slice(model, op.prop.keyOffset, op.node.end)];
  for (const r of op.responses) if (r.isRef && r.node) texts.push(slice(model, r.node.offset, r.node.end));
  for (const p of op.parameters) if (p.node.offset < op.node.offset || p.node.offset >= op.node.end) texts.push(slice(model, p.node.offset, p.node.end));
  return texts;
}

function sameTexts(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A message's guide note and link for a topic. */
interface GuideNote {
  text: string;
  href?: string;
}

const noteCache = new WeakMap<Catalog, Map<string, GuideNote>>();

/**
 * Builds, per catalog and guide profile, the note that says which guides
 * cover a rule's topic ("7 guides cover 201 Created: Zalando, Heroku, Atlassian
 * and 4 more") and the link to the best guide section: the team's guides
 * first, then the reference whose name best matches the rule's keywords.
 */
function guideNotes(catalog: Catalog, profile: readonly string[]): (topic: Topic | undefined, keywords: string[]) => GuideNote {
  let perCatalog = noteCache.get(catalog);
  if (!perCatalog) noteCache.set(catalog, (perCatalog = new Map()));
  const cache = perCatalog;
  return (topic, keywords) => {
    if (!topic) return { text: '' };
    const key = `${topic.id}\u0000${profile.join(',')}\u0000${keywords.join(',')}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const note = buildNote(topic, profile, keywords);
    cache.set(key, note);
    return note;
  };
}

/** Exported for tests: the note and link for one topic. */
export function buildNote(topic: Topic, profile: readonly string[], keywords: string[]): GuideNote {
  const guides = orderGuides(topic.guidelines, profile);
  if (!guides.length) return { text: '' };
  // Long official names ("… (Italian administration)") lose their parenthesis to keep messages short.
  const companies = [...new Set(guides.map((g) => g.company.replace(/\s*\(.*\)\s*$/, '')))];
  const shown = companies.slice(0, 3);
  const more = companies.length - shown.length;
  const who = more > 0 ? `${shown.join(', ')} and ${more} more` : shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0];
  const text = `${guides.length} ${guides.length === 1 ? 'guide covers' : 'guides cover'} ${topic.name}: ${who}`;

  const inProfile = (company: string, id: string) => profile.some((p) => p.toLowerCase() === id.toLowerCase() || p.toLowerCase() === company.toLowerCase());
  let best: { score: number; url: string } | undefined;
  guides.forEach((g, gi) => {
    for (const r of g.references) {
      if (!/^https?:\/\//i.test(r.url)) continue;
      const name = r.name.toLowerCase();
      const matches = keywords.filter((k) => name.includes(k.toLowerCase())).length;
      // The team's guides win outright; then keyword matches; then the guide order.
      const score = (inProfile(g.company, g.id) ? 1000 : 0) + matches * 10 - gi * 0.01;
      if (!best || score > best.score) best = { score, url: r.url };
    }
  });
  return { text, href: best?.url };
}
