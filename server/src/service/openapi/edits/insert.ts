/**
 * Edit builders that add or rename things in an OpenAPI document while
 * keeping the user's indentation, quoting and comments.
 *
 * JSON: jsonc-parser's `modify` runs on the smallest enclosing object's text
 * only (padded with its line's indentation so the formatter indents it
 * right), never on the whole document: it takes about a second on a 13 MB
 * description. YAML: the new lines are rendered by the `yaml` package and
 * inserted below the mapping's last line at the mapping's own indentation,
 * computed from our tree's offsets; a flow mapping (`{ a: 1 }`) is rewritten
 * through the `yaml` package's Document, which keeps its flow style.
 */
import { applyEdits, modify, type FormattingOptions } from 'jsonc-parser';
import type { TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isMap, isSeq, parseDocument, stringify } from 'yaml';
import type { ArrayNode, ObjectNode } from '../../parse/ast';

/** How the document is written, detected once per edit from its first lines. */
export interface Style {
  format: 'yaml' | 'json';
  /** One indentation step (spaces), or a tab. */
  unit: string;
  /** YAML: the document quotes strings with single quotes more often than double. */
  singleQuote: boolean;
  eol: string;
  /** JSON written without line breaks (minified): new entries stay on the line. */
  oneLine: boolean;
}

