import { isUtf8 } from 'node:buffer';

/**
 * Turning a file's bytes into the text the service reads. YAML and JSON may
 * be UTF-8, UTF-16 or UTF-32; the byte order mark says which, and it is
 * dropped from the text so that columns on the first line are the ones an
 * editor shows (editors drop it too). Positions are reported in this decoded
 * text, as an editor would show them.
 */

/** How many bytes at the start of a file are checked for NUL bytes (as git does). */
const BINARY_SNIFF_BYTES = 8000;

/** The decoded text, or why the bytes are not text; `reason` tells the two refusals apart. */
export type Decoded = { text: string; encoding: string } | { error: string; reason: 'binary' | 'encoding' };

/** Decodes a file's bytes by their byte order mark, else as UTF-8; never throws. */
export function decodeText(buf: Uint8Array): Decoded {
  const b = buf;
  // UTF-32 LE starts with the UTF-16 LE mark, so it is tested first.
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return utf32(b.subarray(4), true);
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return utf32(b.subarray(4), false);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return utf16(b.subarray(2), 'utf-16le');
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return utf16(b.subarray(2), 'utf-16be');
  const bom = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
  const body = bom ? b.subarray(3) : b;
  const sniff = body.subarray(0, Math.min(body.length, BINARY_SNIFF_BYTES));
  if (sniff.includes(0)) return { error: 'binary file (it contains NUL bytes); not linted', reason: 'binary' };
  // isUtf8 is a native check, several times faster than a fatal TextDecoder on a large file.
  if (!isUtf8(body)) return { error: 'not UTF-8 text; not linted', reason: 'encoding' };
  return { text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'), encoding: bom ? 'UTF-8 with BOM' : 'UTF-8' };
}

function utf16(body: Uint8Array, label: 'utf-16le' | 'utf-16be'): Decoded {
  const name = label === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
  try {
    // ignoreBOM keeps a second mark (a character of the text) rather than dropping it too.
    return { text: new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(body), encoding: name };
  } catch {
    return { error: `not valid ${name} text (it starts with a ${name} byte order mark); not linted`, reason: 'encoding' };
  }
}

/** TextDecoder has no UTF-32, so it is decoded here, a chunk of code points at a time. */
function utf32(body: Uint8Array, littleEndian: boolean): Decoded {
  const name = littleEndian ? 'UTF-32 LE' : 'UTF-32 BE';
  const bad: Decoded = { error: `not valid ${name} text (it starts with a ${name} byte order mark); not linted`, reason: 'encoding' };
  if (body.length % 4) return bad;
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const parts: string[] = [];
  const CHUNK = 8192;
  const points: number[] = [];
  for (let i = 0; i < body.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return bad;
    points.push(cp);
    if (points.length === CHUNK) {
      parts.push(String.fromCodePoint(...points));
      points.length = 0;
    }
  }
  if (points.length) parts.push(String.fromCodePoint(...points));
  return { text: parts.join(''), encoding: name };
}

/**
 * Text for a route-handler source file that is not UTF-8: read as
 * Windows-1252 (what older Windows editors saved), one character per byte, so
 * positions stay exact. The code rules only look at status codes and calls,
 * which are ASCII in every such file.
 */
export function decodeLegacy(buf: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(buf);
}
