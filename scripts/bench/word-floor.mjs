/**
 * The least a checker written for Node does with a configuration file: start, read the file,
 * find where each word starts and ends, and look the first word of each line up in a table. No
 * tree, no strings per word, no rule. `npm run bench` times it next to `halint` and
 * `haproxy -c` as the floor under any Node implementation's figure.
 *
 * Usage: node scripts/bench/word-floor.mjs FILE; prints the line and word counts.
 */
import { readFileSync } from 'node:fs';

const bytes = readFileSync(process.argv[2] ?? '');
const SPACE = 32;
const TAB = 9;
const CR = 13;
const NEWLINE = 10;
const HASH = 35;

/** Word boundaries, grown by doubling: typed arrays, so the collector never copies them. */
let starts = new Int32Array(1 << 16);
let ends = new Int32Array(1 << 16);
let words = 0;

/** `list` copied into one twice as long. */
function doubled(list) {
  const more = new Int32Array(list.length * 2);
  more.set(list);
  return more;
}

const isBlank = (c) => c === SPACE || c === TAB || c === CR;

/** Lines per first word: one table lookup per line, as any keyword check needs. */
const firstWords = new Map();
let lines = 0;
let at = 0;
while (at < bytes.length) {
  lines++;
  let first = -1;
  while (at < bytes.length && bytes[at] !== NEWLINE) {
    const c = bytes[at];
    if (isBlank(c)) {
      at++;
      continue;
    }
    if (c === HASH) {
      while (at < bytes.length && bytes[at] !== NEWLINE) at++;
      break;
    }
    const start = at;
    while (at < bytes.length) {
      const d = bytes[at];
      if (isBlank(d) || d === NEWLINE || d === HASH) break;
      at++;
    }
    if (words === starts.length) {
      starts = doubled(starts);
      ends = doubled(ends);
    }
    starts[words] = start;
    ends[words] = at;
    if (first === -1) first = words;
    words++;
  }
  at++;
  if (first !== -1) {
    const key = bytes.latin1Slice(starts[first], ends[first]);
    firstWords.set(key, (firstWords.get(key) ?? 0) + 1);
  }
}
console.log(`${lines} lines, ${words} words, ${firstWords.size} distinct first words`);
