#!/usr/bin/env python3
"""Extracts facts (names, signatures, types, versions, sections) about HAProxy sample fetches and
converters from the shared keyword data and the manual headings. Prints JSON; no manual prose is
kept. Usage: scripts/haproxy-samples-facts.py [shared-dir] > facts.json"""
import json, re, sys

SHARED = sys.argv[1] if len(sys.argv) > 1 else '../shared'
VERSIONS = [('2.0', 'v2.0.0'), ('2.2', 'v2.2.0'), ('2.4', 'v2.4.0'), ('2.6', 'v2.6.0'),
            ('2.6', 'deb-2.6.12'), ('2.8', 'v2.8.0'), ('3.0', 'v3.0.0'), ('3.2', 'v3.2.0'),
            ('3.4', 'v3.4.0')]
MANUALS = ['3.4', '3.2', '2.6']  # newest first: the newest heading wins

data = {tag: json.load(open(f'{SHARED}/data/haproxy-{tag}-keywords.json')) for _, tag in VERSIONS}


def fetch_map(tag):
    return {n: s.split(' ')[0] for s, names in data[tag]['fetches'].items() for n in names}


TYPE_MAP = {'integer': 'integer', 'signed integer': 'integer', 'string': 'string', 'str': 'string',
            'boolean': 'boolean', 'bool': 'boolean', 'binary': 'binary', 'bin': 'binary',
            'ip': 'ip', 'ipv4': 'ipv4', 'ipv6': 'ipv6', 'method': 'method', 'address': 'address',
            'any': 'any'}


def norm_type(t):
    t = t.strip().lower()
    return TYPE_MAP.get(t, 'any')


def sections(lines):
    """Yields (section number, list of lines) for 7.3.x chapters."""
    cur, buf = None, []
    for line in lines:
        m = re.match(r'^(\d+(?:\.\d+)*)\. [A-Z]', line)
        if m:
            if cur:
                yield cur, buf
            cur, buf = m.group(1), []
        elif cur:
            buf.append(line)
    if cur:
        yield cur, buf


HEAD_RE = re.compile(r'^([a-z0-9][a-z0-9_.\-]*)(\(.*?\))?\s*(?::\s*(.+?))?\s*$')
TABLE_RE = re.compile(r'^([a-z0-9][a-z0-9_.\-]*(?:\([^ ]*\))?)\s{2,}(\S.*?)\s{2,}(\S.*?)\s*$')

headings = {}  # name -> {sig, out, deprecated, manual}
conv_types = {}  # name -> (in, out)
fetch_types = {}
for man in MANUALS:
    lines = open(f'{SHARED}/reference/upstream-docs/haproxy-{man}-configuration.txt').read().split('\n')
    for num, body in sections(lines):
        if not num.startswith('7.3.'):
            continue
        for line in body:
            if not line or line[0] == ' ' or line.startswith('--'):
                continue
            t = TABLE_RE.match(line)
            if t and num == '7.3.1':
                name = re.sub(r'\(.*', '', t.group(1))
                conv_types.setdefault(name, (t.group(2), t.group(3)))
                continue
            if t and num != '7.3.1' and not re.search(r'\) :|^\S+ :', line):
                name = re.sub(r'\(.*', '', t.group(1))
                fetch_types.setdefault(name, t.group(3) if t.group(3) else t.group(2))
                continue
            m = HEAD_RE.match(line)
            if not m:
                continue
            name, sig, typ = m.group(1), m.group(2) or '', m.group(3)
            if num != '7.3.1' and not typ:
                continue
            if num == '7.3.1' and typ:
                continue
            dep = False
            if typ and '(deprecated)' in typ:
                dep = True
                typ = typ.replace('(deprecated)', '').strip()
            key = ('converter' if num == '7.3.1' else 'fetch', name)
            if key not in headings:
                headings[key] = {'sig': sig, 'type': typ, 'deprecated': dep, 'manual': man}
            elif dep:
                headings[key]['deprecated'] = True


