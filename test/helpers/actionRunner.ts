import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

/**
 * A small local runner for a composite GitHub Action (action.yml), since
 * GitHub itself cannot be reached from the tests. It does what the Actions
 * runner does for the parts our action uses, and refuses the rest, so that
 * the action cannot quietly come to depend on something this runner fakes:
 *
 * - inputs: the caller's values over the declared defaults; an input the
 *   action does not declare is an error. As on GitHub, a composite action's
 *   inputs reach its steps only through `${{ inputs.x }}` (no INPUT_*
 *   variables are set for composite actions), so a step that reads one
 *   without declaring it in `env:` sees nothing here either;
 * - `${{ }}` expressions in `if:`, `env:`, `with:`, `working-directory:`
 *   and the action's outputs, over `inputs`, `steps.<id>.outputs|outcome|
 *   conclusion`, `github.workspace`, `github.action_path`, `runner.temp`,
 *   string literals, `==` and `!=` (case-insensitive, as on GitHub), `!`,
 *   `&&`, `||`, parentheses and the status functions;
 * - `run:` steps with `shell: bash`, run as GitHub runs them
 *   (`bash --noprofile --norc -eo pipefail <script>`), with GITHUB_OUTPUT,
 *   GITHUB_ENV, GITHUB_STEP_SUMMARY, GITHUB_ACTION_PATH, GITHUB_WORKSPACE
 *   and RUNNER_TEMP; the step's outputs are read back from GITHUB_OUTPUT;
 * - `uses:` steps are recorded with their resolved `with:`, not run; the
 *   caller decides whether each one succeeds;
 * - `continue-on-error`: a failing step then has outcome `failure` and
 *   conclusion `success`, and the action goes on as if it had passed.
 */

