/**
 * IP address helpers shared by the HAProxy and Keepalived sides of the cluster analysis. Both
 * daemons accept IPv6 in several spellings (`::1`, `0:0::1`, upper case), so addresses are put in
 * one canonical form before they are compared.
 */
import { beforeFirst } from '../common/text-scan.js';

/** Family of a literal address, or undefined when the text is no IP literal. */
export function literalFamily(text: string): 4 | 6 | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return 4;
  if (text.includes(':') && /^[0-9a-fA-F:.]+$/.test(text)) return 6;
  return undefined;
}

function expandIpv6(text: string): number[] | undefined {
  let head = text;
  let tail: number[] = [];
  // An embedded IPv4 tail (`::ffff:10.0.0.1`) counts as two groups.
  const v4 = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(head);
  if (v4?.[1] !== undefined) {
    const bytes = v4[1].split('.').map(Number);
    tail = [((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0), ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)];
    head = head.slice(0, -v4[1].length);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const parse = (part: string): number[] | undefined => {
    if (part === '') return [];
    const groups = part.split(':');
    if (groups.some((group) => !/^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
    return groups.map((group) => parseInt(group, 16));
  };
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const left = parse(halves[0] ?? '');
  const right = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (!left || !right) return undefined;
  const given = left.length + right.length + tail.length;
  if (halves.length === 1 && given !== 8) return undefined;
  if (given > 8) return undefined;
  const zeros: number[] = new Array<number>(8 - given).fill(0);
  return [...left, ...zeros, ...right, ...tail];
}

/**
 * The canonical text of an address (IPv4 as is, IPv6 compressed and lower-cased), or undefined
 * when the text is no IP literal. A prefix length (`/24`) is dropped.
 */
export function canonicalAddress(text: string): string | undefined {
  const bare = beforeFirst(beforeFirst(text, '/'), '%');
  const family = literalFamily(bare);
  if (family === 4) {
    const bytes = bare.split('.').map(Number);
    return bytes.every((byte) => byte <= 255) ? bytes.join('.') : undefined;
  }
  if (family !== 6) return undefined;
  const groups = expandIpv6(bare);
  if (!groups) return undefined;
  // RFC 5952: compress the longest run of two or more zero groups, the first one on a tie.
  let bestAt = -1;
  let bestLength = 1;
  for (let at = 0; at < 8;) {
    if (groups[at] !== 0) {
      at++;
      continue;
    }
    let end = at;
    while (end < 8 && groups[end] === 0) end++;
    if (end - at > bestLength) {
      bestAt = at;
      bestLength = end - at;
    }
    at = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestAt === -1) return hex.join(':');
  return `${hex.slice(0, bestAt).join(':')}::${hex.slice(bestAt + bestLength).join(':')}`;
}

/** True for 127.0.0.0/8 and ::1 (canonical text). */
export function isLoopback(canonical: string): boolean {
  return canonical === '::1' || /^127\./.test(canonical);
}

/** True for the any-address of either family (canonical text). */
export function isAnyAddress(canonical: string): boolean {
  return canonical === '0.0.0.0' || canonical === '::';
}