def arg_counts(sig):
    """(min, max) from a heading signature such as ([<name>[,<occ>]])."""
    if not sig:
        return 0, 0
    inner = sig[1:-1]
    if not inner.strip():
        return 0, 0
    pieces, depth, cur_req, cur_has = [], 0, False, False
    variadic = '...' in inner or '*' in inner
    for ch in inner:
        if ch == '[':
            depth += 1
        elif ch == ']':
            depth -= 1
        elif ch == ',':
            if cur_has:
                pieces.append(cur_req)
            cur_req, cur_has = False, False
        elif ch not in ' ':
            cur_has = True
            if depth <= 0:
                cur_req = True
    if cur_has:
        pieces.append(cur_req)
    # "...": the variadic marker itself is not an argument
    lo = sum(1 for r in pieces if r)
    hi = 64 if variadic else len(pieces)
    if variadic:
        lo = min(lo, max(1, lo))
    return lo, hi


def dkall_counts():
    """(kind, name) -> (min, max) from the argument masks printed by `haproxy -dKall` (2.6.12)."""
    res, sec = {}, ''
    for line in open(f'{SHARED}/data/haproxy-2.6.12-dKall.txt'):
        if line.startswith('# List of registered'):
            sec = line
        if line.startswith('#') or not line.strip():
            continue
        if 'converter' in sec:
            m, kind = re.match(r'^([^\s(:]+)(?:\((.*?)\))?:', line), 'converter'
        elif 'fetch' in sec:
            m, kind = re.match(r'^\[[^\]]*\] ([^\s(:]+)(?:\((.*?)\))?:', line), 'fetch'
        else:
            continue
        if m:
            res[(kind, m.group(1))] = arg_counts('(' + m.group(2) + ')') if m.group(2) else (0, 0)
    return res


DK = dkall_counts()
out = []
LAYER = {'7.3.2': 'internal', '7.3.3': 'l4', '7.3.4': 'l5', '7.3.5': 'l6', '7.3.6': 'l7', '7.3.7': 'dev'}
for kind in ('fetch', 'converter'):
    names = {}
    for ver, tag in VERSIONS:
        d = data[tag]
        if kind == 'fetch':
            for n, s in fetch_map(tag).items():
                names.setdefault(n, {})[ver] = s
        else:
            for n in d['converters']:
                names.setdefault(n, {})[ver] = '7.3.1'
    for n in sorted(names):
        vers = names[n]
        tracked = [v for v, _ in VERSIONS]
        present = [v for v in dict.fromkeys(tracked) if v in vers]
        since = present[0]
        last = present[-1]
        order = list(dict.fromkeys(tracked))
        removed = order[order.index(last) + 1] if last != order[-1] else None
        sec = vers.get('3.2') or vers.get('3.4') or vers[last]
        h = headings.get((kind, n), {})
        sig = h.get('sig', '')
        lo, hi = arg_counts(sig)
        dk = DK.get((kind, n))
        if dk and (dk[0] < lo or (dk[1] > hi and hi < 64)):
            # The 2.6.12 binary is more permissive than the manual heading: follow the binary.
            lo, hi = min(lo, dk[0]), max(hi, dk[1])
            if not sig:
                sig = '([<unit>])' if n.startswith('fc_') else '([<arg>])'
        rec = {'name': n, 'kind': kind, 'since': since, 'removed': removed, 'section': sec,
               'signature': sig, 'minArgs': lo, 'maxArgs': hi, 'heading': bool(h),
               'deprecated': h.get('deprecated', False),
               'anchorVersion': '3.2' if '3.2' in vers else ('3.4' if '3.4' in vers else '2.6')}
        if kind == 'fetch':
            rec['layer'] = LAYER.get(sec, 'internal')
            rec['output'] = norm_type(h.get('type') or fetch_types.get(n, 'any'))
            rec['rawType'] = h.get('type')
        else:
            ti, to = conv_types.get(n, ('any', 'any'))
            rec['input'] = norm_type(ti)
            rec['output'] = norm_type(to)
            rec['rawType'] = [ti, to] if n in conv_types else None
        out.append(rec)
json.dump(out, sys.stdout, indent=1)
