/**
 * The workspace's configuration files as the cluster analysis needs them: every HAProxy and
 * Keepalived file under the workspace folders (open buffers win over disk), and the node mappings
 * of the `.halint.json` files found there.
 *
 * The folders are read by the scan `halint` uses on its directories (`node/scan.ts`), bounded by
 * each folder's limits; what the limits cut is logged.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  readNodeMapping,
  type LanguageId,
  type LanguageService,
  type NodeMapping,
  type ParsedDocument,
} from '../core/index.js';
import { excludeMatcher } from '../node/exclude.js';
import { ConfigError, includeRootsOf, readProjectFile } from '../node/project-file.js';
import { readConfigFile, RefusedFileError } from '../node/read-file.js';
import {
  DEFAULT_SCAN_LIMITS,
  reachable,
  scanFolders,
  SETTINGS_FILE_NAME,
  MAX_SCAN_ENTRIES,
  type ScanLimits,
  type ScanResult,
} from '../node/scan.js';
import { reuseParse, type KnownParses } from './document-cache.js';
import type { Logger } from './logger.js';
import { fileSystemPath } from './uri.js';

/** A workspace folder and the scan limits that apply to it. */
export interface WorkspaceFolder {
  readonly uri: string;
  readonly limits: ScanLimits;
}

/** What `stat` says about a file or folder, to notice changes without reading it. */
function stampOf(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
  } catch {
    return undefined;
  }
}

/** What {@link Workspace.poll} found changed on disk. */
export interface PollResult {
  /** Files re-read (or forgotten) because their stamp changed. */
  readonly changed: string[];
  /** A folder gained or lost entries, so the whole workspace was read again. */
  readonly rescanned: boolean;
}

/** Files read from disk, re-read when the client says they changed (or when polled). */
export class Workspace {
  private readonly disk = new Map<string, ParsedDocument>();
  private readonly mappings = new Map<string, NodeMapping>();
  /** `includeRoots` of each `.halint.json`, as absolute paths. */
  private readonly rootsByFile = new Map<string, string[]>();
  /** Stamps of the folders walked and the files read by the last scan, for {@link poll}. */
  private readonly stamps = new Map<string, string | undefined>();
  private folders: WorkspaceFolder[] = [];
  private exclude: (relative: string) => boolean = () => false;
  /** The exclusion patterns and limits of the last scan, as JSON: a new scan is due when they move. */
  private scanKey = '';

  /**
   * @param open - the open documents: a file read with the same text as its open buffer (opened
   *   before the scan, just saved, being closed unchanged) shares the buffer's parse.
   */
  constructor(
    private readonly service: LanguageService,
    private readonly log: Logger,
    private readonly open?: KnownParses,
  ) {}

  /**
   * Sets the workspace folders (URIs, with their scan limits, the defaults for a plain URI) and
   * the exclusion globs, and reads everything once.
   */
  scan(folders: readonly (string | WorkspaceFolder)[], excludeGlobs: readonly string[]): void {
    this.folders = folders.map((folder) =>
      typeof folder === 'string' ? { uri: folder, limits: DEFAULT_SCAN_LIMITS } : folder,
    );
    this.scanKey = JSON.stringify([this.folders, excludeGlobs]);
    this.exclude = excludeMatcher(excludeGlobs, (pattern, reason) =>
      this.log.warn(`Ignoring the files.exclude pattern ${JSON.stringify(pattern)}: ${reason}`),
    );
    this.readAll();
  }

  /** Whether a scan with these folders and globs would differ from the last one. */
  differs(folders: readonly WorkspaceFolder[], excludeGlobs: readonly string[]): boolean {
    return JSON.stringify([folders, excludeGlobs]) !== this.scanKey;
  }

  /** The workspace folders of the last scan (URIs). */
  get roots(): readonly string[] {
    return this.folders.map((folder) => folder.uri);
  }

