// A real editor as the client: Debian's Emacs in batch mode with Eglot (elpa-eglot on Emacs 28,
// built in from Emacs 29), set up as docs/editors.md says: one `eglot-server-programs` entry for
// both modes, started on dist/server.cjs (the bin, through its #! line). haproxy.cfg is opened
// first, so Eglot sends keepalived.conf with the language id "haproxy" as well; Flymake must still
// show Keepalived's findings for it (and none of HAProxy's), and ElDoc a Keepalived hover.
// Skips with one line when emacs or Eglot is missing outside CI (scripts/install-test-deps.sh
// installs them).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { editorMissing } from '../helpers/editor-client.js';
import { distFile, projectRoot } from '../helpers/paths.js';

const KEEPALIVED = [
  'vrrp_instance VI_1 {',
  '    state MASTER',
  '    interface eth0',
  '    virtual_router_id 51',
  '    priority 101',
  '    advert_int 1',
  '    advert_intt 2',
  '    virtual_ipaddress {',
  '        192.0.2.10/24',
  '    }',
  '}',
  '',
].join('\n');

const HAPROXY = [
  'defaults',
  '    mode http',
  '    timeout connect 5s',
  '    timeout client 30s',
  '    timeout server 30s',
  '',
  'frontend fe_web',
  '    bind 192.0.2.10:80',
  '    default_backend be_app',
  '',
  'backend be_app',
  '    server app1 198.51.100.11:8080',
  '',
].join('\n');

interface EmacsResult {
  readonly server?: boolean;
  readonly singleLanguageId?: boolean;
  readonly sentLanguageId?: string;
  readonly mode?: string;
  readonly managed?: boolean;
  readonly diagnostics?: string[];
  readonly messages?: string[];
  readonly hover?: string;
  readonly error?: string;
}

// Emacs with Eglot loadable: Debian's site start-up puts elpa-eglot on the load path.
const probe = spawnSync('emacs', ['--batch', '--eval', "(require 'eglot)"], {
  encoding: 'utf8',
  timeout: 30_000,
});
const missing = probe.error !== undefined || probe.status !== 0;

void describe('Emacs (batch, Eglot)', () => {
  void it('analyses keepalived.conf as Keepalived under one Eglot entry for both modes: Flymake findings and an ElDoc hover', (t) => {
    if (editorMissing(t, missing, 'Emacs', 'emacs or eglot')) return;
    const root = mkdtempSync(join(tmpdir(), 'ha-emacs-'));
    t.after(() => rmSync(root, { recursive: true, force: true }));
    writeFileSync(join(root, 'keepalived.conf'), KEEPALIVED);
    writeFileSync(join(root, 'haproxy.cfg'), HAPROXY);
    mkdirSync(join(root, 'home'));
    const out = join(root, 'result.json');
    const run = spawnSync(
      'emacs',
      ['--batch', '-l', join(projectRoot, 'test', 'editors', 'emacs.el')],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 90_000,
        env: {
          ...process.env,
          // No user configuration or packages of the machine's Emacs.
          HOME: join(root, 'home'),
          HA_EMACS_ROOT: root,
          HA_EMACS_SERVER: distFile('server.cjs'),
          HA_EMACS_OUT: out,
          HA_EMACS_EXPECTED_CODE: 'unknown-keyword',
          HA_EMACS_HOVER_AT: 'virtual_router_id',
        },
      },
    );
    const result = JSON.parse(readFileSync(out, 'utf8')) as EmacsResult;
    assert.equal(result.error, undefined, `${result.error}\n${run.stderr}`);
    assert.equal(result.server, true, run.stderr);
    // The situation under test: an Eglot with one language id per server (Debian 12's 1.9) sends
    // keepalived.conf as HAProxy, since haproxy.cfg started the server.
    if (result.singleLanguageId) {
      assert.equal(result.sentLanguageId, 'haproxy');
    } else {
      assert.ok(result.sentLanguageId, 'no didOpen seen for keepalived.conf');
    }
    assert.equal(result.mode, 'keepalived-mode');
    assert.equal(result.managed, true);
    const diagnostics = result.diagnostics ?? [];
    assert.ok(diagnostics.includes('unknown-keyword'), JSON.stringify(result.messages));
    assert.ok(!diagnostics.includes('directive-outside-section'), JSON.stringify(result.messages));
    assert.ok(
      (result.messages ?? []).some((message) => /Keepalived keyword 'advert_intt'/.test(message)),
      JSON.stringify(result.messages),
    );
    assert.match(result.hover ?? '', /virtual_router_id/);
    assert.match(result.hover ?? '', /VRRP router id/);
  });
});
