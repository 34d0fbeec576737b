import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import {
  DEFAULT_SETTINGS,
  PLAIN_FORMAT,
  type ClientFormat,
} from '../../../server/src/core/index.js';
import { inlineCluster, pairConfig, service } from '../../helpers/cluster-nodes.js';

const MARKDOWN: ClientFormat = { markdown: true, snippets: false, deprecatedTag: false };

const value = (hover: Hover | null): string => {
  assert.ok(hover, 'expected a hover');
  return (hover.contents as MarkupContent).value;
};

/** lb1 MASTER 101, lb2 BACKUP 100, both +2 while chk_haproxy succeeds. */
function goodPair(marks: Parameters<typeof pairConfig>[3] = {}) {
  return inlineCluster({
    lb1: pairConfig(101, 'MASTER', 2),
    lb2: pairConfig(100, 'BACKUP', 2, marks),
  });
}

test('cluster hover: the instance name shows both nodes, their priorities and the failover', () => {
  const { nodes, analysis } = goodPair({ instance: 'V<|>I_1' });
  const lb2 = nodes.lb2;
  assert.ok(lb2);
  const offset = lb2.cursors[0] ?? 0;
  const hover = service.getHover(lb2.document, offset, {
    settings: DEFAULT_SETTINGS,
    format: MARKDOWN,
    cluster: analysis,
  });
  const text = value(hover);
  // The catalog hover is kept, the group follows.
  const plain = value(
    service.getHover(lb2.document, offset, { settings: DEFAULT_SETTINGS, format: MARKDOWN }),
  );
  assert.ok(text.startsWith(plain), text);
  assert.match(text, /\*\*VRRP group `VI_1`: 2 nodes, VRID 51\*\*/);
  assert.match(text, /\| lb1 \| MASTER \| 101 \| 103 \(VIP\) \|/);
  assert.match(text, /\| lb2 \| BACKUP \| 100 \| 102 \|/);
  assert.match(text, /\| Fails on lb1 \| lb1 \| lb2 \| VIP on \|/);
  // chk_haproxy failing on lb1 takes its +2 away: 101 < 102 and lb2 takes the VIP.
  assert.match(text, /\| script chk\\_haproxy \(weight \+2\) \| 101 \| 102 \| lb2 \|/);
  assert.equal(hover?.range?.start.line, 9);
});

test('cluster hover: plain text for clients without Markdown', () => {
  const { nodes, analysis } = goodPair({ instance: 'VI_1<|>' });
  const lb2 = nodes.lb2;
  assert.ok(lb2);
  const text = value(
    service.getHover(lb2.document, lb2.cursors[0] ?? 0, {
      settings: DEFAULT_SETTINGS,
      format: PLAIN_FORMAT,
      cluster: analysis,
    }),
  );
  assert.doesNotMatch(text, /\|/);
  assert.match(text, /VRRP group VI_1: 2 nodes, VRID 51/);
  assert.match(text, /lb1: state MASTER, priority 101, 103 with all checks up, holds the VIP/);
  assert.match(text, /lb2: state BACKUP, priority 100, 102 with all checks up/);
  assert.match(
    text,
    /If script chk_haproxy \(weight \+2\) fails on lb1: lb1 101, lb2 102; VIP on lb2/,
  );
});

test('cluster hover: a weight too small to move the VIP shows it staying on the master', () => {
  const { nodes, analysis } = inlineCluster({
    lb1: pairConfig(110, 'MASTER', 2, { priority: '11<|>0' }),
    lb2: pairConfig(100, 'BACKUP', 2),
  });
  const lb1 = nodes.lb1;
  assert.ok(lb1);
  const text = value(
    service.getHover(lb1.document, lb1.cursors[0] ?? 0, {
      settings: DEFAULT_SETTINGS,
      format: MARKDOWN,
      cluster: analysis,
    }),
  );
  assert.match(text, /\| lb1 \| MASTER \| 110 \| 112 \(VIP\) \|/);
  assert.match(text, /\| script chk\\_haproxy \(weight \+2\) \| 110 \| 102 \| lb1 \|/);
});

