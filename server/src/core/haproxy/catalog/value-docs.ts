/**
 * What the words HAProxy keywords take as values mean, in one sentence each, for hover: load
 * balancing algorithms, proxy modes, `cookie` modes and modifiers, hash and reuse policies, server
 * and bind option values, and the matching methods and flags of ACLs. Which values exist (and since
 * when) stays in the keyword catalogs; this file only explains them.
 */

/** One sentence per value. */
type ValueDocs = Readonly<Record<string, string>>;

const BALANCE: ValueDocs = {
  roundrobin:
    'Weighted round robin: servers take turns in proportion to their weights, which may change while HAProxy runs.',
  'static-rr':
    'Weighted round robin with the weights fixed at start-up: changing a weight at run time has no effect, and the number of servers is not limited.',
  leastconn:
    'The server with the fewest connections gets the next one (round robin among equals); suited to long sessions such as databases, LDAP or WebSocket.',
  first:
    'The first server, by id, with a free connection slot gets the connection: servers fill up one after the other up to their `maxconn`, so spare ones can stay idle.',
  source:
    "A hash of the client's source address: a client keeps reaching the same server as long as the servers do not change.",
  uri: 'A hash of the request URI (or part of it): the same URI keeps reaching the same server, which suits caches.',
  url_param:
    'A hash of the URL parameter named in the next word: requests carrying the same value reach the same server; round robin without it.',
  hdr: 'A hash of the HTTP header named in parentheses, `hdr(<name>)`; round robin for requests without it.',
  random:
    'A random server, weighted; `random(<draws>)` draws several servers and keeps the least loaded (two by default).',
  'rdp-cookie':
    'A hash of the RDP cookie that Remote Desktop clients send, so that a user returns to the same server.',
  hash: 'A hash of the sample expression in the next word (for example `hash req.cookie(id)`).',
  'log-hash':
    'For a `mode log` backend: a hash of the log message, computed by the converters in the next word.',
  sticky:
    'For a `mode log` backend: every message goes to one server, which keeps them until it goes down, even after a preferred one comes back.',
};

const MODE: ValueDocs = {
  tcp: 'Layer 4: HAProxy forwards the bytes of each connection without reading them; HTTP rules and options do not apply. The default.',
  http: 'Layer 7: HAProxy parses every HTTP request and response, so HTTP rules, header and cookie handling, and HTTP logs are available.',
  log: 'A backend of syslog servers, to which log lines are load-balanced.',
  spop: 'A backend of SPOE agents (stream processing offload).',
};

const COOKIE: ValueDocs = {
  insert:
    'HAProxy sets the cookie itself in responses, naming the server that answered, and sends requests carrying it back to that server.',
  rewrite:
    "The application sets the cookie; HAProxy replaces its value with the server's cookie id in responses and routes later requests by it.",
  prefix:
    "HAProxy puts the server's cookie id and a `~` in front of an application cookie, and removes them from requests.",
  indirect:
    'With `insert`: a client that already holds a valid cookie gets no new one, and the cookie is removed from requests before they reach the server.',
  nocache:
    "Responses that set the cookie are marked non-cacheable, so that a cache in front does not hand one client's cookie to others.",
  postonly: 'The cookie is set only in responses to POST requests.',
  preserve:
    'When the server sets the cookie itself, HAProxy leaves it alone (the application can end persistence, at logout for example).',
  httponly: 'Adds the `HttpOnly` attribute: scripts in the page cannot read the cookie.',
  secure: 'Adds the `Secure` attribute: browsers send the cookie over HTTPS only.',
  domain: 'The next word is a domain the cookie is valid for; may be repeated.',
  maxidle:
    'The next word is how long a cookie may go unused before HAProxy ignores it (a date is stored in the cookie).',
  maxlife:
    'The next word is the age after which HAProxy ignores a cookie, counted from when it was first set.',
  dynamic:
    "Servers without a `cookie` option get a value computed from their address and port and the backend's `dynamic-cookie-key`.",
  attr: 'The next word is an extra attribute for the cookie, such as `SameSite=None`.',
};

const HASH_TYPE: ValueDocs = {
  'map-based':
    'Static mapping of hash values to servers: when a server goes down or comes back, most clients move to another server.',
  consistent:
    "Consistent hashing on a ring: when a server goes down or comes back, only that server's share of clients moves.",
  sdbm: 'The SDBM hash function (the default).',
  djb2: 'The DJB2 hash function.',
  wt6: 'The WT6 hash function, fast and well spread on small inputs.',
  crc32: 'The CRC32 hash function.',
  none: 'No hash function: the key is used as it is (a `hash` expression that already yields an integer).',
  avalanche: 'Mixes the hash result again, so keys that differ by little land far apart.',
};

