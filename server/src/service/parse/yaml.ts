/**
 * A fast, tolerant YAML parser for the shapes OpenAPI documents use, with the
 * `yaml` package as an exact fallback.
 *
 * The `yaml` package builds a full concrete syntax tree and takes seconds on
 * a 10 MB description; the rules only need values, keys and offsets. So the
 * fast path reads block mappings and sequences by indentation, the common
 * scalar styles, flow collections, anchors, aliases and merge keys straight
 * from character codes into the shared tree. Whenever it meets something it
 * does not implement exactly (complex keys, directives, tabs as indentation,
 * further documents, custom tags, unusual errors) it gives up by throwing
 * `BAIL`, and the whole text is parsed again by `yaml` and converted: the
 * result is always right, only slower for exotic input.
 *
 * Scalars resolve per the YAML 1.2 core schema, exactly as `yaml` does it, and
 * keys become strings the way `yaml`'s `toJS` makes them (`1.10:` → "1.1",
 * `~:` → ""), so `toValue` of our tree equals `YAML.parse(text, { merge: true })`.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Pair, parseDocument, YAMLMap } from 'yaml';
import { arrayNode, entry, objectNode, scalarNode, takeEntries, type ArrayNode, type AstNode, type ObjectNode, type ParseProblem, type ParseResult, type Property, type ScalarNode } from './ast';

/**
 * Thrown (never escapes this module) when the fast path hands over to
 * `yaml`: where it stopped, and what it met when that is also the reason a
 * too-large file goes unchecked (see `parseYaml`).
 */
class Bail {
  constructor(readonly offset: number, readonly reason: string | undefined, readonly tooDeep = false) {}
}

/**
 * The largest text (in UTF-16 units) handed to `yaml` when the fast path
 * gives up. The package's time grows faster than the text: on an OpenAPI
 * document of 2, 5, 10 and 20 MB it took 0.5, 1.5, 4.6 and 15.5 s, and a
 * 50 MB one 140 s and 1 GB; the editor's validation worker would be stuck
 * that long. Above this size the document gets one problem where the fast
 * path stopped instead.
 */
export const YAML_LIBRARY_MAX_CHARS = 5 * 1024 * 1024;

/**
 * Nesting deeper than this is not read at all: the fast path recurses per
 * level, and no real document is this deep. It is not handed to `yaml`
 * either: that parser recurses too, so how deep it gets depends on the
 * thread's stack (3,000 block levels overflowed the CLI's main thread and
 * parsed without a word in the editor's worker), and the editor and the CLI
 * must report the same thing.
 */
export const MAX_YAML_DEPTH = 500;

const enum Ch {
  Tab = 9, LF = 10, CR = 13, Space = 32, Bang = 33, Quote = 34, Hash = 35, Percent = 37, Amp = 38,
  Apos = 39, Star = 42, Plus = 43, Comma = 44, Minus = 45, Dot = 46, Zero = 48, Nine = 57, Colon = 58,
  Gt = 62, Question = 63, At = 64, OpenBracket = 91, Backslash = 92, CloseBracket = 93, Backtick = 96,
  OpenBrace = 123, Pipe = 124, CloseBrace = 125, Tilde = 126,
}

/** Parses YAML text (first document) into the shared tree; never throws. */
export function parseYaml(text: string): ParseResult {
  let result: ParseResult | undefined;
  let stop: Bail | undefined;
  try {
    const fast = fastOrBail(text);
    if (fast instanceof Bail) stop = fast;
    else result = fast;
  } catch {
    // A bug in the fast path must not cost the user a result: `yaml` decides.
  }
  if (!result && stop?.tooDeep) return tooDeep(text, stop);
  if (!result && text.length > YAML_LIBRARY_MAX_CHARS) return tooLargeForLibrary(text, stop);
  try {
    result ??= parseYamlWithLibrary(text);
    reportControlChars(text, result.problems);
    return result;
  } catch (e) {
    return {
      root: undefined,
      problems: [{ offset: 0, end: text.length, message: `The YAML could not be parsed: ${e instanceof Error ? e.message : String(e)}` }],
    };
  }
}

/**
 * Runs only the fast path; returns undefined where it would hand over to
 * `yaml`. Exported so that tests can check which inputs stay on the fast path.
 */
export function parseYamlFast(text: string): ParseResult | undefined {
  const r = fastOrBail(text);
  return r instanceof Bail ? undefined : r;
}

function fastOrBail(text: string): ParseResult | Bail {
  try {
    return new FastYaml(text).parse();
  } catch (e) {
    if (e instanceof Bail) return e;
    throw e;
  }
}

/** The result for a large text the fast path cannot read: one problem where it stopped, no tree. */
function tooLargeForLibrary(text: string, stop: Bail | undefined): ParseResult {
  const offset = stop?.offset ?? 0;
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
  const what = stop?.reason ?? (stop ? 'The fast YAML reader cannot follow the document from here.' : 'The fast YAML reader failed on this document.');
  const problems: ParseProblem[] = [{
    offset, end,
    message: `${what} Only the complete YAML parser reads this, and at ${mb(text.length)} the file is over the ${mb(YAML_LIBRARY_MAX_CHARS)} it is given (its time grows faster than the file), so the document is not checked.`,
  }];
  reportControlChars(text, problems);
  return { root: undefined, problems };
}

/** The result for a text nested past MAX_YAML_DEPTH: one problem where the limit was passed, no tree. */
function tooDeep(text: string, stop: Bail): ParseResult {
  const nl = text.indexOf('\n', stop.offset);
  const problems: ParseProblem[] = [{
    offset: stop.offset, end: nl < 0 ? text.length : nl,
    message: `Nesting deeper than ${MAX_YAML_DEPTH} levels is not supported (no API description is this deep), so the document is not checked.`,
  }];
  reportControlChars(text, problems);
  return { root: undefined, problems };
}

/**
 * Reports the first C0 control character (other than tab and line breaks):
 * YAML forbids them, `yaml` accepts them silently, and they usually mean a
 * binary file was opened as YAML.
 */
function reportControlChars(text: string, problems: ParseProblem[]): void {
  // A regular expression scans natively: about five times faster than a character loop on a 10 MB file.
  const m = CONTROL_CHAR.exec(text);
  if (!m) return;
  const hex = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  problems.push({ offset: m.index, end: m.index + 1, message: `Control character U+${hex} is not allowed in YAML (is this a binary file?).` });
}

/** C0 control characters other than tab, line feed and carriage return. */
const CONTROL_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F]/;

function bail(offset: number, reason?: string): never {
  throw new Bail(offset, reason);
}

class FastYaml {
  private readonly len: number;
  private readonly problems: ParseProblem[] = [];
  /**
   * Anchors by name: the node, or undefined while the anchored node is still
   * being read (an alias to it then would make a cycle), and where the anchor
   * stood, so that a redefinition inside the node keeps winning (see `anchored`).
   */
  private readonly anchors = new Map<string, { node: AstNode | undefined; at: number }>();
  /** End of the content consumed by the last parse function (exclusive). */
  private pos = 0;
  private depth = 0;
  /** The block indentation that lines inside a flow collection must exceed. */
  private flowIndent = -1;
  /** How many flow collections are open (1: the outermost one). */
  private flowLevel = 0;
  /** Set by `foldQuoted`: the text that a line break inside a quoted scalar folds into. */
  private foldText = '';

  /** A `<<` merge key was met (see `ParseResult.shared`). */
  private sawMerge = false;

  /** Entries of the open block collections (see `takeEntries`). */
  private readonly pending: (Property | AstNode)[] = [];

  /** Where the last `skipToContent` stopped, and the start of that line (-1: not seen; see `col`). */
  private skipEnd = -1;
  private skipLineStart = -1;

  constructor(private readonly t: string) {
    this.len = t.length;
  }

