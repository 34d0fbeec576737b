/**
 * What the lab reads back from keepalived's own log (`keepalived -l -D`, one file per node): the
 * effective priority of each instance, so that a drill proves that a check really fired and
 * moved the priority the simulation says, not only that the VIP ended up in the right place.
 *
 * The messages matched here are keepalived's (2.2 and 2.3 print them alike):
 * `Starting VRRP child process, pid=N`, `(VI_1) Changing effective priority from 110 to 90`,
 * `(VI_1) Entering FAULT STATE`, `(VI_1) Entering BACKUP STATE`.
 *
 * @packageDocumentation
 */

/** An instance's effective priority as keepalived last reported it. */
export type ObservedPriority = number | 'fault';

const START = 'Starting VRRP child process';

/**
 * The effective priority of `instance` in a keepalived log, counting only what the last start
 * printed (the lab appends every run of a node's keepalived to one file). `base` when keepalived
 * has not changed it since starting.
 */
export function observedPriority(log: string, instance: string, base: number): ObservedPriority {
  const start = log.lastIndexOf(START);
  const lines = (start < 0 ? log : log.slice(start)).split('\n');
  const tag = `(${instance}) `;
  let priority = base;
  let fault = false;
  for (const line of lines) {
    const at = line.indexOf(tag);
    if (at < 0) continue;
    const message = line.slice(at + tag.length);
    const change = /^Changing effective priority from \d+ to (\d+)/.exec(message);
    if (change?.[1] !== undefined) priority = Number(change[1]);
    else if (message.startsWith('Entering FAULT STATE')) fault = true;
    else if (/^Entering (MASTER|BACKUP) STATE/.test(message)) fault = false;
  }
  return fault ? 'fault' : priority;
}