export interface StepResult {
  id?: string;
  name?: string;
  /** `run` for a script, or the `uses:` reference. */
  uses?: string;
  with?: Record<string, string>;
  outcome: 'success' | 'failure' | 'skipped';
  conclusion: 'success' | 'failure' | 'skipped';
  exitCode?: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

export interface ActionResult {
  steps: StepResult[];
  /** The action's declared outputs, evaluated after the last step. */
  outputs: Record<string, string>;
  /** Whether the action failed (a step failed without continue-on-error). */
  failed: boolean;
  /** A step by id. */
  step(id: string): StepResult;
}

export interface RunOptions {
  /** The repository the action runs in (GITHUB_WORKSPACE, and the steps' working directory). */
  workspace: string;
  /** The folder holding action.yml (GITHUB_ACTION_PATH). */
  actionPath: string;
  /** The `with:` of the workflow step that uses the action. */
  inputs?: Record<string, string>;
  /** Whether a `uses:` step succeeds; all do by default. */
  uses?: (step: { uses: string; with: Record<string, string> }) => 'success' | 'failure';
  /** RUNNER_TEMP: the caller makes it and removes it after reading what the action left there. */
  runnerTemp: string;
  /** Extra environment for every step. */
  env?: Record<string, string>;
}

interface StepSpec {
  id?: string;
  name?: string;
  if?: string | boolean;
  run?: string;
  shell?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  'working-directory'?: string;
  'continue-on-error'?: boolean | string;
}

interface ActionSpec {
  inputs?: Record<string, { default?: string; required?: boolean }>;
  outputs?: Record<string, { value: string }>;
  runs: { using: string; steps: StepSpec[] };
}

const STEP_KEYS = new Set(['id', 'name', 'if', 'run', 'shell', 'uses', 'with', 'env', 'working-directory', 'continue-on-error']);

/** Runs the composite action in `options.actionPath` against `options.workspace`. */
export function runCompositeAction(options: RunOptions): ActionResult {
  const action = parse(fs.readFileSync(path.join(options.actionPath, 'action.yml'), 'utf8')) as ActionSpec;
  if (action.runs?.using !== 'composite') throw new Error(`not a composite action: runs.using is ${action.runs?.using}`);
  const declared = action.inputs ?? {};
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(declared)) inputs[name] = spec.default === undefined ? '' : String(spec.default);
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    if (!(name in declared)) throw new Error(`the action has no input "${name}"`);
    inputs[name] = value;
  }
  for (const [name, spec] of Object.entries(declared)) {
    if (spec.required && inputs[name] === '') throw new Error(`input "${name}" is required`);
  }
  const ids = new Set(action.runs.steps.map((s) => s.id).filter((id): id is string => !!id));
  const temp = options.runnerTemp;
  // The runner's own files (scripts, GITHUB_OUTPUT, GITHUB_ENV) stay apart from what the steps write.
  const own = fs.mkdtempSync(path.join(temp, '_runner-'));
  const results: StepResult[] = [];
  const byId = new Map<string, StepResult>();
  let failed = false;
  let carriedEnv: Record<string, string> = {};

  const context: Context = {
    inputs,
    steps: byId,
    ids,
    github: { workspace: options.workspace, action_path: options.actionPath },
    runner: { temp },
    failed: () => failed,
  };

  {
    for (const [index, spec] of action.runs.steps.entries()) {
      for (const key of Object.keys(spec)) if (!STEP_KEYS.has(key)) throw new Error(`step ${index + 1}: the runner does not support "${key}"`);
      const result: StepResult = { id: spec.id, name: spec.name, uses: spec.uses, outcome: 'skipped', conclusion: 'skipped', stdout: '', stderr: '', outputs: {} };
      results.push(result);
      if (spec.id) byId.set(spec.id, result);
      const condition = spec.if === undefined ? 'success()' : String(spec.if);
      if (!truthy(evaluateCondition(condition, context))) continue;
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries(spec.env ?? {})) env[k] = substitute(String(v), context);
      let ok: boolean;
      if (spec.uses) {
        if (spec.run) throw new Error(`step ${index + 1}: both run and uses`);
        result.with = Object.fromEntries(Object.entries(spec.with ?? {}).map(([k, v]) => [k, substitute(String(v), context)]));
        ok = (options.uses?.({ uses: spec.uses, with: result.with }) ?? 'success') === 'success';
      } else {
        if (typeof spec.run !== 'string') throw new Error(`step ${index + 1}: neither run nor uses`);
        // GitHub requires a shell on every run step of a composite action.
        if (spec.shell !== 'bash') throw new Error(`step ${index + 1}: the runner supports shell: bash only (got ${spec.shell ?? 'none'})`);
        const files = { output: path.join(own, `output-${index}`), env: path.join(own, `env-${index}`), summary: path.join(own, 'summary.md'), script: path.join(own, `step-${index}.sh`) };
        for (const f of [files.output, files.env]) fs.writeFileSync(f, '');
        fs.writeFileSync(files.script, substitute(spec.run, context));
        const cwd = spec['working-directory'] ? path.resolve(options.workspace, substitute(spec['working-directory'], context)) : options.workspace;
        const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', files.script], {
          cwd,
          encoding: 'utf8',
          timeout: 120_000,
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            CI: 'true',
            GITHUB_ACTIONS: 'true',
            GITHUB_WORKSPACE: options.workspace,
            GITHUB_ACTION_PATH: options.actionPath,
            GITHUB_OUTPUT: files.output,
            GITHUB_ENV: files.env,
            GITHUB_STEP_SUMMARY: files.summary,
            GITHUB_RUN_ID: '1',
            GITHUB_JOB: 'lint',
            RUNNER_TEMP: temp,
            ...options.env,
            ...carriedEnv,
            ...env,
          },
        });
        result.stdout = r.stdout;
        result.stderr = r.stderr;
        result.exitCode = r.status ?? -1;
        result.outputs = readKeyValues(fs.readFileSync(files.output, 'utf8'));
        carriedEnv = { ...carriedEnv, ...readKeyValues(fs.readFileSync(files.env, 'utf8')) };
        ok = r.status === 0;
      }
      const continueOnError = spec['continue-on-error'] === true || spec['continue-on-error'] === 'true';
      result.outcome = ok ? 'success' : 'failure';
      result.conclusion = ok || continueOnError ? 'success' : 'failure';
      if (result.conclusion === 'failure') failed = true;
    }
    const outputs: Record<string, string> = {};
    for (const [name, spec] of Object.entries(action.outputs ?? {})) outputs[name] = substitute(String(spec.value), context);
    return {
      steps: results,
      outputs,
      failed,
      step(id: string) {
        const s = byId.get(id);
        if (!s) throw new Error(`no step with id ${id}`);
        return s;
      },
    };
  }
}