  parse(): ParseResult {
    const t = this.t;
    let p = this.skipToContent(t.charCodeAt(0) === 0xfeff ? 1 : 0, true);
    if (p < this.len && t.charCodeAt(p) === Ch.Percent && this.col(p) === 0) bail(p, 'A directive (%YAML or %TAG).');
    if (this.isDocMarker(p, Ch.Minus)) {
      const q = this.skipSpaces(p + 3);
      if (!this.atLineEndOrComment(q)) bail(q);
      p = this.skipToContent(q, false);
    }
    let root: AstNode | undefined;
    if (p < this.len && !this.isDocMarker(p, Ch.Minus) && !this.isDocMarker(p, Ch.Dot)) {
      root = this.nodeAtCol(p, -1);
      p = this.skipToContent(this.pos, false);
    }
    if (p < this.len) {
      // Only a document end marker may follow, and nothing after it: a second
      // document (or leftover content) is `yaml`'s to report.
      if (!this.isDocMarker(p, Ch.Dot) && !this.isDocMarker(p, Ch.Minus)) bail(p);
      // A `---` starts a second document, even an empty one.
      if (this.isDocMarker(p, Ch.Minus) || this.skipToContent(p + 3, false) < this.len) bail(p, 'More than one YAML document in the file.');
    }
    return { root, problems: this.problems, shared: this.anchors.size > 0 || this.sawMerge };
  }

  // ---- Block structure ----------------------------------------------------

  /**
   * Parses the node whose first character is at `p`, at the start of its line
   * or right after `- `: its column is its indentation, so it may be a block
   * mapping or sequence. `parentIndent` is the indentation of the enclosing
   * collection, which continuation lines must exceed.
   */
  private nodeAtCol(p: number, parentIndent: number): AstNode {
    if (++this.depth > MAX_YAML_DEPTH) throw new Bail(p, undefined, true);
    const t = this.t;
    const c = t.charCodeAt(p);
    let node: AstNode;
    switch (c) {
      case Ch.Minus:
        node = this.isSepAt(p + 1) ? this.blockSeq(p, this.col(p)) : this.plainOrMap(p, parentIndent);
        break;
      case Ch.Quote:
      case Ch.Apos: {
        const k = this.quoted(p, parentIndent);
        const q = this.skipSpaces(this.pos);
        if (t.charCodeAt(q) === Ch.Colon && this.isSepAt(q + 1)) {
          // A quoted mapping key: the mapping parser reads it again.
          if (this.lineEnd(p) < k.end) bail(p);
          node = this.blockMap(p, this.col(p));
        } else {
          node = k;
          this.expectLineEnd();
        }
        break;
      }
      case Ch.Amp:
      case Ch.Bang:
        node = this.withProps(p, parentIndent, true);
        break;
      default:
        node = this.plainOrMap(p, parentIndent);
    }
    this.depth--;
    return node;
  }

  /** Parses a node that starts on the line of its key or `- ` and is not a mapping key itself. */
  private inlineNode(p: number, parentIndent: number): AstNode {
    const t = this.t;
    const c = t.charCodeAt(p);
    let node: AstNode;
    switch (c) {
      case Ch.Quote:
      case Ch.Apos:
        node = this.quoted(p, parentIndent);
        this.expectLineEnd();
        return node;
      case Ch.OpenBracket:
      case Ch.OpenBrace:
        node = this.flowAtBlock(p, parentIndent);
        this.expectLineEnd();
        return node;
      case Ch.Star:
        node = this.alias(p);
        this.expectLineEnd();
        return node;
      case Ch.Amp:
      case Ch.Bang:
        return this.withProps(p, parentIndent, false);
      case Ch.Pipe:
      case Ch.Gt:
        return this.blockScalar(p, parentIndent);
      case Ch.Minus:
      case Ch.Question:
      case Ch.Colon:
        if (this.isSepAt(p + 1)) bail(p);
        return this.plainBlock(p, parentIndent, true);
      case Ch.Percent:
      case Ch.At:
      case Ch.Backtick:
      case Ch.Comma:
      case Ch.CloseBracket:
      case Ch.CloseBrace:
        return bail(p);
      default:
        return this.plainBlock(p, parentIndent, true);
    }
  }

  /** At the start of a line's content: a mapping if the line is `key: ...`, else a scalar or flow node. */
  private plainOrMap(p: number, parentIndent: number): AstNode {
    const t = this.t;
    const c = t.charCodeAt(p);
    if (c === Ch.OpenBracket || c === Ch.OpenBrace || c === Ch.Star) {
      const node = c === Ch.Star ? this.alias(p) : this.flowAtBlock(p, parentIndent);
      const q = this.skipSpaces(this.pos);
      // A flow collection or alias used as a mapping key is left to `yaml`.
      if (t.charCodeAt(q) === Ch.Colon && this.isSepAt(q + 1)) bail(q);
      this.expectLineEnd();
      return node;
    }
    if ((c === Ch.Question || c === Ch.Colon) && this.isSepAt(p + 1)) bail(p);
    if (c === Ch.Pipe || c === Ch.Gt) return this.blockScalar(p, parentIndent);
    if (this.scanKey(p) >= 0) return this.blockMap(p, this.col(p));
    return this.inlineNode(p, parentIndent);
  }

  /** Parses a block mapping whose first key starts at `p`, in column `indent`. */
  private blockMap(p: number, indent: number): ObjectNode {
    const t = this.t;
    const offset = p;
    let end = p;
    const start = this.pending.length;
    let merges: Set<Property> | undefined;
    for (;;) {
      const c = t.charCodeAt(p);
      let key: string;
      let keyEnd: number;
      let colon = -1;
      let plain = false;
      if (c === Ch.Quote || c === Ch.Apos) {
        const k = this.quoted(p, indent);
        const q = this.skipSpaces(this.pos);
        if (t.charCodeAt(q) === Ch.Colon && this.isSepAt(q + 1)) {
          // A key that spans lines is not allowed; `yaml` reports it best.
          if (this.lineEnd(p) < k.end) bail(p);
          colon = q;
        }
        key = k.value as string;
        keyEnd = k.end;
      } else {
        if (isIndicator(c) && !((c === Ch.Minus || c === Ch.Question || c === Ch.Colon) && !this.isSepAt(p + 1))) bail(p);
        colon = this.scanKey(p);
        keyEnd = colon;
        while (keyEnd > p && isSpaceOrTab(t.charCodeAt(keyEnd - 1))) keyEnd--;
        key = colon < 0 ? '' : plainKeyString(t.slice(p, keyEnd));
        plain = true;
      }
      if (colon < 0) {
        // Half-typed entry (`descr` with no colon yet): report it and go on with the next line.
        const e = this.contentEnd(p);
        this.problem(p, e, 'Expected a mapping entry ("key: value") here.');
        this.pos = e;
      } else {
        const q = this.skipSpaces(colon + 1);
        const value = this.atLineEndOrComment(q) ? this.valueBelow(q, indent, true) : this.inlineNode(q, indent);
        const prop = entry(key, p, keyEnd, value);
        if (plain && key === '<<') {
          (merges ??= new Set()).add(prop);
          this.sawMerge = true;
        }
        this.pending.push(prop);
        end = value ? this.pos : colon + 1;
      }
      p = this.skipToContent(this.pos, false);
      if (p >= this.len) break;
      const col = this.col(p);
      if (col < indent || (col === 0 && this.isDocMarker(p, 0))) break;
      if (col > indent) this.problem(p, this.contentEnd(p), 'Bad indentation: this entry is indented more than the others of its mapping.');
      if (t.charCodeAt(p) === Ch.Minus && this.isSepAt(p + 1)) bail(p);
    }
    return this.finishMap(objectNode(offset, end, takeEntries<Property>(this.pending, start)), merges);
  }

