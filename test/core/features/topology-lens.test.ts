import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService, DEFAULT_SETTINGS } from '../../../server/src/core/index.js';
import { SHOW_TOPOLOGY_COMMAND } from '../../../server/src/core/features/topology-lens.js';

const service = createLanguageService();

/** [line, arguments] of the topology lenses of a text. */
function topologyLenses(languageId: 'haproxy' | 'keepalived', text: string): unknown[][] {
  const document = service.parse(languageId, 'file:///n/f', text);
  return service
    .getCodeLenses(document, { settings: DEFAULT_SETTINGS })
    .filter((lens) => lens.command?.command === SHOW_TOPOLOGY_COMMAND)
    .map((lens): unknown[] => [
      lens.range.start.line,
      lens.command?.title,
      ...((lens.command?.arguments ?? []) as unknown[]),
    ]);
}

test('topology lens above each frontend and listen, none above backends', () => {
  const text = [
    'frontend fe',
    '  bind :80',
    '  default_backend be',
    'backend be',
    '  server s1 192.0.2.1:80 check',
    'listen stats',
    '  bind :8404',
    '',
  ].join('\n');
  assert.deepEqual(topologyLenses('haproxy', text), [
    [0, 'Show in topology', 'file:///n/f', 0],
    [5, 'Show in topology', 'file:///n/f', 5],
  ]);
});

test('topology lens above each vrrp_instance', () => {
  const text = [
    'vrrp_script chk {',
    '  script "/bin/true"',
    '}',
    'vrrp_instance VI_1 {',
    '  interface eth0',
    '  virtual_router_id 51',
    '  virtual_ipaddress {',
    '    192.0.2.10',
    '  }',
    '}',
    '',
  ].join('\n');
  assert.deepEqual(topologyLenses('keepalived', text), [[3, 'Show in topology', 'file:///n/f', 3]]);
});
