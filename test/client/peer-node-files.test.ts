import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { peerNodeAnswer } from '../../client/src/peer-node-files.js';
import type { CreatePeerNodeResult } from '../../server/src/lsp/protocol.js';

const TOP = { line: 0, character: 0 };
const create = (uri: string, overwrite = false) => ({
  kind: 'create' as const,
  uri,
  options: { overwrite, ignoreIfExists: false },
});
const write = (uri: string, newText: string, at = TOP) => ({
  textDocument: { uri, version: null },
  edits: [{ range: { start: at, end: at }, newText }],
});
const answer = (documentChanges: unknown[]): CreatePeerNodeResult =>
  ({ edit: { documentChanges }, name: 'lb2', summary: 'VI_1 BACKUP, priority 135' }) as never;

void describe('the peer node answer the command applies', () => {
  void it('gives each created file with its text', () => {
    const result = peerNodeAnswer(
      answer([
        create('file:///ws/lb2/keepalived.conf'),
        write('file:///ws/lb2/keepalived.conf', 'vrrp_instance VI_1 {\n}\n'),
        create('file:///ws/lb2/conf.d/web.cfg'),
        write('file:///ws/lb2/conf.d/web.cfg', 'backend be\n'),
      ]),
    );
    assert.deepEqual(result, {
      files: [
        { uri: 'file:///ws/lb2/keepalived.conf', text: 'vrrp_instance VI_1 {\n}\n' },
        { uri: 'file:///ws/lb2/conf.d/web.cfg', text: 'backend be\n' },
      ],
      name: 'lb2',
      summary: 'VI_1 BACKUP, priority 135',
    });
  });

  void it("shows the server's reason, and refuses edits it does not understand", () => {
    assert.deepEqual(peerNodeAnswer({ error: 'notes is not a node folder' }), {
      message: 'notes is not a node folder',
    });
    assert.match(JSON.stringify(peerNodeAnswer(null)), /no answer/);
    const refused = [
      // Overwriting, writing a file not created, an edit away from the start, nothing at all.
      [create('file:///a', true), write('file:///a', 'x')],
      [write('file:///a', 'x')],
      [create('file:///a'), write('file:///a', 'x', { line: 1, character: 0 })],
      [{ kind: 'delete', uri: 'file:///a' }],
      [],
    ];
    for (const changes of refused) {
      assert.match(
        JSON.stringify(peerNodeAnswer(answer(changes))),
        /cannot apply/,
        JSON.stringify(changes),
      );
    }
  });
});
