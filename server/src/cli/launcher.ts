/**
 * `halint`'s start-up (`dist/cli.cjs`): runs the CLI bundle (`dist/cli-main.cjs`, built from
 * `main.ts`) with the V8 code cache the build wrote beside it (`cli-main.cjs.v8cache`).
 *
 * Compiling the 2.4 MB bundle, and then each function the first time it runs, was about half of
 * the start-up of a short `halint` run. Node 20 has no compile cache of its own
 * (`module.enableCompileCache` came in Node 22), so this does by hand what that does: it hands V8
 * the code it compiled during a run at build time.
 *
 * A stale cache must never run old code. V8 rejects data from another V8 version or other flags,
 * but it only compares the source's length, so the cache starts with a checksum of the bundle it
 * was made from, and the Node version and architecture: on any mismatch, or when the file is
 * missing or unreadable, the bundle is compiled from source as a plain `require` would. The result
 * is the same program either way; only the time differs.
 *
 * The checksum is a CRC-32 (`zlib.crc32`, Node 20.15 and later), which catches every change of up
 * to 32 consecutive bits and misses another change once in four billion. It guards against a
 * rebuilt or edited bundle, not an attacker (whoever can write the cache can write the bundle),
 * and it costs a third of a SHA-256 start-up: loading `node:crypto` alone took about 4 ms of each
 * run. Older Node versions, which have no `crc32`, use SHA-256.
 *
 * Only the built program uses this file; `npm run start:cli` and the tests import `main.ts`.
 */
import { isAscii } from 'node:buffer';
import type { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import * as zlib from 'node:zlib';

const BUNDLE = join(__dirname, 'cli-main.cjs');
const CACHE = `${BUNDLE}.v8cache`;
/** The build sets this to write the cache after a warm-up run; nothing else should. */
const WRITE_ENV = 'HALINT_WRITE_CODE_CACHE';

/** The bundle's checksum, named by its algorithm. */
function checksum(source: Buffer): string {
  // The types know `crc32`, but Node 20 before 20.15 does not have it.
  const crc32 = (zlib as { crc32?: (data: Buffer) => number }).crc32;
  if (crc32) return `crc32:${crc32(source).toString(16).padStart(8, '0')}`;
  // Loaded only here, for its cost (see above).
  const crypto = createRequire(BUNDLE)('node:crypto') as { createHash: typeof createHash };
  return `sha256:${crypto.createHash('sha256').update(source).digest('hex')}`;
}

/** What the cache must have been made from: this bundle, this Node, this machine type. */
function headerFor(source: Buffer): string {
  return `halint-code-cache 2 ${checksum(source)} ${process.version} ${process.arch}\n`;
}

function readCache(header: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(CACHE);
  } catch {
    return undefined;
  }
  const ok = data.length > header.length && data.toString('latin1', 0, header.length) === header;
  return ok ? data.subarray(header.length) : undefined;
}

function start(): void {
  // With --enable-source-maps, Node maps stack traces only for modules it loads itself.
  if (process.sourceMapsEnabled) {
    createRequire(BUNDLE)(BUNDLE);
    return;
  }
  const source = readFileSync(BUNDLE);
  const header = headerFor(source);
  const write = process.env[WRITE_ENV] === '1';
  const cachedData = write ? undefined : readCache(header);
  // The bundle starts with `#!`, which is only legal at the very start of a script: turned into a
  // comment of the same length, line and column numbers in stack traces stay those of the file.
  // The minified bundle is plain ASCII, which decodes as Latin-1 at half the cost of UTF-8.
  const text = source.toString(isAscii(source) ? 'latin1' : 'utf8').replace(/^#!/, '//');
  const script = new Script(Module.wrap(text), { filename: BUNDLE, cachedData });
  if (write) {
    // At exit, the functions the warm-up run compiled are in the cache too, not only the top level.
    process.on('exit', () => {
      const temporary = `${CACHE}.${process.pid}`;
      writeFileSync(
        temporary,
        Buffer.concat([Buffer.from(header, 'latin1'), script.createCachedData()]),
      );
      renameSync(temporary, CACHE);
    });
  }
  const run = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: { exports: unknown },
    filename: string,
    dirname: string,
  ) => void;
  const module = { exports: {} };
  run.call(module.exports, module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
}

start();
