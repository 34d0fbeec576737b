/**
 * Regenerates the generated files of the HAProxy catalog from `../shared` and our data files:
 * `global.ts`, `proxy.ts`, `section-keywords.ts` (haproxy-keywords.ts), `samples.ts`
 * (haproxy-samples.ts) and `sample-args.ts` (haproxy-sample-args.ts), each formatted with the
 * project's Prettier settings. `npm run generate` runs this, then the grammar generator.
 *
 *   npx tsx scripts/generate/index.ts               writes the catalog files
 *   npx tsx scripts/generate/index.ts --check       exits 1 when a committed file is stale
 *   npx tsx scripts/generate/index.ts --out <dir>   writes them under <dir> instead
 *   npx tsx scripts/generate/index.ts --shared <dir>  reads the facts from <dir>
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GeneratedFile, SharedPaths } from './common.js';
import {
  defaultSharedDir,
  formatGenerated,
  hasSharedData,
  projectRoot,
  readText,
  sharedPaths,
  writeGenerated,
} from './common.js';
import { generateKeywordCatalogs } from './haproxy-keywords.js';
import { generateSampleArgs } from './haproxy-sample-args.js';
import { generateSamples } from './haproxy-samples.js';

/** The generated catalog files and the warnings a human should read. */
export interface GeneratedCatalog {
  /** Formatted, with paths relative to the project root. */
  readonly files: readonly GeneratedFile[];
  readonly warnings: readonly string[];
}

/** Every generated file of the HAProxy catalog, formatted, from the facts under `shared`. */
export async function generateCatalog(
  shared: SharedPaths = sharedPaths(),
): Promise<GeneratedCatalog> {
  const keywords = generateKeywordCatalogs(shared);
  const raw = [...keywords.files, generateSamples(shared), generateSampleArgs(shared)];
  const files = await Promise.all(raw.map(formatGenerated));
  return { files, warnings: keywords.warnings };
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index < 0 ? undefined : process.argv[index + 1];
}

async function main(): Promise<void> {
  const sharedRoot = resolve(option('--shared') ?? defaultSharedDir);
  if (!hasSharedData(sharedRoot)) {
    console.error(`${sharedRoot} is absent: the catalogs are generated from its facts.`);
    process.exit(1);
  }
  const started = Date.now();
  const { files, warnings } = await generateCatalog(sharedPaths(sharedRoot));
  for (const warning of warnings) console.warn(`warning: ${warning}`);
  const check = process.argv.includes('--check');
  // The grammars are derived from the catalogs: `npm run generate [-- --check]` covers both.
  const grammars = (): number =>
    option('--out') !== undefined
      ? 0
      : (spawnSync(
          process.execPath,
          [
            '--import',
            'tsx',
            join(projectRoot, 'scripts', 'generate-grammars.ts'),
            ...(check ? ['--check'] : []),
          ],
          { stdio: 'inherit', cwd: projectRoot },
        ).status ?? 1);
  if (check) {
    const stale = files.filter((file) => {
      const path = join(projectRoot, file.path);
      return !existsSync(path) || readText(path) !== file.text;
    });
    for (const file of stale) console.error(`${file.path} is stale: run npm run generate`);
    if (stale.length > 0 || grammars() !== 0) process.exit(1);
    return;
  }
  const out = resolve(option('--out') ?? projectRoot);
  const changed = writeGenerated(files, out);
  for (const path of changed) console.log(`wrote ${join(out, path)}`);
  console.log(
    `${files.length} catalog files generated in ${Date.now() - started} ms, ${changed.length} changed`,
  );
  if (grammars() !== 0) process.exit(1);
}

const invoked = process.argv[1];
if (invoked !== undefined && resolve(invoked) === fileURLToPath(import.meta.url)) await main();