  /** Parses a block sequence whose first `-` is at `p`, in column `indent`. */
  private blockSeq(p: number, indent: number): ArrayNode {
    const t = this.t;
    const offset = p;
    let end = p + 1;
    const start = this.pending.length;
    for (;;) {
      const q = this.skipSpaces(p + 1);
      // A block collection cannot start after a tab (`-\t- x`): `yaml` reports that.
      if (q > p + 1 && t.lastIndexOf('\t', q - 1) > p && ((t.charCodeAt(q) === Ch.Minus && this.isSepAt(q + 1)) || this.scanKey(q) >= 0)) bail(q);
      let item: AstNode | undefined;
      if (this.atLineEndOrComment(q)) {
        item = this.valueBelow(q, indent, false);
        if (!item) {
          // The empty item stands where the line's content would start, as `yaml` places it.
          item = scalarNode('null', q, q, null);
          this.pos = q;
        }
      } else {
        item = this.nodeAtCol(q, indent);
      }
      this.pending.push(item);
      end = this.pos;
      p = this.skipToContent(this.pos, false);
      if (p >= this.len) break;
      const col = this.col(p);
      if (col < indent || (col === 0 && this.isDocMarker(p, 0))) break;
      if (col > indent) bail(p);
      if (t.charCodeAt(p) !== Ch.Minus || !this.isSepAt(p + 1)) break;
    }
    return arrayNode(offset, end, takeEntries<AstNode>(this.pending, start));
  }

  /**
   * The value of `key:` or `-` when nothing follows on the line: the next
   * content if it is indented more than `parentIndent` (or, for mapping
   * values, a sequence at the same indentation); otherwise undefined.
   */
  private valueBelow(q: number, parentIndent: number, allowSeq: boolean): AstNode | undefined {
    const p = this.skipToContent(q, false);
    if (p < this.len) {
      const c = this.col(p);
      if (c > parentIndent && !(c === 0 && this.isDocMarker(p, 0))) return this.nodeAtCol(p, parentIndent);
      if (allowSeq && c === parentIndent && this.t.charCodeAt(p) === Ch.Minus && this.isSepAt(p + 1)) {
        return this.blockSeq(p, c);
      }
    }
    this.pos = q;
    return undefined;
  }

