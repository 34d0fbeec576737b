import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  DEFAULT_SETTINGS,
  createLanguageService,
  resolveSettings,
  type ClusterNodeInput,
  type ParsedDocument,
  type RequestContext,
} from '../../server/src/core/index.js';
import { ClusterTracker } from '../../server/src/lsp/cluster.js';
import { NodeTable } from '../../server/src/lsp/nodes.js';
import type { Logger } from '../../server/src/lsp/logger.js';

const KEEPALIVED = `vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
    virtual_ipaddress {
        10.0.0.100/24
    }
}
`;

const quiet: Logger = { error: () => undefined, warn: () => undefined, info: () => undefined };

void describe('ClusterTracker', () => {
  void it('re-analyses a cluster only when one of its files or its settings change', async () => {
    const service = createLanguageService();
    let open: ParsedDocument[] = [
      service.parse('keepalived', 'file:///site/lb1/keepalived.conf', KEEPALIVED),
      service.parse('keepalived', 'file:///site/lb2/keepalived.conf', KEEPALIVED),
    ];
    let version = '2.2';
    const analysed: string[][] = [];
    const files = { readFile: () => undefined, glob: () => [] };
    const tracker = new ClusterTracker({
      service: {
        analyseCluster: (nodes: readonly ClusterNodeInput[], context?: RequestContext) => {
          analysed.push(nodes.map((node) => node.name));
          return service.analyseCluster(nodes, context);
        },
      },
      nodes: new NodeTable({ openDocuments: () => open, files }),
      // A fresh but equal settings object every time, as the real provider gives.
      settingsFor: () =>
        Promise.resolve(resolveSettings({ keepalived: { version } }, DEFAULT_SETTINGS)),
      files,
      changed: () => undefined,
      log: quiet,
    });

    await tracker.runNow();
    await tracker.runNow();
    assert.equal(analysed.length, 1, 'nothing changed: the first analysis is reused');

    open = [open[0]!, service.parse('keepalived', open[1]!.uri, KEEPALIVED, 2)];
    await tracker.runNow();
    assert.equal(analysed.length, 2, 'a new snapshot of lb2 is analysed again');

    version = '2.3';
    await tracker.runNow();
    assert.equal(analysed.length, 3, 'other settings are analysed again');
    assert.deepEqual(analysed[0], ['lb1', 'lb2']);
  });

  void it('is behind for cluster files from a change until a pass has read it', async () => {
    const service = createLanguageService();
    const lb1 = service.parse('keepalived', 'file:///site/lb1/keepalived.conf', KEEPALIVED);
    const lb2 = service.parse('keepalived', 'file:///site/lb2/keepalived.conf', KEEPALIVED);
    const files = { readFile: () => undefined, glob: () => [] };
    let settled = 0;
    const tracker = new ClusterTracker({
      service,
      nodes: new NodeTable({ openDocuments: () => [lb1, lb2], files }),
      settingsFor: () => Promise.resolve(DEFAULT_SETTINGS),
      files,
      changed: () => undefined,
      settled: () => settled++,
      log: quiet,
      delayMs: () => 10_000,
    });
    const alone = 'file:///elsewhere/haproxy.cfg';
    assert.equal(tracker.isCurrent(lb1.uri), true, 'nothing changed yet');
    tracker.schedule();
    assert.equal(tracker.isCurrent(lb1.uri), false, 'an edit waits for the pass');
    assert.equal(tracker.isCurrent(alone), true, 'a file in no cluster never waits');
    const pass = tracker.runNow();
    // A change while the pass runs is not in what it read.
    tracker.schedule();
    await pass;
    assert.equal(tracker.isCurrent(lb2.uri), false);
    await tracker.runNow();
    assert.equal(tracker.isCurrent(lb2.uri), true);
    assert.ok(settled >= 2, 'each pass says it settled');
    tracker.dispose();
  });
});
