import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createDiskFileHost, globFiles } from '../../../server/src/node/file-host.js';
import {
  expandBraces,
  MAX_BRACE_ALTERNATIVES,
  segmentMatcher,
} from '../../../server/src/core/common/glob.js';
import { createLanguageService, type FileHost } from '../../../server/src/core/index.js';
import { parseKeepalived } from '../../../server/src/core/keepalived/index.js';
import {
  expandKeepalived,
  MAX_INCLUDED_FILES,
} from '../../../server/src/core/keepalived/analysis/expand.js';

/** An in-memory host that counts its work: `*` globs by prefix, reads by name. */
function memoryHost(files: Record<string, string>): FileHost & { reads: number; globs: number } {
  const host = {
    reads: 0,
    globs: 0,
    readFile(uri: string): string | undefined {
      host.reads++;
      return files[uri];
    },
    glob(pattern: string): string[] {
      host.globs++;
      const prefix = pattern.replace(/\*.*$/, '');
      return Object.keys(files)
        .filter((name) => (pattern.includes('*') ? name.startsWith(prefix) : name === pattern))
        .sort();
    },
  };
  return host;
}

const limitCodes = (text: string, files?: FileHost): string[] =>
  createLanguageService(files ? { files } : {})
    .validate(createLanguageService().parse('keepalived', 'main.conf', text))
    .filter((issue) => issue.code === 'analysis-limit')
    .map((issue) => issue.message);

test('a parameter that expands into itself stops at the size budget', { timeout: 60_000 }, () => {
  const messages = limitCodes('$A=$A$A$A\nglobal_defs {\n  router_id $A\n}\n');
  assert.equal(messages.length, 1);
  assert.match(messages[0] ?? '', /expands to more than/);
});

test('exponential parameter chains stop at the size budget', { timeout: 60_000 }, () => {
  const names = 'ABCDEFGHIJ';
  let text = '$A=x\n';
  for (let i = 1; i < names.length; i++) {
    text += `$${names[i]}=${`$${names[i - 1]}`.repeat(10)}\n`;
  }
  // Many uses must not each pay for the whole expansion again.
  text += `global_defs {\n${'  router_id $J\n'.repeat(2_000)}}\n`;
  const started = process.hrtime.bigint();
  const messages = limitCodes(text);
  assert.ok(messages.length >= 1);
  assert.ok(process.hrtime.bigint() - started < 20_000_000_000n);
});

test('parameters that refer to each other are reported as a cycle', () => {
  const messages = limitCodes('$A=$B\n$B=$A\nglobal_defs {\n  router_id $A\n}\n');
  assert.equal(messages.length, 1);
  assert.match(messages[0] ?? '', /cycle/);
});

test('an env value that refers to itself is bounded', { timeout: 60_000 }, () => {
  const config = parseKeepalived('global_defs {\n  router_id $X\n}\n').ast;
  const expansion = expandKeepalived(config, { uri: 'k.conf', env: { X: '$X$X$X' } });
  assert.equal(expansion.limitFindings.length, 1);
});

test('ordinary parameters still expand', () => {
  const config = parseKeepalived(
    '$ID=lb1\n$NAME=${ID}-x\nglobal_defs {\n  router_id $NAME\n}\n',
  ).ast;
  const expansion = expandKeepalived(config, { uri: 'k.conf' });
  const block = expansion.items.find((node) => node.kind === 'item' && node.block);
  assert.ok(block?.kind === 'item');
  const item = block.block?.items[0];
  assert.ok(item?.kind === 'item');
  assert.equal(item.args[0]?.value, 'lb1-x');
  assert.deepEqual(expansion.limitFindings, []);
});

test('include cycles are read once per file and bounded in all', { timeout: 60_000 }, () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 9; i++) files[`k${i}.conf`] = 'include k*.conf\nglobal_defs {\n}\n';
  const host = memoryHost(files);
  const config = parseKeepalived('include k*.conf\n').ast;
  const expansion = expandKeepalived(config, { uri: 'main.conf', files: host });
  assert.ok(host.reads <= 9, `${host.reads} reads`);
  assert.ok(host.globs <= MAX_INCLUDED_FILES + 1, `${host.globs} globs`);
  assert.equal(expansion.limitFindings.length, 1);
  assert.match(expansion.limitFindings[0]?.message ?? '', /includes more than/);
});