/** Reads GITHUB_OUTPUT / GITHUB_ENV: `name=value` lines and `name<<DELIMITER` blocks. */
export function readKeyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const body: string[] = [];
      while (++i < lines.length && lines[i] !== heredoc[2]) body.push(lines[i]);
      if (i >= lines.length) throw new Error(`unterminated ${heredoc[1]}<<${heredoc[2]}`);
      out[heredoc[1]] = body.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`not name=value: ${line}`);
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

// --- expressions ---------------------------------------------------------------

interface Context {
  inputs: Record<string, string>;
  steps: Map<string, StepResult>;
  ids: Set<string>;
  github: Record<string, string>;
  runner: Record<string, string>;
  failed: () => boolean;
}

type Value = string | boolean | null;

/** Replaces every `${{ expr }}` in a string with the expression's value. */
function substitute(text: string, context: Context): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expr: string) => {
    const v = evaluate(expr, context);
    return v === null ? '' : String(v);
  });
}

/** An `if:` is an expression with or without `${{ }}`; a status function is implied when it names none. */
function evaluateCondition(condition: string, context: Context): Value {
  const m = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(condition);
  const expr = m ? m[1] : condition;
  const withStatus = /\b(success|failure|always|cancelled)\(\)/.test(expr) ? expr : `success() && (${expr})`;
  return evaluate(withStatus, context);
}

function truthy(v: Value): boolean {
  return v !== null && v !== false && v !== '';
}

/** A recursive-descent evaluator for the subset of GitHub's expression language described above. */
function evaluate(expr: string, context: Context): Value {
  const tokens = expr.match(/\s*('(?:[^']|'')*'|&&|\|\||==|!=|!|\(|\)|[A-Za-z_][\w.-]*(?:\(\))?|\S)/g)?.map((t) => t.trim()) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const fail = (why: string): never => {
    throw new Error(`expression "${expr.trim()}": ${why}`);
  };
  const or = (): Value => {
    let left = and();
    while (peek() === '||') {
      next();
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const and = (): Value => {
    let left = equality();
    while (peek() === '&&') {
      next();
      const right = equality();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const equality = (): Value => {
    const left = unary();
    const op = peek();
    if (op !== '==' && op !== '!=') return left;
    next();
    const right = unary();
    // GitHub compares strings ignoring case, and null as ''.
    const same = String(left ?? '').toLowerCase() === String(right ?? '').toLowerCase();
    return op === '==' ? same : !same;
  };
  const unary = (): Value => {
    if (peek() === '!') {
      next();
      return !truthy(unary());
    }
    return primary();
  };
  const primary = (): Value => {
    const t = next();
    if (t === undefined) return fail('unexpected end');
    if (t === '(') {
      const v = or();
      if (next() !== ')') fail('missing )');
      return v;
    }
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (t === 'true' || t === 'false') return t === 'true';
    if (t === 'success()') return !context.failed();
    if (t === 'failure()') return context.failed();
    if (t === 'always()') return true;
    if (t === 'cancelled()') return false;
    return lookup(t);
  };
  const lookup = (name: string): Value => {
    const parts = name.split('.');
    if (parts[0] === 'inputs' && parts.length === 2) {
      if (!(parts[1] in context.inputs)) fail(`the action has no input "${parts[1]}"`);
      return context.inputs[parts[1]];
    }
    if ((parts[0] === 'github' || parts[0] === 'runner') && parts.length === 2) {
      const v = context[parts[0]][parts[1]];
      return v === undefined ? fail(`the runner does not provide ${name}`) : v;
    }
    if (parts[0] === 'steps' && parts.length >= 3) {
      if (!context.ids.has(parts[1])) fail(`no step has the id "${parts[1]}"`);
      const step = context.steps.get(parts[1]);
      if (parts[2] === 'outputs' && parts.length === 4) return step?.outputs[parts[3]] ?? null;
      if ((parts[2] === 'outcome' || parts[2] === 'conclusion') && parts.length === 3) return step ? step[parts[2]] : null;
    }
    return fail(`the runner does not support "${name}"`);
  };
  const value = or();
  if (pos !== tokens.length) fail(`unexpected "${tokens[pos]}"`);
  return value;
}