  /**
   * Looks for changes on disk the client did not report (it watches no files for us): stats the
   * folders and files of the last scan, re-reads the files whose stamp moved, and reads everything
   * again when a folder's entries changed (a file created, deleted or renamed over). The cost is
   * one `stat` per folder and file, within the scan's bounds.
   */
  poll(): PollResult {
    for (const [path, stamp] of this.stamps) {
      if (path.endsWith('/') && stampOf(path) !== stamp) {
        this.readAll();
        return { changed: [], rescanned: true };
      }
    }
    const changed: string[] = [];
    for (const [path, stamp] of this.stamps) {
      if (path.endsWith('/')) continue;
      const now = stampOf(path);
      if (now === stamp) continue;
      this.stamps.set(path, now);
      const uri = pathToFileURL(path).href;
      this.refresh(uri);
      changed.push(uri);
    }
    return { changed, rescanned: false };
  }

  private readAll(): void {
    const started = performance.now();
    this.disk.clear();
    this.mappings.clear();
    this.rootsByFile.clear();
    this.stamps.clear();
    for (const folder of this.folders) {
      const root = fileSystemPath(folder.uri);
      if (root === undefined) continue;
      const scan = scanFolders([root], {
        limits: folder.limits,
        exclude: this.exclude,
        // Folders are keyed with a trailing slash; their mtime moves when an entry comes or goes.
        visit: (path, kind) =>
          this.stamps.set(kind === 'folder' ? `${path}/` : path, stampOf(path)),
      });
      for (const file of scan.files) {
        this.keep(pathToFileURL(file.path).href, file.language, file.text);
      }
      for (const path of scan.settingsFiles) this.readMapping(path);
      // Unreadable files are simply not part of the cluster; refused ones are worth a line.
      for (const path of scan.irregular) {
        this.log.warn(`Not reading ${path}: not a regular file (a FIFO, socket or device)`);
      }
      for (const { path, error } of scan.problems) {
        if (error instanceof RefusedFileError) {
          this.log.warn(`Not reading ${path}: ${error.message}`);
        }
      }
      this.logCut(folder, scan.cut);
    }
    this.log.info(this.scanSummary(performance.now() - started));
  }

  /** Says what the limits of a folder's scan left out, and which setting raises them. */
  private logCut(folder: WorkspaceFolder, cut: ScanResult['cut']): void {
    if (cut.filesLeftOut > 0) {
      this.log.info(
        `Cluster analysis reads at most ${folder.limits.maxFiles} workspace files; ${cut.filesLeftOut} more were left out in ${folder.uri} (setting haproxy.scan.maxFiles, or "scan": {"maxFiles": N} in ${SETTINGS_FILE_NAME})`,
      );
    }
    if (cut.foldersTooDeep > 0) {
      this.log.info(
        `Cluster analysis searches ${folder.limits.maxDepth} folder levels deep; ${cut.foldersTooDeep} deeper folders in ${folder.uri} were not searched, the first ${cut.firstTooDeep ?? ''} (setting haproxy.scan.maxDepth, or "scan": {"maxDepth": N} in ${SETTINGS_FILE_NAME})`,
      );
    }
    if (cut.entriesExhaustedAt !== undefined) {
      this.log.info(
        `Cluster analysis stopped listing ${folder.uri} at ${cut.entriesExhaustedAt}: more than ${MAX_SCAN_ENTRIES} entries`,
      );
    }
  }

  /** `Workspace folders: file:///srv/lb; scan found 4 configuration files (…) in 3 ms`. */
  private scanSummary(ms: number): string {
    let haproxy = 0;
    for (const document of this.disk.values()) if (document.languageId === 'haproxy') haproxy++;
    const keepalived = this.disk.size - haproxy;
    const folders = this.folders.length > 0 ? this.roots.join(', ') : 'none';
    const files = this.disk.size === 1 ? 'file' : 'files';
    return `Workspace folders: ${folders}; scan found ${this.disk.size} configuration ${files} (${haproxy} HAProxy, ${keepalived} Keepalived) and ${this.mappings.size} ${SETTINGS_FILE_NAME} in ${Math.round(ms)} ms`;
  }

