/**
 * A tolerant JSON (and JSONC) parser that builds the shared document tree.
 *
 * It is a single pass over character codes with an explicit stack of open
 * containers, so it neither allocates per token beyond the nodes themselves
 * nor recurses: a file of 100,000 `[` cannot overflow the call stack. Errors
 * are recorded as problems and parsing goes on, so half-typed documents still
 * yield the parts that are well formed.
 */
import { arrayNode, dropDuplicateKeys, duplicateKeyMessage, entry, hasDuplicateKey, objectNode, scalarNode, takeEntries, type ArrayNode, type AstNode, type ObjectNode, type ParseProblem, type ParseResult, type Property, type ScalarNode } from './ast';

/**
 * Deeper nesting than this is skipped with a problem. The parser itself would
 * cope, but the rules and `toValue` walk the tree recursively, and no real
 * OpenAPI document comes anywhere near this depth.
 */
export const MAX_JSON_DEPTH = 1000;

const enum Ch {
  Tab = 9, LF = 10, CR = 13, Space = 32, Quote = 34, Plus = 43, Comma = 44, Minus = 45, Dot = 46,
  Slash = 47, Zero = 48, Nine = 57, Colon = 58, Star = 42, UpperE = 69, LowerE = 101,
  OpenBracket = 91, Backslash = 92, CloseBracket = 93, OpenBrace = 123, CloseBrace = 125,
}

/** One open object or array; `prop` is the object entry whose value comes next. */
interface Frame {
  node: ObjectNode | ArrayNode;
  prop: Property | undefined;
  /** True once a value (or key) was read and a comma or closing bracket is due. */
  afterItem: boolean;
  /** Offset of the last comma, to report a trailing comma at the right place. */
  commaAt: number;
  /** Where this container's entries start on the parser's `pending` stack. */
  start: number;
}

/**
 * Parses JSON or JSONC text into the shared tree; never throws. Well-formed
 * JSON (nearly every specification on disk) takes a strict single-pass path;
 * anything else (comments, errors, half-typed text, very deep nesting) is
 * parsed again by the tolerant parser, which yields the same tree for valid
 * JSON and also reports and recovers from problems. `jsonc` (the default)
 * accepts comments silently, as JSONC does; without it each comment is a
 * problem, as in plain JSON.
 */
export function parseJson(text: string, jsonc = true): ParseResult {
  const strict = new StrictJson(text, true);
  const root = strict.run();
  if (root) return { root, problems: [], lineStarts: strict.lineStarts() };
  return new JsonParser(text, jsonc).parse();
}

/**
 * The tolerant parser alone (what `parseJson` falls back to); exported for
 * tests that compare the two paths. `jsonc`: comments are part of the
 * language (JSONC), else each is reported.
 */
export function parseTolerantJson(text: string, jsonc = true): ParseResult {
  return new JsonParser(text, jsonc).parse();
}

const COMMENT_NOT_ALLOWED = 'Comments are not allowed in JSON (only in JSONC files).';

/** The problem for a raw control character inside a string (JSON requires them escaped). */
function controlCharMessage(c: number): string {
  return `Control character U+${c.toString(16).toUpperCase().padStart(4, '0')} must be escaped in a JSON string (as \\u${c.toString(16).padStart(4, '0')}${SHORT_ESCAPES[c] ? ` or ${SHORT_ESCAPES[c]}` : ''}).`;
}

/** The two-character escapes of the control characters that have one. */
const SHORT_ESCAPES: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };

/** What each one-character escape (`\\n`, `\\"`, …) stands for, by the character's code. */
const SIMPLE_ESCAPES: Record<number, string> = { 34: '"', 92: '\\', 47: '/', 98: '\b', 102: '\f', 110: '\n', 114: '\r', 116: '\t' };

/** Thrown (as a constant, never built) when the strict parser meets anything it leaves to the tolerant one. */
const BAIL = Symbol('not strict JSON');

/**
 * The strict path of `parseJson`: recursive descent over well-formed JSON,
 * undefined at the first thing it does not handle. Kept separate from the
 * tolerant parser because well-formed input is the common case for large
 * files, and a parser that needs no recovery state is markedly faster (on
 * GitHub's 13 MB description 198 against 261 ms, with less to collect).
 */
