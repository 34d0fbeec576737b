/**
 * Options of a `load` line in a `crt-store` section (manual §12.7.1): each describes one file
 * or property of the certificate being loaded, and takes one argument.
 */
import { haproxyDocUrl } from './doc-url.js';
import { arg } from './shared-options.js';
import type { OptionArgSpec, OptionSpec, VersionString } from './types.js';

/** One `load` option, linked in the 3.2 manual (3.4 for the options new in 3.4). */
function load(
  since: VersionString,
  name: string,
  value: OptionArgSpec,
  summary: string,
  description: string,
): OptionSpec {
  const docUrl = haproxyDocUrl(since === '3.4' ? '3.4' : '3.2', '12.7.1', name);
  return { name, args: [value], summary, description, docUrl, since };
}

export const CRT_STORE_LOAD_OPTIONS: readonly OptionSpec[] = [
  load(
    '3.0',
    'crt',
    arg('file', 'path'),
    'Certificate file (PEM) to load.',
    'Path of the certificate, relative to `crt-base` when it is not absolute.',
  ),
  load(
    '3.0',
    'key',
    arg('file', 'path'),
    'Private key file, when it is not inside the certificate file.',
    'Path of the key, relative to `key-base` when it is not absolute.',
  ),
  load(
    '3.0',
    'ocsp',
    arg('file', 'path'),
    'OCSP response file stapled with the certificate.',
    'A DER-encoded OCSP response served to clients that ask for stapling.',
  ),
  load(
    '3.0',
    'issuer',
    arg('file', 'path'),
    'Issuer certificate, used to validate OCSP responses.',
    'Needed when the chain in the certificate file does not contain the issuer.',
  ),
  load(
    '3.0',
    'sctl',
    arg('file', 'path'),
    'Signed certificate timestamp list served with the certificate.',
    'Certificate Transparency data sent in the TLS handshake.',
  ),
  load(
    '3.0',
    'alias',
    arg('name', 'string'),
    'Name under which the certificate is referred to.',
    'Bind lines and crt-lists use `@<store>/<alias>` instead of the file name.',
  ),
  load(
    '3.0',
    'ocsp-update',
    arg('mode', 'enum', { values: ['on', 'off'] }),
    'Fetch and refresh the OCSP response automatically.',
    'With `on`, HAProxy queries the OCSP responder itself and keeps the stapled response fresh.',
  ),
  load(
    '3.2',
    'acme',
    arg('section', 'reference', { refers: 'acme' }),
    'ACME section that obtains and renews this certificate.',
    'Names an `acme` section; used together with `domains`.',
  ),
  load(
    '3.2',
    'domains',
    arg('list', 'string'),
    'Domain names requested from the ACME server.',
    'A comma-separated list placed in the certificate request.',
  ),
  load(
    '3.4',
    'ips',
    arg('list', 'string'),
    'IP addresses requested from the ACME server.',
    'A comma-separated list of addresses placed in the certificate request.',
  ),
  load(
    '3.4',
    'jwt',
    arg('mode', 'enum', { values: ['on', 'off'] }),
    'Make the certificate usable to verify JWT signatures.',
    'Exposes the certificate to the JWT converters.',
  ),
  load(
    '3.4',
    'generate-dummy',
    arg('mode', 'enum', { values: ['on', 'off'] }),
    'Create a temporary self-signed certificate until the real one exists.',
    'Lets HAProxy start before ACME has delivered the certificate.',
  ),
  load(
    '3.4',
    'keytype',
    arg('type', 'enum', { values: ['RSA', 'ECDSA'] }),
    'Key type of a generated certificate.',
    'Used for dummy or ACME-generated keys.',
  ),
  load(
    '3.4',
    'bits',
    arg('bits', 'int', { min: 1024 }),
    'RSA key size of a generated certificate.',
    'Only used when `keytype` is RSA.',
  ),
  load(
    '3.4',
    'curves',
    arg('curve', 'string'),
    'Curve of a generated ECDSA key.',
    'Only used when `keytype` is ECDSA.',
  ),
];
