/**
 * Actions of the HAProxy rule sets (`http-request`, `http-response`, `http-after-response`,
 * `tcp-request connection|session|content`, `tcp-response content`, `quic-initial`) and the
 * directives of `http-check` / `tcp-check`.
 *
 * Rule-set membership: 2.6 from the 2.6 manual (section 4.2 entries such as
 * `http-request set-header`) and `haproxy -dKall` of Debian 2.6.12; 3.0, 3.2 and 3.4 from the
 * actions matrix (section 4.3). `scripts/generate/haproxy-action-facts.ts` prints that table and
 * `test/scripts/generate.test.ts` checks this file against it (it is written by hand, not
 * generated). Where an action reached a rule set between 2.6 and 3.0 we do not know whether it
 * was 2.7/2.8 or 2.9/3.0; we record `2.8` then (permissive: a missed warning is better than a
 * false error), except for the mark/TOS actions which are known to come with 2.9.
 *
 * Names are unique per rule set, not globally: `send`, `expect` exist both for `http-check` and
 * `tcp-check` with different arguments. Summaries and descriptions are our own words.
 */
import type { ArgSpec, ArgType } from '../../common/catalog.js';
import { HAPROXY_DOC_VERSION, haproxyDocUrl } from './doc-url.js';
import type { ActionSpec, Lifecycle, RuleSet } from './types.js';

function arg(name: string, type: ArgType, more: Partial<ArgSpec> = {}): ArgSpec {
  return { name, type, ...more };
}
const opt = (name: string, type: ArgType, more: Partial<ArgSpec> = {}): ArgSpec =>
  arg(name, type, { optional: true, ...more });
const rest = (name: string, type: ArgType = 'string'): ArgSpec =>
  arg(name, type, { optional: true, variadic: true });

const CODES: Record<string, RuleSet> = {
  Q: 'quic-initial',
  C: 'tcp-request connection',
  S: 'tcp-request session',
  T: 'tcp-request content',
  R: 'tcp-response content',
  H: 'http-request',
  P: 'http-response',
  A: 'http-after-response',
};
const RULESET_ORDER = 'HPACSTRQ';

/** `'CHST'` → the rule sets, in a stable order. */
function rs(codes: string): RuleSet[] {
  const out: RuleSet[] = [];
  for (const c of RULESET_ORDER) {
    const r = CODES[c];
    if (codes.includes(c) && r !== undefined) out.push(r);
  }
  return out;
}

interface Extra {
  readonly since?: string;
  readonly deprecated?: Lifecycle;
  readonly removed?: Lifecycle;
  readonly final?: boolean;
  readonly experimental?: boolean;
  /** Rule sets reached later, as `{ A: '2.8', Q: '3.2' }`. */
  readonly later?: Readonly<Record<string, string>>;
  readonly docUrl?: string;
}

/** `#4.4-<name>` of the 3.2 manual (3.4 for actions new in 3.4). */
function actionDocUrl(name: string, since?: string): string {
  return haproxyDocUrl(since === '3.4' ? '3.4' : HAPROXY_DOC_VERSION, '4.4', name);
}

/** The `http-check` / `tcp-check` directives are proxy keywords (section 4.2). */
function checkDocUrl(keyword: string): string {
  return haproxyDocUrl(HAPROXY_DOC_VERSION, '4.2', keyword);
}

function act(
  name: string,
  codes: string,
  args: readonly ArgSpec[],
  summary: string,
  description: string,
  extra: Extra = {},
): ActionSpec {
  const { later, docUrl, ...lifecycle } = extra;
  const laterCodes = Object.keys(later ?? {}).join('');
  const rulesetSince: Partial<Record<RuleSet, string>> = {};
  for (const [code, version] of Object.entries(later ?? {})) {
    const r = CODES[code];
    if (r !== undefined) rulesetSince[r] = version;
  }
  return {
    name,
    rulesets: rs(codes + laterCodes),
    args,
    summary,
    description,
    docUrl: docUrl ?? actionDocUrl(name, extra.since),
    ...lifecycle,
    ...(laterCodes ? { rulesetSince } : {}),
  };
}

