/**
 * Facts about HAProxy keywords that the keyword lists of `../shared/data` do not give, or give
 * wrongly: lifecycles (deprecations, removals and what replaces them), first versions of
 * keywords only documented in the body of the manual, errata of the proxy matrix, and the
 * build features some keywords need. Each entry says where the fact comes from; the notes shown
 * to users are our own words.
 */

/** A lifecycle step as the catalog prints it (`Lifecycle`), keys in output order. */
export interface LifeStep {
  readonly since: string;
  readonly replacement?: string;
  readonly note?: string;
}

/** What is known of a keyword's life beyond the version lists. */
export interface Life {
  readonly deprecated?: LifeStep;
  readonly removed?: LifeStep;
}

/** The HAProxy series whose keyword lists are read, oldest first. */
export const VERSIONS = ['2.0', '2.2', '2.4', '2.6', '2.8', '3.0', '3.2', '3.4'] as const;

/** The proxy sections, in the column order of the proxy matrix. */
export const PROXY_COLUMNS = ['defaults', 'frontend', 'listen', 'backend'] as const;

// ---------------------------------------------------------------------------------------------
// Global section

/**
 * Keywords documented only in the body of chapter 3 (not in its index): the first version known
 * to have them, chosen on the early side when unsure (fewer false "not yet" errors). `null`
 * means "older than our oldest target".
 */
export const GLOBAL_SINCE: ReadonlyMap<string, string | null> = new Map([
  ['acme.scheduler', '3.2'],
  ['http-err-codes', '3.0'],
  ['http-fail-codes', '3.0'],
  ['no-quic', '3.0'],
  ['setcap', '3.0'],
  ['stress-level', '3.2'],
  ['thread-hard-limit', '3.0'],
  ['tune.glitches.kill.cpu-usage', '3.2'],
  ['tune.listener.default-shards', '2.8'],
  ['tune.notsent-lowat.client', '3.2'],
  ['tune.notsent-lowat.server', '3.2'],
  ['quick-exit', '3.0'],
  ['shm-stats-file', '3.4'],
  ['shm-stats-file-max-objects', '3.4'],
  ['ssl-passphrase-cmd', '3.4'],
  ['stats calculate-max-counters', '3.4'],
  ['tune.h2.log-errors', '3.4'],
  // listed by `haproxy -dKall` of 2.6.12
  ['tune.h2.max-frame-size', null],
  // `master-worker [no-exit-on-failure]` in 2.6
  ['master-worker no-exit-on-failure', null],
]);

/** QUIC settings renamed in 3.3 (old name → new name); the old names go in 3.5. */
const QUIC_RENAMES: readonly (readonly [string, string])[] = [
  ['tune.quic.cc-hystart', 'tune.quic.fe.cc.hystart'],
  ['tune.quic.cc.cubic.min-losses', 'tune.quic.fe.cc.cubic-min-losses'],
  ['tune.quic.disable-tx-pacing', 'tune.quic.fe.tx.pacing'],
  ['tune.quic.disable-udp-gso', 'tune.quic.fe.tx.udp-gso'],
  ['tune.quic.frontend.default-max-window-size', 'tune.quic.fe.cc.max-win-size'],
  ['tune.quic.frontend.glitches-threshold', 'tune.quic.fe.sec.glitches-threshold'],
  ['tune.quic.frontend.max-data-size', 'tune.quic.fe.stream.rxbuf'],
  ['tune.quic.frontend.max-idle-timeout', 'tune.quic.fe.max-idle-timeout'],
  ['tune.quic.frontend.max-streams-bidi', 'tune.quic.fe.stream.max-concurrent'],
  ['tune.quic.frontend.max-tx-mem', 'tune.quic.mem.tx-max'],
  ['tune.quic.frontend.stream-data-ratio', 'tune.quic.fe.stream.data-ratio'],
  ['tune.quic.max-frame-loss', 'tune.quic.fe.cc.max-frame-loss'],
  ['tune.quic.reorder-ratio', 'tune.quic.fe.cc.reorder-ratio'],
  ['tune.quic.retry-threshold', 'tune.quic.fe.sec.retry-threshold'],
  ['tune.quic.socket-owner', 'tune.quic.fe.sock-per-conn'],
];

/**
 * Lifecycles of global keywords. A keyword listed here is never marked removed just because the
 * newer keyword lists lack it: its entry says all there is.
 */
