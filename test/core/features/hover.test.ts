import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import {
  createLanguageService,
  DEFAULT_SETTINGS,
  PLAIN_FORMAT,
  resolveSettings,
  type ClientFormat,
  type ServiceSettings,
} from '../../../server/src/core/index.js';
import { HAPROXY_CATALOG } from '../../../server/src/core/haproxy/catalog/index.js';
import { mark } from '../../helpers/markers.js';

const service = createLanguageService();
const MARKDOWN: ClientFormat = { markdown: true, snippets: false, deprecatedTag: false };

function hoverAt(
  language: 'haproxy' | 'keepalived',
  input: string,
  format: ClientFormat = MARKDOWN,
  settings: ServiceSettings = DEFAULT_SETTINGS,
): Hover | null {
  const { text, cursors } = mark(input);
  const document = service.parse(language, 'file:///x', text);
  return service.getHover(document, cursors[0] ?? 0, { settings, format });
}

const value = (hover: Hover | null): string => {
  assert.ok(hover, 'expected a hover');
  return (hover.contents as MarkupContent).value;
};

test('haproxy: multi-word keyword hover covers the whole name', () => {
  const hover = hoverAt('haproxy', 'defaults\n  timeout con<|>nect 5s\n');
  assert.match(value(hover), /timeout connect <timeout>/);
  assert.match(value(hover), /\[Documentation\]\(https:\/\/docs\.haproxy\.org/);
  assert.deepEqual(hover?.range, {
    start: { line: 1, character: 2 },
    end: { line: 1, character: 17 },
  });
});

test('haproxy: plain text has no Markdown', () => {
  const hover = hoverAt('haproxy', 'defaults\n  timeout con<|>nect 5s\n', PLAIN_FORMAT);
  assert.equal((hover?.contents as MarkupContent).kind, 'plaintext');
  assert.doesNotMatch(value(hover), /```|\]\(/);
  assert.match(value(hover), /Documentation: https:/);
});

test('haproxy: version facts at the target version', () => {
  const text = 'backend b\n  balance st<|>icky\n';
  assert.match(
    value(hoverAt('haproxy', text)),
    /^```\nbalance <algorithm>.*\n```\n\n`sticky`: For a `mode log` backend/,
  );
  const v34 = resolveSettings({ haproxy: { version: '3.4' } });
  const deprecated = value(hoverAt('haproxy', 'global\n  master-wor<|>ker\n', MARKDOWN, v34));
  assert.match(deprecated, /Deprecated in 3\.3; use -W or -Ws/);
  assert.match(deprecated, /The target version warns about it\. \(target: HAProxy 3\.4\)/);
  const old = resolveSettings({ haproxy: { version: '2.6' } });
  const algo = value(hoverAt('haproxy', 'backend b\n  balance r<|>andom\n', MARKDOWN, old));
  assert.match(algo, /balance <algorithm>/);
});

test('haproxy: actions, options, fetches and converters', () => {
  assert.match(
    value(hoverAt('haproxy', 'frontend f\n  http-request set-hea<|>der X v\n')),
    /set-header <name> <fmt>/,
  );
  assert.match(value(hoverAt('haproxy', 'frontend f\n  bind :443 ss<|>l crt /x.pem\n')), /ssl/);
  assert.match(value(hoverAt('haproxy', 'backend b\n  server s 1.1.1.1:80 che<|>ck\n')), /check/);
  const fetch = hoverAt('haproxy', 'frontend f\n  acl h req.h<|>dr(host),lower -m str a\n');
  assert.match(value(fetch), /^```\nreq\.hdr/);
  const converter = hoverAt('haproxy', 'frontend f\n  acl h req.hdr(host),low<|>er -m str a\n');
  assert.match(value(converter), /lower \(string → string\)/);
});

test('haproxy: names summarise their definition', () => {
  const text = [
    'frontend f',
    '  acl is_api path_beg /api',
    '  use_backend app if is_a<|>pi',
    '  default_backend a<|>pp',
    'backend app',
    '  balance roundrobin',
    '  server s1 10.0.0.1:80 check',
    '  server s2 10.0.0.2:80 check',
    '  http-request auth unless { http_auth(adm<|>ins) }',
    'userlist admins',
    '  user a insecure-password x',
  ].join('\n');
  const { text: plain, cursors } = mark(text);
  const document = service.parse('haproxy', 'file:///x', plain);
  const at = (i: number): string =>
    value(
      service.getHover(document, cursors[i] ?? 0, { settings: DEFAULT_SETTINGS, format: MARKDOWN }),
    );
  assert.match(at(0), /ACL `is_api` of frontend `f`:\n\n- line 2: `path_beg \/api`/);
  assert.match(at(1), /backend `app`, defined on line 5/);
  assert.match(at(1), /balance: `roundrobin`/);
  assert.match(at(1), /2 servers/);
  assert.match(at(2), /userlist `admins`/);
  assert.match(value(hoverAt('haproxy', 'frontend f\n  use_backend x if TR<|>UE\n')), /TRUE/);
});

test('keepalived: keywords, scripts and instances', () => {
  const text = [
    'vrrp_script chk {',
    '  script "/bin/true"',
    '  interval 2',
    '  weight -20',
    '}',
    'vrrp_sync_group G {',
    '  group {',
    '    VI<|>_1',
    '  }',
    '}',
    'vrrp_instance VI_1 {',
    '  sta<|>te MASTER',
    '  track_script {',
    '    ch<|>k',
    '  }',
    '}',
  ].join('\n');
  const { text: plain, cursors } = mark(text);
  const document = service.parse('keepalived', 'file:///k', plain);
  const at = (i: number, format = MARKDOWN): string =>
    value(service.getHover(document, cursors[i] ?? 0, { settings: DEFAULT_SETTINGS, format }));
  assert.match(at(0), /vrrp_instance `VI_1`, defined on line 11/);
  assert.match(at(1), /state <MASTER\|BACKUP>/);
  assert.match(at(2), /vrrp_script `chk`, defined on line 1/);
  assert.match(at(2), /`interval 2`/);
  assert.match(at(2), /`weight -20`/);
  assert.doesNotMatch(at(2, PLAIN_FORMAT), /`/);
});

test('nothing to say on blank space', () => {
  assert.equal(hoverAt('haproxy', 'frontend f\n<|>\n'), null);
  assert.equal(hoverAt('keepalived', '<|>\n'), null);
});

/** The paragraphs of a hover after its signature block. */
const paragraphs = (hover: Hover | null): string[] =>
  value(hover)
    .replace(/^```\n[^]*?\n```\n\n/, '')
    .split('\n\n');

test('every keyword hover starts with what the keyword is', () => {
  // Descriptions that continue their summary ("Written as a name, a criterion…") come second.
  assert.deepEqual(paragraphs(hoverAt('haproxy', 'frontend f\n  ac<|>l a path /x\n')).slice(0, 2), [
    'Declare a named ACL: a test on a sample, reusable in conditions.',
    'Written as a name, a criterion (fetch), optional flags such as `-i` or `-m`, then values. Several lines with the same name are ORed. In `defaults`, only named sections accept ACLs.',
  ]);
  assert.match(
    value(hoverAt('haproxy', 'userlist u\n  us<|>er a insecure-password x\n', PLAIN_FORMAT)),
    /^user <name> \[<args> \.\.\.\]\n\nDeclare a user with a password and optional groups\.\n\nFollow the name/,
  );
  assert.deepEqual(
    paragraphs(
      hoverAt(
        'keepalived',
        'vrrp_instance V {\n  authentication {\n    auth_ty<|>pe PASS\n  }\n}\n',
      ),
    )[0],
    'Authentication method.',
  );
  // A description that already starts with the summary is not repeated.
  const fetch = paragraphs(hoverAt('haproxy', 'frontend f\n  acl a pa<|>th /x\n'));
  assert.equal(fetch.filter((p) => p.startsWith('Path part of the request URI')).length, 1);
  // Every HAProxy keyword, on a line of its first section: the summary leads.
  for (const spec of HAPROXY_CATALOG.keywords) {
    const section = spec.sections[0] ?? 'global';
    const cut = Math.min(1, spec.name.length - 1);
    const line = `${spec.name.slice(0, cut)}<|>${spec.name.slice(cut)}`;
    const hover = hoverAt('haproxy', `${section} s\n  ${line}\n`);
    const stem = spec.summary.replace(/[.\s]+$/, '');
    assert.ok(paragraphs(hover)[0]?.startsWith(stem), `${spec.name}: ${value(hover)}`);
  }
});

test('haproxy: ACL criteria, flags and matching methods in conditions and acl lines', () => {
  const criterion = hoverAt('haproxy', 'frontend f\n  use_backend b if { path_b<|>eg /api }\n');
  assert.match(value(criterion), /^```\npath_beg\n```/);
  assert.match(
    value(criterion),
    /ACL criterion: the `path` fetch matched with `-m beg`; it matches when the sample begins with one of the patterns\./,
  );
  assert.match(value(criterion), /`path`: Path part of the request URI\./);
  assert.deepEqual(criterion?.range, {
    start: { line: 1, character: 21 },
    end: { line: 1, character: 29 },
  });
  assert.match(
    value(hoverAt('haproxy', 'frontend f\n  acl a hdr_do<|>m(host) example.com\n')),
    /^```\nhdr_dom\(\[<name>\[,<occ>\]\]\)\n```\n\nACL criterion: the `hdr` fetch matched with `-m dom`/,
  );
  assert.match(
    value(hoverAt('haproxy', 'frontend f\n  use_backend b if { hd<|>r(host) -i example.com }\n')),
    /^```\nhdr\(\[<name>\[,<occ>\]\]\) → string\n```\n\nRequest or response header value/,
  );
  assert.match(
    value(hoverAt('haproxy', 'frontend f\n  use_backend b if { hdr(host) -<|>i example.com }\n')),
    /^ACL flag `-i`: Ignore case/,
  );
  assert.match(
    value(hoverAt('haproxy', 'frontend f\n  acl a req.hdr(host) -i -m b<|>eg www.\n')),
    /^Matching method `beg`: the ACL matches when the sample begins with one of the patterns\./,
  );
  // Patterns are the user's own words; an unknown name is not an ACL criterion.
  assert.equal(hoverAt('haproxy', 'frontend f\n  acl a path -i /a<|>pi\n'), null);
  assert.equal(hoverAt('haproxy', 'frontend f\n  acl a path -- -<|>i\n'), null);
  assert.equal(hoverAt('haproxy', 'frontend f\n  acl a nothing_b<|>eg /api\n'), null);
});

test('haproxy: fetches and converters inside %[...] of log formats', () => {
  const converter = hoverAt(
    'haproxy',
    'frontend f\n  http-request set-header X-Host %[req.hdr(host),lo<|>wer]\n',
  );
  assert.match(value(converter), /^```\nlower \(string → string\)\n```\n\nConverts to lower case/);
  assert.deepEqual(converter?.range, {
    start: { line: 1, character: 49 },
    end: { line: 1, character: 54 },
  });
  assert.match(
    value(hoverAt('haproxy', 'frontend f\n  log-format "%ci %[src,ipm<|>ask(24)] %[src]"\n')),
    /^```\nipmask\(/,
  );
  assert.match(
    value(hoverAt('haproxy', 'frontend f\n  log-format "%ci %[s<|>rc]"\n')),
    /^```\nsrc → ip/,
  );
  assert.equal(hoverAt('haproxy', 'frontend f\n  log-format "%c<|>i %[src]"\n'), null);
  assert.match(
    value(hoverAt('haproxy', 'frontend f\n  use_backend be_%[req.hdr(host),low<|>er]\n')),
    /^```\nlower /,
  );
});

test('haproxy: argument values say what they mean, then what their keyword is', () => {
  const balance = paragraphs(hoverAt('haproxy', 'backend b\n  balance round<|>robin\n'));
  assert.match(balance[0] ?? '', /^`roundrobin`: Weighted round robin/);
  assert.equal(balance[1], 'Value of `balance`: Load-balancing algorithm of the backend.');
  assert.match(
    value(hoverAt('haproxy', 'backend b\n  balance hd<|>r(host)\n')),
    /`hdr`: A hash of the HTTP header/,
  );
  const cookie = 'backend b\n  cookie SRV ins<|>ert indi<|>rect noca<|>che\n';
  const { text, cursors } = mark(cookie);
  const document = service.parse('haproxy', 'file:///x', text);
  const at = (i: number): string =>
    value(
      service.getHover(document, cursors[i] ?? 0, { settings: DEFAULT_SETTINGS, format: MARKDOWN }),
    );
  assert.match(at(0), /`insert`: HAProxy sets the cookie itself/);
  assert.match(at(1), /`indirect`: With `insert`/);
  assert.match(at(2), /`nocache`: Responses that set the cookie are marked non-cacheable/);
  assert.match(at(2), /Value of `cookie`: Cookie-based server persistence\./);
  // The first word of a cookie line is the cookie's name, whatever it is called.
  assert.equal(hoverAt('haproxy', 'backend b\n  cookie ins<|>ert insert\n'), null);
  assert.match(value(hoverAt('haproxy', 'backend b\n  mode ht<|>tp\n')), /`http`: Layer 7/);
  assert.match(
    value(hoverAt('haproxy', 'backend b\n  hash-type consis<|>tent\n')),
    /`consistent`: Consistent hashing/,
  );
  assert.match(
    value(hoverAt('haproxy', 'backend b\n  server s 192.0.2.1:80 check on-error mark-d<|>own\n')),
    /`mark-down`: An error seen in traffic marks the server down at once\.\n\nValue of `server option on-error`/,
  );
  assert.match(
    value(hoverAt('haproxy', 'frontend f\n  bind :443 ssl crt /x.pem verify requi<|>red\n')),
    /`required`: Clients must present a certificate/,
  );
  // A value without a written meaning still says which values its argument takes.
  assert.match(
    value(hoverAt('haproxy', 'frontend f\n  http-request set-log-level sil<|>ent\n')),
    /`silent`: one of the values of `level` \(`emerg`, .*`silent`\)\.\n\nValue of `http-request set-log-level`/,
  );
  assert.equal(hoverAt('haproxy', 'backend b\n  balance url_param us<|>erid\n'), null);
});

test('keepalived: argument values say what they mean, then what their keyword is', () => {
  const master = paragraphs(hoverAt('keepalived', 'vrrp_instance V {\n  state MAS<|>TER\n}\n'));
  assert.match(master[0] ?? '', /^`MASTER`: Initial state master: with priority 255/);
  assert.equal(master[1], 'Value of `state`: Initial state.');
  assert.match(
    value(
      hoverAt(
        'keepalived',
        'vrrp_instance V {\n  authentication {\n    auth_type PA<|>SS\n  }\n}\n',
      ),
    ),
    /^```\nauth_type <PASS\|AH>\n```\n\n`PASS`: A clear-text password/,
  );
  const lvs =
    'virtual_server 192.0.2.1 80 {\n  lb_algo w<|>rr\n  lb_kind D<|>R\n  protocol T<|>CP\n}\n';
  const { text, cursors } = mark(lvs);
  const document = service.parse('keepalived', 'file:///k', text);
  const at = (i: number): string =>
    value(
      service.getHover(document, cursors[i] ?? 0, { settings: DEFAULT_SETTINGS, format: MARKDOWN }),
    );
  assert.match(at(0), /`wrr`: Weighted round robin/);
  assert.match(at(1), /`DR`: Direct routing/);
  assert.match(at(2), /`TCP`: The virtual service balances TCP connections\./);
  assert.match(
    value(
      hoverAt(
        'keepalived',
        'vrrp_script chk {\n  script "/bin/true"\n  weight -20 rev<|>erse\n}\n',
      ),
    ),
    /`reverse`: Reverses the adjustment/,
  );
  assert.match(
    value(
      hoverAt(
        'keepalived',
        'vrrp_instance V {\n  track_script {\n    chk weight -20 rev<|>erse\n  }\n}\n',
      ),
    ),
    /`reverse`: Reverses the adjustment.*\n\nValue of `track_script weight`/,
  );
  // Free values (an interface name, a priority) have nothing to explain.
  assert.equal(hoverAt('keepalived', 'vrrp_instance V {\n  interface et<|>h0\n}\n'), null);
});