export function parseStrictJson(text: string): AstNode | undefined {
  return new StrictJson(text, false).run();
}

class StrictJson {
  private pos = 0;
  private readonly len: number;
  private depth = 0;
  /** Entries of the open containers, moved into exactly sized arrays as each closes (see `JsonParser.pending`). */
  private readonly pending: (Property | AstNode)[] = [];

  /** Line starts seen so far (every line break of valid JSON is whitespace between tokens), when asked for. */
  private readonly lines: number[] | undefined;
  /** A carriage return was seen: its line rules are left to the document's own index. */
  private sawCR = false;

  constructor(private readonly text: string, collectLines: boolean) {
    this.len = text.length;
    this.lines = collectLines ? [0] : undefined;
  }

  /** The document's tree, or undefined when the text needs the tolerant parser. */
  run(): AstNode | undefined {
    try {
      return this.document();
    } catch (e) {
      if (e === BAIL) return undefined;
      throw e;
    }
  }

  /** The line starts of the whole text, after a successful `run` (undefined when a CR made them ambiguous). */
  lineStarts(): number[] | undefined {
    return this.sawCR ? undefined : this.lines;
  }

  private document(): AstNode {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    const root = this.value(this.ws());
    if (this.ws() !== -1) throw BAIL;
    return root;
  }

  /** Skips whitespace; returns the next character code, or -1 at the end. Comments bail. */
  private ws(): number {
    const t = this.text;
    let i = this.pos;
    for (; i < this.len; i++) {
      const c = t.charCodeAt(i);
      if (c === Ch.Space) continue;
      if (c === Ch.LF) {
        this.lines?.push(i + 1);
        continue;
      }
      if (c === Ch.Tab) continue;
      if (c === Ch.CR) {
        this.sawCR = true;
        continue;
      }
      this.pos = i;
      return c;
    }
    this.pos = i;
    return -1;
  }

  private value(c: number): AstNode {
    const p = this.pos;
    switch (c) {
      case Ch.OpenBrace: return this.object(p);
      case Ch.OpenBracket: return this.array(p);
      case Ch.Quote: {
        const value = this.string(p);
        return scalarNode('string', p, this.pos, value, true);
      }
      case 116: return this.word(p, 'true', 'boolean', true);
      case 102: return this.word(p, 'false', 'boolean', false);
      case 110: return this.word(p, 'null', 'null', null);
      default:
        if ((c >= Ch.Zero && c <= Ch.Nine) || c === Ch.Minus) return this.number(p);
        throw BAIL;
    }
  }

  private object(p: number): ObjectNode {
    if (++this.depth >= MAX_JSON_DEPTH) throw BAIL;
    const start = this.pending.length;
    this.pos = p + 1;
    if (this.ws() !== Ch.CloseBrace) {
      do {
        if (this.ws() !== Ch.Quote) throw BAIL;
        const keyOffset = this.pos;
        const key = this.string(keyOffset);
        const keyEnd = this.pos;
        if (this.ws() !== Ch.Colon) throw BAIL;
        this.pos++;
        // The entry is made after its value: by then the value's own entries have left the pending stack.
        this.pending.push(entry(key, keyOffset, keyEnd, this.value(this.ws())));
      } while (this.more(Ch.CloseBrace));
    }
    const end = ++this.pos;
    const props = this.entries<Property>(start);
    // A duplicate key is reported by the tolerant parser, as YAML's are.
    if (props.length > 1 && hasDuplicateKey(props)) throw BAIL;
    return objectNode(p, end, props);
  }

  private array(p: number): ArrayNode {
    if (++this.depth >= MAX_JSON_DEPTH) throw BAIL;
    const start = this.pending.length;
    this.pos = p + 1;
    if (this.ws() !== Ch.CloseBracket) {
      do this.pending.push(this.value(this.ws()));
      while (this.more(Ch.CloseBracket));
    }
    const end = ++this.pos;
    return arrayNode(p, end, this.entries<AstNode>(start));
  }

