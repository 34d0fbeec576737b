#!/usr/bin/env python3
"""Generates server/src/core/haproxy/catalog/samples.ts from the facts extracted by
haproxy-samples-facts.py and the hand-written summaries in haproxy-sample-summaries.txt.
Usage: python3 scripts/haproxy-samples-facts.py ../shared > /tmp/sfacts.json
       python3 scripts/gen-haproxy-samples.py /tmp/sfacts.json > server/src/core/haproxy/catalog/samples.ts
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
facts = json.load(open(sys.argv[1]))

summ = {}
for line in open(os.path.join(HERE, 'haproxy-sample-summaries.txt')):
    line = line.rstrip('\n')
    if not line or line.startswith('#'):
        continue
    key, text = line.split(' | ', 1)
    if key.endswith('@c'):
        summ[('converter', key[:-2])] = text
    else:
        summ[('fetch', key)] = text

# ---- families (our own phrasing) ----
COUNTER = {
    'bytes_in_rate': 'rate of bytes received from clients',
    'bytes_out_rate': 'rate of bytes sent to clients',
    'clr_gpc': 'clears general purpose counter <idx> and returns its old value',
    'clr_gpc0': 'clears GPC0 and returns its old value',
    'clr_gpc1': 'clears GPC1 and returns its old value',
    'conn_cnt': 'cumulated connection count',
    'conn_cur': 'concurrent connections',
    'conn_rate': 'connection rate',
    'get_gpc': 'value of general purpose counter <idx>',
    'get_gpc0': 'value of GPC0',
    'get_gpc1': 'value of GPC1',
    'get_gpt': 'value of general purpose tag <idx>',
    'get_gpt0': 'value of GPT0',
    'glitch_cnt': 'cumulated front-connection glitches',
    'glitch_rate': 'rate of front-connection glitches',
    'gpc0_rate': 'increment rate of GPC0',
    'gpc1_rate': 'increment rate of GPC1',
    'gpc_rate': 'increment rate of general purpose counter <idx>',
    'http_err_cnt': 'cumulated HTTP client errors',
    'http_err_rate': 'rate of HTTP client errors',
    'http_fail_cnt': 'cumulated HTTP server failures',
    'http_fail_rate': 'rate of HTTP server failures',
    'http_req_cnt': 'cumulated HTTP requests',
    'http_req_rate': 'HTTP request rate',
    'inc_gpc': 'increments general purpose counter <idx> and returns it',
    'inc_gpc0': 'increments GPC0 and returns it',
    'inc_gpc1': 'increments GPC1 and returns it',
    'kbytes_in': 'kilobytes received from clients',
    'kbytes_out': 'kilobytes sent to clients',
    'key': 'key of the tracked entry',
    'sess_cnt': 'cumulated session count',
    'sess_rate': 'session rate',
    'tracked': 'whether the counter is currently tracked',
    'trackers': 'number of streams tracking the entry',
    'updt_conn_cnt': 'increments the connection count and returns it',
    'avl': 'free entries in the stick table',
    'cnt': 'entries used in the stick table',
    'expire': 'time left before the entry expires',
    'idle': 'time since the entry was last used',
    'server_id': 'server id stored in the entry',
    'gpc': 'value of general purpose counter <idx>',
    'gpc0': 'value of GPC0',
    'gpc1': 'value of GPC1',
    'gpt': 'value of general purpose tag <idx>',
    'gpt0': 'value of GPT0',
}
CERT_FIELD = {
    'ca_err': 'first CA verification error', 'ca_err_depth': 'depth of the first CA error',
    'chain_der': 'chain in DER', 'der': 'in DER form', 'err': 'first verification error',
    'i_dn': 'issuer DN', 'key_alg': 'key algorithm', 'notafter': 'end of validity',
    'notbefore': 'start of validity', 'r_dn': 'root CA DN', 's_dn': 'subject DN',
    'san': 'subject alternative names', 'serial': 'serial number', 'sha1': 'SHA-1 fingerprint',
    'sig_alg': 'signature algorithm', 'used': 'presence in the current session',
    'verify': 'verification result code', 'version': 'X509 version',
}
CERT_OWNER = {'c': 'Client certificate', 'f': 'Frontend certificate', 's': 'Server certificate'}
HTX = {
    'data': 'data size', 'free': 'free space', 'free_data': 'free space for data',
    'has_eom': 'end-of-message flag', 'nbblks': 'block count', 'size': 'total size',
    'used': 'used space', 'start_line': 'start line', 'type': 'type', 'hdrname': 'header name',
    'hdrval': 'header value', 'is_htx': 'whether the stream uses HTX',
}


def family_summary(kind, name):
    m = re.match(r'^(sc[0-2]?|src)_(.+)$', name)
    if kind == 'fetch' and m and m.group(2) in COUNTER:
        who = {'sc': 'sticky counter given as argument', 'src': 'entry keyed by the client source'}
        owner = who.get(m.group(1), f'sticky counter {m.group(1)[2:]}')
        phrase = COUNTER[m.group(2)]
        return f'Stick table {owner}: {phrase}'
    m = re.match(r'^table_(.+)$', name)
    if m and m.group(1) in COUNTER:
        if kind == 'converter':
            return f'Stick table entry keyed by the input: {COUNTER[m.group(1)]}'
        return f'Stick table: {COUNTER[m.group(1)]}'
    m = re.match(r'^ssl_([cfs])_(.+)$', name)
    if m and m.group(2) in CERT_FIELD:
        return f'{CERT_OWNER[m.group(1)]}: {CERT_FIELD[m.group(2)]}'
    m = re.match(r'^ssl_([fb])c_(.+)_secret(_0)?$', name)
    if m:
        side = 'frontend' if m.group(1) == 'f' else 'backend'
        what = m.group(2).replace('_', ' ')
        return f'TLS 1.3 {what} secret of the {side} connection (for key logging)'
    m = re.match(r'^internal\.(htx|htx_blk|strm)\.(.+)$', name)
    if m:
        scope = {'htx': 'HTX message', 'htx_blk': 'HTX block', 'strm': 'Stream'}[m.group(1)]
        return f'Debug: {scope} {HTX.get(m.group(2), m.group(2))}'
    return None


DEPRECATED_ALIAS = {
    'cook': 'req.cook', 'cook_cnt': 'req.cook_cnt', 'cook_val': 'req.cook_val',
    'cookie': 'req.cook / res.cook', 'hdr_cnt': 'req.hdr_cnt', 'hdr_ip': 'req.hdr_ip',
    'hdr_val': 'req.hdr_val', 'payload': 'req.payload / res.payload',
    'payload_lv': 'req.payload_lv / res.payload_lv', 'rdp_cookie': 'req.rdp_cookie',
    'rdp_cookie_cnt': 'req.rdp_cookie_cnt', 'rep_ssl_hello_type': 'res.ssl_hello_type',
    'req_len': 'req.len', 'req_proto_http': 'req.proto_http',
    'req_ssl_hello_type': 'req.ssl_hello_type', 'req_ssl_sni': 'req.ssl_sni',
    'req_ssl_ver': 'req.ssl_ver', 'req_ver': 'req.ver', 'resp_ver': 'res.ver',
    'scook': 'res.cook', 'scook_cnt': 'res.cook_cnt', 'scook_val': 'res.cook_val',
    'set-cookie': 'res.cook', 'shdr': 'res.hdr', 'shdr_cnt': 'res.hdr_cnt',
    'shdr_ip': 'res.hdr_ip', 'shdr_val': 'res.hdr_val',
}

# Names the 2.6.12 binary registers (haproxy -dKall) that the keyword lists lack.
EXTRA = [
    {'name': 'base32+src', 'kind': 'fetch', 'section': '7.3.6', 'layer': 'l7', 'signature': '',
     'minArgs': 0, 'maxArgs': 0, 'output': 'binary'},
    {'name': 'url32+src', 'kind': 'fetch', 'section': '7.3.6', 'layer': 'l7', 'signature': '',
     'minArgs': 0, 'maxArgs': 0, 'output': 'binary'},
    {'name': 'sc1_clr_gpc', 'kind': 'fetch', 'section': '7.3.3', 'layer': 'l4',
     'signature': '(<idx>[,<table>])', 'minArgs': 1, 'maxArgs': 2, 'output': 'integer',
     'undocumented': True, 'anchorVersion': '3.2', 'anchor': 'sc_clr_gpc'},
    {'name': 'fcgi.docroot', 'kind': 'fetch', 'section': '7.3.6', 'layer': 'l7', 'signature': '',
     'minArgs': 0, 'maxArgs': 0, 'output': 'string', 'undocumented': True},
    {'name': 'fcgi.index', 'kind': 'fetch', 'section': '7.3.6', 'layer': 'l7', 'signature': '',
     'minArgs': 0, 'maxArgs': 0, 'output': 'string', 'undocumented': True},
]
for match in ['str', 'beg', 'sub', 'dir', 'dom', 'end', 'reg', 'regm', 'int', 'ip']:
    outs = [''] if match == 'regm' else ['', '_int', '_ip']
    for out in outs:
        name = f'map_{match}{out}'
        otype = {'': 'string', '_int': 'integer', '_ip': 'address'}[out]
        itype = {'int': 'integer', 'ip': 'address'}.get(match, 'string')
        EXTRA.append({'name': name, 'kind': 'converter', 'section': '7.3.1',
                      'signature': '(<map_name>[,<default_value>])', 'minArgs': 1, 'maxArgs': 2,
                      'input': itype, 'output': otype, 'mapAnchor': True})
        how = {'str': 'exact string', 'beg': 'prefix', 'sub': 'substring', 'dir': 'path segment',
               'dom': 'domain label', 'end': 'suffix', 'reg': 'regex', 'regm': 'regex with back-references',
               'int': 'integer', 'ip': 'IP/network'}[match]
        res = {'': '', '_int': ', integer result', '_ip': ', address result'}[out]
        summ[('converter', name)] = f'Map file lookup by {how} match{res}'

by_name = {(f['kind'], f['name']): f for f in facts}
for e in EXTRA:
    if (e['kind'], e['name']) not in by_name:
        facts.append(e)

OVERRIDE = {
    ('fetch', 'req.ssl_cipherlist'): {'output': 'binary'},
    ('fetch', 'req.ssl_keyshare_groups'): {'output': 'binary'},
    ('fetch', 'req.ssl_sigalgs'): {'output': 'binary'},
    ('fetch', 'req.ssl_supported_groups'): {'output': 'binary'},
    ('fetch', 'nbproc'): {'output': 'integer', 'removed': None},
    ('fetch', 'method'): {'output': 'method'},
    # same parser as fc_rtt / fc_rttvar, whose unit the 2.6.12 binary treats as optional
    ('fetch', 'bc_rtt'): {'minArgs': 0},
    ('fetch', 'bc_rttvar'): {'minArgs': 0},
    # registered by the 2.6.12 binary although first documented in 3.0
    ('fetch', 'fc_src_port'): {'since': None},
    ('converter', 'map_match'): {'input': 'any', 'output': 'string', 'anchor': 'map'},
    ('converter', 'map_match_output'): {'input': 'any', 'output': 'any', 'anchor': 'map'},
}

# The manual each target version links to, and the keyword lists taken from it: where each
# manual files a sample (its section), so that a link can follow the target version.
MANUAL_TAGS = {'2.6': 'deb-2.6.12', '2.8': 'v2.8.0', '3.0': 'v3.0.0', '3.2': 'v3.2.0',
               '3.4': 'v3.4.0'}
SHARED = os.path.join(HERE, '..', '..', 'shared')


def manual_sections():
    """(kind, name) -> {manual version: section} for every manual that documents the sample."""
    found = {}
    for version, tag in MANUAL_TAGS.items():
        data = json.load(open(os.path.join(SHARED, 'data', f'haproxy-{tag}-keywords.json')))
        for heading, names in data['fetches'].items():
            for name in names:
                found.setdefault(('fetch', name), {})[version] = heading.split(' ')[0]
        for name in data['converters']:
            found.setdefault(('converter', name), {})[version] = '7.3.1'
    return found


MANUAL_SECTIONS = manual_sections()


def doc_sections(f):
    """The manuals that document the sample and its section in each, when that is not simply the
    linked section in every manual from the sample's first version on; None otherwise."""
    if f.get('undocumented') or f.get('anchor') or f.get('mapAnchor'):
        return None
    documented = MANUAL_SECTIONS.get((f['kind'], f['name']), {})
    since = f.get('since') or '2.0'
    expected = {v: f['section'] for v in MANUAL_TAGS if tuple(map(int, v.split('.'))) >=
                tuple(map(int, since.split('.')))}
    return None if documented == expected else documented