function check(
  name: string,
  rulesets: readonly ('http-check' | 'tcp-check')[],
  args: readonly ArgSpec[],
  summary: string,
  description: string,
): ActionSpec {
  const first = rulesets[0] ?? 'http-check';
  return { name, rulesets, args, summary, description, docUrl: checkDocUrl(`${first} ${name}`) };
}

const key = arg('key', 'log-format');
const headerName = arg('name', 'string');
const fmt = arg('fmt', 'log-format');
const expr = arg('expr', 'sample');
/** `{ <int> | <expr> }`: a literal or a sample expression, so any single word. */
const valueOrExpr = (name: string): ArgSpec => arg(name, 'word');
const scArgs = [valueOrExpr('value')];
const statusOptions = rest('options');
/** The options of an HTTP reply (`return`, `deny`, `tarpit`): `errorfiles` names an http-errors. */
const replyOptions: ArgSpec = { ...rest('options'), refersAfter: { errorfiles: 'http-errors' } };
/** The options of a tracking action: `table` names the stick table. */
const trackOptions: ArgSpec = { ...rest('options'), refersAfter: { table: 'table' } };

const HTTP_CHECK_EXPECT = ['status', 'rstatus', 'hdr', 'fhdr', 'string', 'rstring', 'string-lf'];
const TCP_CHECK_EXPECT = ['string', 'rstring', 'string-lf', 'binary', 'rbinary', 'binary-lf'];

