/**
 * What the status bar item says about the daemons' checks. Kept free of `vscode` imports so that
 * unit tests can check the wording.
 */
import type { DaemonCheckRun } from '../../server/src/lsp/protocol.js';

/** The command line each daemon's check is known by. */
export const DAEMON_LABELS = { haproxy: 'haproxy -c', keepalived: 'keepalived -t' } as const;

/** The item's text and tooltip; undefined for a run that says nothing new (cancelled). */
export interface DaemonStatusText {
  readonly text: string;
  readonly tooltip: string;
  /** The run found errors, or could not say anything: the item is drawn as a warning. */
  readonly alert: boolean;
}

function counted(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The status bar text for one run. */
export function daemonStatusText(run: DaemonCheckRun): DaemonStatusText | undefined {
  const label = DAEMON_LABELS[run.daemon];
  const named = run.version !== undefined ? `${label} ${run.version}` : label;
  const node = run.node !== undefined ? ` on node ${run.node}` : '';
  switch (run.state) {
    case 'cancelled':
      return undefined;
    case 'running':
      return {
        text: `$(sync~spin) ${label}`,
        tooltip: `Checking${node} with ${label}…`,
        alert: false,
      };
    case 'skipped':
      return {
        text: `$(circle-slash) ${label}`,
        tooltip: `${label} did not run${node}: ${run.note ?? 'no reason given'}`,
        alert: false,
      };
    case 'done': {
      const errors = run.errors ?? 0;
      const warnings = run.warnings ?? 0;
      const said =
        errors + warnings === 0
          ? 'no findings'
          : [
              errors > 0 ? counted(errors, 'error') : '',
              warnings > 0 ? counted(warnings, 'warning') : '',
            ]
              .filter((part) => part !== '')
              .join(', ');
      const icon = errors > 0 ? '$(error)' : warnings > 0 ? '$(warning)' : '$(pass)';
      return {
        text: `${icon} ${named}`,
        tooltip: `${named}${node}: ${said}${run.note !== undefined ? `. ${run.note}` : ''}`,
        alert: errors > 0 || (errors + warnings === 0 && run.note !== undefined),
      };
    }
  }
}
