/**
 * Which operations reach a node, and by how many routes: the test every quick
 * fix passes before it edits in place. A node is reached by an operation when
 * it lies inside the operation (or inside its path item's `parameters`), or
 * inside the target of a local `$ref` (or a YAML alias or merge) that is
 * itself reached. A node reached by more than one route is shared: editing it
 * changes every place that reaches it.
 *
 * Everything is found by offsets in the one tree, so no JSON pointers are
 * built for the nodes themselves; the index of references is built once per
 * model, on the first fix asked for.
 */
import { getProp, type AstNode } from '../../parse/ast';
import { resolvePointer, type OpenApiModel, type Operation } from '../model';

/** A reference in the document: the node that holds it and the node it points at. */
export interface RefSite {
  /** The `{ $ref: … }` object, or for a YAML alias the object that holds it. */
  from: AstNode;
  /** The `$ref` string (undefined for an alias). */
  ref?: AstNode;
  /** The node referred to; undefined when a `$ref` points at nothing in this document. */
  target: AstNode | undefined;
}

/** Who reaches a node. */
export interface Reach {
  /** The operations that reach it, each once. */
  operations: Operation[];
  /** How many routes lead to it from operations (a route is one chain of containment and references); capped. */
  routes: number;
}

interface Index {
  refs: RefSite[];
  /** The references by the node they point at. */
  byTarget: Map<AstNode, RefSite[]>;
  /** The operations by their node and by their path item's `parameters` list. */
  byNode: Map<AstNode, Operation[]>;
  memo: Map<AstNode, Reach>;
}

const indexes = new WeakMap<OpenApiModel, Index>();
/** Route counts stop at this (they can multiply along chains of references); only "one" versus "more than one" matters to the edits. */
const MAX_ROUTES = 1000;

const contains = (outer: AstNode, inner: AstNode) => outer.offset <= inner.offset && inner.end <= outer.end;

/** Every reference in the document (local `$ref`s, external ones with no target, YAML aliases), found once per model. */
export function referenceSites(model: OpenApiModel): RefSite[] {
  return indexOf(model).refs;
}

function indexOf(model: OpenApiModel): Index {
  let index = indexes.get(model);
  if (index) return index;
  const refs: RefSite[] = [];
  const seen = model.shared ? new Set<AstNode>() : undefined;
  // An explicit stack: real descriptions nest deeper than a recursive walk should go.
  const stack: AstNode[] = model.root ? [model.root] : [];
  while (stack.length) {
    const node = stack.pop()!;
    if (seen) {
      if (seen.has(node)) continue;
      seen.add(node);
    }
    if (node.kind === 'object') {
      for (const p of node.props) {
        const v = p.node;
        if (!v) continue;
        if (p.key === '$ref' && v.kind === 'string') {
          const ref = String(v.value);
          refs.push({ from: node, ref: v, target: ref === '#' ? model.root : resolvePointer(model.root, ref) });
          continue;
        }
        // A YAML alias or merged entry is a node that lies outside its parent's text: a route like a $ref.
        if (seen && !contains(node, v)) { refs.push({ from: node, target: v }); continue; }
        if (v.kind === 'object' || v.kind === 'array') stack.push(v);
      }
    } else if (node.kind === 'array') {
      for (const v of node.items) {
        if (seen && !contains(node, v)) { refs.push({ from: node, target: v }); continue; }
        if (v.kind === 'object' || v.kind === 'array') stack.push(v);
      }
    }
  }
  const byTarget = new Map<AstNode, RefSite[]>();
  for (const r of refs) {
    if (!r.target) continue;
    const list = byTarget.get(r.target);
    if (list) list.push(r);
    else byTarget.set(r.target, [r]);
  }
  const byNode = new Map<AstNode, Operation[]>();
  const add = (n: AstNode | undefined, op: Operation) => {
    if (!n) return;
    const list = byNode.get(n);
    if (list) list.push(op);
    else byNode.set(n, [op]);
  };
  for (const op of model.operations) {
    add(op.node, op);
    // Path-item parameters belong to every operation of the path item.
    add(getProp(op.pathItem.node, 'parameters'), op);
  }
  index = { refs, byTarget, byNode, memo: new Map() };
  indexes.set(model, index);
  return index;
}

/** The operations that reach `node`, and by how many routes. */
export function reach(model: OpenApiModel, node: AstNode): Reach {
  return reachOf(model, indexOf(model), node, new Set()).reach;
}

/**
 * The reach of a node, and whether it is complete: a walk that met a cycle of
 * references left a route out below it, so its answer is not remembered.
 */
function reachOf(model: OpenApiModel, index: Index, node: AstNode, visiting: Set<AstNode>): { reach: Reach; complete: boolean } {
  const known = index.memo.get(node);
  if (known) return { reach: known, complete: true };
  // A cycle of references adds no route of its own.
  if (visiting.has(node)) return { reach: { operations: [], routes: 0 }, complete: false };
  visiting.add(node);
  const ops = new Set<Operation>();
  let routes = 0;
  let complete = true;
  // What contains the node is its chain of ancestors: only operations and references at one of them count.
  for (const at of ancestors(model.root, node)) {
    for (const op of index.byNode.get(at) ?? []) { ops.add(op); routes = Math.min(MAX_ROUTES, routes + 1); }
    for (const site of index.byTarget.get(at) ?? []) {
      const via = reachOf(model, index, site.from, visiting);
      complete &&= via.complete;
      for (const op of via.reach.operations) ops.add(op);
      routes = Math.min(MAX_ROUTES, routes + via.reach.routes);
    }
  }
  visiting.delete(node);
  const result = { operations: [...ops], routes: Math.min(routes, MAX_ROUTES) };
  if (complete || visiting.size === 0) index.memo.set(node, result);
  return { reach: result, complete };
}

/** The nodes from the root down to `node` (itself included), found by offsets. */
function ancestors(root: AstNode | undefined, node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  let at = root;
  for (let depth = 0; at && depth < 500; depth++) {
    if (!contains(at, node)) break;
    out.push(at);
    if (at === node) break;
    let next: AstNode | undefined;
    if (at.kind === 'object') {
      for (const p of at.props) if (p.node && p.node !== at && contains(p.node, node) && contains(at, p.node)) { next = p.node; break; }
    } else if (at.kind === 'array') {
      for (const i of at.items) if (i !== at && contains(i, node) && contains(at, i)) { next = i; break; }
    }
    at = next;
  }
  return out;
}

/** Where a node is defined when it is a named component: its kind ("responses", "schemas", …) and name. */
export function componentOf(model: OpenApiModel, node: AstNode): { kind: string; name: string } | undefined {
  const v2 = model.family === '2.0';
  const top = v2 ? model.root : getProp(model.root, 'components');
  if (top?.kind !== 'object') return undefined;
  for (const group of top.props) {
    if (v2 && !['definitions', 'parameters', 'responses'].includes(group.key)) continue;
    const g = group.node;
    if (g?.kind !== 'object' || !contains(g, node)) continue;
    for (const c of g.props) if (c.node && contains(c.node, node)) return { kind: group.key, name: c.key };
  }
  return undefined;
}