export const ACTIONS: readonly ActionSpec[] = [
  act(
    'accept',
    'CSTR',
    [],
    'Stop evaluating this rule set and let the traffic through',
    'Ends the current rule set with a positive verdict; later rule sets still run.',
    { final: true, later: { Q: '3.2' } },
  ),
  act(
    'add-acl',
    'HP',
    [key],
    'Add an entry to an ACL file, written `add-acl(<file>) <key fmt>`',
    'Inserts the key built from the log-format string into the in-memory copy of the ACL file ' +
      'named in parentheses (nothing is written to disk).',
  ),
  act(
    'add-header',
    'HPA',
    [headerName, fmt],
    'Append a header built from a log-format string',
    'Adds a new header line even when one with the same name exists; use `set-header` to ' +
      'replace instead.',
  ),
  act(
    'add-headers-bin',
    'HPA',
    [expr, rest('options')],
    'Add headers decoded from a binary sample',
    'Decodes a list of headers encoded in binary form (as produced by `req.hdrs_bin`) and adds ' +
      'them, optionally prefixing their names with `prefix <str>`.',
    { since: '3.4' },
  ),
  act(
    'allow',
    'HPA',
    [],
    'Stop this rule set and let the message pass',
    'Ends the evaluation of the current HTTP rule set without blocking.',
    { final: true },
  ),
  act(
    'attach-srv',
    'S',
    [arg('server', 'reference', { refers: 'server' }), rest('options')],
    'Attach the connection to a server for reverse HTTP (experimental)',
    'Turns an incoming connection into an idle connection of `<backend>/<server>` for reverse ' +
      'HTTP, optionally naming it with `name <expr>`. Needs `expose-experimental-directives`.',
    { since: '3.0', experimental: true },
  ),
  act(
    'auth',
    'H',
    [rest('options')],
    'Ask the client for HTTP authentication (401/407)',
    'Replies with an authentication challenge, with an optional `realm <realm>`. Usually ' +
      'combined with `http_auth(<userlist>)` in the condition.',
    { final: true },
  ),
  act(
    'cache-store',
    'P',
    [arg('cache', 'reference', { refers: 'cache' })],
    'Store the response in a cache',
    'Saves cacheable responses in the named `cache` section.',
  ),
  act(
    'cache-use',
    'H',
    [arg('cache', 'reference', { refers: 'cache' })],
    'Serve the request from a cache when possible',
    'Looks the request up in the named `cache` section and answers from it on a hit.',
  ),
  act(
    'capture',
    'HPAT',
    [arg('sample', 'sample'), rest('options')],
    'Capture a sample into a capture slot for the logs',
    'Stores the sample in a capture slot: `len <n>` creates one (requests), `id <n>` reuses a ' +
      'slot declared with `declare capture`.',
  ),
  act(
    'close',
    'R',
    [],
    'Close the connection with the server',
    'Stops the exchange on the server side immediately.',
    { final: true },
  ),
  act(
    'del-acl',
    'HP',
    [key],
    'Remove an entry from an ACL file, written `del-acl(<file>) <key fmt>`',
    'Deletes the key from the in-memory copy of the ACL file named in parentheses.',
  ),
  act(
    'del-header',
    'HPA',
    [headerName, rest('options')],
    'Remove headers by name',
    'Deletes every header with the given name; `-m <meth>` selects another matching method ' +
      '(str, beg, end, sub, reg).',
  ),
  act(
    'del-headers-bin',
    'HPA',
    [expr, rest('options')],
    'Remove the headers listed in a binary sample',
    'Deletes the headers whose names are encoded in the binary sample; `-m <meth>` sets the ' +
      'matching method.',
    { since: '3.4' },
  ),
  act(
    'del-map',
    'HP',
    [key],
    'Remove an entry from a map, written `del-map(<file>) <key fmt>`',
    'Deletes the key from the in-memory copy of the map named in parentheses.',
    { later: { A: '2.8' } },
  ),
  act(
    'deny',
    'HP',
    [replyOptions],
    'Refuse the message with an error response',
    'Stops processing and returns an error (403 by default). Options: `status <code>` (or ' +
      '`deny_status`), `content-type`, and the body/headers options of `return`.',
    { final: true },
  ),
  act(
    'dgram-drop',
    'Q',
    [],
    'Silently drop the QUIC Initial packet',
    'Ignores the datagram without answering the client.',
    { since: '3.2', final: true },
  ),
  act(
    'disable-l7-retry',
    'H',
    [],
    'Disable layer-7 retries for this request',
    'Prevents `retry-on` from replaying this request, e.g. for non-idempotent methods.',
  ),
  act(
    'do-log',
    'QCSTRHPA',
    [rest('options')],
    'Emit a log line now',
    'Produces a log line at this point of the processing, optionally with `profile <name>` to ' +
      'select a `log-profile`.',
    // Registered by http_act.c, tcp_act.c and quic_rules.c since 3.1.
    { since: '3.1' },
  ),
  act(
    'do-resolve',
    'HT',
    [expr],
    'Resolve a name with DNS into a variable, written `do-resolve(<var>,<resolvers>[,ipv4|ipv6]) <expr>`',
    'Pauses the stream while the name given by the expression is resolved with the named ' +
      'resolvers section; the address is stored in the variable.',
  ),
  act(
    'early-hint',
    'H',
    [headerName, fmt],
    'Send a 103 Early Hints header',
    'Queues a header for an interim 103 response sent before the final one, typically `Link` ' +
      'for preloading.',
  ),
  act(
    'expect-netscaler-cip',
    'C',
    [arg('layer', 'enum', { values: ['layer4'] })],
    'Read a NetScaler Client IP header (`expect-netscaler-cip layer4`)',
    'Decodes a NetScaler CIP header at the start of the connection and uses the addresses it ' +
      'carries.',
  ),
  act(
    'expect-proxy',
    'C',
    [arg('layer', 'enum', { values: ['layer4'] })],
    'Read a PROXY protocol header (`expect-proxy layer4`)',
    'Like `accept-proxy` on the bind line, but only when the condition matches, e.g. for ' +
      'trusted sources.',
  ),
  act(
    'normalize-uri',
    'H',
    [
      arg('normalizer', 'enum', {
        values: [
          'fragment-encode',
          'fragment-strip',
          'path-merge-slashes',
          'path-strip-dot',
          'path-strip-dotdot',
          'percent-decode-unreserved',
          'percent-to-uppercase',
          'query-sort-by-name',
        ],
      }),
      opt('flag', 'enum', { values: ['full', 'strict'] }),
    ],
    'Normalize the request URI (experimental)',
    'Applies one normalization (merge slashes, resolve dot segments, fix percent-encoding, sort ' +
      'query parameters…). Needs `expose-experimental-directives`.',
    { experimental: true },
  ),
  act(
    'ot-group',
    'HPATR',
    [arg('filter', 'string'), arg('group', 'string')],
    'Run an OpenTracing group (OT add-on builds only)',
    'Triggers a group of the OpenTracing filter named by its id. Only present when HAProxy is ' +
      'built with the OT add-on (the Debian 2.6 package is).',
    { docUrl: 'https://github.com/haproxy/haproxy/blob/master/addons/ot/README' },
  ),
  act(
    'pause',
    'HP',
    [valueOrExpr('delay')],
    'Pause processing for a delay',
    'Waits for a fixed time or one computed by a sample expression (in milliseconds) before ' +
      'continuing.',
    { since: '3.2' },
  ),
  act(
    'redirect',
    'HP',
    [rest('rule')],
    'Answer with an HTTP redirection',
    'Same syntax as the `redirect` proxy keyword: `location`, `prefix` or `scheme` followed by ' +
      'its options.',
    { final: true },
  ),
  act(
    'reject',
    'CSTRH',
    [],
    'Close the connection without a response',
    'Drops the connection (or stream) at once; nothing is sent back.',
    { final: true, later: { Q: '3.2' } },
  ),
  act(
    'replace-header',
    'HPA',
    [headerName, arg('regex', 'regex'), fmt],
    'Rewrite full header lines with a regex',
    'Applies the regex to the whole value of each matching header and replaces it with the ' +
      'log-format string, which may use back-references.',
  ),
  act(
    'replace-path',
    'H',
    [arg('regex', 'regex'), fmt],
    'Rewrite the path with a regex',
    'Replaces the path (without the query string) when the regex matches.',
  ),
  act(
    'replace-pathq',
    'H',
    [arg('regex', 'regex'), fmt],
    'Rewrite the path and query string with a regex',
    'Like `replace-path`, but the query string is included in the matched text.',
  ),
  act(
    'replace-uri',
    'H',
    [arg('regex', 'regex'), fmt],
    'Rewrite the whole request URI with a regex',
    'Matches and replaces the complete URI, scheme and authority included when present.',
  ),
  act(
    'replace-value',
    'HPA',
    [headerName, arg('regex', 'regex'), fmt],
    'Rewrite each comma-separated header value with a regex',
    'Like `replace-header`, but works on every value of a comma-separated list.',
  ),
  act(
    'return',
    'HP',
    [replyOptions],
    'Answer directly with a custom response',
    'Stops processing and sends a response built from `status`, `content-type`, and one of ' +
      '`errorfile`, `errorfiles`, `file`, `lf-file`, `string` or `lf-string`, plus `hdr` lines.',
    { final: true },
  ),
  act(
    'sc-add-gpc',
    'CSTRHPA',
    scArgs,
    'Add a value to a general purpose counter, written `sc-add-gpc(<idx>,<sc-id>) <value>`',
    'Adds an integer or the result of an expression to GPC number `idx` of the entry tracked by ' +
      'the sticky counter.',
    { since: '2.8' },
  ),
  act(
    'sc-inc-gpc',
    'CSTRHP',
    [],
    'Increment a general purpose counter, written `sc-inc-gpc(<idx>,<sc-id>)`',
    'Adds one to GPC number `idx` of the entry tracked by the sticky counter.',
    { later: { A: '2.8' } },
  ),
  act(
    'sc-inc-gpc0',
    'CSTRHP',
    [],
    'Increment GPC0, written `sc-inc-gpc0(<sc-id>)`',
    'Adds one to GPC0 of the entry tracked by the sticky counter.',
    { later: { A: '2.8' } },
  ),
  act(
    'sc-inc-gpc1',
    'CSTRHP',
    [],
    'Increment GPC1, written `sc-inc-gpc1(<sc-id>)`',
    'Adds one to GPC1 of the entry tracked by the sticky counter.',
    { later: { A: '2.8' } },
  ),
  act(
    'sc-set-gpt',
    'CSTRHP',
    [valueOrExpr('value')],
    'Set a general purpose tag, written `sc-set-gpt(<idx>,<sc-id>) <value>`',
    'Stores an integer or expression result in GPT number `idx` of the tracked entry.',
    { later: { A: '2.8' } },
  ),
  act(
    'sc-set-gpt0',
    'CSTRHP',
    [valueOrExpr('value')],
    'Set GPT0, written `sc-set-gpt0(<sc-id>) <value>`',
    'Stores an integer or expression result in GPT0 of the tracked entry.',
    { later: { A: '2.8' } },
  ),
  act(
    'send-retry',
    'Q',
    [],
    'Answer the QUIC Initial with a Retry',
    'Forces address validation of the client through a Retry packet.',
    { since: '3.2', final: true },
  ),
  act(
    'send-spoe-group',
    'HPTR',
    [arg('engine', 'string'), arg('group', 'string')],
    'Send a group of SPOE messages to an agent',
    'Sends the messages of the named SPOE group of the given engine right away.',
  ),
  act(
    'set-bandwidth-limit',
    'HPTR',
    [arg('filter', 'string'), rest('options')],
    'Apply a bandwidth limitation filter',
    'Enables the named `bwlim-in`/`bwlim-out` filter for the stream, optionally overriding ' +
      '`limit` and `period`.',
    { since: '2.8' },
  ),
  act(
    'set-bc-mark',
    'HT',
    [valueOrExpr('mark')],
    'Set the netfilter mark of the server connection',
    'Marks packets sent to the server with a value or expression result (Linux/FreeBSD).',
    { since: '3.0' },
  ),
  act(
    'set-bc-tos',
    'HT',
    [valueOrExpr('tos')],
    'Set the TOS/DSCP of the server connection',
    'Sets the type-of-service field of packets sent to the server.',
    { since: '3.0' },
  ),
  act(
    'set-dst',
    'CSTH',
    [expr],
    'Replace the destination address',
    'Overwrites the destination address seen by HAProxy (the port is kept) with the expression ' +
      'result.',
  ),
  act(
    'set-dst-port',
    'CSTH',
    [expr],
    'Replace the destination port',
    'Overwrites the destination port seen by HAProxy with the expression result.',
  ),
  act(
    'set-fc-mark',
    'CSTRHP',
    [valueOrExpr('mark')],
    'Set the netfilter mark of the client connection',
    'Marks packets sent to the client with a value or expression result. Replaces `set-mark`.',
    { since: '3.0' },
  ),
  act(
    'set-fc-tos',
    'CSTRHP',
    [valueOrExpr('tos')],
    'Set the TOS/DSCP of the client connection',
    'Sets the type-of-service field of packets sent to the client. Replaces `set-tos`.',
    { since: '3.0' },
  ),
  act(
    'set-header',
    'HPA',
    [headerName, fmt],
    'Replace a header with a value built from a log-format string',
    'Removes every header with that name, then adds one with the new value.',
  ),
  act(
    'set-headers-bin',
    'HPA',
    [expr, rest('options')],
    'Replace headers from a binary-encoded list',
    'Like `add-headers-bin`, but existing headers with the same names are removed first.',
    { since: '3.4' },
  ),
  act(
    'set-log-level',
    'HPTR',
    [
      arg('level', 'enum', {
        values: ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug', 'silent'],
      }),
    ],
    'Change the log level of this stream',
    'Logs of the stream use this syslog level; `silent` suppresses them.',
    { later: { A: '2.8' } },
  ),
  act(
    'set-map',
    'HP',
    [key, arg('value', 'log-format')],
    'Add or update a map entry, written `set-map(<file>) <key fmt> <value fmt>`',
    'Changes the in-memory copy of the map named in parentheses.',
    { later: { A: '2.8' } },
  ),
  act(
    'set-mark',
    'CSTRHP',
    [valueOrExpr('mark')],
    'Set the netfilter mark of the client connection (deprecated)',
    'Former name of `set-fc-mark`, deprecated since 3.0: it marks the packets sent to the client ' +
      'with a netfilter mark (Linux) or user cookie (FreeBSD).',
    { deprecated: { since: '3.0', replacement: 'set-fc-mark' } },
  ),
  act(
    'set-method',
    'H',
    [fmt],
    'Replace the request method',
    'Rewrites the method with the result of the log-format string.',
  ),
  act(
    'set-nice',
    'HPTR',
    [arg('nice', 'int', { min: -1024, max: 1024 })],
    'Change the scheduling priority of the stream',
    'Positive values let other streams go first; negative ones favour this stream.',
  ),
  act(
    'set-path',
    'H',
    [fmt],
    'Replace the request path',
    'Rewrites the path and keeps the query string.',
  ),
  act(
    'set-pathq',
    'H',
    [fmt],
    'Replace the request path and query string',
    'Rewrites both the path and the query string at once.',
  ),
  act(
    'set-priority-class',
    'HT',
    [expr],
    'Set the queue priority class of the request',
    'Lower classes leave the server queue first; the value ranges from -2047 to 2047.',
  ),
  act(
    'set-priority-offset',
    'HT',
    [expr],
    'Set the queue priority offset of the request',
    'Shifts the position of the request within its class, in milliseconds.',
  ),
  act(
    'set-query',
    'H',
    [fmt],
    'Replace the query string',
    'Rewrites the query string (without the `?`); an empty result removes it.',
  ),
  act(
    'set-retries',
    'HT',
    [valueOrExpr('retries')],
    'Override the number of connection retries',
    'Sets, for this stream, how many times a failed connection may be retried.',
    { since: '3.2' },
  ),
  act(
    'set-src',
    'CSTH',
    [expr],
    'Replace the source address',
    'Overwrites the client address seen by HAProxy, e.g. from a trusted header.',
  ),
  act(
    'set-src-port',
    'CSTH',
    [expr],
    'Replace the source port',
    'Overwrites the client port seen by HAProxy with the expression result.',
  ),
  act(
    'set-status',
    'PA',
    [arg('status', 'int', { min: 100, max: 999 }), rest('options')],
    'Change the response status code',
    'Replaces the status code and, with `reason <str>`, the reason phrase.',
  ),
  act(
    'set-timeout',
    'H',
    [arg('timeout', 'enum', { values: ['client', 'server', 'tunnel'] }), valueOrExpr('value')],
    'Override a timeout for this stream',
    'Sets the server, tunnel or (recent versions) client timeout from a time value or an ' +
      'expression.',
    { later: { P: '2.8' } },
  ),
  act(
    'set-tos',
    'CSTRHP',
    [valueOrExpr('tos')],
    'Set the TOS/DSCP of the client connection (deprecated)',
    'Former name of `set-fc-tos`, deprecated since 3.0: it sets the TOS/DSCP field of the ' +
      'packets sent to the client.',
    { deprecated: { since: '3.0', replacement: 'set-fc-tos' } },
  ),
  act(
    'set-uri',
    'H',
    [fmt],
    'Replace the whole request URI',
    'Rewrites the URI as sent on the request line, authority included when absolute.',
  ),
  {
    ...act(
      'set-var',
      'CSTRHPA',
      [expr],
      'Store a sample in a variable, written `set-var(<name>[,<cond>...]) <expr>`',
      'Evaluates the expression and stores the result in the variable (scopes proc, sess, txn, ' +
        'req, res, check). Conditions such as `ifnotexists` restrict when it is written.',
    ),
    rulesets: [...rs('CSTRHPA'), 'http-check', 'tcp-check'],
  },
  {
    ...act(
      'set-var-fmt',
      'CSTRHPA',
      [fmt],
      'Store a log-format string in a variable, written `set-var-fmt(<name>[,<cond>...]) <fmt>`',
      'Builds a string from the log-format expression and stores it in the variable.',
    ),
    rulesets: [...rs('CSTRHPA'), 'http-check', 'tcp-check'],
  },
  act(
    'silent-drop',
    'CSTRHP',
    [rest('options')],
    'Drop the connection without telling the client',
    'Closes the connection so that the client gets no notification and keeps waiting; ' +
      '`rst-ttl <ttl>` makes a reset expire before reaching it.',
    { final: true },
  ),
  act(
    'strict-mode',
    'HPA',
    [arg('state', 'enum', { values: ['on', 'off'] })],
    'Make failed header rewrites fatal or not',
    'With `on` (the default) a rewrite that fails aborts the transaction with an error.',
  ),
  act(
    'switch-mode',
    'T',
    [arg('mode', 'enum', { values: ['http'] }), rest('options')],
    'Upgrade a TCP stream to HTTP',
    'Switches the stream to HTTP processing, optionally forcing a multiplexer with ' +
      '`proto <name>`.',
  ),
  act(
    'tarpit',
    'H',
    [replyOptions],
    'Hold the request, then answer with an error',
    'Keeps the connection open for `timeout tarpit` before returning an error (500 by default), ' +
      'to slow down abusers. Accepts the same options as `deny`.',
    { final: true },
  ),
  ...[0, 1, 2].map((n) =>
    act(
      `track-sc${n}`,
      'CSTHP',
      [arg('key', 'sample'), trackOptions],
      `Track a key in sticky counter ${n}`,
      `Starts tracking the key in a stick table (the current one or \`table <name>\`) through ` +
        `sticky counter ${n}, so that its counters are updated and can be read.`,
    ),
  ),
  {
    ...act(
      'unset-var',
      'CSTRHPA',
      [],
      'Delete a variable, written `unset-var(<name>)`',
      'Removes the variable so that later reads find nothing.',
    ),
    rulesets: [...rs('CSTRHPA'), 'http-check', 'tcp-check'],
  },
  act(
    'use-service',
    'HT',
    [arg('service', 'word')],
    'Hand the stream to an applet (Lua or built-in service)',
    'Lets a service such as `prometheus-exporter` or a `lua.*` service produce the response.',
    { final: true },
  ),
  act(
    'wait-for-body',
    'HP',
    [rest('options')],
    'Wait for the message body before continuing',
    'Buffers the body for up to `time <time>`, optionally until `at-least <bytes>` arrived, so ' +
      'that body fetches can see it.',
  ),
  act(
    'wait-for-handshake',
    'H',
    [],
    'Wait for the TLS handshake to complete',
    'Delays requests received as TLS early data until the handshake is confirmed.',
  ),

  // ---- http-check / tcp-check directives ----
  check(
    'comment',
    ['http-check', 'tcp-check'],
    [arg('text', 'string', { variadic: true })],
    'Label the following check rules',
    'Attaches a comment that is reported when one of the following rules fails.',
  ),
  check(
    'connect',
    ['http-check', 'tcp-check'],
    [rest('options')],
    'Open a new check connection',
    'Starts a connection step; options: `default`, `port`, `addr`, `send-proxy`, `via-socks4`, ' +
      '`ssl`, `sni`, `alpn`, `linger`, `proto`, `comment`.',
  ),
  check(
    'disable-on-404',
    ['http-check'],
    [],
    'Put the server in drain mode when it answers 404',
    'A server replying 404 to checks stops receiving new traffic but keeps its sessions.',
  ),
  check(
    'expect',
    ['http-check'],
    [arg('match', 'string', { variadic: true, values: HTTP_CHECK_EXPECT })],
    'Define what a healthy HTTP check response looks like',
    'Options (`min-recv`, `comment`, `ok-status`, `error-status`, `tout-status`, `on-success`, ' +
      '`on-error`, `status-code`) then an optional `!` and a match: ' +
      HTTP_CHECK_EXPECT.map((m) => `\`${m}\``).join(', ') +
      '.',
  ),
  check(
    'expect',
    ['tcp-check'],
    [arg('match', 'string', { variadic: true, values: TCP_CHECK_EXPECT })],
    'Define the data expected from the server',
    'Options (`min-recv`, `comment`, `ok-status`, `error-status`, `tout-status`, `on-success`, ' +
      '`on-error`, `status-code`) then an optional `!` and a match: ' +
      TCP_CHECK_EXPECT.map((m) => `\`${m}\``).join(', ') +
      '.',
  ),
  check(
    'send',
    ['http-check'],
    [statusOptions],
    'Describe the HTTP request sent by checks',
    'Options: `meth`, `uri` or `uri-lf`, `ver`, repeated `hdr <name> <fmt>`, `body` or ' +
      '`body-lf`, `comment`.',
  ),
  check(
    'send-state',
    ['http-check'],
    [],
    'Add the server state header to check requests',
    'Adds an `X-Haproxy-Server-State` header describing how HAProxy sees the server.',
  ),
  check(
    'send',
    ['tcp-check'],
    [arg('data', 'string'), rest('options')],
    'Send a string to the server',
    'Sends the text as is; `comment <msg>` may follow.',
  ),
  check(
    'send-lf',
    ['tcp-check'],
    [arg('fmt', 'log-format'), rest('options')],
    'Send a log-format string to the server',
    'Builds the text from a log-format expression before sending it.',
  ),
  check(
    'send-binary',
    ['tcp-check'],
    [arg('hex', 'string'), rest('options')],
    'Send bytes given in hexadecimal',
    'Decodes the hex string and sends the raw bytes.',
  ),
  check(
    'send-binary-lf',
    ['tcp-check'],
    [arg('hexfmt', 'log-format'), rest('options')],
    'Send bytes built from a hex log-format string',
    'Evaluates the log-format expression, decodes the hex result and sends the bytes.',
  ),
];
