import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import {
  KEEPALIVED_CATALOG,
  KEEPALIVED_KEYWORDS,
  TOP_CONTEXT,
  availableAt,
  lifecycleAt,
  opensBlock,
} from '../../../server/src/core/keepalived/catalog/index.js';
import { reportSharedMissing, sharedDir } from '../../helpers/paths.js';

/** One keyword at one position of a keyword tree rebuilt from keepalived's source. */
interface TreeNode {
  readonly context: string;
  readonly name: string;
  readonly guard?: string;
  readonly hasChildren: boolean;
  readonly line: number;
}

/** Parses `keepalived-*-keyword-tree.txt`: two spaces per level, optional `[#ifdef …]` guard. */
function parseTree(text: string): TreeNode[] {
  const nodes: { context: string; name: string; guard?: string; depth: number; line: number }[] =
    [];
  const stack: string[] = [];
  text.split('\n').forEach((raw, index) => {
    if (!raw.trim()) return;
    const match = /^( *)(\S+)(?:\s+\[(.*)\])?\s*$/.exec(raw);
    assert.ok(match, `unparsable tree line ${index + 1}: ${raw}`);
    const depth = (match[1] ?? '').length / 2;
    const name = match[2] ?? '';
    stack.length = depth;
    const context = depth === 0 ? TOP_CONTEXT : (stack[depth - 1] ?? TOP_CONTEXT);
    nodes.push({ context, name, depth, line: index + 1, ...(match[3] ? { guard: match[3] } : {}) });
    stack[depth] = name;
  });
  return nodes.map((node, i) => ({
    context: node.context,
    name: node.name,
    line: node.line,
    hasChildren: (nodes[i + 1]?.depth ?? 0) > node.depth,
    ...(node.guard !== undefined ? { guard: node.guard } : {}),
  }));
}

const key = (node: { context: string; name: string }): string => `${node.context} ${node.name}`;

function loadTree(file: string): TreeNode[] | undefined {
  if (!sharedDir) return undefined;
  const path = join(sharedDir, 'data', file);
  if (!existsSync(path)) return undefined;
  return parseTree(readFileSync(path, 'utf8'));
}