export const GLOBAL_LIFE: ReadonlyMap<string, Life> = new Map<string, Life>([
  [
    'debug',
    {
      removed: {
        since: '2.4',
        replacement: '-d command-line option',
        note: 'Gone from the configuration language; HAProxy reports it as an unknown keyword. Start with `-d` to debug.',
      },
    },
  ],
  [
    'nbproc',
    {
      removed: {
        since: '2.5',
        replacement: 'nbthread',
        note: 'Multi-process mode is gone; threads are used automatically on multi-core machines.',
      },
    },
  ],
  [
    'tune.chksize',
    {
      removed: {
        since: '2.5',
        replacement: 'tune.bufsize',
        note: 'Health-check buffers now use the regular buffer size.',
      },
    },
  ],
  [
    'stats bind-process',
    {
      deprecated: { since: '2.6', note: 'Has no effect since multi-process mode is gone.' },
      removed: { since: '2.7', note: 'Remove the line; there is only one process.' },
    },
  ],
  [
    'tune.ssl.capture-cipherlist-size',
    { deprecated: { since: '2.6', replacement: 'tune.ssl.capture-buffer-size' } },
  ],
  [
    'tune.ssl.ocsp-update.maxdelay',
    { deprecated: { since: '3.0', replacement: 'ocsp-update.maxdelay' } },
  ],
  [
    'tune.ssl.ocsp-update.mindelay',
    { deprecated: { since: '3.0', replacement: 'ocsp-update.mindelay' } },
  ],
  [
    'master-worker',
    {
      deprecated: {
        since: '3.3',
        replacement: '-W or -Ws command-line option',
        note: 'Removed in 3.5; start HAProxy with -W or -Ws instead.',
      },
    },
  ],
  [
    'tune.takeover-other-tg-connections',
    {
      deprecated: {
        since: '3.4',
        replacement: 'tune.idle-pool.shared',
        note: 'Planned for removal in 3.7.',
      },
    },
  ],
  [
    'no-quic',
    {
      deprecated: {
        since: '3.3',
        replacement: 'tune.quic.listen off',
        note: 'No longer documented in 3.4, where `tune.quic.listen` controls QUIC listeners.',
      },
    },
  ],
  // registered by 2.6.12 (`haproxy -dKall`) but never documented; no sign of a removal
  ['tune.vars.check-max-size', {}],
  [
    'tune.quic.frontend.conn-tx-buffers.limit',
    {
      removed: {
        since: '3.2',
        note: 'No longer documented; QUIC sending memory is now bounded globally.',
      },
    },
  ],
  ...QUIC_RENAMES.map(([old, renamed]): [string, Life] => [
    old,
    {
      deprecated: {
        since: '3.3',
        replacement: renamed,
        note: 'Renamed as part of the QUIC settings clean-up; the old name is dropped in 3.5.',
      },
    },
  ]),
]);

/**
 * Global keywords removed before the manuals we read: the manual (version, section) that still
 * documents them, for their link.
 */
export const GLOBAL_OLD_DOCS: ReadonlyMap<string, readonly [string, string]> = new Map([
  ['debug', ['2.4', '3.3']],
  ['nbproc', ['2.4', '3.1']],
  ['tune.chksize', ['2.4', '3.2']],
]);

/** Build features by keyword prefix (checked against the Debian 2.6.12 build). */
const BUILD_PREFIXES: readonly (readonly [string, string])[] = [
  ['51degrees-', '51degrees'],
  ['deviceatlas-', 'deviceatlas'],
  ['wurfl-', 'wurfl'],
  ['tune.quic.', 'quic'],
  ['tune.zlib.', 'zlib'],
];
/** Build features of single keywords. */
const BUILD_NAMES: ReadonlyMap<string, string> = new Map([
  ['limited-quic', 'quic'],
  ['ssl-engine', 'openssl-engine'],
  ['profiling.memory', 'memory-profiling'],
]);