  /** After an entry: true when a comma follows (it is consumed), false at `close` (left for the caller); anything else is not strict JSON. */
  private more(close: number): boolean {
    const c = this.ws();
    if (c === Ch.Comma) {
      this.pos++;
      return true;
    }
    if (c === close) return false;
    throw BAIL;
  }

  /** The entries read since `start`, moved off the pending stack into an exactly sized array; closes one nesting level. */
  private entries<T extends Property | AstNode>(start: number): T[] {
    this.depth--;
    return takeEntries<T>(this.pending, start);
  }

  /** Reads the string that opens at `p` (leaving `pos` after it) and returns its value. */
  private string(p: number): string {
    const t = this.text;
    let i = p + 1;
    for (;;) {
      if (i >= this.len) throw BAIL;
      const c = t.charCodeAt(i);
      if (c === Ch.Quote) break;
      if (c === Ch.Backslash) return this.escapedString(p);
      // Raw control characters (line breaks, tabs, NUL) are not allowed in JSON strings: the tolerant parser reports them.
      if (c < Ch.Space) throw BAIL;
      i++;
    }
    this.pos = i + 1;
    return t.slice(p + 1, i);
  }

  /** The slow path of `string`, for strings with escapes. */
  private escapedString(p: number): string {
    const t = this.text;
    let out = '';
    let from = p + 1;
    let i = from;
    for (;;) {
      if (i >= this.len) throw BAIL;
      const c = t.charCodeAt(i);
      if (c === Ch.Quote) break;
      if (c < Ch.Space) throw BAIL;
      if (c !== Ch.Backslash) {
        i++;
        continue;
      }
      out += t.slice(from, i);
      const e = t.charCodeAt(i + 1);
      const simple = SIMPLE_ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        i += 2;
        from = i;
        continue;
      }
      if (e !== 117) throw BAIL; // \u and four hex digits is the only other escape
      let code = 0;
      for (let k = i + 2; k < i + 6; k++) {
        const h = t.charCodeAt(k);
        const d = h >= 48 && h <= 57 ? h - 48 : h >= 97 && h <= 102 ? h - 87 : h >= 65 && h <= 70 ? h - 55 : -1;
        if (d < 0) throw BAIL;
        code = code * 16 + d;
      }
      out += String.fromCharCode(code);
      i += 6;
      from = i;
    }
    this.pos = i + 1;
    return out + t.slice(from, i);
  }

  private number(p: number): ScalarNode {
    const t = this.text;
    let i = p;
    if (t.charCodeAt(i) === Ch.Minus) i++;
    let c = t.charCodeAt(i);
    if (c === Ch.Zero) i++;
    else if (c >= 49 && c <= Ch.Nine) {
      do i++;
      while ((c = t.charCodeAt(i)) >= Ch.Zero && c <= Ch.Nine);
    } else throw BAIL;
    if (t.charCodeAt(i) === Ch.Dot) {
      const from = ++i;
      while ((c = t.charCodeAt(i)) >= Ch.Zero && c <= Ch.Nine) i++;
      if (i === from) throw BAIL;
    }
    c = t.charCodeAt(i);
    if (c === Ch.LowerE || c === Ch.UpperE) {
      c = t.charCodeAt(++i);
      if (c === Ch.Plus || c === Ch.Minus) i++;
      const from = i;
      while ((c = t.charCodeAt(i)) >= Ch.Zero && c <= Ch.Nine) i++;
      if (i === from) throw BAIL;
    }
    // What the tolerant parser would read as part of the token must end it here too.
    c = t.charCodeAt(i);
    if ((c >= Ch.Zero && c <= Ch.Nine) || c === Ch.Minus || c === Ch.Plus || c === Ch.Dot || c === Ch.LowerE || c === Ch.UpperE) throw BAIL;
    this.pos = i;
    return scalarNode('number', p, i, +t.slice(p, i));
  }

  private word(p: number, word: string, kind: 'boolean' | 'null', value: boolean | null): ScalarNode {
    const end = p + word.length;
    if (!this.text.startsWith(word, p)) throw BAIL;
    // `trueish` is one bad word to the tolerant parser, not `true` and junk.
    const c = this.text.charCodeAt(end);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === Ch.Dot || c === Ch.Plus) throw BAIL;
    this.pos = end;
    return scalarNode(kind, p, end, value);
  }
}