void describe('keepalived catalog: entries', () => {
  void it('every entry has summary, description and an official docUrl', () => {
    for (const spec of KEEPALIVED_KEYWORDS) {
      const where = `${spec.sections.join(',')} ${spec.name}`;
      assert.ok(spec.summary.trim().length > 0, `summary of ${where}`);
      assert.ok(
        spec.description.trim().length > spec.summary.length / 2,
        `description of ${where}`,
      );
      assert.match(
        spec.docUrl,
        /^https:\/\/keepalived\.org\/manpage\.html(#.+)?$/,
        `docUrl of ${where}`,
      );
      assert.ok(spec.sections.length > 0, `sections of ${where}`);
    }
  });

  void it('names are unique per context', () => {
    const seen = new Set<string>();
    for (const spec of KEEPALIVED_KEYWORDS) {
      for (const context of spec.sections) {
        const k = key({ context, name: spec.name });
        assert.ok(!seen.has(k), `duplicate entry ${k}`);
        seen.add(k);
      }
    }
  });

  void it('every referenced context exists and every context is reachable from the top', () => {
    const contexts = new Set(KEEPALIVED_CATALOG.contexts);
    for (const spec of KEEPALIVED_KEYWORDS) {
      for (const context of spec.sections) {
        assert.ok(
          context === TOP_CONTEXT || KEEPALIVED_CATALOG.parentContexts(context).length > 0,
          `context ${context} of ${spec.name} is opened by no keyword`,
        );
      }
      if (spec.blockContext !== undefined) {
        assert.ok(contexts.has(spec.blockContext), `block ${spec.blockContext} exists`);
        assert.ok(
          KEEPALIVED_CATALOG.keywordsFor(spec.blockContext).length > 0,
          `block ${spec.blockContext} has keywords`,
        );
        assert.equal(
          spec.listBlock,
          undefined,
          `${spec.name} is a keyword block or a list block, not both`,
        );
      }
      if (spec.listBlock !== undefined) {
        assert.equal(spec.list?.kind, spec.listBlock, `list grammar of ${spec.name}`);
      }
    }
    const reached = new Set<string>([TOP_CONTEXT]);
    const queue = [TOP_CONTEXT];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      for (const child of KEEPALIVED_CATALOG.childContexts(next)) {
        if (!reached.has(child)) {
          reached.add(child);
          queue.push(child);
        }
      }
    }
    for (const context of contexts) assert.ok(reached.has(context), `context ${context} reachable`);
  });

  void it('deprecations name a replacement or a note, and lifecycles follow versions', () => {
    for (const spec of KEEPALIVED_KEYWORDS) {
      if (spec.deprecated) {
        assert.ok(
          spec.deprecated.replacement ?? spec.deprecated.note,
          `deprecation of ${spec.name}`,
        );
      }
    }
    const hmac = KEEPALIVED_CATALOG.keyword('vrrp_instance', 'auth_hmac');
    assert.ok(hmac);
    assert.equal(lifecycleAt(hmac, '2.2'), 'not-yet');
    assert.equal(lifecycleAt(hmac, '2.4'), 'ok');
    const oldFile = KEEPALIVED_CATALOG.keyword('top', 'vrrp_track_file');
    assert.ok(oldFile);
    assert.equal(lifecycleAt(oldFile, '2.2'), 'deprecated');
    assert.equal(oldFile.deprecated?.replacement, 'track_file');
    for (const [context, name, replacement] of [
      ['global_defs', 'lvs_process_name', 'checker_process_name'],
      ['global_defs', 'vrrp_vmac_garp_intvl', 'vrrp_garp_extra_if'],
      ['vrrp_instance', 'vmac_garp_intvl', 'garp_extra_if'],
      ['global_defs', 'vrrp_rlimit_rtime', 'vrrp_rlimit_rttime'],
      ['HTTP_GET', 'nb_get_retry', 'retry'],
    ] as const) {
      assert.equal(
        KEEPALIVED_CATALOG.keyword(context, name)?.deprecated?.replacement,
        replacement,
        `${context} ${name}`,
      );
    }
    for (const [context, name] of [
      ['global_defs', 'lvs_flush_onstop'],
      ['global_defs', 'enable_snmp_keepalived'],
      ['vrrp_instance', 'lvs_sync_daemon_interface'],
      ['vrrp_instance', 'linkbeat_use_polling'],
      ['vrrp_instance', 'native_ipv6'],
      ['vrrp_sync_group', 'global_tracking'],
      ['SMTP_CHECK', 'host'],
    ] as const) {
      assert.ok(
        KEEPALIVED_CATALOG.keyword(context, name)?.deprecated,
        `${context} ${name} deprecated`,
      );
    }
    assert.equal(KEEPALIVED_CATALOG.keyword('top', 'linkbeat_use_polling')?.deprecated, undefined);
  });

  void it('key ranges and shapes', () => {
    const arg = (context: string, name: string, index = 0) =>
      KEEPALIVED_CATALOG.keyword(context, name)?.args[index];
    assert.deepEqual(
      [
        arg('vrrp_instance', 'virtual_router_id')?.min,
        arg('vrrp_instance', 'virtual_router_id')?.max,
      ],
      [1, 255],
    );
    assert.deepEqual(
      [arg('vrrp_instance', 'priority')?.min, arg('vrrp_instance', 'priority')?.max],
      [1, 255],
    );
    assert.deepEqual(
      [arg('vrrp_instance', 'advert_int')?.min, arg('vrrp_instance', 'advert_int')?.max],
      [0.01, 255],
    );
    assert.deepEqual(
      [arg('vrrp_script', 'weight')?.min, arg('vrrp_script', 'weight')?.max],
      [-253, 253],
    );
    assert.deepEqual(
      [arg('vrrp_track_process', 'weight')?.min, arg('vrrp_track_process', 'weight')?.max],
      [-254, 254],
    );
    assert.deepEqual(
      [arg('real_server', 'weight')?.min, arg('real_server', 'weight')?.max],
      [0, 2147483647],
    );
    assert.deepEqual(arg('vrrp_instance', 'state')?.values, ['MASTER', 'BACKUP']);
    assert.deepEqual(arg('authentication', 'auth_type')?.values, ['PASS', 'AH']);
    assert.deepEqual(arg('virtual_server', 'protocol')?.values, ['TCP', 'UDP', 'SCTP']);
    assert.deepEqual(arg('vrrp_instance', 'version')?.values, ['2', '3']);
    assert.equal(arg('TCP_CHECK', 'connect_port')?.max, 65535);
    const trackScript = KEEPALIVED_CATALOG.keyword('vrrp_instance', 'track_script');
    assert.equal(trackScript?.listBlock, 'track');
    const weight = trackScript?.list?.options.find((o) => o.name === 'weight');
    assert.deepEqual([weight?.args[0]?.min, weight?.args[0]?.max], [-253, 253]);
    const trackFile = KEEPALIVED_CATALOG.keyword(
      'vrrp_sync_group',
      'track_file',
    )?.list?.options.find((o) => o.name === 'weight');
    assert.deepEqual([trackFile?.args[0]?.min, trackFile?.args[0]?.max], [-254, 254]);
    assert.equal(
      KEEPALIVED_CATALOG.keyword('vrrp_instance', 'virtual_ipaddress')?.listBlock,
      'vip',
    );
    assert.equal(KEEPALIVED_CATALOG.keyword('vrrp_instance', 'unicast_peer')?.listBlock, 'peer');
    const httpGet = KEEPALIVED_CATALOG.keyword('real_server', 'HTTP_GET');
    assert.ok(httpGet && opensBlock(httpGet));
  });

  void it('lookups: keywordsFor, block tree, suggestions', () => {
    assert.ok(KEEPALIVED_CATALOG.topLevelContexts.includes('vrrp_instance'));
    assert.ok(KEEPALIVED_CATALOG.topLevelContexts.includes('global_defs'));
    assert.deepEqual([...KEEPALIVED_CATALOG.parentContexts('url')].sort(), ['HTTP_GET', 'SSL_GET']);
    assert.ok(KEEPALIVED_CATALOG.childContexts('real_server').includes('MISC_CHECK'));
    const at22 = KEEPALIVED_CATALOG.keywordsFor('vrrp_instance', '2.2').map((s) => s.name);
    const at24 = KEEPALIVED_CATALOG.keywordsFor('vrrp_instance', '2.4').map((s) => s.name);
    assert.ok(!at22.includes('auth_hmac') && at24.includes('auth_hmac'));
    assert.equal(KEEPALIVED_CATALOG.suggest('vrrp_instance', 'priorty')[0], 'priority');
    assert.equal(KEEPALIVED_CATALOG.suggest('vrrp_instance', 'advert_interval')[0], 'advert_int');
    assert.deepEqual(KEEPALIVED_CATALOG.suggest('vrrp_instance', 'zzzzzzzz'), []);
    assert.equal(
      KEEPALIVED_CATALOG.keyword('vrrp_instance', 'state')?.snippet,
      '${1|MASTER,BACKUP|}',
    );
    assert.equal(
      KEEPALIVED_CATALOG.keyword('top', 'vrrp_instance')?.snippet,
      '${1:name} {\n\t$0\n}',
    );
    assert.equal(
      KEEPALIVED_CATALOG.suggest('vrrp_instance', 'virtual_ipadress')[0],
      'virtual_ipaddress',
    );
    assert.equal(KEEPALIVED_CATALOG.suggest('global_defs', 'router_ip')[0], 'router_id');
  });
});