  /** Parses `&anchor` and `!tag` properties and the node they apply to. */
  private withProps(p: number, parentIndent: number, atCol: boolean): AstNode {
    const t = this.t;
    let anchor: string | undefined;
    let anchorAt = p;
    let tag: string | undefined;
    let tagAt = p;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c !== Ch.Amp && c !== Ch.Bang) break;
      const e = this.propEnd(p + 1);
      if (c === Ch.Amp) {
        anchor = t.slice(p + 1, e);
        anchorAt = p;
      } else {
        tag = t.slice(p, e);
        tagAt = p;
      }
      p = this.skipSpaces(e);
    }
    // Only the tags whose effect is known exactly stay on the fast path.
    if (tag !== undefined && tag !== '!!str' && tag !== '!!map' && tag !== '!!seq') bail(tagAt, `A tag (${tag}) whose meaning only the complete YAML parser knows.`);
    if (anchor !== undefined) this.anchors.set(anchor, { node: undefined, at: anchorAt });
    let node: AstNode | undefined;
    if (this.atLineEndOrComment(p)) {
      node = this.valueBelow(p, parentIndent, !atCol);
      if (!node) {
        node = scalarNode('null', p, p, null);
        this.pos = p;
      }
    } else {
      // Properties in front of an implicit key belong to the key, not the mapping;
      // properties in front of an alias are an error, which `yaml` reports.
      if ((atCol && this.scanKey(p) >= 0) || t.charCodeAt(p) === Ch.Star) bail(p);
      node = this.inlineNode(p, parentIndent);
    }
    if (tag === '!!str') {
      if (node.kind === 'object' || node.kind === 'array') bail(node.offset);
      if (node.kind !== 'string') {
        (node as ScalarNode).kind = 'string';
        node.value = t.slice(node.offset, node.end);
      }
    } else if ((tag === '!!map' && node.kind !== 'object') || (tag === '!!seq' && node.kind !== 'array')) {
      bail(node.offset);
    }
    if (anchor !== undefined) this.anchored(anchor, anchorAt, node);
    return node;
  }

  /**
   * Records the node of the anchor `name` that stood at `at`, now that the
   * node is complete. An alias means the last anchor of its name before it in
   * the text; when the node itself holds a later anchor of the same name,
   * that one stays in force.
   */
  private anchored(name: string, at: number, node: AstNode): void {
    const a = this.anchors.get(name);
    if (a && a.at === at) a.node = node;
  }

  private alias(p: number): AstNode {
    const e = this.propEnd(p + 1);
    const name = this.t.slice(p + 1, e);
    this.pos = e;
    const a = this.anchors.get(name);
    if (a?.node) return a.node;
    this.problem(p, e, a ? `The alias '*${name}' is inside the node its anchor names: a cycle.` : `Unknown anchor '${name}'.`);
    return scalarNode('null', p, e, null);
  }

  // ---- Scalars ------------------------------------------------------------

  /**
   * Parses a plain scalar in block context, folding continuation lines that
   * are indented more than `parentIndent`. `inline` is true after `key: `,
   * where a further `: ` is a stray colon.
   */
  private plainBlock(p: number, parentIndent: number, inline: boolean): ScalarNode {
    const t = this.t;
    let end = p;
    let i = p;
    let comment = false;
    for (; i < this.len; i++) {
      const c = t.charCodeAt(i);
      if (c === Ch.LF) break;
      if (c === Ch.Space || c === Ch.Tab || c === Ch.CR) continue;
      if (c === Ch.Hash && isSpaceOrTab(t.charCodeAt(i - 1))) {
        comment = true;
        break;
      }
      if (c === Ch.Colon && inline && this.isSepAt(i + 1)) {
        this.problem(i, i + 1, 'Unexpected ":": a mapping cannot start on the line of its key. Quote the value if it contains ": ".');
      }
      end = i + 1;
    }
    let value: string | undefined;
    if (!comment) {
      let j = i + 1;
      let empties = 0;
      while (j < this.len) {
        let k = j;
        while (t.charCodeAt(k) === Ch.Space) k++;
        const c = t.charCodeAt(k);
        if (k >= this.len) break;
        if (c === Ch.LF || (c === Ch.CR && t.charCodeAt(k + 1) === Ch.LF)) {
          empties++;
          j = t.indexOf('\n', k) + 1;
          continue;
        }
        if (c === Ch.Tab) bail(k);
        const ind = k - j;
        if (ind <= parentIndent || c === Ch.Hash || (ind === 0 && this.isDocMarker(k, 0))) break;
        // Scan the continuation line: a `: ` in it means broken structure, which `yaml` reports.
        let e = k;
        let m = k;
        for (; m < this.len; m++) {
          const d = t.charCodeAt(m);
          if (d === Ch.LF) break;
          if (d === Ch.Space || d === Ch.Tab || d === Ch.CR) continue;
          if (d === Ch.Hash && isSpaceOrTab(t.charCodeAt(m - 1))) {
            comment = true;
            break;
          }
          if (d === Ch.Colon && this.isSepAt(m + 1)) bail(m);
          e = m + 1;
        }
        value = (value ?? t.slice(p, end)) + (empties === 0 ? ' ' : '\n'.repeat(empties)) + t.slice(k, e);
        end = e;
        empties = 0;
        if (comment) break;
        j = m + 1;
      }
    }
    this.pos = end;
    if (value !== undefined) return scalarNode('string', p, end, value);
    return resolvePlain(t.slice(p, end), p, end);
  }

  /** Parses a single- or double-quoted scalar starting at `p`; sets `pos` after it. */
  private quoted(p: number, parentIndent: number): ScalarNode {
    const t = this.t;
    const dq = t.charCodeAt(p) === Ch.Quote;
    // Fast path: no escapes and no line breaks.
    let i = p + 1;
    for (; i < this.len; i++) {
      const c = t.charCodeAt(i);
      if (dq ? c === Ch.Quote : c === Ch.Apos) {
        if (!dq && t.charCodeAt(i + 1) === Ch.Apos) break;
        this.pos = i + 1;
        return scalarNode('string', p, i + 1, t.slice(p + 1, i), true);
      }
      if (c === Ch.LF || c === Ch.CR || (dq && c === Ch.Backslash)) break;
    }
    return this.quotedSlow(p, parentIndent, dq);
  }

  private quotedSlow(p: number, parentIndent: number, dq: boolean): ScalarNode {
    const t = this.t;
    let out = '';
    let chunk = p + 1;
    let i = p + 1;
    while (i < this.len) {
      const c = t.charCodeAt(i);
      if (dq ? c === Ch.Quote : c === Ch.Apos) {
        if (!dq && t.charCodeAt(i + 1) === Ch.Apos) {
          out += t.slice(chunk, i + 1);
          i += 2;
          chunk = i;
          continue;
        }
        out += t.slice(chunk, i);
        this.pos = i + 1;
        return scalarNode('string', p, i + 1, out, true);
      }
      if (c === Ch.LF || (c === Ch.CR && t.charCodeAt(i + 1) === Ch.LF)) {
        let e = i;
        while (e > chunk && isWhite(t.charCodeAt(e - 1))) e--;
        out += t.slice(chunk, e);
        const next = this.foldQuoted(c === Ch.CR ? i + 1 : i, parentIndent);
        if (next < 0) return this.unterminatedQuote(p);
        out += this.foldText;
        i = chunk = next;
        continue;
      }
      if (dq && c === Ch.Backslash) {
        out += t.slice(chunk, i);
        const e = t.charCodeAt(i + 1);
        if (e === Ch.LF || (e === Ch.CR && t.charCodeAt(i + 2) === Ch.LF)) {
          // An escaped line break joins the lines without a space.
          const next = this.foldQuoted(e === Ch.CR ? i + 2 : i + 1, parentIndent);
          if (next < 0) return this.unterminatedQuote(p);
          if (this.foldText !== ' ') out += this.foldText;
          i = chunk = next;
          continue;
        }
        const [s, n] = this.escape(i);
        out += s;
        i += n;
        chunk = i;
        continue;
      }
      i++;
    }
    return this.unterminatedQuote(p);
  }

  /**
   * At a line break inside a quoted scalar: skips the following empty lines
   * and the next line's indentation, sets `foldText` (a space, or one newline
   * per empty line) and returns where the text goes on. Returns -1 when the
   * scalar cannot continue there (end of text, a line not indented enough, a
   * document marker), which means its closing quote is missing.
   */
  private foldQuoted(lf: number, parentIndent: number): number {
    const t = this.t;
    let j = lf + 1;
    let empties = 0;
    for (;;) {
      let k = j;
      while (k < this.len && isWhite(t.charCodeAt(k))) k++;
      if (k >= this.len) return -1;
      if (t.charCodeAt(k) === Ch.LF) {
        empties++;
        j = k + 1;
        continue;
      }
      const ind = k - j;
      if (ind <= parentIndent || (ind === 0 && this.isDocMarker(k, 0))) return -1;
      // The indentation itself must be spaces; a tab inside it is an error `yaml` reports.
      let s = j;
      while (t.charCodeAt(s) === Ch.Space) s++;
      if (s < k && s - j <= parentIndent) bail(s);
      this.foldText = empties === 0 ? ' ' : '\n'.repeat(empties);
      return k;
    }
  }

  /**
   * A quote without its closing partner (typically half-typed): the scalar is
   * taken to end with its first line, so the rest of the document survives.
   */
  private unterminatedQuote(p: number): ScalarNode {
    const e = this.contentEnd(p);
    this.problem(p, e, 'Missing closing quote.');
    this.pos = e;
    return scalarNode('string', p, e, this.t.slice(p + 1, e), true);
  }

  /** Decodes the double-quoted escape at `i`; returns the text and the length consumed. */
  private escape(i: number): [string, number] {
    const t = this.t;
    const e = t[i + 1];
    switch (e) {
      case '0': return ['\0', 2];
      case 'a': return ['\x07', 2];
      case 'b': return ['\b', 2];
      case 't': case '\t': return ['\t', 2];
      case 'n': return ['\n', 2];
      case 'v': return ['\v', 2];
      case 'f': return ['\f', 2];
      case 'r': return ['\r', 2];
      case 'e': return ['\x1b', 2];
      case ' ': return [' ', 2];
      case '"': return ['"', 2];
      case '/': return ['/', 2];
      case '\\': return ['\\', 2];
      case 'N': return ['\x85', 2];
      case '_': return ['\xa0', 2];
      case 'L': return ['\u2028', 2];
      case 'P': return ['\u2029', 2];
      case 'x': case 'u': case 'U': {
        const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = t.slice(i + 2, i + 2 + n);
        if (hex.length === n && /^[0-9a-fA-F]+$/.test(hex)) {
          const cp = parseInt(hex, 16);
          if (cp <= 0x10ffff) return [String.fromCodePoint(cp), 2 + n];
        }
        break;
      }
    }
    // `yaml` keeps unknown escapes in a way that is hard to mirror; let it decide.
    return bail(i);
  }

  /** Parses a literal (`|`) or folded (`>`) block scalar whose indicator is at `p`. */
  private blockScalar(p: number, parentIndent: number): ScalarNode {
    const t = this.t;
    const literal = t.charCodeAt(p) === Ch.Pipe;
    let i = p + 1;
    let explicitIndent = 0;
    let chomp = 0; // -1 strip, 0 clip, 1 keep
    for (let n = 0; n < 2; n++) {
      const c = t.charCodeAt(i);
      if (c >= 49 && c <= Ch.Nine && explicitIndent === 0) explicitIndent = c - Ch.Zero;
      else if (c === Ch.Plus && chomp === 0) chomp = 1;
      else if (c === Ch.Minus && chomp === 0) chomp = -1;
      else break;
      i++;
    }
    const headerEnd = i;
    if (!this.atLineEndOrComment(this.skipSpaces(i)) || (i < this.len && !isWhite(t.charCodeAt(i)) && t.charCodeAt(i) !== Ch.LF)) bail(i);
    let j = this.lineEnd(i) + 1;
    let contentIndent: number;
    if (explicitIndent > 0) {
      if (parentIndent < 0) bail(i);
      contentIndent = parentIndent + explicitIndent;
    } else {
      // The first non-empty line sets the indentation.
      contentIndent = -1;
      // The most spaces on the empty lines before it: with no content line, they set the
      // indentation instead, so that a scalar of blank lines is empty, as YAML says.
      let maxEmpty = 0;
      let k = j;
      while (k < this.len) {
        let m = k;
        while (t.charCodeAt(m) === Ch.Space) m++;
        const c = t.charCodeAt(m);
        if (m >= this.len) {
          maxEmpty = Math.max(maxEmpty, m - k);
          break;
        }
        if (c === Ch.LF || (c === Ch.CR && t.charCodeAt(m + 1) === Ch.LF)) {
          maxEmpty = Math.max(maxEmpty, m - k);
          k = t.indexOf('\n', m) + 1;
          continue;
        }
        if (c === Ch.Tab && m - k <= parentIndent + 1) bail(m);
        contentIndent = m - k;
        break;
      }
      // Leading empty lines indented more than the content are an error `yaml` reports.
      if (contentIndent > parentIndent && maxEmpty > contentIndent) bail(j);
      if (contentIndent <= parentIndent) contentIndent = Math.max(maxEmpty, parentIndent + 1);
    }
    const lines: string[] = [];
    let lastEnd = headerEnd;
    while (j < this.len) {
      const nl = t.indexOf('\n', j);
      const lineEnd = nl === -1 ? this.len : nl;
      const e = t.charCodeAt(lineEnd - 1) === Ch.CR && lineEnd > j ? lineEnd - 1 : lineEnd;
      let k = j;
      while (k < e && t.charCodeAt(k) === Ch.Space) k++;
      if (k >= e) {
        // A line of spaces only: empty, unless it has more spaces than the indentation.
        lines.push(k - j > contentIndent ? t.slice(j + contentIndent, e) : '');
      } else {
        if (k - j < contentIndent || (k === j && this.isDocMarker(k, 0))) {
          // A line of white space with a tab in the indentation is an error `yaml` reports.
          if (t.charCodeAt(k) === Ch.Tab && /^[ \t]*\r?$/.test(t.slice(j, lineEnd))) bail(k);
          break;
        }
        lines.push(t.slice(j + contentIndent, e));
        lastEnd = e;
      }
      j = lineEnd + 1;
    }
    let last = lines.length - 1;
    while (last >= 0 && lines[last] === '') last--;
    let trailing = lines.length - 1 - last;
    if (j >= this.len && lines.length > 0 && lines[lines.length - 1] === '' && !t.endsWith('\n')) trailing--;
    let value = literal ? lines.slice(0, last + 1).join('\n') : foldLines(lines, last);
    if (last >= 0) {
      if (chomp >= 0) value += '\n';
      if (chomp > 0) value += '\n'.repeat(trailing);
    } else if (chomp > 0) {
      // Without content, the line break of the header line is kept too, when a line follows it
      // (`- |+` then a last line of spaces gives "\n", as the yaml-test-suite says, case JEF9).
      value = '\n'.repeat(lines.length > 0 ? Math.max(1, trailing) : 0);
    }
    this.pos = lastEnd;
    return scalarNode('string', p, lastEnd, value);
  }

  // ---- Flow collections ---------------------------------------------------

  /** Parses a flow collection that appears in block context at `p`. */
  private flowAtBlock(p: number, parentIndent: number): AstNode {
    const saved = this.flowIndent;
    this.flowIndent = parentIndent;
    const node = this.flowNode(p);
    this.flowIndent = saved;
    return node;
  }

  private flowNode(p: number): AstNode {
    if (++this.depth > MAX_YAML_DEPTH) throw new Bail(p, undefined, true);
    const t = this.t;
    const c = t.charCodeAt(p);
    let node: AstNode;
    switch (c) {
      case Ch.OpenBracket:
        node = this.flowSeq(p);
        break;
      case Ch.OpenBrace:
        node = this.flowMap(p);
        break;
      case Ch.Quote:
      case Ch.Apos:
        node = this.quoted(p, this.flowIndent);
        break;
      case Ch.Star:
        node = this.alias(p);
        break;
      case Ch.Amp:
      case Ch.Bang: {
        let anchor: string | undefined;
        let anchorAt = p;
        let q = p;
        for (;;) {
          const d = t.charCodeAt(q);
          if (d !== Ch.Amp && d !== Ch.Bang) break;
          const e = this.propEnd(q + 1);
          if (d === Ch.Bang) bail(q);
          anchor = t.slice(q + 1, e);
          anchorAt = q;
          q = this.skipFlowSpace(e);
        }
        const d = t.charCodeAt(q);
        if (q >= this.len || d === Ch.Comma || d === Ch.CloseBracket || d === Ch.CloseBrace || d === Ch.Star) bail(q);
        if (anchor !== undefined) this.anchors.set(anchor, { node: undefined, at: anchorAt });
        node = this.flowNode(q);
        if (anchor !== undefined) this.anchored(anchor, anchorAt, node);
        break;
      }
      default:
        if (isIndicator(c) && !((c === Ch.Minus || c === Ch.Question || c === Ch.Colon) && !isFlowSep(t.charCodeAt(p + 1)))) bail(p);
        node = this.flowPlain(p);
    }
    this.depth--;
    return node;
  }

  private flowSeq(p: number): ArrayNode {
    const t = this.t;
    const node = arrayNode(p, p + 1, []);
    this.flowLevel++;
    let i = p + 1;
    for (;;) {
      i = this.skipFlowSpace(i);
      if (i >= this.len) return this.unterminatedFlow(node, ']');
      const c = t.charCodeAt(i);
      if (c === Ch.CloseBracket) break;
      if (c === Ch.Comma || c === Ch.CloseBrace) bail(i);
      node.items.push(this.flowNode(i));
      i = this.skipFlowSpace(this.pos);
      const d = t.charCodeAt(i);
      if (d === Ch.Comma) i++;
      else if (i < this.len && d !== Ch.CloseBracket) bail(i);
    }
    node.end = this.pos = i + 1;
    this.flowLevel--;
    return node;
  }

  private flowMap(p: number): ObjectNode {
    const t = this.t;
    const node = objectNode(p, p + 1, []);
    this.flowLevel++;
    let merges: Set<Property> | undefined;
    let i = p + 1;
    for (;;) {
      i = this.skipFlowSpace(i);
      if (i >= this.len) return this.finishMap(this.unterminatedFlow(node, '}'), merges);
      const c = t.charCodeAt(i);
      if (c === Ch.CloseBrace) break;
      let key: string;
      let keyEnd: number;
      if (c === Ch.Quote || c === Ch.Apos) {
        const k = this.quoted(i, this.flowIndent);
        key = k.value as string;
        keyEnd = k.end;
      } else {
        if (isIndicator(c) && !((c === Ch.Minus || c === Ch.Question || c === Ch.Colon) && !isFlowSep(t.charCodeAt(i + 1)))) bail(i);
        keyEnd = this.flowPlainEnd(i);
        key = plainKeyString(t.slice(i, keyEnd));
      }
      let j = this.skipFlowSpace(keyEnd);
      let value: AstNode | undefined;
      if (t.charCodeAt(j) === Ch.Colon) {
        j = this.skipFlowSpace(j + 1);
        const d = t.charCodeAt(j);
        if (j < this.len && d !== Ch.Comma && d !== Ch.CloseBrace) {
          value = this.flowNode(j);
          j = this.skipFlowSpace(this.pos);
        }
      }
      const prop = entry(key, i, keyEnd, value);
      if (key === '<<' && c !== Ch.Quote && c !== Ch.Apos) {
        (merges ??= new Set()).add(prop);
        this.sawMerge = true;
      }
      node.props.push(prop);
      const d = t.charCodeAt(j);
      if (d === Ch.Comma) j++;
      else if (j < this.len && d !== Ch.CloseBrace) bail(j);
      i = j;
    }
    node.end = this.pos = i + 1;
    this.flowLevel--;
    return this.finishMap(node, merges);
  }

  /** Applies a mapping's merge keys, or else checks it for duplicate keys (merging checks them itself). */
  private finishMap(node: ObjectNode, merges: Set<Property> | undefined): ObjectNode {
    if (merges) applyMerges(node, merges, this.problems);
    else if (node.props.length > 1) dropDuplicates(node, this.problems);
    return node;
  }

  private unterminatedFlow<T extends ObjectNode | ArrayNode>(node: T, closer: string): T {
    this.problem(node.offset, node.offset + 1, `Missing closing '${closer}' before the end of the file.`);
    node.end = this.pos = this.len;
    this.flowLevel--;
    return node;
  }

  /** Returns the end of a plain scalar's first line in flow context (trailing spaces excluded). */
  private flowPlainEnd(p: number): number {
    const t = this.t;
    let end = p;
    for (let i = p; i < this.len; i++) {
      const c = t.charCodeAt(i);
      if (c === Ch.LF || c === Ch.Comma || c === Ch.OpenBracket || c === Ch.CloseBracket || c === Ch.OpenBrace || c === Ch.CloseBrace) break;
      if (c === Ch.Colon && isFlowSep(t.charCodeAt(i + 1))) break;
      if (c === Ch.Hash && isSpaceOrTab(t.charCodeAt(i - 1))) break;
      if (!isWhite(c)) end = i + 1;
    }
    return end;
  }

  /** Parses a plain scalar in flow context, folding it over line breaks. */
  private flowPlain(p: number): ScalarNode {
    const t = this.t;
    let end = this.flowPlainEnd(p);
    let value: string | undefined;
    for (;;) {
      let i = end;
      while (i < this.len && isWhite(t.charCodeAt(i))) i++;
      if (t.charCodeAt(i) !== Ch.LF) break;
      // The scalar may go on on the next non-empty line, unless that starts with a terminator.
      let empties = 0;
      let k = i + 1;
      for (;;) {
        while (k < this.len && isWhite(t.charCodeAt(k))) k++;
        if (t.charCodeAt(k) !== Ch.LF) break;
        empties++;
        k++;
      }
      const c = t.charCodeAt(k);
      if (k >= this.len || c === Ch.Comma || c === Ch.CloseBracket || c === Ch.CloseBrace || c === Ch.Hash ||
          (c === Ch.Colon && isFlowSep(t.charCodeAt(k + 1)))) break;
      if (c === Ch.OpenBracket || c === Ch.OpenBrace) bail(k);
      // A continuation line must be indented (with spaces) more than the block around the collection.
      const lineStart = t.lastIndexOf('\n', k - 1) + 1;
      let sp = lineStart;
      while (t.charCodeAt(sp) === Ch.Space) sp++;
      if (sp - lineStart <= this.flowIndent) bail(k);
      const e = this.flowPlainEnd(k);
      value = (value ?? t.slice(p, end)) + (empties === 0 ? ' ' : '\n'.repeat(empties)) + t.slice(k, e);
      end = e;
    }
    this.pos = end;
    if (value !== undefined) return scalarNode('string', p, end, value);
    return resolvePlain(t.slice(p, end), p, end);
  }

  /** Skips white space, line breaks and comments inside a flow collection. */
  private skipFlowSpace(i: number): number {
    const t = this.t;
    let lineStart = -1;
    while (i < this.len) {
      const c = t.charCodeAt(i);
      if (c === Ch.LF) lineStart = ++i;
      else if (c === Ch.Space || c === Ch.Tab || c === Ch.CR) i++;
      else if (c === Ch.Hash) {
        // A comment needs white space before it: `[a]#x` and `a,#x` are errors, which `yaml` reports.
        if (i > 0 && !isWhiteOrBreak(t.charCodeAt(i - 1))) bail(i);
        i = this.lineEnd(i);
      } else break;
    }
    if (lineStart >= 0 && i < this.len) {
      // A flow collection's lines must be indented (with spaces) more than the block around it
      // (the outermost closing bracket may stand at its indentation), and a document marker cannot stand
      // inside it: errors `yaml` reports.
      let s = lineStart;
      while (t.charCodeAt(s) === Ch.Space) s++;
      const c = t.charCodeAt(i);
      const min = (c === Ch.CloseBracket || c === Ch.CloseBrace) && this.flowLevel === 1 ? this.flowIndent : this.flowIndent + 1;
      if (s - lineStart < min || this.isDocMarker(i, 0)) bail(i);
    }
    return i;
  }

  // ---- Helpers ------------------------------------------------------------

  /**
   * Skips spaces, blank lines and comments from `p`; returns the offset of the
   * next content character (or the text length). Tabs used as indentation are
   * handed to `yaml`, which knows every rule about them.
   */
  private skipToContent(p: number, atLineStart: boolean): number {
    const t = this.t;
    let sawTab = false;
    let lineStart = -1;
    while (p < this.len) {
      const c = t.charCodeAt(p);
      if (c === Ch.Space || c === Ch.CR) p++;
      else if (c === Ch.LF) {
        p++;
        lineStart = p;
        atLineStart = true;
        sawTab = false;
      } else if (c === Ch.Tab) {
        if (atLineStart) sawTab = true;
        p++;
      } else if (c === Ch.Hash) {
        p = this.lineEnd(p);
      } else {
        if (sawTab) bail(lineStart >= 0 ? lineStart : p, 'A tab in the indentation: YAML indents with spaces only.');
        break;
      }
    }
    this.skipEnd = p;
    this.skipLineStart = lineStart;
    return p;
  }

  /**
   * If the line at `p` is `key: ...` with a plain key, returns the colon's
   * offset; otherwise -1.
   */
  private scanKey(p: number): number {
    const t = this.t;
    let prev = 0;
    for (let i = p; i < this.len; i++) {
      const c = t.charCodeAt(i);
      if (c === Ch.Colon) {
        if (this.isSepAt(i + 1)) return i;
      } else if (c === Ch.LF) {
        return -1;
      } else if (c === Ch.Hash && (prev === Ch.Space || prev === Ch.Tab)) {
        return -1;
      }
      prev = c;
    }
    return -1;
  }

  /** After an inline node: only a comment may follow on its line. */
  private expectLineEnd(): void {
    const q = this.skipSpaces(this.pos);
    // A `#` right after the node (`"a"#x`) is no comment: an error `yaml` reports.
    if (!this.atLineEndOrComment(q) || (q === this.pos && this.t.charCodeAt(q) === Ch.Hash)) bail(this.pos);
  }

  private propEnd(i: number): number {
    const t = this.t;
    while (i < this.len) {
      const c = t.charCodeAt(i);
      if (c === Ch.Space || c === Ch.Tab || c === Ch.LF || c === Ch.CR || c === Ch.Comma ||
          c === Ch.OpenBracket || c === Ch.CloseBracket || c === Ch.OpenBrace || c === Ch.CloseBrace) break;
      i++;
    }
    return i;
  }

  /** The column of offset `p` (UTF-16 code units from the start of its line). */
  private col(p: number): number {
    // Most columns are asked for where `skipToContent` just stopped after a line break.
    if (p === this.skipEnd && this.skipLineStart >= 0) return p - this.skipLineStart;
    return p === 0 ? 0 : p - (this.t.lastIndexOf('\n', p - 1) + 1);
  }

  /** Offset of the line break ending the line at `p` (or the text length). */
  private lineEnd(p: number): number {
    const nl = this.t.indexOf('\n', p);
    return nl === -1 ? this.len : nl;
  }

  /** End of the content on the line at `p`, without trailing white space. */
  private contentEnd(p: number): number {
    let e = this.lineEnd(p);
    while (e > p && isWhite(this.t.charCodeAt(e - 1))) e--;
    return e;
  }

  private skipSpaces(i: number): number {
    const t = this.t;
    while (i < this.len) {
      const c = t.charCodeAt(i);
      if (c !== Ch.Space && c !== Ch.Tab) break;
      i++;
    }
    return i;
  }

  private isSepAt(i: number): boolean {
    if (i >= this.len) return true;
    const c = this.t.charCodeAt(i);
    return c === Ch.Space || c === Ch.LF || c === Ch.Tab || c === Ch.CR;
  }

  private atLineEndOrComment(i: number): boolean {
    if (i >= this.len) return true;
    const c = this.t.charCodeAt(i);
    return c === Ch.LF || c === Ch.Hash || c === Ch.CR;
  }

  /** True for `---` (ch = '-'), `...` (ch = '.') or either (ch = 0) at column 0 of offset `p`. */
  private isDocMarker(p: number, ch: number): boolean {
    const t = this.t;
    if (p >= this.len || (p > 0 && t.charCodeAt(p - 1) !== Ch.LF)) return false;
    const c = t.charCodeAt(p);
    if (ch !== 0 ? c !== ch : c !== Ch.Minus && c !== Ch.Dot) return false;
    return t.charCodeAt(p + 1) === c && t.charCodeAt(p + 2) === c && this.isSepAt(p + 3);
  }

  private problem(offset: number, end: number, message: string): void {
    if (this.problems.length < 1000) this.problems.push({ offset, end, message });
  }
}

