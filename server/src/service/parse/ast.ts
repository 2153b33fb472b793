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
}

export interface ObjectNode extends NodeBase {
  kind: 'object';
  props: Property[];
}

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
  quoted?: boolean;
}

export interface ParseProblem {
  offset: number;
  end: number;
  message: string;
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

/** Converts a node to a plain JavaScript value (for tests and small sub-trees). */
export function toValue(node: AstNode | undefined): unknown {
  if (!node) return null;
  switch (node.kind) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const p of node.props) o[p.key] = toValue(p.node);
      return o;
    }
    case 'array':
      return node.items.map(toValue);
    default:
      return node.value;
  }
}
