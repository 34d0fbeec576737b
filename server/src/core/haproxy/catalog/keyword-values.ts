/**
 * Value lists of HAProxy keywords whose arguments are parsed by hand-written code rather than by
 * a single enumerated word: the words a `log` line, a `cookie` line or an ACL accept at each
 * position. Every list was checked against `haproxy -c` (2.6.12) and the configuration manuals
 * of later versions; the rules that read them live in `rules/keyword-arg-checks.ts` and
 * `rules/invalid-acl.ts`.
 */
import type { VersionString } from '../../common/catalog.js';

/** The 24 syslog facilities a `log` line may name. */
export const LOG_FACILITIES: readonly string[] = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'auth2',
  'ftp',
  'ntp',
  'audit',
  'alert',
  'cron2',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
];

/** Syslog levels, most severe first (the optional maximum and minimum of a `log` line). */
export const LOG_LEVELS: readonly string[] = [
  'emerg',
  'alert',
  'crit',
  'err',
  'warning',
  'notice',
  'info',
  'debug',
];

/** Message formats of the `format` option of a `log` line. */
export const LOG_FORMATS: readonly string[] = [
  'local',
  'rfc3164',
  'rfc5424',
  'priority',
  'short',
  'timed',
  'iso',
  'raw',
];

/** Bounds HAProxy enforces on the `len` option of a `log` line. */
export const LOG_LENGTH = { min: 80, max: 65535 } as const;

/** First version whose `log` lines take `profile <name>` before the facility. */
export const LOG_PROFILE_SINCE: VersionString = '3.1';

/** Hash functions of `hash-type`, with the version that added them when later than 2.6. */
export const HASH_FUNCTIONS: Readonly<Record<string, VersionString | undefined>> = {
  sdbm: undefined,
  djb2: undefined,
  wt6: undefined,
  crc32: undefined,
  none: '2.8',
};

/** The only modifier `hash-type` accepts after its function. */
export const HASH_MODIFIERS: readonly string[] = ['avalanche'];

/** `cookie` options that take no value. */
export const COOKIE_FLAGS: readonly string[] = [
  'rewrite',
  'insert',
  'prefix',
  'indirect',
  'nocache',
  'postonly',
  'preserve',
  'httponly',
  'secure',
  'dynamic',
];

/** `cookie` options followed by one value. */
export const COOKIE_VALUED: readonly string[] = ['domain', 'maxidle', 'maxlife', 'attr'];

/** `cookie` modes of which a line may hold only one. */
export const COOKIE_MODES: readonly string[] = ['rewrite', 'insert', 'prefix'];

/** Key types of a `stick-table`; those in `STICK_TABLE_LEN_TYPES` may be followed by `len <n>`. */
export const STICK_TABLE_TYPES: readonly string[] = ['ip', 'ipv6', 'integer', 'string', 'binary'];

/** Stick-table key types with a configurable length. */
export const STICK_TABLE_LEN_TYPES: readonly string[] = ['string', 'binary'];

/**
 * Status codes `errorfile`, `errorloc`, `errorloc302` and `errorloc303` accept: the responses
 * HAProxy can generate itself. 2.6.12 takes 421 and 422 although its manual does not list them.
 */
export const ERROR_STATUS_CODES: readonly number[] = [
  200, 400, 401, 403, 404, 405, 407, 408, 410, 413, 421, 422, 425, 429, 500, 501, 502, 503, 504,
];

/** Status codes added after 2.6 (the 3.2 manual lists them); accepted from this version on. */
export const LATER_ERROR_STATUS_CODES: Readonly<Record<number, VersionString>> = {
  414: '2.8',
  431: '2.8',
};

/** Algorithms of `compression algo` (and `algo-req` / `algo-res`). */
export const COMPRESSION_ALGORITHMS: readonly string[] = [
  'identity',
  'gzip',
  'deflate',
  'raw-deflate',
];

/** Options of `option forwardfor`; `except` and `header` take a value. */
export const FORWARDFOR_OPTIONS: readonly string[] = ['except', 'header', 'if-none'];

/** `http-check expect` settings that take one value before the match. */
export const HTTP_CHECK_EXPECT_SETTINGS: readonly string[] = [
  'min-recv',
  'comment',
  'ok-status',
  'error-status',
  'tout-status',
  'on-success',
  'on-error',
  'status-code',
];

/** `http-check expect` matches followed by one pattern (each may be written `!<match>`). */
export const HTTP_CHECK_EXPECT_MATCHES: readonly string[] = [
  'string',
  'rstring',
  'string-lf',
  'status',
  'rstatus',
];

/** `http-check expect` header matches, whose own sub-options are not judged. */
export const HTTP_CHECK_EXPECT_HEADER_MATCHES: readonly string[] = ['hdr', 'fhdr'];

/** `http-check send` parameters, all followed by a value (`hdr` by a name and a value). */
export const HTTP_CHECK_SEND_PARAMS: readonly string[] = [
  'comment',
  'meth',
  'uri',
  'uri-lf',
  'ver',
  'hdr',
  'body',
  'body-lf',
];

/** Options of a `user` line in a `userlist` section, each followed by a value. */
export const USERLIST_USER_OPTIONS: readonly string[] = ['password', 'insecure-password', 'groups'];

/** Matching methods of `-m` in an ACL. */
export const ACL_MATCH_METHODS: readonly string[] = [
  'found',
  'bool',
  'int',
  'ip',
  'bin',
  'len',
  'str',
  'beg',
  'end',
  'sub',
  'dir',
  'dom',
  'reg',
];

/** ACL flags without a value. `--` ends the flags. */
export const ACL_FLAGS: readonly string[] = ['-i', '-n', '-M', '--'];

/** ACL flags followed by one value (pattern file, matching method, reference id). */
export const ACL_VALUED_FLAGS: readonly string[] = ['-f', '-m', '-u'];

/** Operators an integer ACL may put before a value. */
export const ACL_INT_OPERATORS: readonly string[] = ['eq', 'ge', 'gt', 'le', 'lt'];

/**
 * Fetches typed integer whose ACL reads dotted versions (`3.1`) instead of integers, so their
 * patterns are not judged as numbers.
 */
export const ACL_DOTTED_VERSION_FETCHES: readonly string[] = ['req.ssl_ver', 'req_ssl_ver'];

/**
 * Characters HAProxy accepts in the names of proxies, most other sections and their named
 * objects (servers, peers, groups, ACLs): letters, digits, `.`, `_`, `-` and `:`.
 */
export const NAME_CHARACTERS = /^[A-Za-z0-9._:-]*$/;
