/**
 * Options of a `load` line in a `crt-store` section (manual §12.7.1): each describes one file
 * or property of the certificate being loaded.
 */
import { haproxyDocUrl as doc } from './doc-url.js';
import type { OptionSpec } from './types.js';

const at = (keyword: string, version = '3.2'): string => doc(version, '12.7.1', keyword);

export const CRT_STORE_LOAD_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'crt',
    args: [{ name: 'file', type: 'path' }],
    summary: 'Certificate file (PEM) to load.',
    description: 'Path of the certificate, relative to `crt-base` when it is not absolute.',
    docUrl: at('crt'),
    since: '3.0',
  },
  {
    name: 'key',
    args: [{ name: 'file', type: 'path' }],
    summary: 'Private key file, when it is not inside the certificate file.',
    description: 'Path of the key, relative to `key-base` when it is not absolute.',
    docUrl: at('key'),
    since: '3.0',
  },
  {
    name: 'ocsp',
    args: [{ name: 'file', type: 'path' }],
    summary: 'OCSP response file stapled with the certificate.',
    description: 'A DER-encoded OCSP response served to clients that ask for stapling.',
    docUrl: at('ocsp'),
    since: '3.0',
  },
  {
    name: 'issuer',
    args: [{ name: 'file', type: 'path' }],
    summary: 'Issuer certificate, used to validate OCSP responses.',
    description: 'Needed when the chain in the certificate file does not contain the issuer.',
    docUrl: at('issuer'),
    since: '3.0',
  },
  {
    name: 'sctl',
    args: [{ name: 'file', type: 'path' }],
    summary: 'Signed certificate timestamp list served with the certificate.',
    description: 'Certificate Transparency data sent in the TLS handshake.',
    docUrl: at('sctl'),
    since: '3.0',
  },
  {
    name: 'alias',
    args: [{ name: 'name', type: 'string' }],
    summary: 'Name under which the certificate is referred to.',
    description: 'Bind lines and crt-lists use `@<store>/<alias>` instead of the file name.',
    docUrl: at('alias'),
    since: '3.0',
  },
  {
    name: 'ocsp-update',
    args: [{ name: 'mode', type: 'enum', values: ['on', 'off'] }],
    summary: 'Fetch and refresh the OCSP response automatically.',
    description:
      'With `on`, HAProxy queries the OCSP responder itself and keeps the stapled response fresh.',
    docUrl: at('ocsp-update'),
    since: '3.0',
  },
  {
    name: 'acme',
    args: [{ name: 'section', type: 'reference', refers: 'acme' }],
    summary: 'ACME section that obtains and renews this certificate.',
    description: 'Names an `acme` section; used together with `domains`.',
    docUrl: at('acme'),
    since: '3.2',
  },
  {
    name: 'domains',
    args: [{ name: 'list', type: 'string' }],
    summary: 'Domain names requested from the ACME server.',
    description: 'A comma-separated list placed in the certificate request.',
    docUrl: at('domains'),
    since: '3.2',
  },
  {
    name: 'ips',
    args: [{ name: 'list', type: 'string' }],
    summary: 'IP addresses requested from the ACME server.',
    description: 'A comma-separated list of addresses placed in the certificate request.',
    docUrl: at('ips', '3.4'),
    since: '3.4',
  },
  {
    name: 'jwt',
    args: [{ name: 'mode', type: 'enum', values: ['on', 'off'] }],
    summary: 'Make the certificate usable to verify JWT signatures.',
    description: 'Exposes the certificate to the JWT converters.',
    docUrl: at('jwt', '3.4'),
    since: '3.4',
  },
  {
    name: 'generate-dummy',
    args: [{ name: 'mode', type: 'enum', values: ['on', 'off'] }],
    summary: 'Create a temporary self-signed certificate until the real one exists.',
    description: 'Lets HAProxy start before ACME has delivered the certificate.',
    docUrl: at('generate-dummy', '3.4'),
    since: '3.4',
  },
  {
    name: 'keytype',
    args: [{ name: 'type', type: 'enum', values: ['RSA', 'ECDSA'] }],
    summary: 'Key type of a generated certificate.',
    description: 'Used for dummy or ACME-generated keys.',
    docUrl: at('keytype', '3.4'),
    since: '3.4',
  },
  {
    name: 'bits',
    args: [{ name: 'bits', type: 'int', min: 1024 }],
    summary: 'RSA key size of a generated certificate.',
    description: 'Only used when `keytype` is RSA.',
    docUrl: at('bits', '3.4'),
    since: '3.4',
  },
  {
    name: 'curves',
    args: [{ name: 'curve', type: 'string' }],
    summary: 'Curve of a generated ECDSA key.',
    description: 'Only used when `keytype` is ECDSA.',
    docUrl: at('curves', '3.4'),
    since: '3.4',
  },
];