const HTTP_REUSE: ValueDocs = {
  never: 'Idle server connections are never shared between client connections.',
  safe: "A client's first request gets a connection of its own; later requests may use idle connections of other clients. The default.",
  aggressive:
    'First requests may also use idle connections, but only ones that have already served a second request.',
  always: 'Any request may use any idle connection, first requests included.',
};

const CLF: ValueDocs = {
  clf: "The Common Log Format, which log analysers read, instead of HAProxy's own layout.",
};

const LOAD_SERVER_STATE: ValueDocs = {
  global: 'Reads the file named by `server-state-file` in the global section.',
  local: 'Reads the file named by `server-state-file-name` in this backend.',
  none: 'Loads no server state.',
};

const ON_ERROR: ValueDocs = {
  fastinter: 'On an error seen in traffic, the next check comes sooner, after `fastinter`.',
  'fail-check': 'An error seen in traffic counts as one failed check. The default.',
  'sudden-death':
    'An error seen in traffic leaves the server one failed check away from being marked down.',
  'mark-down': 'An error seen in traffic marks the server down at once.',
};

const OBSERVE: ValueDocs = {
  none: 'Live traffic is not watched.',
  layer4: 'Connection errors in live traffic count against the server (see `on-error`).',
  layer7:
    'Connection errors and HTTP error statuses in live traffic count against the server (HTTP mode).',
};

/**
 * Value meanings per keyword (`balance`, `cookie`, `option httplog`…) and per option, the latter
 * keyed `bind:<option>` or `server:<option>`.
 */
export const HAPROXY_VALUE_DOCS: Readonly<Record<string, ValueDocs>> = {
  balance: BALANCE,
  mode: MODE,
  cookie: COOKIE,
  'hash-type': HASH_TYPE,
  'http-reuse': HTTP_REUSE,
  'option httplog': CLF,
  'option tcplog': CLF,
  'load-server-state-from-file': LOAD_SERVER_STATE,
  'server:on-error': ON_ERROR,
  'server:observe': OBSERVE,
  'server:verify': {
    none: "The server's certificate is not checked.",
    required:
      "The server's certificate must be signed by a CA of `ca-file`, or the connection fails.",
  },
  'bind:verify': {
    none: 'Clients are not asked for a certificate.',
    optional: 'Clients are asked for a certificate; those without one are still accepted.',
    required: 'Clients must present a certificate signed by a CA of `ca-file`.',
  },
};

/**
 * When each ACL matching method (`-m <method>`, or the `_beg`-style suffix of a criterion) matches,
 * written to follow "matches when".
 */
export const ACL_MATCH_METHOD_DOCS: ValueDocs = {
  found: 'the sample exists (patterns are not used)',
  bool: 'the sample is a true boolean or a non-zero number (patterns are not used)',
  int: 'the sample, as an integer, matches one of the patterns (a number, a range `a:b`, or `eq`, `ge`, `gt`, `le`, `lt` followed by a number)',
  ip: 'the sample is an address inside one of the pattern addresses or networks',
  bin: 'the sample equals one of the patterns, written in hexadecimal',
  len: 'the length of the sample, as an integer, matches one of the patterns',
  str: 'the sample equals one of the patterns',
  beg: 'the sample begins with one of the patterns',
  end: 'the sample ends with one of the patterns',
  sub: 'the sample contains one of the patterns',
  dir: 'one of the `/`-separated parts of the sample equals a pattern',
  dom: 'one of the `.`-separated parts of the sample (a domain label) equals a pattern',
  reg: 'the sample matches one of the patterns as a regular expression',
};

/** What each ACL flag does. */
export const ACL_FLAG_DOCS: ValueDocs = {
  '-i': 'Ignore case when matching the patterns that follow.',
  '-f': 'Load patterns from the file named in the next word, one per line.',
  '-m': "Use the matching method named in the next word instead of the criterion's own.",
  '-n': 'Do not resolve host names in the patterns.',
  '-M': 'Load the `-f` file as a map: the first word of each line is the pattern.',
  '-u': 'The next word is the unique id of the ACL, to address it from the runtime API.',
  '--': 'End of the flags: the next word is a pattern even when it begins with `-`.',
};