test('cluster hover: priority, virtual_router_id, weight and weighted track lines show the group', () => {
  const lines = [
    'global_defs {',
    '    enable_script_security',
    '    script_user root',
    '}',
    'vrrp_script chk_haproxy {',
    '    script "/usr/bin/killall -0 haproxy"',
    '    we<|>ight 2',
    '}',
    'vrrp_instance VI_1 {',
    '    state BACKUP',
    '    inter<|>face eth0',
    '    virtual_<|>router_id 51',
    '    priority 1<|>00',
    '    virtual_ipaddress {',
    '        10.0.0.100/24',
    '    }',
    '    track_script {',
    '        chk_haproxy weight <|>-5',
    '    }',
    '}',
    '',
  ].join('\n');
  const { nodes, analysis } = inlineCluster({ lb1: pairConfig(101, 'MASTER', 2), lb2: lines });
  const lb2 = nodes.lb2;
  assert.ok(lb2);
  const [onWeight, onInterface, onVrid, onPriority, onTrack] = lb2.cursors;
  const at = (offset: number | undefined): string | undefined => {
    const hover = service.getHover(lb2.document, offset ?? 0, {
      settings: DEFAULT_SETTINGS,
      format: MARKDOWN,
      cluster: analysis,
    });
    return hover ? value(hover) : undefined;
  };
  for (const offset of [onWeight, onVrid, onPriority, onTrack]) {
    assert.match(at(offset) ?? '', /VRRP group `VI_1`/, `offset ${offset}`);
  }
  assert.doesNotMatch(at(onInterface) ?? '', /VRRP group/);
  // The track line's weight -5 overrides the script's +2 on lb2: 100 healthy, 95 failing.
  assert.match(at(onTrack) ?? '', /\| lb2 \| BACKUP \| 100 \| 100 \|/);
});

test('cluster hover: a group on one node and a missing analysis add nothing', () => {
  const { nodes, analysis } = inlineCluster({
    lb1: pairConfig(101, 'MASTER', 2, { instance: 'VI_<|>1' }),
  });
  const lb1 = nodes.lb1;
  assert.ok(lb1);
  const offset = lb1.cursors[0] ?? 0;
  const alone = value(
    service.getHover(lb1.document, offset, {
      settings: DEFAULT_SETTINGS,
      format: MARKDOWN,
      cluster: analysis,
    }),
  );
  assert.doesNotMatch(alone, /VRRP group/);
  assert.equal(
    alone,
    value(service.getHover(lb1.document, offset, { settings: DEFAULT_SETTINGS, format: MARKDOWN })),
  );
});

test('cluster hover: an edit not yet analysed still finds the instance by its name', () => {
  const { nodes, analysis } = goodPair({ instance: 'VI_<|>1' });
  const lb2 = nodes.lb2;
  assert.ok(lb2);
  // Two lines inserted at the top: the model's offsets are stale for this text.
  const edited = service.update(lb2.document, [{ start: 0, end: 0, text: '# a\n# b\n' }], 2);
  const text = value(
    service.getHover(edited, (lb2.cursors[0] ?? 0) + 8, {
      settings: DEFAULT_SETTINGS,
      format: MARKDOWN,
      cluster: analysis,
    }),
  );
  assert.match(text, /\| lb1 \| MASTER \| 101 \| 103 \(VIP\) \|/);
});

test('cluster hover: differing virtual_router_id shows a split brain, not a failover table', () => {
  const { nodes, analysis } = inlineCluster({
    lb1: pairConfig(101, 'MASTER', 2),
    lb2: pairConfig(100, 'BACKUP', 2, { instance: 'V<|>I_1' }).replace(
      'virtual_router_id 51',
      'virtual_router_id 52',
    ),
  });
  const lb2 = nodes.lb2;
  assert.ok(lb2);
  const offset = lb2.cursors[0] ?? 0;
  const text = value(
    service.getHover(lb2.document, offset, {
      settings: DEFAULT_SETTINGS,
      format: MARKDOWN,
      cluster: analysis,
    }),
  );
  assert.match(text, /VRIDs differ: lb1 51, lb2 52/);
  assert.match(
    text,
    /\*\*Split brain\*\*: the nodes do not hear each other \(see `vrid-mismatch`\), so lb1 and lb2 are MASTER at the same time\./,
  );
  assert.match(text, /\| lb1 \| MASTER \| 101 \| 103 \| MASTER \|/);
  assert.match(text, /\| lb2 \| BACKUP \| 100 \| 102 \| MASTER \|/);
  assert.doesNotMatch(text, /Fails on|\(VIP\)/);
  const plain = value(
    service.getHover(lb2.document, offset, {
      settings: DEFAULT_SETTINGS,
      format: PLAIN_FORMAT,
      cluster: analysis,
    }),
  );
  assert.match(plain, /Split brain: the nodes do not hear each other \(see vrid-mismatch\)/);
  assert.match(plain, /lb2: state BACKUP, priority 100, 102 with all checks up, MASTER/);
});
