import type { Hover, Position } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog/catalog';
import { methodCard, statusCard } from '../card';
import type { StylebookDocument } from '../document';
import { escapeMarkdown } from '../markdown';
import type { StylebookSettings } from '../settings';
import { codeModel, impliedAt, routeAt, statusSiteAt, type CodeModel, type StatusSite } from './sites';
import type { CodeParsers } from './syntax';

/** The code for a fact line: the source text, shortened and escaped for an inline code span. */
export function inlineCode(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const short = t.length > 60 ? `${t.slice(0, 57)}…` : t;
  return `\`${short.replace(/`/g, "'")}\``;
}

/**
 * Says where a status site sets its status, for the card. It starts with a
 * blank line so that it renders as its own paragraph under the code's facts.
 */
export function siteFact(model: CodeModel, site: StatusSite): string {
  const written = inlineCode(model.text.slice(site.node.startIndex, site.node.endIndex));
  const constant = site.constant ? ` — ${written} is ${site.value} in ${escapeMarkdown(site.constant.family.library)}` : '';
  if (!site.rule || !site.slot) return `\n*Named constant*${constant}.`;
  const where = site.slot.kind === 'arg' ? inlineCode(`${site.slot.callee}(…)`)
    : site.slot.kind === 'assign' ? `${inlineCode(`${site.slot.target} = …`)}` : `${inlineCode('return body, status')}`;
  return `\n*${site.rule.documents ? 'Documented here' : 'Set here'}* by ${escapeMarkdown(site.rule.framework)}: ${where}${constant}.`;
}

/** Hover in route-handler code: a status card where a status is set, a method card on a route declaration, nothing elsewhere. */
export function doCodeHover(doc: StylebookDocument, position: Position, catalog: Catalog, settings: StylebookSettings, parsers: CodeParsers): Hover | null {
  const model = codeModel(doc, parsers);
  if (!model) return null;
  const td = doc.textDocument;
  const offset = td.offsetAt(position);
  const leaf = model.tree.rootNode.descendantForIndex(offset);
  if (!leaf || model.dialect.comments.includes(leaf.type)) return null;
  const ctx = { guideProfile: settings.guideProfile };
  const range = (start: number, end: number) => ({ start: td.positionAt(start), end: td.positionAt(end) });

  const site = statusSiteAt(model, leaf);
  if (site) {
    return { contents: { kind: 'markdown', value: statusCard(site.value, catalog, { ...ctx, facts: [siteFact(model, site)] }) }, range: range(site.node.startIndex, site.node.endIndex) };
  }
  const implied = impliedAt(model, leaf);
  if (implied) {
    const fact = implied.rule.documents
      ? `\n*Documented here* by ${escapeMarkdown(implied.rule.framework)}: ${inlineCode(`${implied.callee}(…)`)} documents ${implied.code}.`
      : `\n*Set here* by ${escapeMarkdown(implied.rule.framework)}: ${inlineCode(`${implied.callee}(…)`)} answers ${implied.code}.`;
    return { contents: { kind: 'markdown', value: statusCard(implied.code, catalog, { ...ctx, facts: [fact] }) }, range: range(implied.start, implied.end) };
  }
  const route = routeAt(model, leaf);
  if (route) {
    const card = methodCard(route.method, catalog, { ...ctx, facts: [`\n*Route declaration* (${escapeMarkdown(route.framework)}): this handler answers ${route.method.toUpperCase()} requests.`] });
    if (card) return { contents: { kind: 'markdown', value: card }, range: range(route.start, route.end) };
  }
  return null;
}
