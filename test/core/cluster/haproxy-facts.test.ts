import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalAddress } from '../../../server/src/core/cluster/addresses.js';
import {
  bindCovers,
  haproxyFacts,
  parseBindAddress,
} from '../../../server/src/core/cluster/haproxy-facts.js';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings.js';
import { haproxyDocument } from './haproxy-harness.js';

function facts(texts: readonly string[], env?: Record<string, string>, version = '2.6') {
  const result = haproxyFacts(
    texts.map((text, i) => haproxyDocument(`/n/conf.d/${i}.cfg`, text)),
    env,
    { ...DEFAULT_SETTINGS, haproxy: { version, severities: {} } },
  );
  assert.ok(result);
  return result;
}

test('no HAProxy files: no facts', () => {
  assert.equal(haproxyFacts([], undefined, DEFAULT_SETTINGS), undefined);
});

test('bind addresses: wildcards, ports, lists, IPv6, prefixes, sockets', () => {
  assert.deepEqual(parseBindAddress(':80'), {
    address: undefined,
    wildcard: true,
    family: 4,
    ports: [[80, 80]],
  });
  assert.equal(parseBindAddress('*:80')?.wildcard, true);
  assert.equal(parseBindAddress('0.0.0.0:80')?.wildcard, true);
  assert.deepEqual(parseBindAddress(':::443'), {
    address: undefined,
    wildcard: true,
    family: 6,
    ports: [[443, 443]],
  });
  assert.deepEqual(parseBindAddress('[2001:DB8::0:1]:8000-8010'), {
    address: '2001:db8::1',
    wildcard: false,
    family: 6,
    ports: [[8000, 8010]],
  });
  assert.equal(parseBindAddress('ipv4@10.0.0.1:80')?.address, '10.0.0.1');
  assert.equal(parseBindAddress('ipv6@:80')?.family, 6);
  assert.equal(parseBindAddress('localhost:80')?.address, '127.0.0.1');
  assert.equal(parseBindAddress('/run/haproxy.sock'), undefined);
  assert.equal(parseBindAddress('unix@/run/x.sock'), undefined);
  assert.equal(parseBindAddress('abns@name'), undefined);
  assert.equal(parseBindAddress('fd@3'), undefined);
  // A host name cannot be placed.
  assert.equal(parseBindAddress('www.example.com:80'), null);
});

test('canonical addresses compare IPv6 spellings', () => {
  assert.equal(canonicalAddress('2001:0db8:0:0:0:0:0:1'), '2001:db8::1');
  assert.equal(canonicalAddress('::FFFF:10.0.0.1'), '::ffff:a00:1');
  assert.equal(canonicalAddress('10.0.0.1/24'), '10.0.0.1');
  assert.equal(canonicalAddress('fe80::1%eth0'), 'fe80::1');
  assert.equal(canonicalAddress('host'), undefined);
});

test('binds of frontends, listens and peers, with options and exact places', () => {
  const text = [
    'frontend fe',
    '    bind 10.0.0.1:80,10.0.0.2:81 transparent',
    '    bind :::443 v6only',
    '    bind /run/fe.sock',
    'listen st',
    '    bind 127.0.0.1:8404',
    'peers p',
    '    bind 10.0.0.3:10000',
    '    server n1',
    '    server n2 10.0.0.4:10000',
    'backend be',
    '    server s1 10.0.1.1:80',
    '',
  ].join('\n');
  const result = facts([text]);
  assert.deepEqual(
    result.binds.map((bind) => [
      text.slice(bind.start, bind.end),
      bind.sectionKind,
      bind.address ?? '*',
      bind.transparent,
      bind.v6only,
      bind.loopback,
    ]),
    [
      ['10.0.0.1:80', 'frontend', '10.0.0.1', true, false, false],
      ['10.0.0.2:81', 'frontend', '10.0.0.2', true, false, false],
      [':::443', 'frontend', '*', false, true, false],
      ['127.0.0.1:8404', 'listen', '127.0.0.1', false, false, true],
      ['10.0.0.3:10000', 'peers', '10.0.0.3', false, false, false],
    ],
  );
  assert.deepEqual(result.opaqueBinds, []);
  assert.deepEqual(
    result.peers.map((section) => [section.name, section.peers.map((p) => [p.name, p.address])]),
    [
      [
        'p',
        [
          ['n1', undefined],
          ['n2', '10.0.0.4:10000'],
        ],
      ],
    ],
  );
  assert.deepEqual(
    result.backends.map((backend) => [backend.kind, backend.name, backend.servers.length]),
    [
      ['listen', 'st', 0],
      ['backend', 'be', 1],
    ],
  );
  const v6 = result.binds[2];
  assert.ok(v6);
  assert.equal(bindCovers(v6, '2001:db8::1', 6), true);
  // `v6only` keeps IPv4 out.
  assert.equal(bindCovers(v6, '10.0.0.9', 4), false);
});

test('variables come from the node environment; missing ones make the bind opaque', () => {
  const text = [
    'global',
    '    localpeer "${PEER}"',
    'frontend fe',
    '    bind "${VIP}:80"',
    '    bind ${OTHER}:81',
    'backend be',
    '    server s1 "${APP}:80"',
    '',
  ].join('\n');
  const known = facts([text], { VIP: '10.0.0.100', APP: '10.0.1.1', PEER: 'lbx' });
  assert.deepEqual(
    known.binds.map((bind) => bind.address),
    ['10.0.0.100'],
  );
  assert.equal(known.opaqueBinds.length, 1);
  assert.equal(known.backends[0]?.servers[0]?.address, '10.0.1.1:80');
  assert.equal(known.localPeer?.name, 'lbx');
  const unknown = facts([text]);
  assert.deepEqual(unknown.binds, []);
  assert.equal(unknown.opaqueBinds.length, 2);
  assert.equal(unknown.localPeer?.name, undefined);
  // The raw text stays comparable between nodes when the value is unknown.
  assert.equal(unknown.backends[0]?.servers[0]?.address, '${APP}:80');
});

test('files are read in order; dead .if branches and disabled peers are recognised', () => {
  const first = [
    'global',
    '    localpeer one',
    'peers old',
    '    disabled',
    '    peer one 10.0.0.1:1',
    '',
  ];
  const second = [
    'global',
    '    localpeer two',
    '.if version_atleast(3.0)',
    'frontend new',
    '    bind 10.0.0.30:80',
    '.else',
    'frontend old',
    '    bind 10.0.0.26:80',
    '.endif',
    '',
  ];
  const result = facts([first.join('\n'), second.join('\n')]);
  assert.equal(result.localPeer?.name, 'two');
  assert.equal(result.localPeer?.uri, '/n/conf.d/1.cfg');
  assert.equal(result.peers[0]?.disabled, true);
  assert.deepEqual(
    result.binds.map((bind) => bind.address),
    ['10.0.0.26'],
  );
  assert.deepEqual(
    facts([first.join('\n'), second.join('\n')], undefined, '3.2').binds.map((b) => b.address),
    ['10.0.0.30'],
  );
  assert.equal(result.anchor.uri, '/n/conf.d/0.cfg');
});
