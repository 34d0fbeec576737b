#!/usr/bin/env python3
"""Prints, per action, the rule sets it belongs to in 2.6 (manual section 4.2 headings plus
`haproxy -dKall` of Debian 2.6.12) and in 3.0 / 3.2 / 3.4 (actions matrix). Facts only.
Usage: scripts/haproxy-actions-facts.py [shared-dir] > facts.json"""
import json, re, sys

SHARED = sys.argv[1] if len(sys.argv) > 1 else '../shared'
RS = ['http-request', 'http-response', 'http-after-response', 'tcp-request connection',
      'tcp-request session', 'tcp-request content', 'tcp-response content']
COLS8 = ['quic-initial', 'tcp-request connection', 'tcp-request session', 'tcp-request content',
         'tcp-response content', 'http-request', 'http-response', 'http-after-response']
COLS7 = COLS8[1:]


def norm(kw):
    kw = kw.replace(' (deprecated)', '')
    kw = re.sub(r'\(.*$', '', kw)
    return kw


out = {}
man = open(f'{SHARED}/reference/upstream-docs/haproxy-2.6-configuration.txt').read().split('\n')
for line in man:
    for rs in RS:
        if line.startswith(rs + ' '):
            rest = line[len(rs) + 1:].split()
            if not rest or rest[0].startswith('<') or rest[0] in ('inspect-delay',):
                continue
            name = norm(rest[0])
            if name == 'expect-proxy' or name == 'expect-netscaler-cip':
                name += ' layer4'
            out.setdefault(name, {}).setdefault('2.6', set()).add(rs)
for line in open(f'{SHARED}/data/haproxy-2.6.12-dKall.txt'):
    line = line.strip()
    for rs in RS:
        if line.startswith(rs + ' '):
            name = norm(line[len(rs) + 1:].split()[0].rstrip('*'))
            if name == 'track-sc':
                for i in range(3):
                    out.setdefault(f'track-sc{i}', {}).setdefault('2.6', set()).add(rs)
                continue
            out.setdefault(name, {}).setdefault('2.6', set()).add(rs)
for ver in ['3.0', '3.2', '3.4']:
    d = json.load(open(f'{SHARED}/data/haproxy-v{ver}.0-keywords.json'))
    for row in d['actions_matrix']:
        cols = COLS8 if len(row['cols']) == 8 else COLS7
        name = norm(row['kw'])
        out.setdefault(name, {})[ver] = {c for c, x in zip(cols, row['cols']) if x == 'X'}
res = {n: {v: sorted(s) for v, s in vs.items()} for n, vs in sorted(out.items())}
json.dump(res, sys.stdout, indent=1)
