/**
 * A small seeded generator (mulberry32): the same seed gives the same
 * sequence on every run, so a sample can be drawn again and a failure names a
 * seed that reproduces it. Used by the property tests, the Markdown fuzzer and
 * scripts/eval-real-world.mjs.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
