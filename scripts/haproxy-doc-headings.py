#!/usr/bin/env python3
"""Lists keyword headings of a HAProxy configuration.txt with their section number.

Usage: haproxy-doc-headings.py <configuration.txt>  -> JSON lines {sec, kw, sig}
Only facts (keyword, section number, argument signature) are printed; no prose.
"""
import json
import re
import sys

SEC = re.compile(r'^(\d+(?:\.\d+)*)\. [A-Z]')
KW = re.compile(r'^([a-z0-9][a-z0-9\-_\.]*[a-z0-9\-_)])( [a-z0-9\-_\.]+)*')

lines = open(sys.argv[1], encoding='utf-8', errors='replace').read().split('\n')
sec = None
for i, line in enumerate(lines):
    m = SEC.match(line)
    if m and i + 1 < len(lines) and lines[i + 1].startswith('---'):
        sec = m.group(1)
        continue
    if sec is None or not line or line[0] in ' -=#*':
        continue
    m = KW.match(line)
    if not m:
        continue
    rest = line[m.end():]
    if rest and not rest.startswith(' '):
        continue
    rest = rest.strip()
    if rest and rest[0] not in '<[{/(' and not rest.startswith('(deprecated)'):
        # also accept lines like "kw : type" (fetches)
        continue
    nxt = lines[i + 1] if i + 1 < len(lines) else ''
    if not (nxt.startswith('  ') or KW.match(nxt) or nxt.strip() == ''):
        continue
    print(json.dumps({'sec': sec, 'kw': m.group(0), 'sig': rest, 'line': i + 1}))
