// The files a configuration names: the table of which words name which files, go to definition,
// hover with the first lines, and the missing-referenced-file / invalid-pattern-file findings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import {
  createLanguageService,
  type LanguageId,
  type ReferencedFile,
  type ReferencedFiles,
} from '../../../server/src/core/index.js';
import { mark } from '../../helpers/markers.js';

const service = createLanguageService();
const MARKDOWN = { markdown: true, snippets: false, deprecatedTag: false };

/** A host whose workspace holds `files` (path as written → text); `absent` paths are checkable. */
function host(
  files: Record<string, string>,
  absent: readonly string[] = [],
): ReferencedFiles & {
  readonly reads: string[];
} {
  const reads: string[] = [];
  return {
    reads,
    find(path): ReferencedFile {
      if (path in files) return { state: 'found', uris: [`file:///w/${path}`] };
      if (absent.includes(path)) return { state: 'absent', where: `w/${path}`, mapped: false };
      return { state: 'unchecked' };
    },
    read(uri) {
      reads.push(uri);
      return files[uri.slice('file:///w/'.length)];
    },
  };
}

function parse(language: LanguageId, input: string) {
  const marked = mark(input);
  return { document: service.parse(language, 'file:///w/doc', marked.text), marked };
}

test('the table names every kind of referenced file, with how pattern lines are read', () => {
  const { document } = parse(
    'haproxy',
    [
      'frontend fe',
      '    bind :443 ssl crt site.pem crt-list list.txt',
      '    acl bad src -f bad.lst',
      '    acl re path -m reg -f re.lst',
      '    acl host hdr(host) -i -f hosts.lst',
      '    http-request set-map(dyn.map) %[src] x',
      '    http-request add-acl(dyn.acl) %[src]',
      '    http-request return status 200 file page.html',
      '    use_backend %[src,map_ip(net.map,be)] if { path_reg -f reg2.lst }',
      '    http-request set-var(txn.x) req.hdr(host),map_reg(r.map)',
      '',
    ].join('\n'),
  );
  assert.deepEqual(
    service.getDocumentLinks(document).map((link) => [link.path, link.kind, link.lines]),
    [
      ['site.pem', 'certificate', undefined],
      ['list.txt', 'crt-list', undefined],
      ['bad.lst', 'patterns', 'ip'],
      ['re.lst', 'patterns', 'reg'],
      ['hosts.lst', 'patterns', 'other'],
      ['dyn.map', 'map', 'other'],
      ['dyn.acl', 'patterns', 'other'],
      ['page.html', 'errorfile', undefined],
      ['net.map', 'map', 'ip'],
      ['reg2.lst', 'patterns', 'reg'],
      ['r.map', 'map', 'reg'],
    ],
  );
  const { document: keepalived } = parse(
    'keepalived',
    [
      'vrrp_script chk {',
      '    script "/etc/keepalived/check.sh --fast"',
      '}',
      'vrrp_instance VI {',
      '    notify_master /usr/local/bin/up.sh',
      '    notify_backup "killall -HUP x"',
      '}',
      '',
    ].join('\n'),
  );
  assert.deepEqual(
    service.getDocumentLinks(keepalived).map((link) => [link.path, link.kind]),
    [
      ['/etc/keepalived/check.sh', 'script'],
      ['/usr/local/bin/up.sh', 'script'],
    ],
  );
});

test('a file option written twice names both files, but for the crt of a server', () => {
  // Checked with haproxy -c 2.6 and 3.0: a missing first file of a repeated `crt`, `crt-list` or
  // `ca-file` on a bind line, or of a repeated `ca-file` on a server line, is an error; a
  // server's first `crt` is never opened when a second follows.
  const { document } = parse(
    'haproxy',
    [
      'frontend fe',
      '    bind :443 ssl crt old.pem crt new.pem ca-file ca1.pem ca-file ca2.pem',
      'backend be',
      '    server s1 192.0.2.10:443 ssl crt oldc.pem crt newc.pem ca-file ca3.pem ca-file ca4.pem',
      '',
    ].join('\n'),
  );
  assert.deepEqual(
    service.getDocumentLinks(document).map((link) => link.path),
    ['old.pem', 'new.pem', 'ca1.pem', 'ca2.pem', 'newc.pem', 'ca3.pem', 'ca4.pem'],
  );
});

