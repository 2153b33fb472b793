import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Hostile inputs, generated (never committed as files): each is what an
 * attacker could commit to a repository the user opens or lints. The tests
 * beside this file state, case by case, the promise each one checks.
 */

/** The front matter every generated page shares, with `extra` lines before `guidelines`. */
function page(id: string, extra: string[], guidelines: string[], body = 'Body.'): string {
  return ['---', `topic_id: ${id}`, "topic_category: 'Hostile'", `topic_name: '${id}'`, "topic_description: 'A hostile page.'", ...extra, ...guidelines, '---', body, ''].join('\n');
}

/**
 * A 600-byte page whose front matter is a YAML alias bomb: nine levels of
 * nine aliases each stand for 9^9 (387 million) strings once expanded.
 */
export function aliasBombPage(): string {
  const levels = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
  const lines = [`${levels[0]}: &${levels[0]} ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  for (let i = 1; i < levels.length; i++) lines.push(`${levels[i]}: &${levels[i]} [${Array(9).fill(`*${levels[i - 1]}`).join(',')}]`);
  return page('alias-bomb', lines, ['guidelines: []']);
}

/** A page of about 224 KB whose `guidelines` list holds 32,000 empty mappings (each one a problem, before the limits). */
export function emptyGuidelinesPage(count = 32_000): string {
  return page('empty-guidelines', [], ['guidelines:', ...Array(count).fill('  - {}')]);
}

/** A page with `count` guidelines (within the limit) that each break several rules: far more problems than a page reports. */
export function manyProblemsPage(count = 150): string {
  return page('many-problems', [], ['guidelines:', ...Array(count).fill("  - {guideline_id: x, guideline_url: 'not a url', references: []}")]);
}

/** A guideline file covering `count` topics, none of which exists. */
export function manyTopicsGuidelineFile(count: number): string {
  const head = ['id: hostile-guide', "title: 'Hostile'", "url: 'https://hostile.example/'", "company: 'Hostile'", 'topics:'];
  return [...head, ...Array.from({ length: count }, (_, i) => `  t${i}: [{name: x, url: 'https://hostile.example/${i}'}]`), ''].join('\n');
}

/** A page larger than any page may be, made of ordinary text. */
export function hugePage(chars: number): string {
  return page('huge', [], ['guidelines: []'], 'word '.repeat(Math.ceil(chars / 5)));
}

/** A temporary folder, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `stylebook-hostile-${prefix}-`)));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Makes a FIFO (named pipe) at `file`; nothing ever writes to it, so a reader that opens it waits forever. */
export function makeFifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

/** An OpenAPI document with `n` operations, each answering 429 without Retry-After: at least `n` warnings. */
export function manyWarningsSpec(n: number): string {
  const lines = ['openapi: 3.0.3', 'info: {title: Many, version: 1.0.0}', 'paths:'];
  for (let i = 0; i < n; i++) lines.push(`  /items${i}:`, '    get:', '      responses:', "        '200': {description: ok}", "        '429': {description: slow down}");
  return `${lines.join('\n')}\n`;
}

/** An OpenAPI document with a block mapping nested `levels` deep under an extension key (4.5 MB at 3,000 levels). */
export function deepBlockSpec(levels: number): string {
  const lines = ['openapi: 3.0.3', 'info: {title: Deep, version: 1.0.0}', 'paths: {}', 'x-deep:'];
  for (let i = 0; i < levels; i++) lines.push(`${' '.repeat(i + 2)}a:`);
  lines.push(`${' '.repeat(levels + 2)}b: 1`);
  return `${lines.join('\n')}\n`;
}
