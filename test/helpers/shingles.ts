import * as fs from 'node:fs';

// Word shingles for the catalog's wording check. The guides' texts are
// reduced to the hashes of their 8-word runs by scripts/guide-shingles.mjs
// (which loads this module from out/, so that both sides normalise text the
// same way); the test hashes our own text with the same functions and looks
// the hashes up. Only hashes are committed, never the guides' text.

/** How many consecutive words make one shingle. */
export const SHINGLE_WORDS = 8;

/** The hash the shingle file records in its header, so a reader can refuse a file made another way. */
export const SHINGLE_HASH = 'fnv1a32-utf8';

/** The first line of a shingle file: what was hashed, and how. */
export interface ShingleHeader {
  about: string;
  words: number;
  hash: string;
  count: number;
  sources: Array<{ repository: string; commit: string; files: string[] }>;
}

/** 32-bit FNV-1a over the UTF-8 bytes of `s`; stable across platforms and Node versions. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(s, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The words of a text, lowercased, with markup and punctuation gone: HTML
 * tags, entities and URLs are dropped, apostrophes join their word ("don't"
 * is "dont"), and every other character that is not a letter or digit
 * separates words. Markdown, reStructuredText, AsciiDoc and HTML all reduce
 * to their running words this way, which is what copied wording keeps.
 */
export function shingleWords(text: string): string[] {
  return text
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, ' ')
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s)>\]"'`]*/gi, ' ')
    .toLowerCase()
    .normalize('NFKC')
    .replace(/['’‘]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The prose of one of our own Markdown texts: fenced code blocks, inline
 * code, link targets and bare URLs removed (they are names, examples and
 * addresses, not wording), link texts kept.
 */
export function markdownProse(markdown: string): string {
  return markdown
    .replace(/^ {0,3}(```|~~~)[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\]\([^)\s]*\)/g, '] ')
    .replace(/<https?:[^>\s]*>/g, ' ');
}

/** Every run of `SHINGLE_WORDS` consecutive words, with its hash. */
export function shingles(words: readonly string[]): Array<{ run: string; hash: number }> {
  const out: Array<{ run: string; hash: number }> = [];
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    const run = words.slice(i, i + SHINGLE_WORDS).join(' ');
    out.push({ run, hash: fnv1a32(run) });
  }
  return out;
}

/** The text of a shingle file: a JSON header line, then the sorted unique hashes as base64 of a little-endian Uint32Array. */
export function encodeShingleFile(header: Omit<ShingleHeader, 'count' | 'words' | 'hash'>, hashes: Iterable<number>): string {
  const sorted = Uint32Array.from(new Set(hashes)).sort();
  const bytes = Buffer.alloc(sorted.length * 4);
  sorted.forEach((h, i) => bytes.writeUInt32LE(h, i * 4));
  const full: ShingleHeader = { about: header.about, words: SHINGLE_WORDS, hash: SHINGLE_HASH, count: sorted.length, sources: header.sources };
  return `${JSON.stringify(full)}\n${bytes.toString('base64')}\n`;
}

/** Reads a shingle file written by `encodeShingleFile`; throws when it is not one. */
export function decodeShingleFile(text: string): { header: ShingleHeader; hashes: Uint32Array } {
  const [head, body = ''] = text.split('\n');
  const header = JSON.parse(head) as ShingleHeader;
  const bytes = Buffer.from(body.trim(), 'base64');
  if (bytes.length % 4 !== 0) throw new Error(`shingle data is ${bytes.length} bytes, not a whole number of 32-bit hashes`);
  const hashes = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < hashes.length; i++) hashes[i] = bytes.readUInt32LE(i * 4);
  return { header, hashes };
}

/** Reads a shingle file from disk. */
export function readShingleFile(file: string): { header: ShingleHeader; hashes: Uint32Array } {
  return decodeShingleFile(fs.readFileSync(file, 'utf8'));
}

/** Is `hash` in the sorted array `set`? (binary search) */
export function hasShingle(set: Uint32Array, hash: number): boolean {
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (set[mid] === hash) return true;
    if (set[mid] < hash) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