/** The build feature a global keyword depends on, if any. */
export function buildOption(name: string): string | null {
  const exact = BUILD_NAMES.get(name);
  if (exact !== undefined) return exact;
  for (const [prefix, feature] of BUILD_PREFIXES) {
    if (name.startsWith(prefix)) return feature;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Proxy sections

/** Versions whose proxy matrix gives the sections; `deb` is Debian's 2.6.12 manual. */
export const PROXY_MATRIX_VERSIONS = ['2.6', 'deb', '2.8', '3.0', '3.2', '3.4'] as const;

/** Keywords a `defaults` section only accepts when it is named (`(!)` in the matrix). */
export const NAMED_DEFAULTS: ReadonlySet<string> = new Set([
  'acl',
  'http-after-response',
  'http-request',
  'http-response',
  'quic-initial',
  'tcp-request connection',
  'tcp-request content',
  'tcp-request inspect-delay',
  'tcp-request session',
  'tcp-response content',
  'tcp-response inspect-delay',
]);

/** Keywords that open a rule set, whose actions live in `ACTIONS`. */
export const RULESETS: ReadonlySet<string> = new Set([
  'http-request',
  'http-response',
  'http-after-response',
  'tcp-request connection',
  'tcp-request session',
  'tcp-request content',
  'tcp-response content',
  'quic-initial',
]);

/**
 * Doc fixes: the 2.6.0 matrix forgot `defaults` for the first two (fixed by 2.6.12); the matrix
 * only lists `backend` for unique-id-format from 3.4 on, but 2.6.12 already accepts it there
 * silently. The union of all versions is used, without history.
 */
export const DOC_FIXES: ReadonlySet<string> = new Set([
  'http-send-name-header',
  'option spop-check',
  'unique-id-format',
]);

/**
 * The 2.6-3.0 matrices allow `option tcplog` in backends, but 2.6.12 warns that it is ignored
 * there; the 3.2 matrix agrees with the binary, so its shape is used for every version.
 */
export const SECTIONS_OVERRIDE: ReadonlyMap<string, readonly string[]> = new Map([
  ['option tcplog', ['defaults', 'frontend', 'listen']],
]);

/**
 * Rows of a matrix that are not proxy keywords at all: the 3.0 matrix lists the server option
 * `hash-key` (3.0.11 refuses it in a backend: "unknown keyword 'hash-key' in 'backend'
 * section"). Left out, so that HAProxy's own verdict (an unknown keyword) is ours too.
 */
export const MATRIX_ERRATA: ReadonlySet<string> = new Set(['hash-key']);

/** What replaces each `req*` / `rsp*` keyword removed in 2.1. */
const REQ_HINT: readonly (readonly [string, string])[] = [
  ['reqadd', 'http-request add-header'],
  // reqrep rewrote the request line as well as headers: which action replaces it depends on
  // what the regex matched.
  ['reqrep', 'http-request replace-path, replace-uri or replace-header'],
  ['reqirep', 'http-request replace-path, replace-uri or replace-header'],
  ['reqdel', 'http-request del-header'],
  ['reqidel', 'http-request del-header'],
  ['reqdeny', 'http-request deny'],
  ['reqideny', 'http-request deny'],
  ['reqpass', 'http-request allow (or just remove it)'],
  ['reqipass', 'http-request allow (or just remove it)'],
  ['reqallow', 'http-request allow'],
  ['reqiallow', 'http-request allow'],
  ['reqtarpit', 'http-request tarpit'],
  ['reqitarpit', 'http-request tarpit'],
  ['reqsetbe', 'use_backend'],
  ['reqisetbe', 'use_backend'],
  ['rspadd', 'http-response add-header'],
  ['rsprep', 'http-response replace-header'],
  ['rspirep', 'http-response replace-header'],
  ['rspdel', 'http-response del-header'],
  ['rspidel', 'http-response del-header'],
  ['rspdeny', 'http-response deny'],
  ['rspideny', 'http-response deny'],
  ['cliexp', 'http-request replace-uri'],
  ['srvexp', 'http-response replace-header'],
];

/**
 * Lifecycles of proxy keywords. A keyword with a `deprecated` step here is never marked removed
 * just because the newer keyword lists lack it.
 */
export const PROXY_LIFE: ReadonlyMap<string, Life> = new Map<string, Life>([
  [
    'appsession',
    {
      removed: {
        since: '1.6',
        replacement: 'stick-table with stick on/store-response rules',
        note: 'Session affinity moved to stick tables long ago.',
      },
    },
  ],
  [
    'option forceclose',
    {
      removed: {
        since: '2.0',
        replacement: 'option httpclose',
        note: 'Simply remove it; `option httpclose` exists if a close is really needed.',
      },
    },
  ],
  [
    'block',
    {
      removed: {
        since: '2.1',
        replacement: 'http-request deny',
        note: '`http-request deny` takes exactly the same condition.',
      },
    },
  ],
  ['redispatch', { removed: { since: '2.1', replacement: 'option redispatch' } }],
  ['redisp', { removed: { since: '2.1', replacement: 'option redispatch' } }],
  ['clitimeout', { removed: { since: '2.1', replacement: 'timeout client' } }],
  ['contimeout', { removed: { since: '2.1', replacement: 'timeout connect' } }],
  ['srvtimeout', { removed: { since: '2.1', replacement: 'timeout server' } }],
  ['timeout clitimeout', { removed: { since: '2.1', replacement: 'timeout client' } }],
  ['timeout contimeout', { removed: { since: '2.1', replacement: 'timeout connect' } }],
  ['timeout srvtimeout', { removed: { since: '2.1', replacement: 'timeout server' } }],
  [
    'option http-tunnel',
    {
      removed: {
        since: '2.1',
        note: 'Remove it: tunnelling after the first request is not needed any more.',
      },
    },
  ],
  [
    'option http-use-htx',
    { removed: { since: '2.1', note: 'HTX is always on; remove the line.' } },
  ],
  [
    'monitor-net',
    {
      removed: { since: '2.4', replacement: 'http-request return status 200 if { src <network> }' },
    },
  ],
  [
    'grace',
    {
      removed: {
        since: '2.5',
        note: 'The per-proxy grace period is gone; a global `grace` exists since 2.6.',
      },
    },
  ],
  [
    'option http_proxy',
    {
      removed: {
        since: '2.5',
        replacement: 'http-request set-dst / set-uri / do-resolve',
        note: 'Build the same behaviour with http-request rules that resolve and set the destination.',
      },
    },
  ],
  [
    'bind-process',
    {
      deprecated: { since: '2.6', note: 'Has no effect in 2.6 (single process).' },
      removed: { since: '2.7', note: 'Remove the line; bind `thread` selects threads.' },
    },
  ],
  [
    'option accept-invalid-http-request',
    {
      deprecated: {
        since: '3.1',
        replacement: 'option accept-unsafe-violations-in-http-request',
      },
    },
  ],
  [
    'option accept-invalid-http-response',
    {
      deprecated: {
        since: '3.1',
        replacement: 'option accept-unsafe-violations-in-http-response',
      },
    },
  ],
  [
    'dispatch',
    {
      deprecated: {
        since: '3.3',
        replacement: 'server',
        note: 'Removed in 3.5: declare a server with that address instead.',
      },
    },
  ],
  [
    'transparent',
    {
      deprecated: {
        since: '2.0',
        replacement: 'server',
        note: 'Long marked deprecated in favour of `option transparent`, which is itself deprecated since 3.3; both are gone in 3.5. Use a server with address 0.0.0.0 to reach the original destination.',
      },
    },
  ],
  [
    'option transparent',
    {
      deprecated: {
        since: '3.3',
        replacement: 'server',
        note: 'Removed in 3.5: use a server with address 0.0.0.0 to reach the original destination.',
      },
    },
  ],
  [
    'compression direction',
    {
      deprecated: {
        since: '3.4',
        replacement: 'compression algo-req / algo-res',
        note: 'Only meaningful with the legacy `filter compression`.',
      },
    },
  ],
  ...REQ_HINT.map(([name, hint]): [string, Life] => [
    name,
    { removed: { since: '2.1', replacement: hint } },
  ]),
]);

const ALL_PROXY = PROXY_COLUMNS;

/**
 * Proxy keywords not in any matrix we read but still written (or documented outside the
 * matrix): their sections and first version (`null`: older than our oldest target).
 */
export const EXTRA_PROXY: ReadonlyMap<string, readonly [readonly string[], string | null]> =
  new Map<string, readonly [readonly string[], string | null]>([
    ['appsession', [['defaults', 'listen', 'backend'], null]],
    ['option forceclose', [['defaults', 'frontend', 'listen', 'backend'], null]],
    ['reqsetbe', [['frontend', 'listen', 'backend'], null]],
    ['reqisetbe', [['frontend', 'listen', 'backend'], null]],
    ['cliexp', [['frontend', 'listen', 'backend'], null]],
    ['srvexp', [['listen', 'backend'], null]],
    ['compression algo', [ALL_PROXY, null]],
    ['compression type', [ALL_PROXY, null]],
    ['compression offload', [ALL_PROXY, null]],
    ['compression algo-req', [ALL_PROXY, '3.0']],
    ['compression algo-res', [ALL_PROXY, '3.0']],
    ['compression minsize-req', [ALL_PROXY, '3.0']],
    ['compression minsize-res', [ALL_PROXY, '3.0']],
    ['compression direction', [ALL_PROXY, '3.0']],
    ['dynamic-cookie-key', [['defaults', 'listen', 'backend'], null]],
    [
      'option accept-unsafe-violations-in-http-request',
      [['defaults', 'frontend', 'listen'], '3.1'],
    ],
    [
      'option accept-unsafe-violations-in-http-response',
      [['defaults', 'listen', 'backend'], '3.1'],
    ],
    ['ssl-f-use', [['frontend', 'listen'], '3.2']],
    ['stats show-modules', [ALL_PROXY, null]],
  ]);

/** Manual linked for proxy keywords removed by 2.6: the last one that documents them all. */
export const OLD_PROXY_DOC = '2.0';

/** Keywords whose last word carries parenthesised arguments: `http-check set-var(txn.x) …`. */
export const NAME_ARGS: ReadonlySet<string> = new Set([
  'http-check set-var',
  'http-check unset-var',
  'tcp-check set-var',
  'tcp-check unset-var',
  'persist rdp-cookie',
]);
