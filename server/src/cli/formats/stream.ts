/**
 * Reports as a stream of pieces rather than one string: a report of a
 * million problems is hundreds of megabytes, more than one JavaScript string
 * may hold (about 512 MB) and far more than it is worth holding at once.
 * Formats yield pieces; the CLI writes them in batches as they come.
 */

/** An array whose items are produced while it is written, so that a million results never exist at once. */
export class LazyArray<T> {
  constructor(readonly items: () => Iterable<T>) {}
}

const pad = (depth: number) => '  '.repeat(depth);

/**
 * The text of `JSON.stringify(value, null, 2)`, in pieces: objects and arrays
 * down to `streamDepth` levels (and every `LazyArray`) are written entry by
 * entry, anything deeper is stringified whole (it is small: one problem).
 */
export function* jsonChunks(value: unknown, streamDepth: number, depth = 0): Generator<string> {
  if (value instanceof LazyArray) {
    yield* arrayChunks(value.items(), streamDepth, depth);
    return;
  }
  if (depth >= streamDepth || value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    const text = JSON.stringify(value, null, 2);
    yield depth && text.includes('\n') ? text.replace(/\n/g, `\n${pad(depth)}`) : text;
    return;
  }
  if (Array.isArray(value)) {
    yield* arrayChunks(value, streamDepth, depth);
    return;
  }
  let first = true;
  for (const [key, v] of Object.entries(value)) {
    // JSON.stringify leaves out properties it cannot represent.
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    yield `${first ? '{' : ','}\n${pad(depth + 1)}${JSON.stringify(key)}: `;
    first = false;
    yield* jsonChunks(v, streamDepth, depth + 1);
  }
  yield first ? '{}' : `\n${pad(depth)}}`;
}

function* arrayChunks(items: Iterable<unknown>, streamDepth: number, depth: number): Generator<string> {
  let first = true;
  for (const item of items) {
    yield `${first ? '[' : ','}\n${pad(depth + 1)}`;
    first = false;
    // As in JSON.stringify, what JSON cannot represent is null inside an array.
    yield* jsonChunks(item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item, streamDepth, depth + 1);
  }
  yield first ? '[]' : `\n${pad(depth)}]`;
}

/** Hands `chunks` to `write` in batches of about `batch` characters (one system call per batch, not per piece). */
export function writeChunks(chunks: Iterable<string>, write: (s: string) => void, batch = 1 << 20): void {
  let buffered: string[] = [];
  let size = 0;
  for (const c of chunks) {
    buffered.push(c);
    size += c.length;
    if (size >= batch) {
      write(buffered.join(''));
      buffered = [];
      size = 0;
    }
  }
  if (size) write(buffered.join(''));
}