class JsonParser {
  private pos = 0;
  private readonly len: number;
  /** Set by `scanStringEnd`: the string just scanned contains a backslash. */
  private sawEscape = false;
  readonly problems: ParseProblem[] = [];
  /**
   * The entries of the open containers, innermost last. A container's
   * entries move into an array of exactly their number when it closes:
   * pushing straight into the node's array would leave most of a 17-slot
   * backing store unused per object, a sixth of the tree's memory on a large
   * specification, which the garbage collector then copies around.
   */
  private readonly pending: (Property | AstNode)[] = [];

  constructor(private readonly text: string, private readonly jsonc: boolean) {
    this.len = text.length;
  }

  parse(): ParseResult {
    const t = this.text;
    let root: AstNode | undefined;
    const stack: Frame[] = [];
    let top: Frame | undefined;
    if (t.charCodeAt(0) === 0xfeff) this.pos = 1;

    for (;;) {
      this.skipTrivia();
      const p = this.pos;
      if (p >= this.len) break;
      const c = t.charCodeAt(p);

      if (!top) {
        if (root) {
          this.problem(p, this.len, 'Unexpected content after the end of the document.');
          break;
        }
        const v = this.readValueStart(c, stack.length);
        if (v === undefined) continue;
        root = v;
        if (v.kind === 'object' || v.kind === 'array') {
          top = { node: v, prop: undefined, afterItem: false, commaAt: -1, start: this.pending.length };
          stack.push(top);
        }
        continue;
      }

      const node = top.node;
      if (node.kind === 'object') {
        const prop = top.prop;
        if (c === Ch.CloseBrace) {
          if (prop) this.problem(prop.keyOffset, p, 'Missing value for this key.');
          else if (!top.afterItem && top.commaAt >= 0) this.problem(top.commaAt, top.commaAt + 1, 'Trailing comma.');
          this.pos = p + 1;
          node.end = p + 1;
          top = this.pop(stack);
          continue;
        }
        if (prop) {
          // A key was read: a colon and a value are due.
          if (c === Ch.Colon && !top.afterItem) {
            top.afterItem = true;
            this.pos = p + 1;
            continue;
          }
          if (!top.afterItem) this.problem(prop.keyEnd, prop.keyEnd, 'Colon expected after the key.');
          if (c === Ch.Comma) {
            this.problem(prop.keyOffset, p, 'Missing value for this key.');
            top.prop = undefined;
            this.comma(top, p);
            continue;
          }
          if (c === Ch.CloseBracket) {
            this.unexpectedChar(p);
            continue;
          }
          const v = this.readValueStart(c, stack.length);
          top.afterItem = true;
          top.prop = undefined;
          if (v === undefined) continue;
          // The key's placeholder is still the last pending entry; the value node takes its place as the entry.
          this.pending[this.pending.length - 1] = entry(prop.key, prop.keyOffset, prop.keyEnd, v);
          node.end = v.end;
          if (v.kind === 'object' || v.kind === 'array') {
            top = { node: v, prop: undefined, afterItem: false, commaAt: -1, start: this.pending.length };
            stack.push(top);
          }
          continue;
        }
        if (top.afterItem) {
          if (c === Ch.Comma) {
            this.comma(top, p);
            continue;
          }
          // A missing comma between entries: report it and read on as if it were there.
          if (c === Ch.Quote) {
            this.problem(p, p + 1, 'Comma expected.');
            top.afterItem = false;
            continue;
          }
          this.unexpectedChar(p);
          continue;
        }
        if (c === Ch.Quote) {
          const keyEnd = this.scanStringEnd(p);
          const key = this.stringValue(p, keyEnd);
          const newProp: Property = { key, keyOffset: p, keyEnd, node: undefined };
          this.pending.push(newProp);
          node.end = keyEnd;
          top.prop = newProp;
          continue;
        }
        this.unexpectedChar(p, 'Property key (a double-quoted string) expected.');
        continue;
      }

      // The top is an array.
      if (c === Ch.CloseBracket) {
        if (!top.afterItem && top.commaAt >= 0) this.problem(top.commaAt, top.commaAt + 1, 'Trailing comma.');
        this.pos = p + 1;
        node.end = p + 1;
        top = this.pop(stack);
        continue;
      }
      if (top.afterItem) {
        if (c === Ch.Comma) {
          this.comma(top, p);
          continue;
        }
        if (c === Ch.CloseBrace) {
          this.unexpectedChar(p);
          continue;
        }
        this.problem(p, p + 1, 'Comma expected.');
      } else if (c === Ch.Comma) {
        this.problem(p, p + 1, 'Value expected.');
        this.pos = p + 1;
        continue;
      } else if (c === Ch.CloseBrace) {
        this.unexpectedChar(p);
        continue;
      }
      const v = this.readValueStart(c, stack.length);
      top.afterItem = true;
      if (v === undefined) continue;
      this.pending.push(v);
      node.end = v.end;
      if (v.kind === 'object' || v.kind === 'array') {
        top = { node: v, prop: undefined, afterItem: false, commaAt: -1, start: this.pending.length };
        stack.push(top);
      }
    }

    // Whatever is still open at the end of the text is closed there, with a problem each.
    for (let i = stack.length - 1; i >= 0; i--) {
      const f = stack[i];
      this.close(f);
      if (f.prop && !f.prop.node) this.problem(f.prop.keyOffset, f.prop.keyEnd, 'Missing value for this key.');
      const closer = f.node.kind === 'object' ? '}' : ']';
      this.problem(f.node.offset, f.node.offset + 1, `Missing closing '${closer}' before the end of the file.`);
      f.node.end = this.len;
    }
    // No value and nothing wrong (comments aside): the text is only whitespace and comments.
    if (!root && this.problems.every((p) => p.message === COMMENT_NOT_ALLOWED)) {
      this.problem(0, this.len, 'The document is empty: a JSON value (an object for OpenAPI) expected.');
    }
    return { root, problems: this.problems };
  }

