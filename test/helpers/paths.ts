import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Project root, found from this file whether it runs from `test/` (tsx) or `out/test/` (tsc). */
export const projectRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return dir;
})();

/** `../shared` beside the project, or undefined when this clone has none. */
export const sharedDir: string | undefined = (() => {
  const dir = resolve(projectRoot, '..', 'shared');
  return existsSync(join(dir, 'corpus')) ? dir : undefined;
})();

const skipped = new Set<string>();

/** Prints one line per suite that is skipped because `../shared` is missing. */
export function reportSharedMissing(suite: string): void {
  if (skipped.has(suite)) return;
  skipped.add(suite);
  console.log(`skipped: ${suite} (../shared is not present in this checkout)`);
}

/** Path of a built bundle under dist/. */
export function distFile(name: string): string {
  return join(projectRoot, 'dist', name);
}
