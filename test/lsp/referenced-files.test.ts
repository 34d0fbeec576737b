/**
 * The files a configuration names, through the real stdio server on a workspace folder: go to
 * definition (relative and mapped paths), hover with a map's first lines, completion of a map's
 * keys, never the contents of a file a symbolic link leads to outside the workspace, and the two
 * findings in the diagnostics.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Hover, Location, MarkupContent } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lsp-harness.js';

const CONFIG = [
  'frontend fe', // 0
  '    bind 127.0.0.1:8080', // 1
  '    acl bad src -f blocked.lst', // 2
  '    use_backend %[req.hdr(host),map(hosts.map,app)]', // 3
  '    use_backend %[req.hdr(host),map(/etc/haproxy/maps/mapped.map,app)]', // 4
  '    use_backend %[req.hdr(host),map(secret.map,app)]', // 5
  '    acl gone src -f gone.lst', // 6
  'backend app',
  '    server s1 127.0.0.1:8081',
  '',
].join('\n');

describe('referenced files over stdio', () => {
  let folder: string;
  let outside: string;
  let client: LspTestClient;
  let uri: string;
  const url = (path: string): string => pathToFileURL(path).href;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'ha-referenced-'));
    outside = mkdtempSync(join(tmpdir(), 'ha-referenced-outside-'));
    mkdirSync(join(folder, 'lb1', 'maps'), { recursive: true });
    writeFileSync(join(folder, 'lb1', 'haproxy.cfg'), CONFIG);
    writeFileSync(join(folder, 'lb1', 'blocked.lst'), '192.0.2.1\n198.51.100.300\n');
    writeFileSync(join(folder, 'lb1', 'hosts.map'), 'www.example.com app\napi.example.com app\n');
    writeFileSync(join(folder, 'lb1', 'maps', 'mapped.map'), 'a.example app\n');
    writeFileSync(join(outside, 'secret.map'), 'TOPSECRET app\n');
    symlinkSync(join(outside, 'secret.map'), join(folder, 'lb1', 'secret.map'));
    writeFileSync(
      join(folder, '.halint.json'),
      JSON.stringify({ haproxy: { pathMappings: { '/etc/haproxy': 'lb1' } } }),
    );
    uri = url(join(folder, 'lb1', 'haproxy.cfg'));
    client = LspTestClient.stdio();
    await client.initialize({
      rootUri: url(folder),
      workspaceFolders: [{ uri: url(folder), name: 'referenced' }],
      capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } },
    });
    await client.open(uri, 'haproxy', CONFIG);
  });

  after(async () => {
    await client.dispose();
    rmSync(folder, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  const definition = (line: number, character: number) =>
    client.connection.sendRequest<Location[] | null>('textDocument/definition', {
      textDocument: { uri },
      position: { line, character },
    });
  const hover = async (line: number, character: number): Promise<string> => {
    const answer = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line, character },
    });
    return (answer?.contents as MarkupContent | undefined)?.value ?? '';
  };

  it('goes to a relative file and, through the mapping, to an absolute one', async () => {
    const relative = await definition(3, CONFIG.split('\n')[3]?.indexOf('hosts.map') ?? 0);
    assert.deepEqual(
      relative?.map((location) => location.uri),
      [url(join(folder, 'lb1', 'hosts.map'))],
    );
    const mapped = await definition(4, CONFIG.split('\n')[4]?.indexOf('mapped.map') ?? 0);
    assert.deepEqual(
      mapped?.map((location) => location.uri),
      [url(join(folder, 'lb1', 'maps', 'mapped.map'))],
    );
  });

  it('shows the first lines of a map, never a file outside the workspace', async () => {
    const text = await hover(3, CONFIG.split('\n')[3]?.indexOf('hosts.map') ?? 0);
    assert.match(text, /Map file/);
    assert.match(text, /www\.example\.com app\napi\.example\.com app/);
    const linked = await hover(5, CONFIG.split('\n')[5]?.indexOf('secret.map') ?? 0);
    assert.ok(!linked.includes('TOPSECRET'), linked);
  });

  it('completes the keys of a set-map file, read through the mapping', async () => {
    // A second buffer of the node (not on disk): its folder is the base of relative paths.
    const keys = url(join(folder, 'lb1', 'haproxy-keys.cfg'));
    const text = [
      'frontend keys',
      '    http-request set-map(hosts.map) ',
      '    http-request del-map(/etc/haproxy/maps/mapped.map) ',
      '    http-request set-map(secret.map) ',
      '',
    ].join('\n');
    await client.open(keys, 'haproxy', text);
    const labels = async (line: number): Promise<string[]> => {
      const items = await client.connection.sendRequest<
        { label: string; detail?: string }[] | { items: { label: string; detail?: string }[] }
      >('textDocument/completion', {
        textDocument: { uri: keys },
        position: { line, character: (text.split('\n')[line] ?? '').length },
      });
      const list = Array.isArray(items) ? items : items.items;
      return list.filter((item) => item.detail?.startsWith('Map key')).map((item) => item.label);
    };
    assert.deepEqual(await labels(1), ['www.example.com', 'api.example.com']);
    assert.deepEqual(await labels(2), ['a.example']);
    // A link to a file outside the workspace is never read.
    assert.deepEqual(await labels(3), []);
    await client.close(keys);
  });

  it('reports the missing file and the bad pattern line', async () => {
    const published = await client.waitForDiagnostics(uri, (latest) =>
      latest.diagnostics.some((d) => d.code === 'invalid-pattern-file'),
    );
    const ours = published.diagnostics
      .filter((d) => d.code === 'missing-referenced-file' || d.code === 'invalid-pattern-file')
      .map((d) => [d.code, d.range.start.line]);
    assert.deepEqual(ours, [
      ['invalid-pattern-file', 2],
      ['missing-referenced-file', 6],
    ]);
  });
});
