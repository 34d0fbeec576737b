import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../helpers/paths.js';

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

test('core imports no editor, LSP runtime or Node module', () => {
  const offenders: string[] = [];
  for (const file of sources(join(projectRoot, 'server/src/core'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = match[1] ?? match[2] ?? '';
      const allowed =
        target.startsWith('.') ||
        target === 'chevrotain' ||
        target === 'vscode-languageserver-types' ||
        target === 'vscode-languageserver-textdocument';
      if (!allowed) offenders.push(`${relative(projectRoot, file)} imports ${target}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('the client never reaches into the core', () => {
  const offenders: string[] = [];
  for (const file of sources(join(projectRoot, 'client/src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = match[1] ?? match[2] ?? '';
      if (target.includes('server/src/core')) offenders.push(relative(projectRoot, file));
    }
  }
  assert.deepEqual(offenders, []);
});

/** The relative imports of every TypeScript file under `dir`, as absolute paths. */
function importGraph(dir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(dir)) {
    const targets: string[] = [];
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = match[1] ?? match[2] ?? '';
      if (!target.startsWith('.')) continue;
      const path = resolve(dirname(file), target.replace(/\.js$/, '.ts'));
      targets.push(existsSync(path) ? path : path.replace(/\.ts$/, '/index.ts'));
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Files that reach themselves through imports (type-only ones included), one cycle per entry. */
function cycles(graph: Map<string, string[]>): string[][] {
  // Tarjan's strongly connected components, iterative so deep import chains cannot overflow.
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  for (const start of graph.keys()) {
    if (order.has(start)) continue;
    const frames: { node: string; next: number }[] = [{ node: start, next: 0 }];
    order.set(start, order.size);
    low.set(start, order.get(start)!);
    stack.push(start);
    onStack.add(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const targets = graph.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!graph.has(target)) continue;
        if (!order.has(target)) {
          order.set(target, order.size);
          low.set(target, order.get(target)!);
          stack.push(target);
          onStack.add(target);
          frames.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, order.get(target)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== order.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(relative(projectRoot, member));
      } while (member !== frame.node);
      const selfImport = graph.get(frame.node)?.includes(frame.node) ?? false;
      if (component.length > 1 || selfImport) found.push(component.sort());
    }
  }
  return found;
}

for (const dir of ['server/src', 'client/src', 'webview/src']) {
  test(`no import cycles in ${dir}`, () => {
    assert.deepEqual(cycles(importGraph(join(projectRoot, dir))), []);
  });
}

test('the cycle check finds a cycle', () => {
  const graph = new Map([
    ['/a.ts', ['/b.ts']],
    ['/b.ts', ['/c.ts']],
    ['/c.ts', ['/a.ts']],
    ['/d.ts', ['/a.ts']],
  ]);
  assert.equal(cycles(graph).length, 1);
  assert.equal(cycles(graph)[0]!.length, 3);
});

/** What each host folder under server/src may not import: the hosts share node/ and core/ only. */
const FORBIDDEN: Readonly<Record<string, readonly string[]>> = {
  'server/src/lsp': ['server/src/cli'],
  'server/src/cli': ['server/src/lsp'],
  'server/src/node': ['server/src/lsp', 'server/src/cli'],
};

/** Imports (relative ones, type-only and dynamic included) from one folder into a forbidden one. */
function crossings(graph: Map<string, string[]>): string[] {
  const inside = (file: string, folder: string): boolean =>
    file.startsWith(`${join(projectRoot, folder)}/`);
  const found: string[] = [];
  for (const [file, targets] of graph) {
    for (const [from, forbidden] of Object.entries(FORBIDDEN)) {
      if (!inside(file, from)) continue;
      for (const target of targets) {
        if (forbidden.some((folder) => inside(target, folder))) {
          found.push(`${relative(projectRoot, file)} imports ${relative(projectRoot, target)}`);
        }
      }
    }
  }
  return found;
}

test('the language server and halint never import each other; node/ imports neither', () => {
  assert.deepEqual(crossings(importGraph(join(projectRoot, 'server/src'))), []);
});

test('the crossing check finds an import of the other host', () => {
  const at = (path: string): string => join(projectRoot, path);
  const graph = new Map([
    [at('server/src/lsp/a.ts'), [at('server/src/cli/b.ts'), at('server/src/node/c.ts')]],
    [at('server/src/node/c.ts'), [at('server/src/lsp/a.ts'), at('server/src/core/index.ts')]],
    [at('server/src/cli/b.ts'), [at('server/src/node/c.ts')]],
  ]);
  assert.deepEqual(crossings(graph), [
    'server/src/lsp/a.ts imports server/src/cli/b.ts',
    'server/src/node/c.ts imports server/src/lsp/a.ts',
  ]);
});

test('node/ imports no editor or LSP runtime', () => {
  const offenders: string[] = [];
  for (const file of sources(join(projectRoot, 'server/src/node'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = match[1] ?? match[2] ?? '';
      if (target.startsWith('vscode')) {
        offenders.push(`${relative(projectRoot, file)} imports ${target}`);
      }
    }
  }
  assert.deepEqual(offenders, []);
});
