/**
 * Measures our JSON and YAML parsers on GitHub's REST API description against
 * `JSON.parse`, `jsonc-parser` and the `yaml` package. Run alone with
 * `node out/test/bench/parse.js`, or call `benchParse()` from the bench suite.
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as jsonc from 'jsonc-parser';
import * as YAML from 'yaml';
import { parseJson } from '../../server/src/service/parse/json';
import { parseYaml } from '../../server/src/service/parse/yaml';

/** The repository root, whether this runs from `test/bench` or `out/test/bench`. */
function repoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (fs.existsSync(path.join(dir, 'tsconfig.json'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

/** Path of the GitHub description shipped by the `@octokit/openapi` dev dependency. */
export function githubJsonPath(): string {
  return path.join(repoRoot(), 'node_modules/@octokit/openapi/generated/api.github.com.json');
}

/**
 * Returns the YAML form of the GitHub description, converting and caching it
 * under `.cache/bench/` on first use (the conversion takes a few seconds).
 */
export function githubYamlText(jsonText: string): string {
  const file = path.join(repoRoot(), '.cache/bench/api.github.com.yaml');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  // lineWidth 0 keeps long descriptions on one line instead of folding them.
  const text = YAML.stringify(JSON.parse(jsonText), { lineWidth: 0 });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return text;
}

function timeMs(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function median(fn: () => unknown, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(timeMs(fn));
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]);
}

/** Median milliseconds of each parser on the GitHub description (JSON and YAML forms). */
export async function benchParse(): Promise<Record<string, number>> {
  const file = githubJsonPath();
  if (!fs.existsSync(file)) return {};
  const jsonText = fs.readFileSync(file, 'utf8');
  const yamlText = githubYamlText(jsonText);
  const result: Record<string, number> = {};
  result['parse.json.ours.ms'] = median(() => parseJson(jsonText), 3);
  result['parse.json.JSON.parse.ms'] = median(() => JSON.parse(jsonText), 3);
  result['parse.json.jsonc-parser.ms'] = median(() => jsonc.parseTree(jsonText), 3);
  result['parse.yaml.ours.ms'] = median(() => parseYaml(yamlText), 3);
  // The `yaml` package takes seconds here, so it runs once.
  result['parse.yaml.yaml-parseDocument.ms'] = Math.round(timeMs(() => YAML.parseDocument(yamlText)));
  return result;
}

if (require.main === module) {
  benchParse().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
