/**
 * Orders names (guide companies and titles, topic names, rule ids) without
 * `localeCompare`: the first `localeCompare` of a process loads ICU's
 * collation data, about 15 ms, which a cold CLI run or server start should
 * not pay to sort a few dozen ASCII names. Case-insensitive first, so
 * "api" sorts with "API", then by code unit so the order is total.
 */
export function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
