import type { ServiceSettings } from '../core/index.js';

/** Where the server writes its own log lines; `connection.console` in production. */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
}

/** One readable line (plus stack) for anything that was thrown, including non-errors. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  try {
    return `non-error thrown: ${JSON.stringify(error)}`;
  } catch {
    return `non-error thrown: ${String(error)}`;
  }
}

/**
 * The transport named on the command line (`--stdio`, `--node-ipc`, `--socket=<port>`,
 * `--pipe=<name>`), as `vscode-languageserver` reads it; `unknown` when none is given.
 */
export function transportOf(argv: readonly string[]): string {
  for (const arg of argv) {
    if (arg === '--stdio') return 'stdio';
    if (arg === '--node-ipc') return 'node-ipc';
    if (arg.startsWith('--socket=')) return `socket ${arg.slice('--socket='.length)}`;
    if (arg.startsWith('--pipe=')) return `pipe ${arg.slice('--pipe='.length)}`;
  }
  return 'unknown';
}

/** What the first log line tells about the process, so that a pasted log says what ran. */
interface StartInfo {
  readonly name: string;
  /** Undefined when the server runs from source rather than the bundle. */
  readonly version: string | undefined;
  readonly node: string;
  readonly pid: number;
  readonly transport: string;
}

/** `ha-language-server 0.1.0 started (Node v20.19.0, pid 4242, transport stdio)`. */
export function startLine(info: StartInfo): string {
  return `${info.name} ${info.version ?? '(from source)'} started (Node ${info.node}, pid ${info.pid}, transport ${info.transport})`;
}

function overrides(count: number): string {
  return count === 1 ? '1 severity override' : `${count} severity overrides`;
}

/** `HAProxy 3.2 (1 severity override), Keepalived 2.2 (0 severity overrides)`. */
function settingsSummary(settings: ServiceSettings): string {
  const part = (name: string, language: ServiceSettings['haproxy']): string =>
    `${name} ${language.version} (${overrides(Object.keys(language.severities).length)})`;
  return `${part('HAProxy', settings.haproxy)}, ${part('Keepalived', settings.keepalived)}`;
}

/**
 * Logs the settings in effect when they become known and whenever they change. Settings are
 * resolved per document (a `.halint.json` applies to its folder), so a line is written when a
 * document's settings differ from what that document had before and from the last line written:
 * a workspace with two settings files logs both once instead of at every validation.
 */
export class SettingsLog {
  private readonly byUri = new Map<string, string>();
  private last: string | undefined;

  constructor(private readonly log: Logger) {}

  /** Notes the settings resolved for `uri`. */
  note(uri: string, settings: ServiceSettings): void {
    const summary = settingsSummary(settings);
    const before = this.byUri.get(uri);
    this.byUri.set(uri, summary);
    if (before === summary || this.last === summary) return;
    this.last = summary;
    this.log.info(`Settings in effect: ${summary}`);
  }
}