/** Characters that cannot start a plain scalar (YAML c-indicator), as far as this parser cares. */
function isIndicator(c: number): boolean {
  switch (c) {
    case Ch.Minus: case Ch.Question: case Ch.Colon: case Ch.Comma: case Ch.OpenBracket: case Ch.CloseBracket:
    case Ch.OpenBrace: case Ch.CloseBrace: case Ch.Hash: case Ch.Amp: case Ch.Star: case Ch.Bang: case Ch.Pipe:
    case Ch.Gt: case Ch.Apos: case Ch.Quote: case Ch.Percent: case Ch.At: case Ch.Backtick:
      return true;
    default:
      return false;
  }
}

function isFlowSep(c: number): boolean {
  return c !== c /* NaN: end of text */ || c === Ch.Space || c === Ch.Tab || c === Ch.LF || c === Ch.CR ||
    c === Ch.Comma || c === Ch.OpenBracket || c === Ch.CloseBracket || c === Ch.OpenBrace || c === Ch.CloseBrace;
}

function isSpaceOrTab(c: number): boolean {
  return c === Ch.Space || c === Ch.Tab;
}

function isWhite(c: number): boolean {
  return c === Ch.Space || c === Ch.Tab || c === Ch.CR;
}

/** Folds the lines of a `>` scalar up to index `last`, per YAML 1.2 (more-indented lines keep their breaks). */
function foldLines(lines: string[], last: number): string {
  let out = '';
  let prev = 0; // 0 none yet, 1 normal line, 2 more-indented line
  let empties = 0;
  for (let i = 0; i <= last; i++) {
    const line = lines[i];
    if (line === '') {
      empties++;
      continue;
    }
    const c = line.charCodeAt(0);
    const more = c === Ch.Space || c === Ch.Tab;
    if (prev === 0) out += '\n'.repeat(empties);
    else if (prev === 1 && !more) out += empties === 0 ? ' ' : '\n'.repeat(empties);
    else out += '\n'.repeat(empties + 1);
    out += line;
    empties = 0;
    prev = more ? 2 : 1;
  }
  return out;
}

