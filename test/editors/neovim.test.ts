// A real editor as the client: Debian's Neovim, headless, with its built-in LSP client started on
// dist/server.cjs (the bin, through its #! line). It opens one node of a two-node cluster and must
// see the cross-node finding from the unopened peer, a hover, keyword completion in a section, go
// to definition from a backend name to its section (in the node's haproxy.cfg, on the same client),
// and the finding clear after the peer is fixed on disk (Neovim 0.7 watches no files for the
// server). Skips with one line when
// nvim is missing outside CI (scripts/install-test-deps.sh installs it).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { editorMissing } from '../helpers/editor-client.js';
import { distFile, projectRoot } from '../helpers/paths.js';
import { vrrpNodeConfig } from '../helpers/sample-configs.js';

// haproxy.cfg of the first node; `|` marks where go to definition is asked.
const HAPROXY_MARKED = [
  'defaults',
  '    mode http',
  '    timeout connect 5s',
  '    timeout client 30s',
  '    timeout server 30s',
  '',
  'frontend fe_web',
  '    bind 192.0.2.10:80',
  '    default_backend be_a|pp',
  '',
  'backend be_app',
  '    server app1 198.51.100.11:8080',
  '',
].join('\n');

/** Splits a text with one `|` cursor marker into the text and the marker's position. */
function cursor(marked: string): { text: string; line: number; character: number } {
  const before = marked.slice(0, marked.indexOf('|')).split('\n');
  return {
    text: marked.replace('|', ''),
    line: before.length - 1,
    character: (before.at(-1) ?? '').length,
  };
}

interface NeovimResult {
  readonly client: boolean;
  readonly diagnostics: string[];
  readonly hover?: string;
  readonly completion: string[];
  readonly definition: Array<{ path: string; line: number }>;
  readonly cleared: boolean;
  readonly error?: string;
}

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const missing = nvim.error !== undefined || nvim.status !== 0;

void describe('Neovim (headless, built-in LSP client)', () => {
  void it('shows the cross-node finding, hover, completion and definition, and clears the finding when the peer is fixed on disk', (t) => {
    if (editorMissing(t, missing, 'Neovim', 'nvim')) return;
    const root = mkdtempSync(join(tmpdir(), 'ha-nvim-'));
    t.after(() => rmSync(root, { recursive: true, force: true }));
    mkdirSync(join(root, 'lb1'));
    mkdirSync(join(root, 'lb2'));
    writeFileSync(join(root, 'lb1', 'keepalived.conf'), vrrpNodeConfig('MASTER', 101, 51));
    writeFileSync(join(root, 'lb2', 'keepalived.conf'), vrrpNodeConfig('BACKUP', 100, 52));
    const haproxy = cursor(HAPROXY_MARKED);
    writeFileSync(join(root, 'lb1', 'haproxy.cfg'), haproxy.text);
    const out = join(root, 'result.json');
    const run = spawnSync(
      'nvim',
      [
        '--headless',
        '-u',
        'NONE',
        '-i',
        'NONE',
        '-n',
        '-c',
        `luafile ${join(projectRoot, 'test', 'editors', 'neovim.lua')}`,
      ],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 90_000,
        env: {
          ...process.env,
          HA_NVIM_ROOT: root,
          HA_NVIM_SERVER: distFile('server.cjs'),
          HA_NVIM_OUT: out,
          HA_NVIM_FIXED_PEER: vrrpNodeConfig('BACKUP', 100, 51),
          HA_NVIM_DEFINITION_LINE: String(haproxy.line),
          HA_NVIM_DEFINITION_CHARACTER: String(haproxy.character),
          // No user configuration, state or plugins of the machine's Neovim.
          XDG_CONFIG_HOME: join(root, 'config'),
          XDG_DATA_HOME: join(root, 'data'),
          XDG_STATE_HOME: join(root, 'state'),
          XDG_CACHE_HOME: join(root, 'cache'),
        },
      },
    );
    const result = JSON.parse(readFileSync(out, 'utf8')) as NeovimResult;
    assert.equal(result.error, undefined, `${result.error}\n${run.stderr}`);
    assert.ok(result.client);
    assert.ok(result.diagnostics.includes('vrid-mismatch'), JSON.stringify(result.diagnostics));
    assert.match(result.hover ?? '', /virtual_router_id/);
    // The keywords of vrrp_instance (Neovim filters them by the typed 'ad' itself), not those of
    // the top level or of global_defs.
    const completion = JSON.stringify(result.completion);
    assert.ok(result.completion.includes('advert_int'), completion);
    assert.ok(result.completion.includes('virtual_ipaddress'), completion);
    assert.ok(!result.completion.includes('virtual_server'), completion);
    assert.ok(!result.completion.includes('router_id'), completion);
    assert.deepEqual(result.definition, [
      {
        path: join(root, 'lb1', 'haproxy.cfg'),
        line: haproxy.text.split('\n').indexOf('backend be_app'),
      },
    ]);
    assert.ok(result.cleared, 'vrid-mismatch still shown after the peer was fixed on disk');
  });
});
