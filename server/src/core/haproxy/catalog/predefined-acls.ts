/**
 * Predefined ACLs of HAProxy (manual section 7.4). The list is the same from 2.6 to 3.4 except
 * `HTTP_3.0`, absent from the 2.6 manual and present in the 3.x ones; we have no 2.8 manual, so
 * it is marked available from 2.8 (permissive). The keyword lists in ../shared/data omit the
 * dotted names (HTTP_1.0 …); the tests compare with the 3.4 manual table. Summaries are ours.
 */
import { HAPROXY_DOC_VERSION, haproxyDocUrl } from './doc-url.js';
import type { PredefinedAcl } from './types.js';

/** Predefined ACLs only have a section anchor. */
function aclDocUrl(): string {
  return haproxyDocUrl(HAPROXY_DOC_VERSION, '7.4', '');
}

function acl(
  name: string,
  equivalent: string,
  summary: string,
  description: string,
  since?: string,
): PredefinedAcl {
  const base = { name, equivalent, summary, description, docUrl: aclDocUrl() };
  return since === undefined ? base : { ...base, since };
}

export const PREDEFINED_ACLS: readonly PredefinedAcl[] = [
  acl(
    'FALSE',
    'always_false',
    'Never matches',
    'Constant false condition, handy to disable a rule.',
  ),
  acl(
    'HTTP',
    'req.proto_http',
    'Request is valid HTTP',
    'Matches when the request buffer holds a parsable HTTP request.',
  ),
  acl(
    'HTTP_1.0',
    'req.ver 1.0',
    'HTTP/1.0 request',
    'Matches requests announcing HTTP version 1.0.',
  ),
  acl(
    'HTTP_1.1',
    'req.ver 1.1',
    'HTTP/1.1 request',
    'Matches requests announcing HTTP version 1.1.',
  ),
  acl('HTTP_2.0', 'req.ver 2.0', 'HTTP/2 request', 'Matches requests received over HTTP/2.'),
  acl(
    'HTTP_3.0',
    'req.ver 3.0',
    'HTTP/3 request',
    'Matches requests received over HTTP/3 (QUIC).',
    '2.8',
  ),
  acl(
    'HTTP_CONTENT',
    'req.hdr_val(content-length) gt 0',
    'Request announces a body',
    'Matches when the request carries a positive Content-Length.',
  ),
  acl(
    'HTTP_URL_ABS',
    'url_reg ^[^/:]*://',
    'Absolute URI',
    'Matches request URIs that include a scheme, as sent to proxies.',
  ),
  acl(
    'HTTP_URL_SLASH',
    'url_beg /',
    'URI starts with a slash',
    'Matches origin-form request URIs.',
  ),
  acl('HTTP_URL_STAR', 'url *', 'URI is `*`', 'Matches the asterisk form used by `OPTIONS *`.'),
  acl(
    'LOCALHOST',
    'src 127.0.0.1/8 ::1',
    'Client is the local host',
    'Matches connections from the loopback addresses.',
  ),
  acl(
    'METH_CONNECT',
    'method CONNECT',
    'CONNECT method',
    'Matches tunnel requests using the CONNECT method.',
  ),
  acl('METH_DELETE', 'method DELETE', 'DELETE method', 'Matches requests using the DELETE method.'),
  acl(
    'METH_GET',
    'method GET HEAD',
    'GET or HEAD method',
    'Matches GET requests and also HEAD ones.',
  ),
  acl('METH_HEAD', 'method HEAD', 'HEAD method', 'Matches requests using the HEAD method.'),
  acl(
    'METH_OPTIONS',
    'method OPTIONS',
    'OPTIONS method',
    'Matches requests using the OPTIONS method.',
  ),
  acl('METH_POST', 'method POST', 'POST method', 'Matches requests using the POST method.'),
  acl('METH_PUT', 'method PUT', 'PUT method', 'Matches requests using the PUT method.'),
  acl('METH_TRACE', 'method TRACE', 'TRACE method', 'Matches requests using the TRACE method.'),
  acl(
    'RDP_COOKIE',
    'req.rdp_cookie_cnt gt 0',
    'RDP cookie present',
    'Matches when the request buffer holds a Remote Desktop cookie.',
  ),
  acl(
    'REQ_CONTENT',
    'req.len gt 0',
    'Data waiting in the request buffer',
    'Matches as soon as some request data has been received.',
  ),
  acl('TRUE', 'always_true', 'Always matches', 'Constant true condition.'),
  acl(
    'WAIT_END',
    'wait_end',
    'Inspection delay elapsed',
    'Matches only once the `tcp-request inspect-delay` has expired.',
  ),
];
