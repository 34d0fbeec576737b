// Packs the npm package of the language server and halint (packages/language-server) into a
// tarball: production bundles of the server, the CLI and the CLI's topology assets, built into a
// staging folder (dist/ is left alone), the package manifest with the project's version, its
// README and the licence. The bundles inline every library, so the package has no dependencies.
//
//   node scripts/pack-server.mjs [--out DIR]     prints the path of the tarball
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const template = join(root, 'packages', 'language-server');
const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex > 0 ? (process.argv[outIndex + 1] ?? '.') : root);

const stage = mkdtempSync(join(tmpdir(), 'ha-language-server-pack-'));
try {
  execFileSync(
    process.execPath,
    [
      join(root, 'scripts', 'build.mjs'),
      '--production',
      '--bins',
      `--outdir=${join(stage, 'dist')}`,
    ],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  // One version for the extension, the server and halint: the project's.
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(join(template, 'package.json'), 'utf8'));
  writeFileSync(
    join(stage, 'package.json'),
    `${JSON.stringify({ name: manifest.name, version, ...manifest }, null, 2)}\n`,
  );
  copyFileSync(join(template, 'README.md'), join(stage, 'README.md'));
  copyFileSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));
  mkdirSync(out, { recursive: true });
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', out], {
      cwd: stage,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  console.log(join(out, packed[0].filename));
} finally {
  rmSync(stage, { recursive: true, force: true });
}
