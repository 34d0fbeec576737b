/**
 * What the sample generator adds to the facts of `haproxy-sample-facts.ts`: samples the keyword
 * lists lack, corrections checked against the binaries, deprecated aliases, and the templates
 * (our words) that phrase the summaries of whole families such as `sc*_conn_cur`.
 */
import type { SampleFact } from './haproxy-sample-facts.js';

// ---------------------------------------------------------------------------------------------
// Families, phrased by template rather than one summary line each

/** Stick-table counters: what `sc*_<counter>`, `src_<counter>` and `table_<counter>` return. */
const COUNTER: ReadonlyMap<string, string> = new Map([
  ['bytes_in_rate', 'rate of bytes received from clients'],
  ['bytes_out_rate', 'rate of bytes sent to clients'],
  ['clr_gpc', 'clears general purpose counter <idx> and returns its old value'],
  ['clr_gpc0', 'clears GPC0 and returns its old value'],
  ['clr_gpc1', 'clears GPC1 and returns its old value'],
  ['conn_cnt', 'cumulated connection count'],
  ['conn_cur', 'concurrent connections'],
  ['conn_rate', 'connection rate'],
  ['get_gpc', 'value of general purpose counter <idx>'],
  ['get_gpc0', 'value of GPC0'],
  ['get_gpc1', 'value of GPC1'],
  ['get_gpt', 'value of general purpose tag <idx>'],
  ['get_gpt0', 'value of GPT0'],
  ['glitch_cnt', 'cumulated front-connection glitches'],
  ['glitch_rate', 'rate of front-connection glitches'],
  ['gpc0_rate', 'increment rate of GPC0'],
  ['gpc1_rate', 'increment rate of GPC1'],
  ['gpc_rate', 'increment rate of general purpose counter <idx>'],
  ['http_err_cnt', 'cumulated HTTP client errors'],
  ['http_err_rate', 'rate of HTTP client errors'],
  ['http_fail_cnt', 'cumulated HTTP server failures'],
  ['http_fail_rate', 'rate of HTTP server failures'],
  ['http_req_cnt', 'cumulated HTTP requests'],
  ['http_req_rate', 'HTTP request rate'],
  ['inc_gpc', 'increments general purpose counter <idx> and returns it'],
  ['inc_gpc0', 'increments GPC0 and returns it'],
  ['inc_gpc1', 'increments GPC1 and returns it'],
  ['kbytes_in', 'kilobytes received from clients'],
  ['kbytes_out', 'kilobytes sent to clients'],
  ['key', 'key of the tracked entry'],
  ['sess_cnt', 'cumulated session count'],
  ['sess_rate', 'session rate'],
  ['tracked', 'whether the counter is currently tracked'],
  ['trackers', 'number of streams tracking the entry'],
  ['updt_conn_cnt', 'increments the connection count and returns it'],
  ['avl', 'free entries in the stick table'],
  ['cnt', 'entries used in the stick table'],
  ['expire', 'time left before the entry expires'],
  ['idle', 'time since the entry was last used'],
  ['server_id', 'server id stored in the entry'],
  ['gpc', 'value of general purpose counter <idx>'],
  ['gpc0', 'value of GPC0'],
  ['gpc1', 'value of GPC1'],
  ['gpt', 'value of general purpose tag <idx>'],
  ['gpt0', 'value of GPT0'],
]);

/** Certificate fields of `ssl_[cfs]_<field>`. */
const CERT_FIELD: ReadonlyMap<string, string> = new Map([
  ['ca_err', 'first CA verification error'],
  ['ca_err_depth', 'depth of the first CA error'],
  ['chain_der', 'chain in DER'],
  ['der', 'in DER form'],
  ['err', 'first verification error'],
  ['i_dn', 'issuer DN'],
  ['key_alg', 'key algorithm'],
  ['notafter', 'end of validity'],
  ['notbefore', 'start of validity'],
  ['r_dn', 'root CA DN'],
  ['s_dn', 'subject DN'],
  ['san', 'subject alternative names'],
  ['serial', 'serial number'],
  ['sha1', 'SHA-1 fingerprint'],
  ['sig_alg', 'signature algorithm'],
  ['used', 'presence in the current session'],
  ['verify', 'verification result code'],
  ['version', 'X509 version'],
]);

/** Whose certificate `ssl_c_*`, `ssl_f_*` and `ssl_s_*` read. */
const CERT_OWNER: ReadonlyMap<string, string> = new Map([
  ['c', 'Client certificate'],
  ['f', 'Frontend certificate'],
  ['s', 'Server certificate'],
]);

