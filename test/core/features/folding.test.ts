import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService } from '../../../server/src/core/index.js';

const service = createLanguageService();

const folds = (language: 'haproxy' | 'keepalived', lines: string[]): unknown[] =>
  service
    .getFoldingRanges(service.parse(language, 'file:///x', lines.join('\n')))
    .map((range) => [range.startLine, range.endLine, range.kind ?? '']);

test('haproxy: sections, .if arms and comment runs', () => {
  assert.deepEqual(
    folds('haproxy', [
      '# first', //        0
      '# second', //       1
      'global', //         2
      '    maxconn 10', // 3
      '', //               4
      'backend be', //     5
      '    # lonely', //   6
      '.if defined(A)', // 7
      '    server a a:1', // 8
      '    server b b:1', // 9
      '.else', //          10
      '    server c c:1', // 11
      '.endif', //         12
      '',
    ]),
    [
      [0, 1, 'comment'],
      [2, 3, ''],
      [5, 12, ''],
      [7, 9, 'region'],
      [10, 11, 'region'],
    ],
  );
});

test('keepalived: nested blocks and comment runs, closing brace left visible', () => {
  assert.deepEqual(
    folds('keepalived', [
      '! one', //                 0
      '# two', //                 1
      'vrrp_instance VI_1 {', //  2
      '    state MASTER # x', //  3
      '    virtual_ipaddress {', // 4
      '        10.0.0.1', //      5
      '    }', //                 6
      '}', //                     7
      'global_defs { router_id a }',
      '',
    ]),
    [
      [0, 1, 'comment'],
      [2, 6, ''],
      [4, 5, ''],
    ],
  );
});
