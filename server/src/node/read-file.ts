/**
 * The one way the CLI and the language server read a configuration file from disk. Paths come
 * from command lines, workspaces, `.halint.json` and include lines anyone may write, so a read
 * must never block (a FIFO), never run without end (`/dev/zero`, `/proc/self/pagemap`, whose
 * size stat reports as 0) and never pick up the kernel's view of a process (`/proc/self/environ`).
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';

/** Largest configuration file read; HAProxy's largest real configurations are a few MB. */
export const MAX_CONFIG_BYTES = 8 * 1024 * 1024;

/** Pseudo file systems: their files are not configurations and some never end or hold secrets. */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];

/** A file that exists but is refused; the message says why, in words. */
export class RefusedFileError extends Error {
  override readonly name = 'RefusedFileError';
}

/** True when `path` (resolved) lies under `/proc`, `/sys` or `/dev`. */
export function isPseudoFilePath(path: string): boolean {
  return PSEUDO_ROOTS.some((root) => path === root || path.startsWith(`${root}/`));
}

/**
 * Reads a regular file as UTF-8 text without its byte-order mark. Throws the file system's error
 * (ENOENT, EACCES…) when it cannot be opened and a {@link RefusedFileError} for anything that is
 * not a regular file, lies on a pseudo file system or holds more than `maxBytes` bytes; the bytes
 * actually read are counted, not the size stat reports.
 */
export function readConfigFile(path: string, maxBytes: number = MAX_CONFIG_BYTES): string {
  const real = realpathSync(path);
  if (isPseudoFilePath(real)) {
    throw new RefusedFileError(`'${real}' is a system file, not a configuration file`);
  }
  // Non-blocking: opening a FIFO for reading would otherwise wait for a writer forever.
  const fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (!stat.isFile()) {
      throw new RefusedFileError('not a regular file (a FIFO, socket or device)');
    }
    const chunks: Buffer[] = [];
    const buffer = Buffer.allocUnsafe(64 * 1024);
    let total = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      total += read;
      if (total > maxBytes) {
        throw new RefusedFileError(`larger than ${Math.floor(maxBytes / (1024 * 1024))} MiB`);
      }
      chunks.push(Buffer.from(buffer.subarray(0, read)));
    }
    const text = Buffer.concat(chunks).toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } finally {
    closeSync(fd);
  }
}