const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const INF_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

/** Resolves a plain scalar per the YAML 1.2 core schema, as the `yaml` package does. */
function resolvePlain(s: string, offset: number, end: number): ScalarNode {
  const v = resolveValue(s);
  const kind = v === null ? 'null' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string';
  return scalarNode(kind, offset, end, v);
}

function resolveValue(s: string): string | number | boolean | null {
  const c = s.charCodeAt(0);
  switch (c) {
    case Ch.Tilde:
      return s === '~' ? null : s;
    case 110: case 78: // n N
      return s === 'null' || s === 'Null' || s === 'NULL' ? null : s;
    case 116: case 84: // t T
      return s === 'true' || s === 'True' || s === 'TRUE' ? true : s;
    case 102: case 70: // f F
      return s === 'false' || s === 'False' || s === 'FALSE' ? false : s;
    case Ch.Plus: case Ch.Minus: case Ch.Dot:
    case 48: case 49: case 50: case 51: case 52: case 53: case 54: case 55: case 56: case 57:
      if (c === Ch.Zero && s.length > 2) {
        const x = s.charCodeAt(1);
        if (x === 111 && /^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
        if (x === 120 && /^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
      }
      if (INT.test(s)) return parseInt(s, 10);
      if (FLOAT.test(s) || FLOAT_EXP.test(s)) return parseFloat(s);
      if (INF_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : c === Ch.Minus ? -Infinity : Infinity;
      return s;
    default:
      return s;
  }
}

/** Turns a plain key into the string `yaml`'s `toJS` makes of it (`1.10` → "1.1", `~` → ""). */
function plainKeyString(raw: string): string {
  const v = resolveValue(raw);
  return v === null ? '' : typeof v === 'string' ? v : String(v);
}

/**
 * Reports each repeated key of a mapping and keeps only the last of its
 * entries: YAML forbids duplicates, and where readers go on anyway (the
 * `yaml` package's `toJS`, libyaml) the last one wins, so the rules must read
 * that one. Entries in `skip` (merge keys, which may repeat) are left alone.
 */
function dropDuplicates(node: ObjectNode, problems: ParseProblem[], skip?: Set<Property>): void {
  const props = node.props;
  const n = props.length;
  let found = false;
  const report = (p: Property) => {
    found = true;
    if (problems.length < 1000) problems.push({ offset: p.keyOffset, end: p.keyEnd, message: `Duplicate key '${p.key}'.` });
  };
  if (n <= 12) {
    // Small mappings, the vast majority, are cheaper to check pairwise than with a set.
    for (let a = 1; a < n; a++) {
      const k = props[a].key;
      if (skip?.has(props[a])) continue;
      for (let b = 0; b < a; b++) {
        if (props[b].key === k && !skip?.has(props[b])) {
          report(props[a]);
          break;
        }
      }
    }
  } else {
    const seen = new Set<string>();
    for (const p of props) {
      if (skip?.has(p)) continue;
      if (seen.has(p.key)) report(p);
      else seen.add(p.key);
    }
  }
  if (!found) return;
  const last = new Map<string, Property>();
  for (const p of props) if (!skip?.has(p)) last.set(p.key, p);
  node.props = props.filter((p) => skip?.has(p) || last.get(p.key) === p);
}

/**
 * Expands `<<` merge keys: the merged mappings' entries are added where the
 * `<<` stood, unless the mapping has the key itself; among several merged
 * mappings, the first one wins. Property objects are shared with the source.
 */
function applyMerges(node: ObjectNode, merges: Set<Property>, problems: ParseProblem[]): void {
  dropDuplicates(node, problems, merges);
  const explicit = new Set<string>();
  for (const p of node.props) if (!merges.has(p)) explicit.add(p.key);
  const out: Property[] = [];
  const seen = new Set<string>();
  for (const p of node.props) {
    if (!merges.has(p)) {
      out.push(p);
      continue;
    }
    const v = p.node;
    const sources = v?.kind === 'array' ? v.items : v ? [v] : [];
    for (const src of sources) {
      if (src.kind !== 'object') {
        problems.push({ offset: p.keyOffset, end: v ? v.end : p.keyEnd, message: 'Merge sources must be mappings or aliases of mappings.' });
        continue;
      }
      for (const sp of src.props) {
        if (explicit.has(sp.key) || seen.has(sp.key)) continue;
        seen.add(sp.key);
        out.push(sp);
      }
    }
  }
  node.props = out;
}

// ---- Fallback through the `yaml` package -----------------------------------

/** Options for `yaml`; see `parseYamlWithLibrary`. */
const LIBRARY_OPTIONS = {
  merge: true,
  prettyErrors: false,
  // Warnings stay in `doc.warnings` without being printed.
  logLevel: 'error',
  // YAML 1.1's !!binary, !!omap, !!pairs, !!set and !!timestamp are not YAML 1.2 tags: `yaml` would turn them
  // into bytes, pairs and dates that have no place in the tree. Unresolved, they keep the form they are
  // written in (the base64 text, the sequence of one-entry mappings, the mapping of nulls), with a warning.
  resolveKnownTags: false,
  // Duplicate keys are reported by the conversion, with the fast path's message, and the last entry kept.
  uniqueKeys: false,
} as const;

/**
 * Parses with the `yaml` package and converts its tree; exact but slow. The
 * tree is the one the fast path builds for the same text (missing values,
 * ends of block collections and block scalars, anchors, merges and duplicate
 * keys alike), so which path ran never changes a diagnostic.
 */
export function parseYamlWithLibrary(text: string): ParseResult {
  const doc = parseDocument(text, LIBRARY_OPTIONS);
  const problems: ParseProblem[] = [];
  for (const e of doc.errors) problems.push({ offset: e.pos[0], end: Math.max(e.pos[0], e.pos[1]), message: e.message });
  // `yaml`'s warnings (an unknown tag or directive, another YAML version) are about valid YAML.
  for (const e of doc.warnings) problems.push({ offset: e.pos[0], end: Math.max(e.pos[0], e.pos[1]), message: e.message, severity: 'warning' });
  reportRepeatedYamlDirective(text, problems);

  // Aliases are resolved here, in one pass in document order: `Alias.resolve` searches the whole document
  // for each alias, which made alias-heavy files quadratic (150 KB took half a minute). A slot's node is
  // undefined while its node is being converted (an alias to it then is a cycle); a later anchor of the
  // same name, even inside that node, replaces the slot, as YAML's "the last anchor before the alias" says.
  const anchors = new Map<string, { node: AstNode | undefined }>();
  let sawMerge = false;

  const aliasNode = (n: { source: string; range?: [number, number, number] | null }): AstNode => {
    const a = anchors.get(n.source);
    if (a?.node) return a.node;
    const range = n.range ?? [0, 0, 0];
    problems.push({
      offset: range[0], end: range[1],
      message: a ? `The alias '*${n.source}' is inside the node its anchor names: a cycle.` : `Unknown anchor '${n.source}'.`,
    });
    return scalarNode('null', range[0], range[1], null);
  };

  const convert = (n: unknown): AstNode | undefined => {
    if (n === null || n === undefined) return undefined;
    if (isAlias(n)) return aliasNode(n);
    const anchor = (n as { anchor?: string }).anchor;
    const slot = anchor ? { node: undefined as AstNode | undefined } : undefined;
    if (slot) anchors.set(anchor!, slot);
    const node = convertNode(n);
    if (slot) slot.node = node;
    return node;
  };

  const convertNode = (n: unknown): AstNode | undefined => {
    const range = (n as { range?: [number, number, number] }).range ?? [0, 0, 0];
    const offset = range[0];
    if (isMap(n) || isPair(n)) {
      // A pair outside a mapping (a `[a: 1]` flow item) is a mapping of one entry.
      const pairs = isMap(n) ? n.items : [n];
      const flow = isMap(n) && n.flow === true;
      const node = objectNode(offset, range[1], []);
      let merges: Set<Property> | undefined;
      let end = offset;
      for (const pair of pairs) {
        const k = pair.key as unknown;
        const kr = (k as { range?: [number, number] } | null)?.range;
        const keyOffset = kr ? kr[0] : offset;
        const keyEnd = kr ? kr[1] : offset;
        let key: string;
        let isMerge = false;
        if (isScalar(k)) {
          const kv = k.value;
          isMerge = typeof kv === 'symbol' || (kv === '<<' && k.type === 'PLAIN');
          key = kv === null || kv === undefined ? '' : typeof kv === 'symbol' ? '<<' : String(kv);
          // An anchor on a key can be aliased later.
          if (k.anchor) convert(k);
        } else if (k === null || k === undefined) {
          key = '';
        } else {
          // A collection (or alias) as key: its anchors can be aliased later, and the key is
          // the string `yaml`'s `toJS` makes of it, from a one-entry map.
          convert(k);
          const tmp = new YAMLMap();
          tmp.items.push(new Pair(k, null));
          try {
            key = Object.keys(tmp.toJS(doc) as object)[0] ?? '';
          } catch (e) {
            // `toJS` refuses a key that expands too many aliases (its guard against alias bombs).
            key = text.slice(keyOffset, keyEnd);
            problems.push({ offset: keyOffset, end: keyEnd, message: `This key could not be read: ${e instanceof Error ? e.message : String(e)}` });
          }
        }
        const v = pair.value as unknown;
        // `key:` with nothing after it is a missing value, as on the fast path (see `Property.node`).
        const missing = v === null || v === undefined || (isScalar(v) && v.value === null && v.source === '' && !v.anchor && !v.tag);
        const value = missing ? undefined : convert(v);
        const prop = entry(key, keyOffset, keyEnd, value);
        if (isMerge) {
          (merges ??= new Set()).add(prop);
          sawMerge = true;
        }
        node.props.push(prop);
        const vr = (v as { range?: [number, number] } | null)?.range;
        // An alias ends where it is written, not where the node it names ends; a missing value
        // right after its colon, where `yaml` puts the empty scalar after the spaces.
        if (isAlias(v) && vr) end = vr[1];
        else if (value) end = value.end;
        else if (vr) {
          end = vr[0];
          while (end > keyEnd && (text.charCodeAt(end - 1) === Ch.Space || text.charCodeAt(end - 1) === Ch.Tab)) end--;
        } else end = keyEnd;
      }
      // A block mapping ends where its last value does, as the fast path has it (`yaml` counts the line break).
      if (!flow && pairs.length > 0) node.end = end;
      if (merges) applyMerges(node, merges, problems);
      else if (node.props.length > 1) dropDuplicates(node, problems);
      return node;
    }
    if (isSeq(n)) {
      const node = arrayNode(offset, range[1], []);
      let end = offset;
      for (const it of n.items) {
        const r = (it as { range?: [number, number] } | null)?.range;
        const item = convert(it) ?? scalarNode('null', r ? r[0] : range[1], r ? r[0] : range[1], null);
        node.items.push(item);
        end = isAlias(it) && r ? r[1] : item.end;
      }
      if (!n.flow && node.items.length > 0) node.end = end;
      return node;
    }
    if (isScalar(n)) {
      const v = n.value;
      let end = range[1];
      if (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') end = blockScalarEnd(text, offset, end);
      let node: ScalarNode;
      if (typeof v === 'string') {
        node = scalarNode('string', offset, end, v);
        if (n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE') node.quoted = true;
      } else if (typeof v === 'number') node = scalarNode('number', offset, end, v);
      else if (typeof v === 'bigint') node = scalarNode('number', offset, end, Number(v));
      else if (typeof v === 'boolean') node = scalarNode('boolean', offset, end, v);
      else if (v === null || v === undefined) node = scalarNode('null', offset, end, null);
      else node = scalarNode('string', offset, end, String(v));
      return node;
    }
    return undefined;
  };

  let root: AstNode | undefined;
  const c = doc.contents;
  try {
    // An empty document (nothing, or only `...`) has no root, as on the fast path.
    if (!(isScalar(c) && c.value === null && c.source === '' && !c.anchor && !c.tag)) root = convert(c);
  } catch (e) {
    // Only pathological nesting gets here (the conversion recurses per level).
    problems.push({ offset: 0, end: text.length, message: `The YAML is nested too deeply to be read: ${e instanceof Error ? e.message : String(e)}` });
  }
  return { root, problems, shared: anchors.size > 0 || sawMerge };
}

/** Reports a second `%YAML` directive before the document, an error `yaml` lets pass. */
function reportRepeatedYamlDirective(text: string, problems: ParseProblem[]): void {
  let seen = false;
  // Only the prologue counts: directive, comment and blank lines up to the first other line.
  for (let at = 0; at < text.length;) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(at, end);
    if (/^%YAML\b/.test(line)) {
      if (seen) {
        problems.push({ offset: at, end, message: 'A second %YAML directive for the same document.' });
        return;
      }
      seen = true;
    } else if (!/^(?:%|#|[ \t\r]*$)/.test(line)) {
      return;
    }
    at = end + 1;
  }
}

/**
 * Where the fast path ends a block scalar that `yaml` ends at `end` (after
 * its trailing line breaks): at the end of its last line with content, or
 * right after the header when it has none.
 */
function blockScalarEnd(text: string, offset: number, end: number): number {
  let e = end;
  while (e > offset && isWhiteOrBreak(text.charCodeAt(e - 1))) e--;
  const headerLineEnd = text.indexOf('\n', offset);
  if (headerLineEnd < 0 || e <= headerLineEnd) {
    // No content line: the header (`|`, `>-`, `|2+`) is all.
    let h = offset + 1;
    while (h < text.length && /[0-9+-]/.test(text[h])) h++;
    return h;
  }
  const nl = text.indexOf('\n', e);
  let lineEnd = nl < 0 ? text.length : nl;
  if (lineEnd > e && text.charCodeAt(lineEnd - 1) === Ch.CR) lineEnd--;
  return Math.max(e, Math.min(lineEnd, end));
}

function isWhiteOrBreak(c: number): boolean {
  return c === Ch.Space || c === Ch.Tab || c === Ch.CR || c === Ch.LF;
}
