/**
 * The document tree shared by the JSON and YAML parsers. It is deliberately
 * small: the rules need values, keys and offsets, nothing else. Offsets are
 * UTF-16 code-unit offsets into the document text (as `TextDocument` uses);
 * `end` is exclusive.
 */
export type AstNode = ObjectNode | ArrayNode | ScalarNode;

export interface NodeBase {
  offset: number;
  end: number;
  /**
   * Set when the node is itself an entry of an object (see `Property`):
   * the entry's key and its offsets, and `node` pointing back at the node.
   * Read entries through `ObjectNode.props`, never through these fields.
   */
  key: string | undefined;
  keyOffset: number | undefined;
  keyEnd: number | undefined;
  node: AstNode | undefined;
}

export interface ObjectNode extends NodeBase {
  kind: 'object';
  props: Property[];
}

/**
 * One entry of an object. Usually the entry is its value node itself (made
 * by `entry`): the node carries the key's fields and `node` points back at
 * it. That makes one object per entry instead of two, which on a large
 * specification is a fifth of the parse time, most of it the garbage
 * collector's. An entry whose value is missing, or whose node already is an
 * entry elsewhere (a YAML alias), is a separate object. Either way, read it
 * only through these four fields.
 */
export interface Property {
  key: string;
  keyOffset: number;
  keyEnd: number;
  /** The entry's value; undefined when it is missing (`key:` followed by nothing in half-typed text). */
  node: AstNode | undefined;
}

export interface ArrayNode extends NodeBase {
  kind: 'array';
  items: AstNode[];
}

export type ScalarKind = 'string' | 'number' | 'boolean' | 'null';

export interface ScalarNode extends NodeBase {
  kind: ScalarKind;
  value: string | number | boolean | null;
  /** The scalar was quoted in the source (`'500'`, `"500"`): a number-looking string. */
  quoted: boolean | undefined;
}

/*
 * Node constructors for the parsers. Every node gets every field, so a node
 * can become an entry in place without changing shape (an added field would
 * cost V8 a new hidden class and a second allocation for the fields).
 */

export function scalarNode(kind: ScalarKind, offset: number, end: number, value: ScalarNode['value'], quoted?: boolean): ScalarNode {
  return { kind, offset, end, key: undefined, keyOffset: undefined, keyEnd: undefined, node: undefined, value, quoted };
}

export function objectNode(offset: number, end: number, props: Property[]): ObjectNode {
  return { kind: 'object', offset, end, key: undefined, keyOffset: undefined, keyEnd: undefined, node: undefined, props };
}

export function arrayNode(offset: number, end: number, items: AstNode[]): ArrayNode {
  return { kind: 'array', offset, end, key: undefined, keyOffset: undefined, keyEnd: undefined, node: undefined, items };
}

/**
 * The entry `key: node` of an object: the node itself when it is not an
 * entry already, else (a missing value, a node reached again through an
 * alias) a separate object.
 */
export function entry(key: string, keyOffset: number, keyEnd: number, node: AstNode | undefined): Property {
  if (node === undefined || node.node !== undefined) return { key, keyOffset, keyEnd, node };
  node.key = key;
  node.keyOffset = keyOffset;
  node.keyEnd = keyEnd;
  node.node = node;
  return node as Property;
}

/**
 * The entries pushed on a parser's pending stack since `start`, moved into an
 * exactly sized array (the stack shrinks back to `start`). Parsers collect a
 * collection's entries this way instead of pushing into its own array: an
 * array grown by `push` keeps room for 16 more, a sixth of a large tree's
 * memory. Nested collections close before their parent's next entry is
 * pushed, so each collection's entries are contiguous on the stack.
 */
export function takeEntries<T extends Property | AstNode>(pending: Array<Property | AstNode>, start: number): T[] {
  if (pending.length === start) return [];
  const out = pending.slice(start) as T[];
  pending.length = start;
  return out;
}

export interface ParseProblem {
  offset: number;
  end: number;
  message: string;
  /**
   * 'warning' for what the input may validly contain but the reader could not
   * take into account (an unknown custom tag, an unknown directive); such a
   * problem leaves the tree as YAML means it. Absent: a syntax error.
   */
  severity?: 'warning';
}