test('after edits, the table is the one of the edited text read afresh', () => {
  // The links of unchanged sections are remembered from the previous snapshot and moved: every
  // kind of edit must leave them where the text has them now.
  const backend = (name: string): string[] => [
    `backend ${name}`,
    `    server s1 192.0.2.10:443 ssl crt ${name}.pem ca-file ca.pem`,
    `    http-request set-var(txn.x) req.hdr(host),map_ip(${name}.map)`,
  ];
  let text = [
    'global',
    '    crt-base /etc/certs',
    'frontend fe',
    '    bind :443 ssl crt site.pem',
    '    acl bad src -f bad.lst',
    ...backend('a'),
    ...backend('b'),
    ...backend('b'),
    '',
  ].join('\n');
  let document = service.parse('haproxy', 'file:///w/edited', text, 1);
  const edits: [find: string, replace: string][] = [
    ['bad.lst', 'worse.lst'], // inside a section: its links read again
    ['frontend fe\n', 'frontend fe\n    errorfile 503 e.http\n'], // later sections move
    ['crt-base /etc/certs', 'crt-base /srv/certs'], // every `crt` path changes
    ['backend a\n', ''], // the first backend's lines join the frontend
    ['global\n', ''], // no base folder any more
  ];
  const fresh = (n: number) =>
    service.getDocumentLinks(service.parse('haproxy', `file:///w/fresh-${n}`, text, 1));
  assert.deepEqual(service.getDocumentLinks(document), fresh(0));
  edits.forEach(([find, replace], i) => {
    const start = text.indexOf(find);
    assert.ok(start >= 0, find);
    const change = { start, end: start + find.length, text: replace };
    text = text.slice(0, start) + replace + text.slice(start + find.length);
    document = service.update(document, [change], i + 2);
    assert.equal(document.text, text);
    assert.deepEqual(service.getDocumentLinks(document), fresh(i + 1), `after edit ${i + 1}`);
  });
  assert.ok(fresh(9).some((link) => link.path === 'b.pem' && link.kind === 'certificate'));
});

test('go to definition on a path word opens the workspace file', () => {
  const { document, marked } = parse(
    'haproxy',
    'frontend fe\n    acl bad src -f bl<|>ock.lst\n    acl x src -f no<|>where.lst\n',
  );
  const files = host({ 'block.lst': '192.0.2.1\n' });
  const [here, elsewhere] = marked.cursors;
  assert.deepEqual(service.getDefinition(document, here ?? 0, { referencedFiles: files }), [
    {
      uri: 'file:///w/block.lst',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    },
  ]);
  assert.deepEqual(service.getDefinition(document, elsewhere ?? 0, { referencedFiles: files }), []);
  // Without a host, nothing is followed.
  assert.deepEqual(service.getDefinition(document, here ?? 0), []);
});

