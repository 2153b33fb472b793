import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Hostile documents: small texts that cost exponential or quadratic time, or
 * a stack overflow, to a walk that follows every alias, `$ref` or nesting
 * level naively. The small ones are fixtures in test/fixtures/hostile; the
 * large or deep ones are generated here (committing 200 KB of brackets would
 * say less than the line that makes them). The CLI tests, the protocol tests
 * and `npm run bench` all use this one list.
 */
export interface HostileFile {
  name: string;
  text: string;
  /**
   * The problems `stylebook lint` must report, counted by rule id (nothing
   * else may appear); 'some' where the number is the parser's business (one
   * problem per unclosed bracket, up to its cap).
   */
  expect: Record<string, number | 'some'>;
  /**
   * For nesting past the parser's limit: the line (1-based) of the problem
   * that says so, where the limit is passed. The value beyond it is skipped,
   * not handed to a parser that would overflow its stack.
   */
  nestingLine?: number;
}

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'hostile');

/** Nesting far past every parser's depth limit. */
const DEEP = 100_000;
const HEAD = "openapi: 3.0.3\ninfo: {title: hostile, version: '1'}\n";

/** 300 responses, none with a description, all but a few with an unregistered code. */
function responses(indent: string): string {
  const lines: string[] = [];
  for (let i = 0; i < 300; i++) lines.push(`${indent}'${200 + i}': {content: {}}`);
  return lines.join('\n');
}

/** Every hostile document, with what linting it must report. */
export function hostileFiles(): HostileFile[] {
  const fixture = (name: string, expect: Record<string, number>): HostileFile => ({ name, text: fs.readFileSync(path.join(FIXTURES, name), 'utf8'), expect });
  const pathsTo = (n: number, value: (i: number) => string) => Array.from({ length: n }, (_, i) => `  /p${i}: ${value(i)}\n`).join('');
  // The 300 responses of the shared operation: each finding once, however many paths alias it.
  const perResponse = { 'response-description': 300, 'status-code-unregistered': 255, 'created-location': 1, 'retry-after': 1 };
  return [
    fixture('alias-bomb-arrays.yaml', {}),
    fixture('alias-bomb-mappings.yaml', {}),
    fixture('alias-bomb-schemas.yaml', { 'date-time-format': 1 }),
    fixture('nested-merges.yaml', {}),
    fixture('ref-cycles.yaml', { 'date-time-format': 1 }),
    {
      // One path item with 300 responses, aliased under 3,000 paths.
      name: 'alias-operations.yaml',
      text: `${HEAD}x-item: &item\n  get:\n    responses:\n${responses('      ')}\npaths:\n${pathsTo(3000, () => '*item')}`,
      expect: perResponse,
    },
    {
      // 6,000 distinct operations sharing one aliased mapping of 300 responses: checking stops with a problem.
      name: 'alias-responses.yaml',
      text: `${HEAD}x-responses: &r\n${responses('  ')}\npaths:\n${pathsTo(3000, () => '{get: {responses: *r}, post: {responses: *r}}')}`,
      expect: { ...perResponse, 'check-limit': 1 },
    },
    { name: 'deep-arrays.json', text: `{"openapi":"3.0.3","info":{"title":"x","version":"1"},"paths":{},"x-deep":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`, expect: { syntax: 1 }, nestingLine: 1 },
    { name: 'deep-objects.json', text: `{"openapi":"3.0.3","info":{"title":"x","version":"1"},"paths":{},"x-deep":${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}}`, expect: { syntax: 1 }, nestingLine: 1 },
    // Each open bracket is reported too, up to the parser's cap on problems.
    { name: 'deep-unclosed.json', text: `{"openapi":"3.0.3","info":{"title":"x","version":"1"},"paths":{},"x-deep":${'['.repeat(DEEP)}`, expect: { syntax: 'some' }, nestingLine: 1 },
    { name: 'deep-flow.yaml', text: `${HEAD}paths: {}\nx-deep: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`, expect: { syntax: 1 }, nestingLine: 4 },
    { name: 'deep-flow-mappings.yaml', text: `${HEAD}paths: {}\nx-deep: ${'{a: '.repeat(DEEP)}1${'}'.repeat(DEEP)}\n`, expect: { syntax: 1 }, nestingLine: 4 },
    { name: 'deep-compact.yaml', text: `${HEAD}paths: {}\nx-deep:\n${'- '.repeat(DEEP)}a\n`, expect: { syntax: 1 }, nestingLine: 5 },
  ];
}