  /** Takes the comma at `p` after an entry: the next entry may follow. */
  private comma(top: Frame, p: number): void {
    top.afterItem = false;
    top.commaAt = p;
    this.pos = p + 1;
  }

  /** Pops the finished container and propagates its end into its parent. */
  private pop(stack: Frame[]): Frame | undefined {
    const done = stack.pop()!;
    this.close(done);
    const parent = stack.length > 0 ? stack[stack.length - 1] : undefined;
    if (parent && parent.node.end < done.node.end) parent.node.end = done.node.end;
    return parent;
  }

  /** Moves a closing container's entries from `pending` into the node. */
  private close(f: Frame): void {
    if (this.pending.length > f.start) {
      if (f.node.kind === 'object') {
        f.node.props = takeEntries<Property>(this.pending, f.start);
        if (f.node.props.length > 1) dropDuplicateKeys(f.node, (d) => this.problem(d.keyOffset, d.keyEnd, duplicateKeyMessage(d.key)));
      } else f.node.items = takeEntries<AstNode>(this.pending, f.start);
    }
  }

  /**
   * Reads the value that starts at `this.pos` (first char `c`). Scalars are read
   * completely; for `{` and `[` only the opening bracket is consumed and an
   * empty node returned, which the caller pushes on its stack. Returns
   * undefined (after consuming something) when no value could be read.
   */
  private readValueStart(c: number, depth: number): AstNode | undefined {
    const t = this.text;
    const p = this.pos;
    if (c === Ch.OpenBrace || c === Ch.OpenBracket) {
      if (depth >= MAX_JSON_DEPTH) {
        this.skipNested(p);
        this.problem(p, this.pos, `Nesting deeper than ${MAX_JSON_DEPTH} levels is not supported; this value is skipped.`);
        return undefined;
      }
      this.pos = p + 1;
      if (c === Ch.OpenBrace) return objectNode(p, p + 1, []);
      return arrayNode(p, p + 1, []);
    }
    if (c === Ch.Quote) {
      const end = this.scanStringEnd(p);
      return scalarNode('string', p, end, this.stringValue(p, end), true);
    }
    if ((c >= Ch.Zero && c <= Ch.Nine) || c === Ch.Minus) return this.readNumber(p);
    // Keywords and stray words: read the whole word so one problem covers it.
    let e = p;
    while (e < this.len) {
      const d = t.charCodeAt(e);
      if ((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57) || d === 95 || d === Ch.Dot || d === Ch.Plus) e++;
      else break;
    }
    if (e === p) {
      this.unexpectedChar(p);
      return undefined;
    }
    this.pos = e;
    const word = t.slice(p, e);
    if (word === 'true') return scalarNode('boolean', p, e, true);
    if (word === 'false') return scalarNode('boolean', p, e, false);
    if (word === 'null') return scalarNode('null', p, e, null);
    this.problem(p, e, `Unexpected '${word.length > 40 ? word.slice(0, 40) + '…' : word}': a value (string, number, object, array, true, false or null) expected.`);
    return undefined;
  }