test('hover shows at most 10 lines of a map, control characters stripped', () => {
  const { document, marked } = parse(
    'haproxy',
    'frontend fe\n    use_backend %[req.hdr(host),map(ho<|>sts.map,be)]\n',
  );
  const lines = Array.from({ length: 12 }, (_, at) => `h${at}.example be${at}`);
  lines[1] = 'evil\u001b[31m\u202eexample be';
  const files = host({ 'hosts.map': lines.join('\n') });
  const hover = service.getHover(document, marked.cursors[0] ?? 0, {
    referencedFiles: files,
    format: MARKDOWN,
  });
  const value = (hover?.contents as MarkupContent | undefined)?.value ?? '';
  assert.match(value, /^Map file/);
  assert.match(value, /h0\.example be0\nevil\[31mexample be\n/);
  assert.ok(value.includes('h9.example be9'));
  assert.ok(!value.includes('h10.example'));
  assert.match(value, /the beginning of the file/);
});

test('hover never reads certificates or scripts', () => {
  const { document, marked } = parse('haproxy', 'frontend fe\n    bind :443 ssl crt si<|>te.pem\n');
  const files = host({ 'site.pem': '-----BEGIN PRIVATE KEY-----' });
  const hover = service.getHover(document, marked.cursors[0] ?? 0, {
    referencedFiles: files,
    format: MARKDOWN,
  });
  const value = (hover?.contents as MarkupContent | undefined)?.value ?? '';
  assert.equal(value, 'Certificate file');
  assert.deepEqual(files.reads, []);
});

test('missing-referenced-file: relative or mapped paths that lead to no workspace file', () => {
  const { document, marked } = parse(
    'haproxy',
    [
      'frontend fe',
      '    acl a src -f <|gone.lst|>',
      '    acl b src -f /etc/haproxy/unknown.lst',
      '    acl c src -f here.lst',
      '',
    ].join('\n'),
  );
  const files = host({ 'here.lst': '192.0.2.1\n' }, ['gone.lst']);
  const issues = service.referencedFileFindings(document, { referencedFiles: files });
  assert.deepEqual(
    issues.map((issue) => [issue.code, issue.severity, issue.start, issue.end]),
    [['missing-referenced-file', 'warning', marked.ranges[0]?.start, marked.ranges[0]?.end]],
  );
  assert.match(issues[0]?.message ?? '', /may exist only on the node/);
  // The editor gets it among the diagnostics, and a directive silences it like any other.
  assert.ok(
    service
      .getDiagnostics(document, { referencedFiles: files })
      .some((diagnostic) => diagnostic.code === 'missing-referenced-file'),
  );
  const silenced = service.parse(
    'haproxy',
    'file:///w/doc',
    'frontend fe\n    # halint-disable-next-line missing-referenced-file\n    acl a src -f gone.lst\n',
  );
  assert.deepEqual(service.referencedFileFindings(silenced, { referencedFiles: files }), []);
});

test('invalid-pattern-file: the first line HAProxy refuses, on the word naming the file', () => {
  const { document, marked } = parse(
    'haproxy',
    [
      'frontend fe',
      '    acl a src -f <|ips.lst|>',
      '    acl b path -m reg -f <|re.lst|>',
      '    acl c hdr(host) -f any.lst',
      '    use_backend %[src,map_ip(<|net.map|>,be)]',
      '    use_backend %[src,map_str(ok.map,be)]',
      '    acl d src -f fine.lst',
      '',
    ].join('\n'),
  );
  const files = host({
    // Trailing blanks belong to the pattern, an indented '#' is no comment (haproxy -c 2.6/3.0).
    'ips.lst': '# blocked\n  192.0.2.1\n\n198.51.100.0/24\n203.0.113.7 \n',
    're.lst': '^/api\n(?i)admin\n\\Q(\\E\n[a-\n',
    'any.lst': '(((\n',
    'net.map': '192.0.2.0/24 be1\n192.0.2.300 be2\n',
    'ok.map': '192.0.2.300 be1\nkey-only\n',
    'fine.lst': '192.0.2.1\n2001:db8::/32\nhost.example\n',
  });
  const issues = service.referencedFileFindings(document, { referencedFiles: files });
  assert.deepEqual(
    issues.map((issue) => [issue.code, issue.severity, issue.start, issue.message]),
    [
      [
        'invalid-pattern-file',
        'error',
        marked.ranges[0]?.start,
        "Line 5 of 'ips.lst': '203.0.113.7 ' is not a valid IPv4 or IPv6 address or network. HAProxy refuses to load this pattern file.",
      ],
      [
        'invalid-pattern-file',
        'error',
        marked.ranges[1]?.start,
        "Line 4 of 're.lst': regex '[a-' is invalid (unterminated character class). HAProxy refuses to load this pattern file.",
      ],
      [
        'invalid-pattern-file',
        'error',
        marked.ranges[2]?.start,
        "Line 2 of 'net.map': '192.0.2.300' is not a valid IPv4 or IPv6 address or network. HAProxy refuses to load this map file.",
      ],
    ],
  );
});

test('completion offers the keys of the map set-map and del-map name, at the key argument', () => {
  const map = [
    '# hosts and their backends',
    'shop.example be_shop',
    '  api.example   be_api v2',
    'shop.example be_other',
    '#commented.example be_x',
    '',
  ].join('\n');
  const files = host({ 'hosts.map': map });
  const keysAt = (input: string): [string, string | undefined][] => {
    const { document, marked } = parse('haproxy', input);
    return service
      .getCompletions(document, marked.cursors[0] ?? 0, { referencedFiles: files })
      .filter((item) => item.detail?.startsWith('Map key'))
      .map((item) => [item.label, item.detail]);
  };
  const expected = [
    ['shop.example', 'Map key → be_shop'],
    ['api.example', 'Map key → be_api v2'],
  ];
  assert.deepEqual(
    keysAt('frontend fe\n    http-request set-map(hosts.map) <|> %[req.hdr(host)]\n'),
    expected,
  );
  assert.deepEqual(keysAt('frontend fe\n    http-request del-map(hosts.map) sh<|>\n'), expected);
  assert.deepEqual(keysAt('backend be\n    http-response del-map(hosts.map) <|>\n'), expected);
  // Not at the value, not for another action, not for a map outside the workspace.
  assert.deepEqual(keysAt('frontend fe\n    http-request set-map(hosts.map) k <|>\n'), []);
  assert.deepEqual(keysAt('frontend fe\n    http-request add-acl(hosts.map) <|>\n'), []);
  assert.deepEqual(keysAt('frontend fe\n    http-request set-map(other.map) <|>\n'), []);
});

test('map key completion reads only the first lines of a large map', () => {
  const lines = Array.from({ length: 5000 }, (_, at) => `k${at} v`);
  const files = host({ 'big.map': lines.join('\n') });
  const { document, marked } = parse(
    'haproxy',
    'frontend fe\n    http-request del-map(big.map) <|>\n',
  );
  const keys = service
    .getCompletions(document, marked.cursors[0] ?? 0, { referencedFiles: files })
    .filter((item) => item.detail?.startsWith('Map key'));
  assert.equal(keys.length, 1000);
  assert.equal(keys.at(-1)?.label, 'k999');
});
