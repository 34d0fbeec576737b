/**
 * Keeps the workspace's disk snapshots fresh for clients that watch no files for the server (no
 * dynamic registration of `workspace/didChangeWatchedFiles`: Neovim 0.7, many others). Without
 * it, a cross-node finding stays after the peer's file is fixed on disk until that file is
 * opened. A `stat` poll over the files and folders of the last scan is bounded by the scan's own
 * limits, needs no watcher handles and behaves the same on every file system.
 *
 * @packageDocumentation
 */
import { describeError, type Logger } from './logger.js';
import type { PollResult, Workspace } from './workspace.js';

/** Time between two polls. */
export const DISK_POLL_MS = 2000;

/** Polls the workspace on a timer while it runs. */
export class DiskPoller {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly workspace: Pick<Workspace, 'poll'>,
    private readonly changed: (result: PollResult) => void,
    private readonly log: Logger,
    private readonly intervalMs = DISK_POLL_MS,
  ) {}

  /** Starts polling (again a no-op when it already runs). */
  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.pollNow(), this.intervalMs);
    // The timer alone must not keep a server alive whose client has gone.
    this.timer.unref();
  }

  /** Whether the timer runs. */
  get running(): boolean {
    return this.timer !== undefined;
  }

  /** One poll; reports what changed, if anything. */
  pollNow(): void {
    try {
      const result = this.workspace.poll();
      if (result.rescanned || result.changed.length > 0) this.changed(result);
    } catch (error) {
      this.log.error(`Polling the workspace files failed: ${describeError(error)}`);
    }
  }

  /** Stops polling. */
  dispose(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