  /** Re-reads one file after the client reported a change on disk (or forgets a deleted one). */
  refresh(uri: string): void {
    const path = fileSystemPath(uri);
    if (path === undefined) return;
    if (path.endsWith(`/${SETTINGS_FILE_NAME}`)) {
      this.mappings.delete(path);
      this.readMapping(path);
      return;
    }
    const folder = this.folderOf(path);
    if (!folder) return;
    this.disk.delete(pathToFileURL(path).href);
    // Only what the scan itself would read: not a file in node_modules/ or past the depth limit.
    if (reachable(folder.relative, folder.limits, this.exclude)) this.readFile(path);
  }

  /** Disk snapshots of the workspace files, without the ones `open` replaces. */
  documents(open: readonly ParsedDocument[]): ParsedDocument[] {
    const byUri = new Map(this.disk);
    for (const document of open) byUri.set(document.uri, document);
    return [...byUri.values()];
  }

  /** The disk snapshot of one workspace file. */
  get(uri: string): ParsedDocument | undefined {
    return this.disk.get(uri);
  }

  /** Node mappings of the `.halint.json` files in the workspace. */
  nodeMappings(): NodeMapping[] {
    return [...this.mappings.values()];
  }

  /**
   * Folders (paths) includes may reach: the workspace folders and the `includeRoots` the
   * `.halint.json` files name. Empty without workspace folders.
   */
  includeRoots(): string[] {
    const folders = this.roots
      .map((folder) => fileSystemPath(folder))
      .filter((path): path is string => path !== undefined);
    return folders.length === 0 ? [] : [...folders, ...[...this.rootsByFile.values()].flat()];
  }

  /** The workspace folder holding `path`, with the path below it. */
  private folderOf(
    path: string,
  ): { readonly relative: string; readonly limits: ScanLimits } | undefined {
    for (const folder of this.folders) {
      const root = fileSystemPath(folder.uri);
      if (root !== undefined && path.startsWith(`${root}/`)) {
        return { relative: path.slice(root.length + 1), limits: folder.limits };
      }
    }
    return undefined;
  }

  private readFile(path: string): void {
    this.stamps.set(path, stampOf(path));
    try {
      // Counts the bytes it reads (stat says 0 for /dev/zero) and refuses FIFOs and devices.
      const text = readConfigFile(path);
      const language = this.service.detectLanguage(path, text);
      if (!language) return;
      this.keep(pathToFileURL(path).href, language, text);
    } catch (error) {
      // Unreadable files are simply not part of the cluster; refused ones are worth a line.
      if (error instanceof RefusedFileError) this.log.warn(`Not reading ${path}: ${error.message}`);
    }
  }

  /** Records a file read from disk (version 0), parsed unless its open buffer holds the same text. */
  private keep(uri: string, language: LanguageId, text: string): void {
    const document =
      reuseParse(this.open?.(uri), language, text, 0) ?? this.service.parse(language, uri, text);
    this.disk.set(uri, document);
  }

  private readMapping(path: string): void {
    this.stamps.set(path, stampOf(path));
    this.rootsByFile.delete(path);
    let value: Record<string, unknown>;
    try {
      value = readProjectFile(path);
    } catch (error) {
      // The settings provider reports a broken settings file; here it maps no node.
      if (error instanceof ConfigError) return;
      throw error;
    }
    const folder = dirname(path);
    const mapping = readNodeMapping(value, pathToFileURL(folder).href);
    if (mapping) this.mappings.set(path, mapping);
    const roots = includeRootsOf(value, folder);
    if (roots.length > 0) this.rootsByFile.set(path, roots);
  }
}
