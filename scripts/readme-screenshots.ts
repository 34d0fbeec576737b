/**
 * Renders the pictures the READMEs show: the topology of `demo/broken-pair` as `halint topology`
 * draws it, in the light and the dark theme, through Debian's Chromium. Run after a build:
 * `npx tsx scripts/readme-screenshots.ts` (writes docs/images/topology-{light,dark}.png).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../test/helpers/chromium.js';

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'halint-shots-'));
const page = join(work, 'topology.html');
const made = spawnSync(
  process.execPath,
  [join(root, 'dist', 'cli.cjs'), 'topology', join(root, 'demo', 'broken-pair'), '-o', page],
  { stdio: 'inherit' },
);
if (made.status !== 0) process.exit(made.status ?? 1);
mkdirSync(join(root, 'docs', 'images'), { recursive: true });
const browser = await launchChromium();
try {
  for (const scheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({
      colorScheme: scheme,
      viewport: { width: 1400, height: 720 },
    });
    const tab = await context.newPage();
    await tab.goto(pathToFileURL(page).href);
    await tab.waitForSelector('#stage[data-state="final"]', { timeout: 60_000 });
    // Show the failover controls at work: HAProxy down on the master.
    await tab.click('#controls input[data-sim="haproxy-down"][data-node="lb1"]');
    await tab.screenshot({ path: join(root, 'docs', 'images', `topology-${scheme}.png`) });
    await context.close();
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