/** What the `internal.htx*` and `internal.strm*` debug fetches return. */
const HTX: ReadonlyMap<string, string> = new Map([
  ['data', 'data size'],
  ['free', 'free space'],
  ['free_data', 'free space for data'],
  ['has_eom', 'end-of-message flag'],
  ['nbblks', 'block count'],
  ['size', 'total size'],
  ['used', 'used space'],
  ['start_line', 'start line'],
  ['type', 'type'],
  ['hdrname', 'header name'],
  ['hdrval', 'header value'],
  ['is_htx', 'whether the stream uses HTX'],
]);

const HTX_SCOPE: ReadonlyMap<string, string> = new Map([
  ['htx', 'HTX message'],
  ['htx_blk', 'HTX block'],
  ['strm', 'Stream'],
]);

/** The summary of a sample that belongs to a family, or undefined. */
export function familySummary(kind: SampleFact['kind'], name: string): string | undefined {
  let m = /^(sc[0-2]?|src)_(.+)$/.exec(name);
  const counter = m ? COUNTER.get(m[2] ?? '') : undefined;
  if (kind === 'fetch' && m && counter !== undefined) {
    const prefix = m[1] ?? '';
    const owner =
      prefix === 'sc'
        ? 'sticky counter given as argument'
        : prefix === 'src'
          ? 'entry keyed by the client source'
          : `sticky counter ${prefix.slice(2)}`;
    return `Stick table ${owner}: ${counter}`;
  }
  m = /^table_(.+)$/.exec(name);
  const tableCounter = m ? COUNTER.get(m[1] ?? '') : undefined;
  if (tableCounter !== undefined) {
    return kind === 'converter'
      ? `Stick table entry keyed by the input: ${tableCounter}`
      : `Stick table: ${tableCounter}`;
  }
  m = /^ssl_([cfs])_(.+)$/.exec(name);
  const field = m ? CERT_FIELD.get(m[2] ?? '') : undefined;
  if (m && field !== undefined) return `${CERT_OWNER.get(m[1] ?? '') ?? ''}: ${field}`;
  m = /^ssl_([fb])c_(.+)_secret(_0)?$/.exec(name);
  if (m) {
    const side = m[1] === 'f' ? 'frontend' : 'backend';
    const what = (m[2] ?? '').replace(/_/g, ' ');
    return `TLS 1.3 ${what} secret of the ${side} connection (for key logging)`;
  }
  m = /^internal\.(htx|htx_blk|strm)\.(.+)$/.exec(name);
  if (m) {
    const item = m[2] ?? '';
    return `Debug: ${HTX_SCOPE.get(m[1] ?? '') ?? ''} ${HTX.get(item) ?? item}`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Facts beyond the keyword lists

/** Old fetch names the manual marks deprecated, with what replaces them. */
export const DEPRECATED_ALIASES: ReadonlyMap<string, string> = new Map([
  ['cook', 'req.cook'],
  ['cook_cnt', 'req.cook_cnt'],
  ['cook_val', 'req.cook_val'],
  ['cookie', 'req.cook / res.cook'],
  ['hdr_cnt', 'req.hdr_cnt'],
  ['hdr_ip', 'req.hdr_ip'],
  ['hdr_val', 'req.hdr_val'],
  ['payload', 'req.payload / res.payload'],
  ['payload_lv', 'req.payload_lv / res.payload_lv'],
  ['rdp_cookie', 'req.rdp_cookie'],
  ['rdp_cookie_cnt', 'req.rdp_cookie_cnt'],
  ['rep_ssl_hello_type', 'res.ssl_hello_type'],
  ['req_len', 'req.len'],
  ['req_proto_http', 'req.proto_http'],
  ['req_ssl_hello_type', 'req.ssl_hello_type'],
  ['req_ssl_sni', 'req.ssl_sni'],
  ['req_ssl_ver', 'req.ssl_ver'],
  ['req_ver', 'req.ver'],
  ['resp_ver', 'res.ver'],
  ['scook', 'res.cook'],
  ['scook_cnt', 'res.cook_cnt'],
  ['scook_val', 'res.cook_val'],
  ['set-cookie', 'res.cook'],
  ['shdr', 'res.hdr'],
  ['shdr_cnt', 'res.hdr_cnt'],
  ['shdr_ip', 'res.hdr_ip'],
  ['shdr_val', 'res.hdr_val'],
]);

/** How each `map_<match>` converter matches, for its summary. */
const MAP_MATCHES: readonly (readonly [string, string])[] = [
  ['str', 'exact string'],
  ['beg', 'prefix'],
  ['sub', 'substring'],
  ['dir', 'path segment'],
  ['dom', 'domain label'],
  ['end', 'suffix'],
  ['reg', 'regex'],
  ['regm', 'regex with back-references'],
  ['int', 'integer'],
  ['ip', 'IP/network'],
];

/** A sample the keyword lists lack, with the summary the generator gives it (if any). */
export interface ExtraSample {
  readonly fact: SampleFact;
  readonly summary?: string;
}

/**
 * Names the 2.6.12 binary registers (`haproxy -dKall`) that the keyword lists lack, and the
 * `map_<match>[_<output>]` converters, which the manual describes as one family.
 */
export const EXTRA_SAMPLES: readonly ExtraSample[] = [
  {
    fact: {
      name: 'base32+src',
      kind: 'fetch',
      section: '7.3.6',
      layer: 'l7',
      signature: '',
      minArgs: 0,
      maxArgs: 0,
      output: 'binary',
    },
  },
  {
    fact: {
      name: 'url32+src',
      kind: 'fetch',
      section: '7.3.6',
      layer: 'l7',
      signature: '',
      minArgs: 0,
      maxArgs: 0,
      output: 'binary',
    },
  },
  {
    fact: {
      name: 'sc1_clr_gpc',
      kind: 'fetch',
      section: '7.3.3',
      layer: 'l4',
      signature: '(<idx>[,<table>])',
      minArgs: 1,
      maxArgs: 2,
      output: 'integer',
      undocumented: true,
      anchorVersion: '3.2',
      anchor: 'sc_clr_gpc',
    },
  },
  {
    fact: {
      name: 'fcgi.docroot',
      kind: 'fetch',
      section: '7.3.6',
      layer: 'l7',
      signature: '',
      minArgs: 0,
      maxArgs: 0,
      output: 'string',
      undocumented: true,
    },
  },
  {
    fact: {
      name: 'fcgi.index',
      kind: 'fetch',
      section: '7.3.6',
      layer: 'l7',
      signature: '',
      minArgs: 0,
      maxArgs: 0,
      output: 'string',
      undocumented: true,
    },
  },
  ...MAP_MATCHES.flatMap(([match, how]) =>
    // `map_regm` only returns strings: back-references build the output.
    (match === 'regm' ? [''] : ['', '_int', '_ip']).map((out): ExtraSample => ({
      fact: {
        name: `map_${match}${out}`,
        kind: 'converter',
        section: '7.3.1',
        signature: '(<map_name>[,<default_value>])',
        minArgs: 1,
        maxArgs: 2,
        input: match === 'int' ? 'integer' : match === 'ip' ? 'address' : 'string',
        output: out === '_int' ? 'integer' : out === '_ip' ? 'address' : 'string',
        mapAnchor: true,
      },
      summary: `Map file lookup by ${how} match${
        out === '_int' ? ', integer result' : out === '_ip' ? ', address result' : ''
      }`,
    })),
  ),
];

/** Corrections to the facts, checked against the binaries or the manual's text. */
export const SAMPLE_OVERRIDES: ReadonlyMap<string, Partial<SampleFact>> = new Map<
  string,
  Partial<SampleFact>
>([
  ['fetch\treq.ssl_cipherlist', { output: 'binary' }],
  ['fetch\treq.ssl_keyshare_groups', { output: 'binary' }],
  ['fetch\treq.ssl_sigalgs', { output: 'binary' }],
  ['fetch\treq.ssl_supported_groups', { output: 'binary' }],
  ['fetch\tnbproc', { output: 'integer', removed: null }],
  ['fetch\tmethod', { output: 'method' }],
  // same parser as fc_rtt / fc_rttvar, whose unit the 2.6.12 binary treats as optional
  ['fetch\tbc_rtt', { minArgs: 0 }],
  ['fetch\tbc_rttvar', { minArgs: 0 }],
  // registered by the 2.6.12 binary although first documented in 3.0
  ['fetch\tfc_src_port', { since: null }],
  ['converter\tmap_match', { input: 'any', output: 'string', anchor: 'map' }],
  ['converter\tmap_match_output', { input: 'any', output: 'any', anchor: 'map' }],
]);

/**
 * The manual each target version links to, as the data tag of its keyword lists: where each
 * manual files a sample (its section), so that a link can follow the target version.
 */
export const MANUAL_TAGS: readonly (readonly [string, string])[] = [
  ['2.6', 'deb-2.6.12'],
  ['2.8', 'v2.8.0'],
  ['3.0', 'v3.0.0'],
  ['3.2', 'v3.2.0'],
  ['3.4', 'v3.4.0'],
];
