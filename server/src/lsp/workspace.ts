/**
 * The workspace's configuration files as the cluster analysis needs them: every HAProxy and
 * Keepalived file under the workspace folders (open buffers win over disk), and the node mappings
 * of the `.halint.json` files found there.
 *
 * The scan is bounded (files, folder depth, file size) so that opening a home directory or a
 * monorepo cannot stall the server; what is skipped is logged once.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  readNodeMapping,
  type LanguageService,
  type NodeMapping,
  type ParsedDocument,
} from '../core/index.js';
import { globSegmentToRegExp } from '../node/file-host.js';
import { readConfigFile, RefusedFileError } from '../node/read-file.js';
import type { Logger } from './logger.js';
import { SETTINGS_FILE_NAME } from './settings.js';
import { fileSystemPath } from './uri.js';

/** Most configuration files read from disk. */
export const MAX_WORKSPACE_FILES = 2000;
/** Deepest folder level searched below a workspace folder. */
const MAX_DEPTH = 8;
/** Larger files are never read by the scan (they are still analysed when opened). */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** Folders that never hold a node's configuration and can be huge. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out']);

/** Names worth reading: the detector still decides by name, then by content. */
function isCandidate(name: string): boolean {
  return /\.(cfg|conf)$/i.test(name) || /haproxy|keepalived/i.test(name);
}

/** Compiles `files.exclude` globs (`**` across folders, `*`, `?`, `{a,b}`) against a relative path. */
export function excludeMatcher(patterns: readonly string[]): (relative: string) => boolean {
  const compiled = patterns.map((pattern) => {
    const segments = pattern
      .replace(/^\.\//, '')
      .split('/')
      .filter((part) => part !== '');
    return segments.map((segment) => (segment === '**' ? undefined : globSegmentToRegExp(segment)));
  });
  const matches = (
    parts: readonly string[],
    segments: readonly ({ test(name: string): boolean } | undefined)[],
  ): boolean => {
    if (segments.length === 0) return parts.length === 0;
    const [first, ...rest] = segments;
    if (first === undefined) {
      for (let skip = 0; skip <= parts.length; skip++) {
        if (matches(parts.slice(skip), rest)) return true;
      }
      return false;
    }
    return parts.length > 0 && first.test(parts[0] ?? '') && matches(parts.slice(1), rest);
  };
  return (relative) => {
    const parts = relative.split('/');
    // A pattern matching a folder excludes everything below it.
    return compiled.some((segments) =>
      parts.some((_, i) => matches(parts.slice(0, i + 1), segments)),
    );
  };
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
  private folders: string[] = [];
  private exclude: (relative: string) => boolean = () => false;

  constructor(
    private readonly service: LanguageService,
    private readonly log: Logger,
  ) {}

  /** Sets the workspace folders (URIs) and the exclusion globs, and reads everything once. */
  scan(folders: readonly string[], excludeGlobs: readonly string[]): void {
    this.folders = [...folders];
    this.exclude = excludeMatcher(excludeGlobs);
    this.readAll();
  }

  /** The workspace folders of the last scan (URIs). */
  get roots(): readonly string[] {
    return this.folders;
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
    let skipped = 0;
    for (const folder of this.folders) {
      const root = fileSystemPath(folder);
      if (root === undefined) continue;
      const walk = (dir: string, relative: string, depth: number): void => {
        let entries: Dirent[];
        // Folders are keyed with a trailing slash; their mtime moves when an entry comes or goes.
        this.stamps.set(`${dir}/`, stampOf(dir));
        try {
          entries = readdirSync(dir, { withFileTypes: true });
        } catch {
          return;
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const entry of entries) {
          const path = join(dir, entry.name);
          const rel = relative ? `${relative}/${entry.name}` : entry.name;
          if (this.exclude(rel)) continue;
          if (entry.isDirectory()) {
            if (depth < MAX_DEPTH && !SKIPPED_FOLDERS.has(entry.name)) walk(path, rel, depth + 1);
          } else if (entry.name === SETTINGS_FILE_NAME) {
            this.readMapping(path);
          } else if (isCandidate(entry.name)) {
            if (this.disk.size >= MAX_WORKSPACE_FILES) skipped++;
            else this.readFile(path);
          }
        }
      };
      walk(root, '', 0);
    }
    this.log.info(this.scanSummary(performance.now() - started));
    if (skipped > 0) {
      this.log.info(
        `Cluster analysis reads at most ${MAX_WORKSPACE_FILES} workspace files; ${skipped} more were left out`,
      );
    }
  }

  /** `Workspace folders: file:///srv/lb; scan found 4 configuration files (…) in 3 ms`. */
  private scanSummary(ms: number): string {
    let haproxy = 0;
    for (const document of this.disk.values()) if (document.languageId === 'haproxy') haproxy++;
    const keepalived = this.disk.size - haproxy;
    const folders = this.folders.length > 0 ? this.folders.join(', ') : 'none';
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
    if (!this.isInside(path)) return;
    this.disk.delete(pathToFileURL(path).href);
    if (isCandidate(path.slice(path.lastIndexOf('/') + 1))) this.readFile(path);
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
    const folders = this.folders
      .map((folder) => fileSystemPath(folder))
      .filter((path): path is string => path !== undefined);
    return folders.length === 0 ? [] : [...folders, ...[...this.rootsByFile.values()].flat()];
  }

  private isInside(path: string): boolean {
    for (const folder of this.folders) {
      const root = fileSystemPath(folder);
      if (root !== undefined && (path === root || path.startsWith(`${root}/`))) {
        return !this.exclude(path.slice(root.length + 1));
      }
    }
    return false;
  }

  private readFile(path: string): void {
    this.stamps.set(path, stampOf(path));
    try {
      // Counts the bytes it reads (stat says 0 for /dev/zero) and refuses FIFOs and devices.
      const text = readConfigFile(path, MAX_FILE_BYTES);
      const language = this.service.detectLanguage(path, text);
      if (!language) return;
      const uri = pathToFileURL(path).href;
      this.disk.set(uri, this.service.parse(language, uri, text));
    } catch (error) {
      // Unreadable files are simply not part of the cluster; refused ones are worth a line.
      if (error instanceof RefusedFileError) this.log.warn(`Not reading ${path}: ${error.message}`);
    }
  }

  private readMapping(path: string): void {
    this.stamps.set(path, stampOf(path));
    this.rootsByFile.delete(path);
    try {
      const value: unknown = JSON.parse(readConfigFile(path, MAX_FILE_BYTES));
      const folder = path.slice(0, path.lastIndexOf('/'));
      const mapping = readNodeMapping(value, pathToFileURL(folder).href);
      if (mapping) this.mappings.set(path, mapping);
      const roots = (value as { includeRoots?: unknown } | null)?.includeRoots;
      if (Array.isArray(roots)) {
        this.rootsByFile.set(
          path,
          roots
            .filter((root): root is string => typeof root === 'string' && root !== '')
            .map((root) => resolvePath(folder, root)),
        );
      }
    } catch {
      // The settings provider reports a broken settings file; here it maps no node.
    }
  }
}