LAYER_WORD = {'internal': 'internal state', 'l4': 'layer 4 (connection)', 'l5': 'layer 5 (session/TLS)',
              'l6': 'layer 6 (buffer contents)', 'l7': 'layer 7 (HTTP)', 'dev': 'developer/debug'}


def phrase(t):
    if t == 'any':
        return 'a value of any type'
    if t == 'method':
        return 'an HTTP method'
    return ('an ' if t[0] in 'aeiou' else 'a ') + t


def ts(s):
    return "'" + s.replace('\\', '\\\\').replace("'", "\\'") + "'"


def anchor(f):
    if f.get('mapAnchor'):
        return 'map'
    if f.get('anchor'):
        return f['anchor']
    return f['name']


entries = {'fetch': [], 'converter': []}
missing = []
for f in sorted(facts, key=lambda x: (x['kind'], x['name'])):
    f = dict(f)
    f.update(OVERRIDE.get((f['kind'], f['name']), {}))
    kind, name = f['kind'], f['name']
    s = summ.get((kind, name)) or family_summary(kind, name)
    if not s:
        missing.append((kind, name))
        s = name
    sig = f.get('signature') or ''
    out = f['output']
    ver = f.get('anchorVersion', '3.2')
    url = f"https://docs.haproxy.org/{ver}/configuration.html#{f['section']}-{anchor(f)}"
    if kind == 'fetch':
        desc = f"{s}. Sample fetch of the {LAYER_WORD[f['layer']]} family returning {phrase(out)}"
    else:
        desc = f"{s}. Converter taking {phrase(f['input'])} and returning {phrase(out)}"
    lo, hi = f['minArgs'], f['maxArgs']
    if hi == 0:
        desc += ', without arguments.'
    elif lo == hi:
        desc += f", with {lo} argument{'s' if lo > 1 else ''}."
    elif hi >= 64:
        desc += f", with at least {lo} argument{'s' if lo != 1 else ''}."
    elif lo == 0 and hi == 1:
        desc += ', with one optional argument.'
    elif lo == 0:
        desc += f', with up to {hi} optional arguments.'
    else:
        desc += f', with {lo} to {hi} arguments.'
    if f.get('undocumented'):
        desc += ' Registered by HAProxy but not described in the configuration manual.'
    parts = [f"name: {ts(name)}", f"kind: '{kind}'", f"signature: {ts(sig)}",
             f"minArgs: {f['minArgs']}", f"maxArgs: {f['maxArgs']}", f"output: '{out}'"]
    if kind == 'converter':
        parts.append(f"input: '{f['input']}'")
    else:
        parts.append(f"layer: '{f['layer']}'")
    parts += [f"summary: {ts(s)}", f"description: {ts(desc)}", f"docUrl: {ts(url)}"]
    since = f.get('since')
    if since and since not in ('2.0',):
        parts.append(f"since: '{since}'")
    if f.get('removed'):
        parts.append(f"removed: {{ since: '{f['removed']}' }}")
    sections = doc_sections(f)
    if sections is not None:
        pairs = ', '.join(f"'{v}': '{sec}'" for v, sec in sections.items())
        parts.append(f"docSections: {{ {pairs} }}")
    if name in DEPRECATED_ALIAS and kind == 'fetch':
        parts.append("deprecated: { since: '2.6', replacement: " + ts(DEPRECATED_ALIAS[name]) +
                     ", note: 'Old alias kept for compatibility; the manual marks it deprecated.' }")
    if name == 'nbproc' and kind == 'fetch':
        parts.append("deprecated: { since: '2.6', note: 'No longer documented: HAProxy runs a single process.' }")
    entries[kind].append('  { ' + ', '.join(parts) + ' },')

if missing:
    print('missing summaries: ' + ' '.join(f'{k}:{n}' for k, n in missing), file=sys.stderr)
    sys.exit(1)

print(f"""// Generated by scripts/gen-haproxy-samples.py from the keyword lists in ../shared/data and the
// headings of the HAProxy configuration manual (names, signatures, types, versions). Summaries are
// our own (scripts/haproxy-sample-summaries.txt). Do not edit by hand: edit the summaries and rerun.
// `maxArgs: 64` stands for "any number" (variadic signatures such as `acl(<name>[,...])`).
import type {{ SampleSpec }} from './types.js';

/** Sample fetches of HAProxy 2.6 to 3.4 (tier 2: one-line summaries). */
export const FETCHES: readonly SampleSpec[] = [
{chr(10).join(entries['fetch'])}
];

/** Converters of HAProxy 2.6 to 3.4, including the `map_<match>[_<output>]` family. */
export const CONVERTERS: readonly SampleSpec[] = [
{chr(10).join(entries['converter'])}
];""")
