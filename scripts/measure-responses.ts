/**
 * Times the big responses on a generated HAProxy file, in process (no LSP transport): the
 * outline (and its JSON size), semantic tokens and formatting of the clean file. CPU time of this
 * process (user + system, so garbage collection threads count), median and minimum of 7 runs after
 * 2 warm-up runs. Run with `npx tsx scripts/measure-responses.ts`; `BACKENDS=5000` (the default)
 * gives about 75,000 lines, `ONLY=symbols|tokens|format` measures one feature.
 */
import { performance } from 'node:perf_hooks';
import { generateHaproxy } from './bench/inputs.js';
import { createLanguageService } from '../server/src/core/index.js';

const backends = Number(process.env['BACKENDS'] ?? 5_000);
const only = process.env['ONLY'] ?? 'all';
const text = generateHaproxy(backends);
const service = createLanguageService();
const document = service.parse('haproxy', 'file:///big.cfg', text, 1);
console.log(`${document.lineIndex.lineCount} lines, ${text.length} characters`);

function time<T>(name: string, run: () => T, runs = 7): T {
  let result = run();
  result = run();
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const usage = process.cpuUsage();
    const start = performance.now();
    result = run();
    wall.push(performance.now() - start);
    const spent = process.cpuUsage(usage);
    cpu.push((spent.user + spent.system) / 1000);
  }
  const ms = (values: number[], at: number): string =>
    (values.sort((a, b) => a - b)[at] ?? 0).toFixed(0);
  console.log(
    `${name}: CPU median ${ms(cpu, runs >> 1)} ms (min ${ms(cpu, 0)}), wall median ${ms(wall, runs >> 1)} ms`,
  );
  return result;
}

if (only === 'all' || only === 'symbols') {
  const symbols = time('documentSymbol', () => service.getDocumentSymbols(document));
  console.log(`  ${Buffer.byteLength(JSON.stringify(symbols))} bytes of JSON`);
}
if (only === 'all' || only === 'tokens') {
  const tokens = time('semantic tokens', () => service.getSemanticTokens(document));
  console.log(`  ${tokens.data.length} integers`);
}
if (only === 'all' || only === 'format') {
  const edits = time('formatting (clean file)', () =>
    service.format(document, { tabSize: 2, insertSpaces: true }),
  );
  console.log(`  ${edits.length} edits`);
}
