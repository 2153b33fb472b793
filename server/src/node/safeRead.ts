import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Reading files a repository names, without letting the repository choose
 * what is read. A committed file can be a symbolic link to `/dev/zero`, to
 * `/proc/self/pagemap` (which `stat` says is 0 bytes long and which never
 * ends), to a FIFO that blocks the reader forever, or to a file outside the
 * workspace. So every read here resolves links first, checks that the real
 * file lies inside one of the folders allowed, refuses anything that is not a
 * regular file or that lives in a kernel file system, and counts the bytes it
 * actually reads instead of trusting the size `stat` reports.
 */

/** The outcome of a guarded read: the text, or why it was refused. Never an exception. */
export type GuardedRead = { text: string; realPath: string; message?: undefined } | { text?: undefined; realPath?: string; message: string };

/** Kernel file systems: their files claim to be regular and small, and are neither. */
const KERNEL_FILE_SYSTEMS = process.platform === 'win32' ? [] : ['/proc', '/sys', '/dev'];

/** The real path of a file or folder, or undefined when it does not exist or cannot be resolved. */
export function realPathOf(file: string): string | undefined {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return undefined;
  }
}

/** Whether `target` is `root` or lies below it (both real, absolute paths). */
export function isWithin(target: string, root: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The real paths of the allowed folders (a folder that does not exist allows nothing). */
export function realRoots(roots: readonly string[]): string[] {
  return roots.map((r) => realPathOf(r)).filter((r): r is string => r !== undefined);
}

/** Why a real path may not be read, or undefined when it may: outside every allowed folder, or in a kernel file system. */
export function refusal(real: string, roots: readonly string[], named: string): string | undefined {
  const fsRoot = KERNEL_FILE_SYSTEMS.find((k) => isWithin(real, k));
  if (fsRoot) return `${describeLink(named, real)}lies in ${fsRoot}, a kernel file system, not a file that can be read as text`;
  if (!roots.some((r) => isWithin(real, r))) return `${describeLink(named, real)}lies outside the workspace and the folders allowed to be read`;
  return undefined;
}

function describeLink(named: string, real: string): string {
  return path.resolve(named) === real ? '' : `is a link to ${real}, which `;
}

/** A name for a file's type in messages. */
function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads a text file (UTF-8) that must be a regular file inside one of
 * `roots` (real paths, see `realRoots`), reading at most `maxBytes` bytes:
 * a longer file is refused, not truncated. Links are followed and the
 * target checked.
 */
export function readTextWithin(file: string, roots: readonly string[], maxBytes: number): GuardedRead {
  const real = realPathOf(file);
  if (real === undefined) {
    return { message: fs.existsSync(path.dirname(file)) && isDanglingLink(file) ? 'is a link to a file that does not exist' : 'not found' };
  }
  const refused = refusal(real, roots, file);
  if (refused) return { realPath: real, message: refused };
  const read = readRegularFile(real, maxBytes);
  return 'bytes' in read ? { text: read.bytes.toString('utf8'), realPath: real } : { realPath: real, message: read.message };
}

/**
 * The bytes of `file` (links followed) when it is a regular file outside the
 * kernel file systems and at most `maxBytes` long, or why not. For files the
 * user named or that a folder walk found, where no folder bounds the read but
 * a link to `/dev/zero` or a FIFO must still not hang or exhaust the reader.
 * A FIFO is refused before it is opened, and the file is opened non-blocking
 * besides, so that nothing here can wait on a writer; the limit is enforced on
 * the bytes actually read, since `stat` says 0 for `/proc` files that never end.
 */
export function readRegularFile(file: string, maxBytes: number): { bytes: Buffer } | { message: string; tooLarge?: boolean } {
  const real = realPathOf(file) ?? file;
  const fsRoot = KERNEL_FILE_SYSTEMS.find((k) => isWithin(real, k));
  if (fsRoot) return { message: `${describeLink(file, real)}lies in ${fsRoot}, a kernel file system, not a file that can be read as text` };
  let fd: number | undefined;
  try {
    const before = fs.statSync(real);
    if (!before.isFile()) return { message: `is ${kindOf(before)}, not a regular file` };
    fd = fs.openSync(real, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0));
    // The file may have been swapped between the check and the open.
    const opened = fs.fstatSync(fd);
    if (!opened.isFile()) return { message: `is ${kindOf(opened)}, not a regular file` };
    // The size stat reports only sizes the first buffer (one read for an ordinary file);
    // the limit is enforced on what is actually read, one byte past it at most.
    let buf = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(opened.size + 1, 8192)));
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, buf.length * 2));
        buf.copy(bigger, 0, 0, total);
        buf = bigger;
      }
      const n = fs.readSync(fd, buf, total, buf.length - total, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return { message: `is larger than ${maxBytes} bytes, more than such a file can be; it was not read`, tooLarge: true };
    }
    return { bytes: buf.subarray(0, total) };
  } catch (e) {
    return { message: `cannot be read: ${(e as Error).message}` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function isDanglingLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