/** Detects indentation, quoting and line ends from the start of the document. */
export function detectStyle(text: string, format: 'yaml' | 'json'): Style {
  const head = text.slice(0, 65536);
  const eol = head.includes('\r\n') ? '\r\n' : '\n';
  let unit = '';
  const lines = head.split(/\r?\n/);
  if (lines.some((l) => l.startsWith('\t'))) unit = '\t';
  else {
    let min = Infinity;
    for (const l of lines) {
      const m = /^( +)\S/.exec(l);
      if (m && m[1].length < min && !(format === 'yaml' && l.trimStart().startsWith('#'))) min = m[1].length;
    }
    unit = ' '.repeat(Number.isFinite(min) ? Math.min(min, 8) : 2);
  }
  const single = (head.match(/: '/g) ?? []).length;
  const double = (head.match(/: "/g) ?? []).length;
  const oneLine = format === 'json' && !head.trimEnd().includes('\n');
  return { format, unit, singleQuote: format === 'yaml' && single > double, eol, oneLine };
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function indentOfLine(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  let i = start;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text.slice(start, i);
}

/**
 * The key as it should be written in this mapping: YAML status keys copy the
 * quoting of their siblings (`'200':`, `"200":` or `200:`); other keys are
 * quoted only when YAML needs it.
 */
export function yamlKey(text: string, obj: ObjectNode, key: string): string {
  if (/^\d+$/.test(key)) {
    const sibling = obj.props.find((p) => /^\d+$/.test(p.key));
    const q = sibling ? text[sibling.keyOffset] : "'";
    if (q === "'" || q === '"') return `${q}${key}${q}`;
    return sibling ? key : `'${key}'`;
  }
  return stringify(key).trimEnd();
}

/** Adds `key: value` to an object, at its end, in the document's own style. */
export function insertProperty(doc: TextDocument, obj: ObjectNode, key: string, value: unknown, style: Style): TextEdit[] {
  const text = doc.getText();
  return style.format === 'json' ? insertJson(doc, text, obj, key, value, style) : insertYaml(doc, text, obj, key, value, style);
}

function insertJson(doc: TextDocument, text: string, obj: ObjectNode, key: string, value: unknown, style: Style): TextEdit[] {
  // An object written on one line with entries (`{ "a": 1 }`), or any object of a minified document, gets the
  // entry on that line, spaced like its entries; an empty `{}` in a document with lines is formatted.
  if ((style.oneLine || obj.props.length > 0) && !text.slice(obj.offset, obj.end).includes('\n')) return insertJsonInline(doc, text, obj, key, value);
  // The formatter runs on a shortened copy of the object: its opening, the line of its last entry (a multi-line
  // value cut down to its first character and last line), and its end. On a large object (`components` of a big
  // description) the whole text would take seconds; what it needs (the last lines' indentation) is kept.
  const first = obj.props[0];
  const last = obj.props[obj.props.length - 1];
  const pieces: Array<[number, number]> = [];
  const firstLine = first ? lineStartOf(text, first.keyOffset) : 0;
  const lastLine = last ? lineStartOf(text, last.keyOffset) : 0;
  if (last?.node && firstLine > obj.offset && lastLine > obj.offset) {
    pieces.push([obj.offset, firstLine]);
    const valueLastLine = lineStartOf(text, last.node.end - 1);
    if (valueLastLine > last.node.offset && (last.node.kind === 'object' || last.node.kind === 'array')) {
      let cut = valueLastLine - 1;
      if (text[cut - 1] === '\r') cut--;
      pieces.push([lastLine, last.node.offset + 1], [cut, obj.end]);
    } else pieces.push([lastLine, obj.end]);
  }
  return (pieces.length && jsonModify(doc, text, obj, pieces, key, value, style)) || jsonModify(doc, text, obj, [[obj.offset, obj.end]], key, value, style) || [];
}

/**
 * Runs jsonc-parser's `modify` on the given pieces of the document put
 * together, and maps its edits back; undefined when an edit runs across a
 * place where pieces were joined.
 */
function jsonModify(doc: TextDocument, text: string, obj: ObjectNode, pieces: Array<[number, number]>, key: string, value: unknown, style: Style): TextEdit[] | undefined {
  // Pieces that meet in the document are one piece, so that an edit may run across where they meet.
  for (let i = pieces.length - 1; i > 0; i--) if (pieces[i - 1][1] === pieces[i][0]) pieces.splice(i - 1, 2, [pieces[i - 1][0], pieces[i][1]]);
  const pad = indentOfLine(text, obj.offset);
  const fragment = pad + pieces.map(([a, b]) => text.slice(a, b)).join('');
  const toSource = (from: number, to: number): [number, number] | undefined => {
    let at = pad.length;
    for (const [a, b] of pieces) {
      const len = b - a;
      if (from >= at && to <= at + len) return [a + from - at, a + to - at];
      at += len;
    }
    return undefined;
  };
  const options: FormattingOptions = { insertSpaces: style.unit !== '\t', tabSize: style.unit === '\t' ? 4 : style.unit.length, eol: style.eol };
  const out: TextEdit[] = [];
  for (const e of modify(fragment, [key], value, { formattingOptions: options })) {
    let from = e.offset;
    let content = e.content;
    // An edit that starts inside our padding (the formatter rewrote the first line) starts at the object instead.
    if (from < pad.length) {
      if (content.startsWith(pad.slice(from))) content = content.slice(pad.length - from);
      from = pad.length;
    }
    const span = toSource(from, e.offset + e.length);
    if (!span) return undefined;
    out.push({ range: { start: doc.positionAt(span[0]), end: doc.positionAt(span[1]) }, newText: content });
  }
  return out;
}

/** Adds an entry to a one-line JSON object, copying the spacing after its colons and commas. */
function insertJsonInline(doc: TextDocument, text: string, obj: ObjectNode, key: string, value: unknown): TextEdit[] {
  const last = obj.props[obj.props.length - 1];
  const entry = (colon: string) => `${JSON.stringify(key)}${colon}${JSON.stringify(value)}`;
  if (!last?.node) {
    const inner = text.slice(obj.offset + 1, obj.end - 1);
    if (inner.trim()) return [];
    const pos = doc.positionAt(obj.offset + 1);
    return [{ range: { start: pos, end: doc.positionAt(obj.end - 1) }, newText: inner.length ? ` ${entry(': ')} ` : entry(':') }];
  }
  const colon = text.slice(last.keyEnd, last.node.offset);
  const prev = obj.props[obj.props.length - 2]?.node;
  const comma = prev ? text.slice(prev.end, obj.props[obj.props.length - 1].keyOffset) : colon.endsWith(' ') ? ', ' : ',';
  const pos = doc.positionAt(last.node.end);
  return [{ range: { start: pos, end: pos }, newText: comma + entry(colon) }];
}

function insertYaml(doc: TextDocument, text: string, obj: ObjectNode, key: string, value: unknown, style: Style): TextEdit[] {
  const keyText = yamlKey(text, obj, key);
  if (text[obj.offset] === '{' || obj.props.length === 0) return insertYamlFlow(doc, text, obj, key, value, style);
  const indent = indentOfLine(text, obj.props[0].keyOffset) + ' '.repeat(Math.max(0, obj.props[0].keyOffset - lineStartOf(text, obj.props[0].keyOffset) - indentOfLine(text, obj.props[0].keyOffset).length));
  const lines = renderYamlEntry(keyText, value, style).map((l) => (l ? indent + l : l));
  // Insert after the mapping's last line (past a trailing comment on it).
  let at = text.indexOf('\n', Math.max(obj.end - 1, obj.offset));
  if (at < 0) at = text.length;
  else if (at > 0 && text[at - 1] === '\r') at--;
  if (obj.end > 0 && text[obj.end - 1] === '\n') at = obj.end - 1 - (text[obj.end - 2] === '\r' ? 1 : 0);
  const pos = doc.positionAt(at);
  return [{ range: { start: pos, end: pos }, newText: style.eol + lines.join(style.eol) }];
}

/** Renders `key: value` as YAML lines without the mapping's indentation. */
function renderYamlEntry(keyText: string, value: unknown, style: Style): string[] {
  const opts = { indent: style.unit === '\t' ? 2 : style.unit.length, singleQuote: style.singleQuote, lineWidth: 0 };
  if (value === null || typeof value !== 'object' || (Array.isArray(value) && value.length === 0)) {
    return [`${keyText}: ${stringify(value, opts).trimEnd()}`];
  }
  const body = stringify(value, opts).trimEnd().split('\n');
  const unit = style.unit === '\t' ? '  ' : style.unit;
  return [`${keyText}:`, ...body.map((l) => (l ? unit + l : l))];
}

/** A flow or empty mapping is rewritten by the `yaml` package, which keeps its style and comments. */
function insertYamlFlow(doc: TextDocument, text: string, obj: ObjectNode, key: string, value: unknown, style: Style): TextEdit[] {
  const fragment = text.slice(obj.offset, obj.end);
  const parsed = parseDocument(fragment);
  if (parsed.errors.length || !isMap(parsed.contents)) return [];
  parsed.set(/^\d+$/.test(key) ? parsed.createNode(key) : key, parsed.createNode(value));
  const out = parsed.toString({ indent: style.unit === '\t' ? 2 : style.unit.length, singleQuote: style.singleQuote, lineWidth: 0 }).trimEnd();
  if (out.includes('\n')) return [];
  return [{ range: { start: doc.positionAt(obj.offset), end: doc.positionAt(obj.end) }, newText: out }];
}

/** Replaces a key or scalar token's text, keeping its quotes. */
export function replaceToken(doc: TextDocument, offset: number, end: number, value: string): TextEdit {
  const text = doc.getText();
  const q = text[offset];
  if ((q === '"' || q === "'") && text[end - 1] === q && end - offset >= 2) {
    return { range: { start: doc.positionAt(offset + 1), end: doc.positionAt(end - 1) }, newText: value };
  }
  // An unquoted YAML token: quote the new text only if YAML would read it as something else.
  const plain = /^[A-Za-z0-9_/{}.-][A-Za-z0-9_/{}.:-]*$/.test(value) && !/^(true|false|null|~|yes|no)$/i.test(value);
  return { range: { start: doc.positionAt(offset), end: doc.positionAt(end) }, newText: plain ? value : JSON.stringify(value) };
}

/** Appends items to a list, in the document's own style, as one edit. */
export function appendItems(doc: TextDocument, arr: ArrayNode, values: unknown[], style: Style): TextEdit[] {
  const text = doc.getText();
  const whole = (newText: string): TextEdit[] => [{ range: { start: doc.positionAt(arr.offset), end: doc.positionAt(arr.end) }, newText }];
  if (style.format === 'json' && (style.oneLine || arr.items.length > 0) && !text.slice(arr.offset, arr.end).includes('\n')) {
    // A list on one line stays on one line, its items separated as it separates them.
    const lastItem = arr.items[arr.items.length - 1];
    const sep = arr.items.length > 1 ? text.slice(arr.items[arr.items.length - 2].end, lastItem.offset) : ',';
    const added = values.map((v) => JSON.stringify(v));
    const at = lastItem ? lastItem.end : arr.offset + 1;
    const pos = doc.positionAt(at);
    return [{ range: { start: pos, end: pos }, newText: (lastItem ? sep : '') + added.join(sep) }];
  }
  if (style.format === 'json') {
    // The list's own text is edited once per item with jsonc-parser, then put back in one edit.
    const pad = indentOfLine(text, arr.offset);
    let fragment = pad + text.slice(arr.offset, arr.end);
    const options: FormattingOptions = { insertSpaces: style.unit !== '\t', tabSize: style.unit === '\t' ? 4 : style.unit.length, eol: style.eol };
    for (const v of values) fragment = applyEdits(fragment, modify(fragment, [-1], v, { formattingOptions: options, isArrayInsertion: true }));
    return whole(fragment.startsWith(pad) ? fragment.slice(pad.length) : fragment.trimStart());
  }
  if (text[arr.offset] === '[' || arr.items.length === 0) {
    const parsed = parseDocument(text.slice(arr.offset, arr.end));
    if (parsed.errors.length || !isSeq(parsed.contents)) return [];
    const seq = parsed.contents as unknown as { add(node: unknown): void };
    for (const v of values) seq.add(parsed.createNode(v));
    const out = parsed.toString({ singleQuote: style.singleQuote, lineWidth: 0 }).trimEnd();
    return out.includes('\n') ? [] : whole(out);
  }
  // A block sequence: the new items go below the last one, at the dash's column.
  const indent = text.slice(lineStartOf(text, arr.offset), arr.offset).replace(/[^\t]/g, ' ');
  const opts = { indent: style.unit === '\t' ? 2 : style.unit.length, singleQuote: style.singleQuote, lineWidth: 0 };
  const lines = stringify(values, opts).trimEnd().split('\n').map((l) => (l ? indent + l : l));
  let at = text.indexOf('\n', Math.max(arr.end - 1, arr.offset));
  if (at < 0) at = text.length;
  else if (at > 0 && text[at - 1] === '\r') at--;
  if (arr.end > 0 && text[arr.end - 1] === '\n') at = arr.end - 1 - (text[arr.end - 2] === '\r' ? 1 : 0);
  const pos = doc.positionAt(at);
  return [{ range: { start: pos, end: pos }, newText: style.eol + lines.join(style.eol) }];
}
