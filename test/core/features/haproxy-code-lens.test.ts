import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService } from '../../../server/src/core/index.js';

const service = createLanguageService();

function titles(lines: string[]): Array<[number, string | undefined]> {
  const document = service.parse('haproxy', 'file:///haproxy.cfg', lines.join('\n'));
  return (
    service
      .getCodeLenses(document)
      .map((lens): [number, string | undefined] => [lens.range.start.line, lens.command?.title])
      // Only the server counts are under test (other lenses link to the topology preview).
      .filter(([, title]) => title?.includes('server') === true)
  );
}

test('code lenses: a listen section without servers gets no server count', () => {
  assert.deepEqual(
    titles([
      'listen stats',
      '    bind :8404',
      '    stats enable',
      '    stats uri /stats',
      'listen app',
      '    bind :80',
      '    server s1 10.0.0.1:80 check',
    ]),
    [[4, '1 server · 1 checked · 0 backup']],
  );
});

test('code lenses: an empty backend still shows its 0 servers (it answers 503)', () => {
  assert.deepEqual(titles(['backend be_empty', '']), [[0, '0 servers · 0 checked · 0 backup']]);
});
