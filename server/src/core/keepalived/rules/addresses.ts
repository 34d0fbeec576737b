/** Syntax checks of IP addresses as keepalived reads them (`inet_pton` plus an optional prefix). */

const IPV4_PART = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Whether `text` is a dotted-quad IPv4 address. */
function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => IPV4_PART.test(part));
}

/** Whether `text` is an IPv6 address in any of its textual forms (embedded IPv4 included). */
function isIpv6(text: string): boolean {
  if (!text.includes(':')) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string | undefined): string[] | undefined =>
    half === undefined || half === '' ? [] : half.split(':');
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if (!head || !tail) return false;
  const all = [...head, ...tail];
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIpv4(last)) return false;
    all.pop();
    count += 1;
  }
  if (!all.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** Why `text` is not `address[/prefix]`, or undefined when it is. */
export function addressProblem(text: string): string | undefined {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const v4 = isIpv4(address);
  if (!v4 && !isIpv6(address)) return `'${address}' is not an IP address`;
  if (slash < 0) return undefined;
  const prefix = text.slice(slash + 1);
  // keepalived 2.2.7 takes `10.0.0.1/` as the plain address.
  if (prefix === '') return undefined;
  const max = v4 ? 32 : 128;
  if (!/^\d+$/.test(prefix) || Number(prefix) > max) {
    return `prefix length '${prefix}' is not between 0 and ${max}`;
  }
  return undefined;
}