test('an include diamond of 2^16 paths reads each file once', { timeout: 60_000 }, () => {
  const files: Record<string, string> = {};
  for (let level = 0; level < 16; level++) {
    for (const side of ['a', 'b']) {
      files[`d${level}${side}.conf`] = level < 15 ? `include d${level + 1}*.conf\n` : 'x 1\n';
    }
  }
  const host = memoryHost(files);
  const expansion = expandKeepalived(parseKeepalived('include d0*.conf\n').ast, {
    uri: 'main.conf',
    files: host,
  });
  assert.ok(host.reads <= 32, `${host.reads} reads`);
  assert.equal(expansion.limitFindings.length, 1);
});

test('include patterns past the limits are reported, not matched', { timeout: 60_000 }, () => {
  const host = memoryHost({});
  // Unquoted, keepalived reads those braces as blocks (the nesting limit covers them); quoted,
  // they reach glob(3).
  for (const pattern of ['?'.repeat(100_000), `"${'{a,'.repeat(5_000)}b${'}'.repeat(5_000)}"`]) {
    const expansion = expandKeepalived(parseKeepalived(`include ${pattern}\n`).ast, {
      uri: 'main.conf',
      files: host,
    });
    assert.equal(expansion.limitFindings.length, 1);
  }
  assert.equal(host.globs, 0);
});

const root = mkdtempSync(join(tmpdir(), 'halint-glob-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('hostile globs on disk neither throw nor backtrack', { timeout: 60_000 }, () => {
  mkdirSync(join(root, 'g'));
  writeFileSync(join(root, 'g', `${'a'.repeat(200)}c`), '');
  writeFileSync(join(root, 'g', 'b.conf'), '');
  const main = join(root, 'keepalived.conf');
  assert.deepEqual(globFiles('g/[z-a]*.conf', main), []);
  assert.deepEqual(globFiles(`g/${'*a'.repeat(40)}*b`, main), []);
  assert.deepEqual(globFiles('g/{b,c}.conf', main), [join(root, 'g', 'b.conf')]);
  assert.deepEqual(globFiles(`g/${'{a,'.repeat(5_000)}b${'}'.repeat(5_000)}`, main), []);
  assert.deepEqual(globFiles(`g/${'?'.repeat(100_000)}`, main), []);
  const service = createLanguageService({ files: createDiskFileHost() });
  for (const line of [
    'include g/[z-a]*.conf',
    `include ${'?'.repeat(100_000)}`,
    `include ${'{a,'.repeat(5_000)}b${'}'.repeat(5_000)}`,
    `include "${'{a,'.repeat(5_000)}b${'}'.repeat(5_000)}"`,
  ]) {
    service.validate(service.parse('keepalived', main, `${line}\n`));
  }
});

test('the segment matcher follows glob(3)', () => {
  const cases: [string, string, boolean][] = [
    ['*.conf', 'a.conf', true],
    ['*.conf', 'a.conf.bak', false],
    ['*.conf', '.a.conf', false],
    ['.*', '.a', true],
    ['vi_[0-9]?.conf', 'vi_12.conf', true],
    ['vi_[!0-9].conf', 'vi_1.conf', false],
    ['vi_[!0-9].conf', 'vi_x.conf', true],
    ['[]x]', ']', true],
    ['[abc', '[abc', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXbY', false],
    ['**', 'anything', true],
  ];
  for (const [pattern, name, expected] of cases) {
    assert.equal(segmentMatcher(pattern)(name), expected, `${pattern} ~ ${name}`);
  }
  assert.deepEqual(expandBraces('a{b,c{d,e}}f'), ['abf', 'acdf', 'acef']);
  assert.deepEqual(expandBraces('a{b'), ['a{b']);
  assert.equal(expandBraces(`{${'x,'.repeat(MAX_BRACE_ALTERNATIVES)}y}`), undefined);
});
