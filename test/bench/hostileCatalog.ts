/**
 * Hostile catalog pages and Markdown (test/hostile/): how long the server spends on each, and
 * whether the time grows linearly with the input. The tests check that each
 * input is handled; this measures what it costs.
 * `npm run build && node out/test/bench/hostileCatalog.js` runs it on its own.
 */
import { parseTopicPage } from '../../server/src/service/catalog/page';
import { sanitizeGuidance } from '../../server/src/service/topicPage';
import { aliasBombPage, emptyGuidelinesPage } from '../hostile/inputs';
import { shippedCatalog } from '../helpers/service';

const ms = (n: number) => Math.round(n * 10) / 10;

/** The median of `rounds` timings of `fn`, in ms. */
function time(fn: () => unknown, rounds = 5): number {
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return ms(out.sort((a, b) => a - b)[Math.floor(rounds / 2)]);
}

/** The figures for `npm run bench -- hostile-catalog`. */
export async function benchHostileCatalog(): Promise<Record<string, number | string>> {
  const catalog = shippedCatalog();
  const figures: Record<string, number | string> = {
    'alias-bomb page, 600 bytes (ms)': time(() => parseTopicPage(aliasBombPage(), 'bomb.md')),
    '32,000 empty guidelines, 224 KB (ms)': time(() => parseTopicPage(emptyGuidelinesPage(), 'empty.md')),
  };
  for (const [name, unit] of [['"["', '['], ['"![["', '![['], ['"[a]("', '[a]('], ['"*a "', '*a ']] as const) {
    for (const kb of [40, 80, 160]) {
      const text = unit.repeat(Math.ceil((kb * 1024) / unit.length));
      figures[`guidance of ${name}, ${kb} KB (ms)`] = time(() => sanitizeGuidance(text, catalog), 3);
    }
  }
  return figures;
}

if (require.main === module) {
  void benchHostileCatalog().then((f) => {
    for (const [k, v] of Object.entries(f)) console.log(`  ${k.padEnd(40)}  ${v}`);
  });
}