  private readNumber(p: number): ScalarNode {
    const t = this.text;
    let e = p;
    while (e < this.len) {
      const d = t.charCodeAt(e);
      if ((d >= Ch.Zero && d <= Ch.Nine) || d === Ch.Minus || d === Ch.Plus || d === Ch.Dot || d === Ch.LowerE || d === Ch.UpperE) e++;
      else break;
    }
    this.pos = e;
    const raw = t.slice(p, e);
    if (!isJsonNumber(raw)) {
      this.problem(p, e, `Invalid number '${raw}'.`);
      const n = Number(raw);
      if (Number.isNaN(n)) return scalarNode('string', p, e, raw);
      return scalarNode('number', p, e, n);
    }
    return scalarNode('number', p, e, +raw);
  }

  /**
   * Returns (and moves `pos` to) the offset just after the string that opens at `p`. A string that
   * reaches the end of its line unterminated ends there, with a problem: JSON
   * strings cannot span lines, and ending early keeps the rest of the document.
   */
  private scanStringEnd(p: number): number {
    const t = this.text;
    let i = p + 1;
    this.sawEscape = false;
    while (i < this.len) {
      const c = t.charCodeAt(i);
      if (c === Ch.Quote) return (this.pos = i + 1);
      if (c === Ch.Backslash) {
        this.sawEscape = true;
        i += 2;
      }
      else if (c === Ch.LF || c === Ch.CR) break;
      else {
        // Kept in the value (it is what the author wrote) but reported: JSON allows it only escaped.
        if (c < Ch.Space) this.problem(i, i + 1, controlCharMessage(c));
        i++;
      }
    }
    if (i > this.len) i = this.len;
    this.problem(p, i, 'Unterminated string.');
    return (this.pos = i);
  }

