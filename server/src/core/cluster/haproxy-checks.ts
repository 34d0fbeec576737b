/**
 * Recognises Keepalived checks that watch HAProxy: process probes (`killall -0 haproxy`,
 * `pidof haproxy`, `pgrep -x haproxy`), service managers (`systemctl is-active haproxy`), the pid
 * file (`kill -0 $(cat /run/haproxy.pid)`), the stats socket, requests to a port HAProxy listens on
 * (`curl`, `wget`, `nc`, `/dev/tcp/…`) and check scripts named after HAProxy. The rule only needs
 * to know whether *some* tracked check watches HAProxy, so it errs on the side of "yes".
 */
import { canonicalAddress, isLoopback } from './addresses.js';
import type { BindFact } from './haproxy-facts.js';
import type { TrackedCommand } from './keepalived-facts.js';

const PROCESS_PROBE = /\b(killall|pidof|pgrep|pkill)\b[^|;&]*\bhaproxy\b/;
const SERVICE_PROBE =
  /\b(systemctl\b[^|;&]*\b(is-active|status)|rc-service\b[^|;&]*|service)\b[^|;&]*\bhaproxy\b/;
const PID_PROBE = /\bkill\b[^;&|]*-0\b[^;&]*haproxy[^\s;&|]*\.pid/;
const PS_PROBE = /\bps\b[^;&]*\|\s*grep\b[^;&|]*\bhaproxy\b/;
const SOCKET_PROBE = /haproxy[^\s;&|'"]*\.sock\b/;
const SCRIPT_EXTENSIONS = /\.(sh|bash|py|pl|rb)$/;

/** Host and port pairs a command connects to. */
function targets(command: string): { host: string; port: number }[] {
  const found: { host: string; port: number }[] = [];
  for (const match of command.matchAll(
    /\b(https?):\/\/(\[[^\]]+\]|[A-Za-z0-9.\-_:]+?)(?::(\d+))?(?=[/\s'"?]|$)/g,
  )) {
    const scheme = match[1];
    const host = (match[2] ?? '').replace(/^\[|\]$/g, '');
    const port = match[3] !== undefined ? Number(match[3]) : scheme === 'https' ? 443 : 80;
    found.push({ host, port });
  }
  for (const match of command.matchAll(/\/dev\/(?:tcp|udp)\/([^/\s]+)\/(\d+)/g)) {
    found.push({ host: match[1] ?? '', port: Number(match[2]) });
  }
  // `nc [-z] [-w N] host port`, `ncat`, `netcat`; options before the host are skipped.
  for (const match of command.matchAll(
    /\b(?:nc|ncat|netcat)\b((?:\s+-\S+(?:\s+\d+)?)*)\s+(\S+)\s+(\d+)\b/g,
  )) {
    found.push({ host: match[2] ?? '', port: Number(match[3]) });
  }
  return found;
}

function portMatches(bind: BindFact, port: number): boolean {
  return bind.ports.some(([low, high]) => port >= low && port <= high);
}

/** True when a request to `host:port` from the node itself reaches one of HAProxy's binds. */
function reachesHaproxy(host: string, port: number, binds: readonly BindFact[]): boolean {
  const canonical = host === 'localhost' ? '127.0.0.1' : canonicalAddress(host);
  return binds.some((bind) => {
    if (!portMatches(bind, port)) return false;
    // A host name other than localhost could be anything: give it the benefit of the doubt.
    if (canonical === undefined || bind.wildcard) return true;
    return bind.address === canonical || (isLoopback(canonical) && bind.loopback);
  });
}

/** True when a command line checks HAProxy on the node whose binds are given. */
export function commandChecksHaproxy(command: string, binds: readonly BindFact[]): boolean {
  if (
    PROCESS_PROBE.test(command) ||
    SERVICE_PROBE.test(command) ||
    PID_PROBE.test(command) ||
    PS_PROBE.test(command) ||
    SOCKET_PROBE.test(command)
  ) {
    return true;
  }
  if (targets(command).some(({ host, port }) => reachesHaproxy(host, port, binds))) return true;
  // A check script named after HAProxy (`/etc/keepalived/chk_haproxy.sh`) is taken at its word;
  // `haproxy` itself (`haproxy -c -f …`) only checks the configuration, not the running process.
  return command.split(/\s+/).some((word) => {
    const base = word.slice(word.lastIndexOf('/') + 1).replace(/^["']|["']$/g, '');
    if (base === 'haproxy' || !base.includes('haproxy')) return false;
    return SCRIPT_EXTENSIONS.test(base) || !base.includes('.');
  });
}

/** True when a tracked check (a script or a tracked process) watches HAProxy. */
export function tracksHaproxy(tracked: TrackedCommand, binds: readonly BindFact[]): boolean {
  if (tracked.command === undefined) return false;
  if (tracked.kind === 'process') {
    const name = tracked.command.split(/\s+/)[0] ?? '';
    return name.slice(name.lastIndexOf('/') + 1) === 'haproxy';
  }
  return commandChecksHaproxy(tracked.command, binds);
}
