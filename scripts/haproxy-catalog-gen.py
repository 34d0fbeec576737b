#!/usr/bin/env python3
"""Generates server/src/core/haproxy/catalog/{global,proxy,section-keywords}.ts.

Facts (which versions list a keyword, sections from the proxy matrix, deprecation flags,
manual section numbers for the doc anchors, argument shapes) come from ../shared/data and
the upstream manuals; the summaries and descriptions come from haproxy-catalog-text.tsv,
written by us. No manual prose is copied into the output.

Usage: python3 scripts/haproxy-catalog-gen.py   (from the project root; runs Prettier on the
output). Needs ../shared and scripts/haproxy-doc-headings.py.
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), 'shared')
DATA = os.path.join(SHARED, 'data')
DOCS = os.path.join(SHARED, 'reference', 'upstream-docs')
OUT = os.path.join(ROOT, 'server', 'src', 'core', 'haproxy', 'catalog')

VERS = ['2.0', '2.2', '2.4', '2.6', '2.8', '3.0', '3.2', '3.4']
COLS = ['defaults', 'frontend', 'listen', 'backend']


def vkey(v):
    return [int(p) for p in v.split('.')]


def load(v):
    name = 'haproxy-deb-2.6.12-keywords.json' if v == 'deb' else f'haproxy-v{v}.0-keywords.json'
    with open(os.path.join(DATA, name)) as fh:
        return json.load(fh)


def headings(v):
    out = subprocess.run(
        [sys.executable, os.path.join(ROOT, 'scripts', 'haproxy-doc-headings.py'),
         os.path.join(DOCS, f'haproxy-{v}-configuration.txt')],
        check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines()]


DATAS = {v: load(v) for v in VERS}
DEB = load('deb')
HEAD = {v: headings(v) for v in ['2.6', '3.2', '3.4']}


def global_heads(v):
    secs = ('3.1', '3.2', '3.3') if v == '2.6' else ('3.1', '3.2', '3.3', '3.4')
    res = {}
    for h in HEAD[v]:
        if h['sec'] in secs:
            res.setdefault(h['kw'], h)
    return res


def proxy_heads(v):
    res = {}
    for h in HEAD[v]:
        if h['sec'] == '4.2':
            res.setdefault(h['kw'], h)
    return res


GH = {v: global_heads(v) for v in HEAD}
PH = {v: proxy_heads(v) for v in HEAD}

# ---------------------------------------------------------------------------------------------
# Our text: scope @@ name @@ args @@ summary @@ description @@ extra(json, optional)

TEXT = {}
with open(os.path.join(ROOT, 'scripts', 'haproxy-catalog-text.tsv'), encoding='utf-8') as fh:
    for lineno, line in enumerate(fh, 1):
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            continue
        parts = [x.strip() for x in line.split('@@')]
        while len(parts) < 6:
            parts.append('')
        scope, name, args, summary, desc, extra = parts[:6]
        key = (scope, name)
        if key in TEXT:
            sys.exit(f'duplicate text row {key} at line {lineno}')
        TEXT[key] = {
            'args': args, 'summary': summary, 'description': desc,
            'extra': json.loads(extra) if extra else {}, 'line': lineno,
        }

# ---------------------------------------------------------------------------------------------
# Argument DSL: tokens separated by spaces; `?` prefix optional, `...` suffix variadic.
# `name:type`, `name:a|b|c` (enum), `name:int(0-100)`, `name:ref(backend)`, `name:enum+(a|b)`
# (enum whose values may carry a `(…)` suffix). A `!` suffix marks an argument whose malformed
# values HAProxy refuses (probed with `haproxy -c`); `!!` also marks its min/max as enforced.
# A trailing `{after:peers=peers}` marks the words after `peers` among those the argument covers
# as names of that kind (`refersAfter`); `{prefix:ring@=ring}` marks a word starting with
# `ring@` as naming a ring (`refers` and `refersPrefix`).

TYPES = {'word', 'name', 'reference', 'int', 'float', 'time', 'size', 'bool', 'address', 'port',
         'port-range', 'interface', 'enum', 'path', 'url', 'string', 'condition', 'sample',
         'log-format', 'regex', 'options', 'command'}


def parse_dsl(dsl):
    args = []
    for tok in dsl.split():
        a = {}
        marks = {}
        m = re.match(r'^(.*)\{(after|prefix):([^{}]+)\}$', tok)
        if m:
            tok = m.group(1)
            for pair in m.group(3).split(','):
                key, _, kind = pair.partition('=')
                if m.group(2) == 'after':
                    marks.setdefault('refersAfter', {})[key] = kind
                else:
                    marks['refers'] = kind
                    marks['refersPrefix'] = key
        if tok.startswith('?'):
            a['optional'] = True
            tok = tok[1:]
        strict = 0
        while tok.endswith('!'):
            strict += 1
            tok = tok[:-1]
        if tok.endswith('...'):
            a['variadic'] = True
            tok = tok[:-3]
        name, _, typ = tok.partition(':')
        a['name'] = name.replace('_', ' ') if name != '_' else name
        if not typ:
            typ = 'word'
        m = re.match(r'^(int|float|port)\((-?\d+(?:\.\d+)?)?-(-?\d+(?:\.\d+)?)?\)$', typ)
        if m:
            a['type'] = m.group(1)
            if m.group(2) is not None:
                a['min'] = float(m.group(2)) if '.' in m.group(2) else int(m.group(2))
            if m.group(3) is not None:
                a['max'] = float(m.group(3)) if '.' in m.group(3) else int(m.group(3))
        elif typ.startswith('ref(') and typ.endswith(')'):
            a['type'] = 'reference'
            a['refers'] = typ[4:-1]
        elif typ.startswith('enum+(') and typ.endswith(')'):
            a['type'] = 'enum'
            a['values'] = typ[6:-1].split('|')
            a['callSuffix'] = True
        elif '|' in typ or typ not in TYPES:
            a['type'] = 'enum'
            a['values'] = typ.split('|')
        else:
            a['type'] = typ
        if strict:
            a['strict'] = True
        if strict > 1:
            a['strictRange'] = True
        a.update(marks)
        args.append(a)
    return args


def placeholder_type(ph):
    p = ph.lower()
    if '0..100' in p or 'percent' in p:
        return 'int(0-100)'
    if re.search(r'\b(number|nb|count|conns|connections|length|reqs|shards|bits|level|int)\b', p):
        return 'int'
    if re.search(r'time|delay|period|seconds', p):
        return 'time'
    if re.search(r'size|bytes', p):
        return 'size'
    if re.search(r'megabytes', p):
        return 'int'
    if re.search(r'file|path|dir', p):
        return 'path'
    if re.search(r'regex', p):
        return 'regex'
    if re.search(r'address|addr', p):
        return 'address'
    if re.search(r'text|string|description', p):
        return 'string'
    return 'word'


def auto_dsl(sig):
    """Derives a permissive argument DSL from a manual signature line."""
    sig = sig.replace('(deprecated)', '').replace('[ EXPERIMENTAL ]', '').strip()
    if not sig:
        return ''
    m = re.match(r'^[\{\[<]\s*([A-Za-z0-9_.\-]+(?:\s*\|\s*[A-Za-z0-9_.\-]+)+)\s*[\}\]>]$', sig)
    if m:
        vals = '|'.join(v.strip() for v in m.group(1).split('|'))
        opt = '?' if sig.startswith('[') else ''
        return f'{opt}value:{vals}'
    out = []
    rest = sig
    while True:
        m = re.match(r'^<([^<>]+)>(\s+|$)', rest)
        if not m:
            break
        ph = m.group(1)
        nm = 'percent' if 'percent' in ph else \
            re.sub(r'[^a-z0-9]+', '-', ph.lower().split(',')[0]).strip('-') or 'value'
        out.append(f'{nm}:{placeholder_type(ph)}')
        rest = rest[m.end():]
    if rest.strip():
        out.append('?args:string...')
    return ' '.join(out)


# ---------------------------------------------------------------------------------------------
# TypeScript emission


def ts_str(s):
    return "'" + s.replace('\\', '\\\\').replace("'", "\\'") + "'"


def ts_val(v):
    if isinstance(v, bool):
        return 'true' if v else 'false'
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return ts_str(v)
    if isinstance(v, list):
        return '[' + ', '.join(ts_val(x) for x in v) + ']'
    if isinstance(v, dict):
        return '{ ' + ', '.join(f'{k if re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", k) else ts_str(k)}: {ts_val(x)}' for k, x in v.items()) + ' }'
    raise TypeError(v)


def ts_args(args):
    if not args:
        return '[]'
    return '[' + ', '.join(ts_val(a) for a in args) + ']'


def describe(name, summary, desc, args, entry):
    """Our description: the hand-written one, or one composed from the facts."""
    if desc:
        return desc
    parts = [summary.rstrip('.') + '.']
    if args:
        shown = ' '.join(
            ('[' if a.get('optional') else '<') + a['name'] + ('…' if a.get('variadic') else '')
            + (']' if a.get('optional') else '>') for a in args)
        parts.append(f'Written as `{name} {shown}`.')
        enums = [a for a in args if a['type'] == 'enum' and 1 < len(a.get('values', [])) <= 12]
        for a in enums:
            parts.append(f'`{a["name"]}` is one of ' + ', '.join(f'`{v}`' for v in a['values']) + '.')
    else:
        parts.append(f'Written as `{name}` alone, without arguments.')
    return ' '.join(parts)


def doc_call(ver, sec, kw):
    return f'doc({ts_str(ver)}, {ts_str(sec)}, {ts_str(kw)})'


def find_anchor(name, heads_by_ver, fallback_sec):
    """Returns (version, section, keyword) of the best manual heading for `name`."""
    base = name[3:] if name.startswith('no ') else name
    for ver in ('3.2', '3.4', '2.6'):
        heads = heads_by_ver.get(ver, {})
        if base in heads:
            return ver, heads[base]['sec'], base
    for ver in ('3.2', '3.4', '2.6'):
        heads = heads_by_ver.get(ver, {})
        for kw, h in heads.items():
            if kw.startswith(base + ' '):
                return ver, h['sec'], kw
    return None


def apply_value_since(e):
    vs = e.pop('argValueSince', None)
    if not vs:
        return e
    args = []
    for a in e['args']:
        if a['name'] in vs:
            a = dict(a, valueSince=vs[a['name']])
        args.append(a)
    e['args'] = args
    return e


def emit_entry(e):
    e = apply_value_since(e)
    fields = [f'name: {ts_str(e["name"])}', f'sections: {ts_val(e["sections"])}',
              f'args: {ts_args(e["args"])}', f'summary: {ts_str(e["summary"])}',
              f'description: {ts_str(e["description"])}', f'docUrl: {e["docUrl"]}']
    for k in ('since', 'deprecated', 'removed', 'negatable', 'repeatable', 'namedDefaultsOnly',
              'sectionHistory', 'ruleset', 'nameArgs', 'experimental', 'buildOption',
              'requiresArgs', 'noExtraArgs', 'defines'):
        if k in e and e[k] is not None:
            fields.append(f'{k}: {ts_val(e[k])}')
    return '  {\n    ' + ',\n    '.join(fields) + ',\n  },'


HEADER = '''// Generated by scripts/haproxy-catalog-gen.py from ../shared/data (facts) and
// scripts/haproxy-catalog-text.tsv (our own summaries and descriptions). Edit the TSV and
// re-run the script rather than editing this file by hand.
'''


def write(fname, const, entries, doc_comment):
    body = '\n'.join(emit_entry(e) for e in entries)
    src = (HEADER + "import { haproxyDocUrl as doc } from './doc-url.js';\n"
           "import type { HaproxyKeywordSpec } from './keyword-types.js';\n\n"
           f'/** {doc_comment} */\n'
           f'export const {const}: readonly HaproxyKeywordSpec[] = [\n{body}\n];\n')
    with open(os.path.join(OUT, fname), 'w', encoding='utf-8') as fh:
        fh.write(src)


def text_for(scope, name, sig):
    t = TEXT.get((scope, name))
    if t is None:
        MISSING.append(f'{scope}\t{name}\t{auto_dsl(sig)}')
        return {'args': auto_dsl(sig), 'summary': f'`{name}` directive.', 'description': '',
                'extra': {}}
    if t['args'] == '' and sig:
        t = dict(t, args=auto_dsl(sig))
    if t['args'] == '-':
        t = dict(t, args='')
    return t


MISSING = []
USED = set()

# ---------------------------------------------------------------------------------------------
# Global keywords

GLOBAL_SINCE = {
    # keywords documented only in the body of chapter 3 (not in its index); first version
    # known to have them, chosen on the early side when unsure (fewer false "not yet" errors)
    'acme.scheduler': '3.2', 'http-err-codes': '3.0', 'http-fail-codes': '3.0',
    'no-quic': '3.0', 'setcap': '3.0', 'stress-level': '3.2', 'thread-hard-limit': '3.0',
    'tune.glitches.kill.cpu-usage': '3.2', 'tune.listener.default-shards': '2.8',
    'tune.notsent-lowat.client': '3.2', 'tune.notsent-lowat.server': '3.2', 'quick-exit': '3.0',
    'shm-stats-file': '3.4', 'shm-stats-file-max-objects': '3.4', 'ssl-passphrase-cmd': '3.4',
    'stats calculate-max-counters': '3.4', 'tune.h2.log-errors': '3.4',
    'tune.h2.max-frame-size': None,  # listed by `haproxy -dKall` of 2.6.12
    'master-worker no-exit-on-failure': None,  # `master-worker [no-exit-on-failure]` in 2.6
}
GLOBAL_LIFE = {
    'debug': {'removed': {'since': '2.4', 'replacement': '-d command-line option',
                          'note': 'Gone from the configuration language; HAProxy reports it as an unknown keyword. Start with `-d` to debug.'}},
    'nbproc': {'removed': {'since': '2.5', 'replacement': 'nbthread',
                           'note': 'Multi-process mode is gone; threads are used automatically on multi-core machines.'}},
    'tune.chksize': {'removed': {'since': '2.5', 'replacement': 'tune.bufsize',
                                 'note': 'Health-check buffers now use the regular buffer size.'}},
    'stats bind-process': {'deprecated': {'since': '2.6', 'note': 'Has no effect since multi-process mode is gone.'},
                           'removed': {'since': '2.7', 'note': 'Remove the line; there is only one process.'}},
    'tune.ssl.capture-cipherlist-size': {'deprecated': {'since': '2.6', 'replacement': 'tune.ssl.capture-buffer-size'}},
    'tune.ssl.ocsp-update.maxdelay': {'deprecated': {'since': '3.0', 'replacement': 'ocsp-update.maxdelay'}},
    'tune.ssl.ocsp-update.mindelay': {'deprecated': {'since': '3.0', 'replacement': 'ocsp-update.mindelay'}},
    'master-worker': {'deprecated': {'since': '3.3', 'replacement': '-W or -Ws command-line option',
                                     'note': 'Removed in 3.5; start HAProxy with -W or -Ws instead.'}},
    'tune.takeover-other-tg-connections': {'deprecated': {'since': '3.4', 'replacement': 'tune.idle-pool.shared',
                                                          'note': 'Planned for removal in 3.7.'}},
    'no-quic': {'deprecated': {'since': '3.3', 'replacement': 'tune.quic.listen off',
                               'note': 'No longer documented in 3.4, where `tune.quic.listen` controls QUIC listeners.'}},
    # registered by 2.6.12 (`haproxy -dKall`) but never documented; no sign of a removal
    'tune.vars.check-max-size': {},
    'tune.quic.frontend.conn-tx-buffers.limit': {'removed': {'since': '3.2', 'note': 'No longer documented; QUIC sending memory is now bounded globally.'}},
}
QUIC_RENAMES = {
    'tune.quic.cc-hystart': 'tune.quic.fe.cc.hystart',
    'tune.quic.cc.cubic.min-losses': 'tune.quic.fe.cc.cubic-min-losses',
    'tune.quic.disable-tx-pacing': 'tune.quic.fe.tx.pacing',
    'tune.quic.disable-udp-gso': 'tune.quic.fe.tx.udp-gso',
    'tune.quic.frontend.default-max-window-size': 'tune.quic.fe.cc.max-win-size',
    'tune.quic.frontend.glitches-threshold': 'tune.quic.fe.sec.glitches-threshold',
    'tune.quic.frontend.max-data-size': 'tune.quic.fe.stream.rxbuf',
    'tune.quic.frontend.max-idle-timeout': 'tune.quic.fe.max-idle-timeout',
    'tune.quic.frontend.max-streams-bidi': 'tune.quic.fe.stream.max-concurrent',
    'tune.quic.frontend.max-tx-mem': 'tune.quic.mem.tx-max',
    'tune.quic.frontend.stream-data-ratio': 'tune.quic.fe.stream.data-ratio',
    'tune.quic.max-frame-loss': 'tune.quic.fe.cc.max-frame-loss',
    'tune.quic.reorder-ratio': 'tune.quic.fe.cc.reorder-ratio',
    'tune.quic.retry-threshold': 'tune.quic.fe.sec.retry-threshold',
    'tune.quic.socket-owner': 'tune.quic.fe.sock-per-conn',
}
for old, new in QUIC_RENAMES.items():
    GLOBAL_LIFE[old] = {'deprecated': {'since': '3.3', 'replacement': new,
                                       'note': 'Renamed as part of the QUIC settings clean-up; the old name is dropped in 3.5.'}}
OLD_DOCS = {'debug': ('2.4', '3.3'), 'nbproc': ('2.4', '3.1'), 'tune.chksize': ('2.4', '3.2')}


BUILD_PREFIXES = [('51degrees-', '51degrees'), ('deviceatlas-', 'deviceatlas'),
                  ('wurfl-', 'wurfl'), ('tune.quic.', 'quic'), ('tune.zlib.', 'zlib')]
BUILD_NAMES = {'limited-quic': 'quic', 'ssl-engine': 'openssl-engine',
               'profiling.memory': 'memory-profiling'}


def build_option(name):
    """Build feature a global keyword depends on (checked against the Debian 2.6.12 build)."""
    if name in BUILD_NAMES:
        return BUILD_NAMES[name]
    for prefix, feature in BUILD_PREFIXES:
        if name.startswith(prefix):
            return feature
    return None


def build_global():
    pres = {}
    for v in VERS:
        for cat, lst in DATAS[v]['global'].items():
            for k in lst:
                pres.setdefault(k, set()).add(v)
    for v, heads in GH.items():
        for k in heads:
            pres.setdefault(k, set()).add(v)
    for lst in DEB['global'].values():
        for k in lst:
            pres.setdefault(k, set()).add('2.6')
    dk = open(os.path.join(DATA, 'haproxy-2.6.12-dKall.txt')).read().split('\n')
    in_global = False
    for line in dk:
        if line.strip() == 'global' and not line.startswith('\t'):
            in_global = True
            continue
        if in_global:
            if not line.startswith('\t'):
                break
            pres.setdefault(line.strip().split()[0], set()).add('2.6')
    entries = []
    for name in sorted(pres):
        vs = sorted(pres[name], key=vkey)
        # fill gaps between documented versions (2.8/3.0 manuals are only known by their index)
        first, last = vs[0], vs[-1]
        if name in GLOBAL_SINCE:
            since = GLOBAL_SINCE[name]
        else:
            since = None if first == '2.0' else first
        if name not in GLOBAL_SINCE and first == '2.6' and all(name in GH[x] for x in ['2.6']) and \
                not any(name in DATAS[x]['global'].get(c, []) for x in VERS for c in DATAS[x]['global']):
            since = None  # body-only keyword already in 2.6: older than our oldest target
        life = GLOBAL_LIFE.get(name, {})
        removed = life.get('removed')
        if removed is None and name not in GLOBAL_LIFE and vkey(last) < vkey('3.4'):
            removed = {'since': VERS[VERS.index(last) + 1]}
        deprecated = life.get('deprecated')
        sig = ''
        for v in ('3.4', '3.2', '2.6'):
            if name in GH[v]:
                sig = GH[v][name]['sig']
                break
        t = text_for('g', name, sig)
        USED.add(('g', name))
        args = parse_dsl(t['args'])
        anchor = find_anchor(name, GH, '3')
        if name in OLD_DOCS:
            url = doc_call(OLD_DOCS[name][0], OLD_DOCS[name][1], name)
        elif anchor:
            ver, sec, kw = anchor
            url = doc_call(ver, sec, kw)
        else:
            url = doc_call('3.2', '3', '')
        e = {'name': name, 'sections': ['global'], 'args': args, 'summary': t['summary'],
             'description': describe(name, t['summary'], t['description'], args, None),
             'docUrl': url, 'since': since, 'deprecated': deprecated, 'removed': removed,
             'buildOption': build_option(name)}
        e.update(t['extra'])
        entries.append(e)
    write('global.ts', 'GLOBAL_KEYWORDS', entries,
          'Every keyword of the `global` section documented in HAProxy 2.0 to 3.4, removed ones included.')
    return entries


# ---------------------------------------------------------------------------------------------
# Proxy keywords

PVERS = ['2.6', 'deb', '2.8', '3.0', '3.2', '3.4']
NAMED_DEFAULTS = {'acl', 'http-after-response', 'http-request', 'http-response', 'quic-initial',
                  'tcp-request connection', 'tcp-request content', 'tcp-request inspect-delay',
                  'tcp-request session', 'tcp-response content', 'tcp-response inspect-delay'}
RULESETS = {'http-request', 'http-response', 'http-after-response', 'tcp-request connection',
            'tcp-request session', 'tcp-request content', 'tcp-response content', 'quic-initial'}
# Doc fixes: the 2.6.0 matrix forgot `defaults` for the first two (fixed by 2.6.12); the
# matrix only lists `backend` for unique-id-format from 3.4 on, but 2.6.12 already accepts it
# there silently. The union of all versions is used, without history.
DOC_FIXES = {'http-send-name-header', 'option spop-check', 'unique-id-format'}
# The 2.6-3.0 matrices allow `option tcplog` in backends, but 2.6.12 warns that it is ignored
# there; the 3.2 matrix agrees with the binary, so its shape is used for every version.
SECTIONS_OVERRIDE = {'option tcplog': ['defaults', 'frontend', 'listen']}
# Rows of a matrix that are not proxy keywords at all: the 3.0 matrix lists the server option
# `hash-key` (3.0.11 refuses it in a backend: "unknown keyword 'hash-key' in 'backend'
# section"). Left out, so that HAProxy's own verdict (an unknown keyword) is ours too.
MATRIX_ERRATA = {'hash-key'}
REQ_HINT = {
    # reqrep rewrote the request line as well as headers: which action replaces it depends on
    # what the regex matched.
    'reqadd': 'http-request add-header',
    'reqrep': 'http-request replace-path, replace-uri or replace-header',
    'reqirep': 'http-request replace-path, replace-uri or replace-header', 'reqdel': 'http-request del-header',
    'reqidel': 'http-request del-header', 'reqdeny': 'http-request deny',
    'reqideny': 'http-request deny', 'reqpass': 'http-request allow (or just remove it)',
    'reqipass': 'http-request allow (or just remove it)', 'reqallow': 'http-request allow',
    'reqiallow': 'http-request allow', 'reqtarpit': 'http-request tarpit',
    'reqitarpit': 'http-request tarpit', 'reqsetbe': 'use_backend', 'reqisetbe': 'use_backend',
    'rspadd': 'http-response add-header', 'rsprep': 'http-response replace-header',
    'rspirep': 'http-response replace-header', 'rspdel': 'http-response del-header',
    'rspidel': 'http-response del-header', 'rspdeny': 'http-response deny',
    'rspideny': 'http-response deny', 'cliexp': 'http-request replace-uri',
    'srvexp': 'http-response replace-header',
}
PROXY_LIFE = {
    'appsession': {'removed': {'since': '1.6', 'replacement': 'stick-table with stick on/store-response rules',
                               'note': 'Session affinity moved to stick tables long ago.'}},
    'option forceclose': {'removed': {'since': '2.0', 'replacement': 'option httpclose',
                                      'note': 'Simply remove it; `option httpclose` exists if a close is really needed.'}},
    'block': {'removed': {'since': '2.1', 'replacement': 'http-request deny',
                          'note': '`http-request deny` takes exactly the same condition.'}},
    'redispatch': {'removed': {'since': '2.1', 'replacement': 'option redispatch'}},
    'redisp': {'removed': {'since': '2.1', 'replacement': 'option redispatch'}},
    'clitimeout': {'removed': {'since': '2.1', 'replacement': 'timeout client'}},
    'contimeout': {'removed': {'since': '2.1', 'replacement': 'timeout connect'}},
    'srvtimeout': {'removed': {'since': '2.1', 'replacement': 'timeout server'}},
    'timeout clitimeout': {'removed': {'since': '2.1', 'replacement': 'timeout client'}},
    'timeout contimeout': {'removed': {'since': '2.1', 'replacement': 'timeout connect'}},
    'timeout srvtimeout': {'removed': {'since': '2.1', 'replacement': 'timeout server'}},
    'option http-tunnel': {'removed': {'since': '2.1', 'note': 'Remove it: tunnelling after the first request is not needed any more.'}},
    'option http-use-htx': {'removed': {'since': '2.1', 'note': 'HTX is always on; remove the line.'}},
    'monitor-net': {'removed': {'since': '2.4', 'replacement': 'http-request return status 200 if { src <network> }'}},
    'grace': {'removed': {'since': '2.5', 'note': 'The per-proxy grace period is gone; a global `grace` exists since 2.6.'}},
    'option http_proxy': {'removed': {'since': '2.5', 'replacement': 'http-request set-dst / set-uri / do-resolve',
                                      'note': 'Build the same behaviour with http-request rules that resolve and set the destination.'}},
    'bind-process': {'deprecated': {'since': '2.6', 'note': 'Has no effect in 2.6 (single process).'},
                     'removed': {'since': '2.7', 'note': 'Remove the line; bind `thread` selects threads.'}},
    'option accept-invalid-http-request': {'deprecated': {'since': '3.1', 'replacement': 'option accept-unsafe-violations-in-http-request'}},
    'option accept-invalid-http-response': {'deprecated': {'since': '3.1', 'replacement': 'option accept-unsafe-violations-in-http-response'}},
    'dispatch': {'deprecated': {'since': '3.3', 'replacement': 'server',
                                'note': 'Removed in 3.5: declare a server with that address instead.'}},
    'transparent': {'deprecated': {'since': '2.0', 'replacement': 'server',
                                   'note': 'Long marked deprecated in favour of `option transparent`, which is itself deprecated since 3.3; both are gone in 3.5. Use a server with address 0.0.0.0 to reach the original destination.'}},
    'option transparent': {'deprecated': {'since': '3.3', 'replacement': 'server',
                                          'note': 'Removed in 3.5: use a server with address 0.0.0.0 to reach the original destination.'}},
    'compression direction': {'deprecated': {'since': '3.4', 'replacement': 'compression algo-req / algo-res',
                                             'note': 'Only meaningful with the legacy `filter compression`.'}},
}
for k, hint in REQ_HINT.items():
    PROXY_LIFE[k] = {'removed': {'since': '2.1', 'replacement': hint}}
# proxy keywords not in any matrix we read but still written (or documented outside the matrix)
EXTRA_PROXY = {
    'appsession': (['defaults', 'listen', 'backend'], None),
    'option forceclose': (['defaults', 'frontend', 'listen', 'backend'], None),
    'reqsetbe': (['frontend', 'listen', 'backend'], None),
    'reqisetbe': (['frontend', 'listen', 'backend'], None),
    'cliexp': (['frontend', 'listen', 'backend'], None),
    'srvexp': (['listen', 'backend'], None),
    'compression algo': (COLS, None), 'compression type': (COLS, None),
    'compression offload': (COLS, None), 'compression algo-req': (COLS, '3.0'),
    'compression algo-res': (COLS, '3.0'), 'compression minsize-req': (COLS, '3.0'),
    'compression minsize-res': (COLS, '3.0'), 'compression direction': (COLS, '3.0'),
    'dynamic-cookie-key': (['defaults', 'listen', 'backend'], None),
    'option accept-unsafe-violations-in-http-request': (['defaults', 'frontend', 'listen'], '3.1'),
    'option accept-unsafe-violations-in-http-response': (['defaults', 'listen', 'backend'], '3.1'),
    'ssl-f-use': (['frontend', 'listen'], '3.2'),
    'stats show-modules': (COLS, None),
}
OLD_PROXY_DOC = '2.0'
# Keywords whose last word carries parenthesised arguments: `http-check set-var(txn.x) …`.
NAME_ARGS = {'http-check set-var', 'http-check unset-var', 'tcp-check set-var',
             'tcp-check unset-var', 'persist rdp-cookie'}


def matrix(v):
    d = DEB if v == 'deb' else DATAS[v]
    res = {}
    for r in d['proxy_matrix']:
        res[r['kw']] = r
    return res


def build_proxy():
    mats = {v: matrix(v) for v in VERS}
    mats['deb'] = matrix('deb')
    names = set()
    for m in mats.values():
        names |= set(m)
    names |= set(EXTRA_PROXY)
    names -= MATRIX_ERRATA
    entries = []
    for name in sorted(names):
        present = [v for v in VERS if name in mats[v]]
        secs_by = {}
        for v in PVERS:
            if name in mats[v]:
                cols = mats[v][name]['defaults_fe_listen_be']
                secs_by[v] = [COLS[i] for i, c in enumerate(cols) if c == 'X']
        if name in EXTRA_PROXY:
            sections, since = EXTRA_PROXY[name]
        else:
            first = present[0]
            since = None if first == '2.0' else first
            if secs_by:
                # current shape = last version that lists it; doc fixes merged
                lastv = [v for v in PVERS if v in secs_by][-1]
                sections = list(secs_by[lastv])
                if name in DOC_FIXES:
                    sections = [c for c in COLS if any(c in s for s in secs_by.values())]
            else:
                last = present[-1]
                cols = mats[last][name]['defaults_fe_listen_be']
                sections = [COLS[i] for i, c in enumerate(cols) if c == 'X']
        if name in SECTIONS_OVERRIDE:
            sections = SECTIONS_OVERRIDE[name]
        history = []
        if name not in DOC_FIXES and name not in SECTIONS_OVERRIDE and secs_by:
            prev = None
            for v in PVERS:
                if v not in secs_by or v == 'deb':
                    continue
                if secs_by[v] != sections:
                    prev = v
            if prev is not None:
                # until = first version with the current shape after the differing ones
                later = [v for v in PVERS if v in secs_by and v != 'deb' and vkey(v) > vkey(prev)]
                until = later[0] if later else None
                old = secs_by[prev]
                if until:
                    history.append({'until': until, 'sections': old})
        life = PROXY_LIFE.get(name, {})
        removed = life.get('removed')
        last = present[-1] if present else None
        if removed is None and 'deprecated' not in life and last and vkey(last) < vkey('3.4') \
                and name not in EXTRA_PROXY:
            removed = {'since': VERS[VERS.index(last) + 1]}
        deprecated = life.get('deprecated')
        negatable = any(mats[v][name]['negatable'] for v in list(VERS) + ['deb'] if name in mats[v])
        sig = ''
        for v in ('3.4', '3.2', '2.6'):
            if name in PH[v]:
                sig = PH[v][name]['sig']
                break
        t = text_for('p', name, sig)
        USED.add(('p', name))
        args = parse_dsl(t['args'])
        anchor = find_anchor(name, PH, '4.2')
        removed_early = removed is not None and vkey(removed['since']) <= vkey('2.6')
        if removed_early:
            url = doc_call(OLD_PROXY_DOC, '4.2', name)
        elif not anchor:
            # headings such as `http-check set-var(<var-name>) <expr>` keep the bare keyword
            url = doc_call('3.4' if since == '3.4' else '3.2', '4.2', name)
        else:
            ver, sec, kw = anchor
            url = doc_call(ver, sec, kw)
        e = {'name': name, 'sections': sections, 'args': args, 'summary': t['summary'],
             'description': describe(name, t['summary'], t['description'], args, None),
             'docUrl': url, 'since': since, 'deprecated': deprecated, 'removed': removed,
             'negatable': True if negatable else None,
             'namedDefaultsOnly': True if name in NAMED_DEFAULTS else None,
             'sectionHistory': history or None,
             'ruleset': name if name in RULESETS else None,
             'nameArgs': True if name in NAME_ARGS else None}
        e.update(t['extra'])
        entries.append(e)
    write('proxy.ts', 'PROXY_KEYWORDS', entries,
          'Every keyword of the proxy sections (defaults, frontend, listen, backend), 2.0 to 3.4, removed ones included.')
    return entries


# ---------------------------------------------------------------------------------------------
# Keywords of the other sections: rows with scope `s:<section>[,<section>]`; extra holds
# since / removed / anchor {"v": "3.2", "sec": "12.2", "kw": "user"}.

def build_sections():
    entries = []
    for (scope, name), t in TEXT.items():
        if not scope.startswith('s:'):
            continue
        USED.add((scope, name))
        sections = scope[2:].split(',')
        extra = dict(t['extra'])
        anchor = extra.pop('doc', None)
        args = parse_dsl('' if t['args'] == '-' else t['args'])
        url = doc_call(anchor[0], anchor[1], anchor[2]) if anchor else doc_call('3.2', '12', '')
        e = {'name': name, 'sections': sections, 'args': args, 'summary': t['summary'],
             'description': describe(name, t['summary'], t['description'], args, None),
             'docUrl': url}
        e.update(extra)
        entries.append(e)
    write('section-keywords.ts', 'SECTION_KEYWORDS', entries,
          'Keywords of the sections other than global and the proxies (userlist, peers, resolvers, …).')
    return entries


if __name__ == '__main__':
    g = build_global()
    p = build_proxy()
    s = build_sections()
    outputs = [os.path.join(OUT, f) for f in ('global.ts', 'proxy.ts', 'section-keywords.ts')]
    subprocess.run(['npx', 'prettier', '--write', *outputs], cwd=ROOT, check=False,
                   capture_output=True)
    unused = [k for k in TEXT if k not in USED]
    print(f'global {len(g)}, proxy {len(p)}, sections {len(s)}')
    if unused:
        print('unused text rows:', unused)
    if MISSING:
        print(f'{len(MISSING)} keywords without text:')
        print('\n'.join(MISSING))
