import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KeepalivedItem, KeepalivedNode } from '../../../../server/src/core/keepalived/ast.js';
import { expandKeepalived } from '../../../../server/src/core/keepalived/analysis/expand.js';
import { parseKeepalived } from '../../../../server/src/core/keepalived/index.js';
import { unknownKeyword } from '../../../../server/src/core/keepalived/rules/unknown-keyword.js';
import { memoryFiles, runCatalogRules } from '../rules/catalog-harness.js';

const MAIN = '/etc/keepalived/keepalived.conf';

function expand(text: string, files?: Record<string, string>, configId?: string) {
  return expandKeepalived(parseKeepalived(text).ast, {
    uri: MAIN,
    files: files ? memoryFiles(files) : undefined,
    configId,
  });
}

const items = (nodes: readonly KeepalivedNode[]): KeepalivedItem[] =>
  nodes.filter((node): node is KeepalivedItem => node.kind === 'item');

/** Each item as `keyword arg…`, blocks flattened in order. */
function lines(nodes: readonly KeepalivedNode[]): string[] {
  return items(nodes).flatMap((item) => [
    [item.keyword.value, ...item.args.map((arg) => arg.value)].join(' '),
    ...(item.block ? lines(item.block.items) : []),
  ]);
}

void describe('keepalived expansion', () => {
  void it('splices included files in place, relative to the including file, in glob order', () => {
    const view = expand('global_defs {\n  router_id a\n}\ninclude conf.d/*.conf\n', {
      '/etc/keepalived/conf.d/b.conf': 'vrrp_script b {\n  script /bin/true\n}\n',
      '/etc/keepalived/conf.d/a.conf': 'include ../shared/x.conf\n',
      '/etc/keepalived/shared/x.conf': 'vrrp_script x {\n  script /bin/false\n}\n',
    });
    assert.deepEqual(lines(view.items), [
      'global_defs',
      'router_id a',
      'vrrp_script x',
      'script /bin/false',
      'vrrp_script b',
      'script /bin/true',
    ]);
    const [main, fromX, fromB] = items(view.items);
    assert.equal(main && view.uriOf(main), undefined);
    assert.equal(fromX && view.uriOf(fromX), '/etc/keepalived/shared/x.conf');
    const inner = fromB?.block?.items[0];
    assert.equal(inner && view.uriOf(inner), '/etc/keepalived/conf.d/b.conf');
    assert.deepEqual(view.includeFindings, []);
  });

  void it('survives cycles and missing files with findings instead of crashing', () => {
    const view = expand('include a.conf\ninclude none/*.conf\n', {
      '/etc/keepalived/a.conf': 'include keepalived.conf\nglobal_defs {\n}\n',
      [MAIN]: 'include a.conf\n',
    });
    assert.deepEqual(lines(view.items), ['global_defs']);
    assert.equal(view.includeFindings.length, 2);
    assert.equal(view.includeFindings[0]?.uri, '/etc/keepalived/a.conf');
    assert.equal(view.includeFindings[1]?.uri, undefined);
  });

  void it('drops include lines when no file host is given', () => {
    assert.deepEqual(lines(expand('include a.conf\nglobal_defs {\n}\n').items), ['global_defs']);
  });

  void it('expands parameters recursively, braced and into several words', () => {
    const view = expand(
      '$IF=eth0\n$DEV=dev ${IF}\n$VIP=10.0.0.1/24 $DEV\nvrrp_instance VI_1 {\n  interface $IF\n  virtual_ipaddress {\n    $VIP\n  }\n  priority $UNSET\n}\n',
    );
    assert.deepEqual(lines(view.items), [
      'vrrp_instance VI_1',
      'interface eth0',
      'virtual_ipaddress',
      '10.0.0.1/24 dev eth0',
      'priority $UNSET',
    ]);
    const priority = items(items(view.items)[0]?.block?.items ?? [])[2];
    // Unresolved parameters keep their refs, so rules leave them alone.
    assert.equal(priority?.args[0]?.refs.length, 1);
  });

  void it('selects @id and @^id lines for the config-id, keeping all without one', () => {
    const text =
      'global_defs {\n  @lb1 router_id one\n  @lb2 router_id two\n  @^lb1 smtp_server 10.0.0.9\n}\n';
    assert.deepEqual(lines(expand(text, undefined, 'lb1').items), ['global_defs', 'router_id one']);
    assert.deepEqual(lines(expand(text, undefined, 'lb2').items), [
      'global_defs',
      'router_id two',
      'smtp_server 10.0.0.9',
    ]);
    assert.equal(lines(expand(text).items).length, 4);
  });

  void it('reports rule findings of an included file in that file', () => {
    const files = memoryFiles({ '/etc/keepalived/inc.conf': 'global_defs {\n  bogus_kw 1\n}\n' });
    const issues = runCatalogRules([unknownKeyword], 'include inc.conf\n', { files });
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.uri, '/etc/keepalived/inc.conf');
    assert.equal(issues[0]?.start, 16);
    assert.equal(issues[0]?.fixes, undefined);
  });

  void it('returns the same node objects when nothing needs expanding', () => {
    const config = parseKeepalived('global_defs {\n  router_id a\n}\n').ast;
    assert.equal(expandKeepalived(config, { uri: MAIN }).items, config.items);
  });
});