export interface ParseResult {
  /** The root value; undefined only for an empty or hopeless document. Partial trees are normal. */
  root: AstNode | undefined;
  problems: ParseProblem[];
  /**
   * Offsets where the text's lines start, when the parser found them in
   * passing (exactly what a TextDocument's line index holds). Handed to the
   * document once (`FastTextDocument.adoptLineStarts`), which then owns it.
   */
  lineStarts?: number[];
  /**
   * YAML: whether nodes may be reachable more than once (an anchor was
   * defined or a merge key used). Undefined when the parser cannot tell.
   */
  shared?: boolean;
}

/**
 * Calls `report` for each entry whose key an earlier entry of the same
 * object already has (the second `a` of `{a: 1, a: 2}`). Small objects are
 * compared pairwise, which beats building a set for the usual handful of keys.
 */
function forEachDuplicateKey(props: readonly Property[], report: (duplicate: Property) => void): void {
  const n = props.length;
  if (n <= 12) {
    for (let a = 1; a < n; a++) {
      const k = props[a].key;
      for (let b = 0; b < a; b++) {
        if (props[b].key === k) {
          report(props[a]);
          break;
        }
      }
    }
    return;
  }
  const seen = new Set<string>();
  for (const p of props) {
    if (seen.has(p.key)) report(p);
    else seen.add(p.key);
  }
}

/** The problem at each repeat of a key in one object, the same for YAML and JSON. */
export function duplicateKeyMessage(key: string): string {
  return `Duplicate key '${key}'.`;
}

/**
 * Reports each repeated key of an object (at each repeat, through `report`)
 * and keeps only the last entry of each key. YAML forbids repeated keys and
 * JSON leaves their meaning open, but where readers go on anyway (the `yaml`
 * package's `toJS`, libyaml, `JSON.parse`) the last one wins, so the rules
 * must read that one. Entries in `skip` (YAML merge keys, which may repeat)
 * take no part and stay.
 */
export function dropDuplicateKeys(node: ObjectNode, report: (duplicate: Property) => void, skip?: ReadonlySet<Property>): void {
  const props = node.props;
  const checked = skip ? props.filter((p) => !skip.has(p)) : props;
  let found = false;
  forEachDuplicateKey(checked, (d) => {
    found = true;
    report(d);
  });
  if (!found) return;
  const last = new Map<string, Property>();
  for (const p of checked) last.set(p.key, p);
  node.props = props.filter((p) => skip?.has(p) || last.get(p.key) === p);
}

/** True when two entries of an object have the same key (the same test as `forEachDuplicateKey`, without a callback, for the strict JSON path). */
export function hasDuplicateKey(props: readonly Property[]): boolean {
  const n = props.length;
  if (n <= 12) {
    for (let a = 1; a < n; a++) {
      const k = props[a].key;
      for (let b = 0; b < a; b++) if (props[b].key === k) return true;
    }
    return false;
  }
  return new Set(props.map((p) => p.key)).size !== n;
}

/** Returns the value of `key` in an object node, or undefined. */
export function getProp(node: AstNode | undefined, key: string): AstNode | undefined {
  if (!node || node.kind !== 'object') return undefined;
  for (const p of node.props) if (p.key === key) return p.node;
  return undefined;
}

/** Returns the property entry for `key` in an object node, or undefined. */
export function getProperty(node: AstNode | undefined, key: string): Property | undefined {
  if (!node || node.kind !== 'object') return undefined;
  for (const p of node.props) if (p.key === key) return p;
  return undefined;
}

/**
 * Converts a node to a plain JavaScript value (for tests and small sub-trees).
 * A node reached again through a YAML alias becomes the same object again
 * (as `yaml`'s own conversion does), so nested aliases cost their text, not
 * the exponential size of their expansion.
 */
export function toValue(node: AstNode | undefined, done = new Map<AstNode, unknown>()): unknown {
  if (!node) return null;
  switch (node.kind) {
    case 'object': {
      if (done.has(node)) return done.get(node);
      const o: Record<string, unknown> = {};
      done.set(node, o);
      for (const p of node.props) o[p.key] = toValue(p.node, done);
      return o;
    }
    case 'array': {
      if (done.has(node)) return done.get(node);
      const a: unknown[] = [];
      done.set(node, a);
      for (const it of node.items) a.push(toValue(it, done));
      return a;
    }
    default:
      return node.value;
  }
}