void describe('keepalived catalog: keyword trees from the C source', () => {
  const old = loadTree('keepalived-2.2.7-keyword-tree.txt');
  const head = loadTree('keepalived-HEAD-keyword-tree.txt');
  if (!old || !head) {
    reportSharedMissing('keepalived catalog vs keyword trees');
    return;
  }

  const check = (nodes: readonly TreeNode[], version: '2.2' | '2.4', label: string) => {
    const missing: string[] = [];
    const unavailable: string[] = [];
    for (const node of nodes) {
      const spec = KEEPALIVED_CATALOG.keyword(node.context, node.name);
      if (!spec) {
        missing.push(`${key(node)} (line ${node.line})`);
        continue;
      }
      if (!availableAt(spec, version)) {
        unavailable.push(`${key(node)}: ${lifecycleAt(spec, version)}`);
      }
      if (node.hasChildren) {
        assert.equal(spec.blockContext, node.name, `${key(node)} opens context ${node.name}`);
      }
    }
    assert.deepEqual(missing, [], `${label}: tree keywords missing from the catalog`);
    assert.deepEqual(unavailable, [], `${label}: tree keywords not available at ${version}`);
  };

  void it('every 2.2.7 tree position is in the catalog and available at 2.2', () =>
    check(old, '2.2', '2.2.7'));
  void it('every HEAD tree position is in the catalog and available at 2.4', () =>
    check(head, '2.4', 'HEAD'));

  void it('keywords only in HEAD are not available at 2.2; keywords dropped from HEAD are removed', () => {
    const oldKeys = new Set(old.map(key));
    const headKeys = new Set(head.map(key));
    const added = head.filter((node) => !oldKeys.has(key(node)));
    const dropped = old.filter((node) => !headKeys.has(key(node)));
    for (const node of added) {
      const spec = KEEPALIVED_CATALOG.keyword(node.context, node.name);
      assert.ok(spec, key(node));
      assert.equal(lifecycleAt(spec, '2.2'), 'not-yet', `${key(node)} is new after 2.2.7`);
    }
    for (const node of dropped) {
      const spec = KEEPALIVED_CATALOG.keyword(node.context, node.name);
      assert.ok(spec?.removed, `${key(node)} is marked removed`);
      assert.equal(lifecycleAt(spec, '2.4'), 'removed');
    }
    console.log(
      `keepalived trees: ${added.length} positions added in HEAD, ${dropped.length} removed`,
    );
  });

  void it('prints counts', () => {
    const count = (nodes: readonly TreeNode[]) => {
      const per = new Map<string, number>();
      for (const node of nodes) per.set(node.context, (per.get(node.context) ?? 0) + 1);
      return per;
    };
    const treeOld = count(old);
    const treeHead = count(head);
    const lines: string[] = [];
    for (const context of KEEPALIVED_CATALOG.contexts) {
      const at = (v: string) => KEEPALIVED_CATALOG.keywordsFor(context, v).length;
      lines.push(
        `  ${context.padEnd(22)} catalog 2.2=${at('2.2')} 2.3=${at('2.3')} 2.4=${at('2.4')}  tree 2.2.7=${treeOld.get(context) ?? 0} HEAD=${treeHead.get(context) ?? 0}`,
      );
    }
    const positions = KEEPALIVED_KEYWORDS.reduce((n, spec) => n + spec.sections.length, 0);
    console.log(
      `keepalived catalog: ${KEEPALIVED_KEYWORDS.length} entries, ${positions} context positions, ${new Set(KEEPALIVED_KEYWORDS.map((s) => s.name)).size} names; trees: 2.2.7 ${old.length} positions, HEAD ${head.length}`,
    );
    console.log(lines.join('\n'));
  });
});