  /** Decodes the string token `text[p, end)` (which may lack its closing quote). */
  private stringValue(p: number, end: number): string {
    const t = this.text;
    const closed = end - p >= 2 && t.charCodeAt(end - 1) === Ch.Quote && !this.endsWithEscapedQuote(p, end);
    const contentEnd = closed ? end - 1 : end;
    if (!this.sawEscape) return t.slice(p + 1, contentEnd);
    const bs = t.indexOf('\\', p + 1);
    let out = t.slice(p + 1, bs);
    let i = bs;
    while (i < contentEnd) {
      const c = t.charCodeAt(i);
      if (c !== Ch.Backslash) {
        let stop = i + 1;
        while (stop < contentEnd && t.charCodeAt(stop) !== Ch.Backslash) stop++;
        out += t.slice(i, stop);
        i = stop;
        continue;
      }
      const e = t.charCodeAt(i + 1);
      const simple = SIMPLE_ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        i += 2;
        continue;
      }
      switch (e) {
        case 117: {
          const hex = t.slice(i + 2, i + 6);
          if (/^[0-9a-fA-F]{4}$/.test(hex)) {
            out += String.fromCharCode(parseInt(hex, 16));
            i += 6;
            continue;
          }
          this.problem(i, Math.min(i + 6, contentEnd), 'Invalid unicode escape sequence.');
          break;
        }
        default:
          this.problem(i, Math.min(i + 2, contentEnd), 'Invalid escape character in string.');
          if (i + 1 < contentEnd) out += t[i + 1];
      }
      i += 2;
    }
    return out;
  }

  /** True when the quote at `end - 1` is escaped, i.e. preceded by an odd run of backslashes. */
  private endsWithEscapedQuote(p: number, end: number): boolean {
    let n = 0;
    for (let i = end - 2; i > p && this.text.charCodeAt(i) === Ch.Backslash; i--) n++;
    return n % 2 === 1;
  }

  /** Skips whitespace and comments (accepted silently in JSONC, each reported in plain JSON). */
  private skipTrivia(): void {
    const t = this.text;
    let i = this.pos;
    while (i < this.len) {
      const c = t.charCodeAt(i);
      if (c === Ch.Space || c === Ch.LF || c === Ch.CR || c === Ch.Tab) {
        i++;
      } else if (c === Ch.Slash) {
        const d = t.charCodeAt(i + 1);
        const from = i;
        if (d === Ch.Slash) {
          const nl = t.indexOf('\n', i + 2);
          i = nl === -1 ? this.len : nl + 1;
        } else if (d === Ch.Star) {
          const close = t.indexOf('*/', i + 2);
          if (close === -1) {
            this.problem(i, this.len, 'Unterminated comment.');
            i = this.len;
          } else {
            i = close + 2;
          }
        } else {
          break;
        }
        // The problem covers the comment, not the line break after a line comment.
        if (!this.jsonc) this.problem(from, t.charCodeAt(i - 1) === Ch.LF && d === Ch.Slash ? i - 1 : i, COMMENT_NOT_ALLOWED);
      } else {
        break;
      }
    }
    this.pos = i;
  }

  /** Skips a too-deeply nested value by counting brackets, stepping over strings. */
  private skipNested(p: number): void {
    const t = this.text;
    let depth = 0;
    let i = p;
    while (i < this.len) {
      const c = t.charCodeAt(i);
      if (c === Ch.Quote) {
        i = this.scanStringEndQuiet(i);
        continue;
      }
      if (c === Ch.OpenBrace || c === Ch.OpenBracket) depth++;
      else if (c === Ch.CloseBrace || c === Ch.CloseBracket) {
        depth--;
        if (depth === 0) {
          i++;
          break;
        }
      }
      i++;
    }
    this.pos = i;
  }

  private scanStringEndQuiet(p: number): number {
    const t = this.text;
    let i = p + 1;
    while (i < this.len) {
      const c = t.charCodeAt(i);
      if (c === Ch.Quote) return i + 1;
      if (c === Ch.LF) return i;
      i += c === Ch.Backslash ? 2 : 1;
    }
    return this.len;
  }

  /** Reports the character at `p` as unexpected and steps over it. */
  private unexpectedChar(p: number, message?: string): void {
    const ch = this.text[p];
    this.problem(p, p + 1, message ?? `Unexpected character '${ch}'.`);
    this.pos = p + 1;
  }

  private problem(offset: number, end: number, message: string): void {
    // Runs of junk would otherwise produce one problem per character; a cap
    // keeps the list useful and bounded.
    if (this.problems.length >= 1000) return;
    this.problems.push({ offset, end, message });
  }
}

/** Checks the strict JSON number grammar (no leading zeros, no bare dots). */
function isJsonNumber(s: string): boolean {
  let i = 0;
  const n = s.length;
  if (s.charCodeAt(i) === Ch.Minus) i++;
  if (i >= n) return false;
  let c = s.charCodeAt(i);
  if (c === Ch.Zero) {
    i++;
  } else if (c >= 49 && c <= Ch.Nine) {
    while (i < n && (c = s.charCodeAt(i)) >= Ch.Zero && c <= Ch.Nine) i++;
  } else {
    return false;
  }
  if (i < n && s.charCodeAt(i) === Ch.Dot) {
    i++;
    const start = i;
    while (i < n && (c = s.charCodeAt(i)) >= Ch.Zero && c <= Ch.Nine) i++;
    if (i === start) return false;
  }
  if (i < n && (s.charCodeAt(i) === Ch.LowerE || s.charCodeAt(i) === Ch.UpperE)) {
    i++;
    if (i < n && (s.charCodeAt(i) === Ch.Plus || s.charCodeAt(i) === Ch.Minus)) i++;
    const start = i;
    while (i < n && (c = s.charCodeAt(i)) >= Ch.Zero && c <= Ch.Nine) i++;
    if (i === start) return false;
  }
  return i === n;
}
