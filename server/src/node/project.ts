/**
 * From paths on a command line to what the language service analyses: the settings of the
 * nearest `.halint.json`, the configuration files found, their parses and the nodes and clusters
 * they form. `halint`, `halint topology` and `halint lab` all start here, so the three agree on
 * which files make up a node.
 */
import { dirname, resolve } from 'node:path';
import { createLanguageService, mappedFiles, planClusters } from '../core/index.js';
import type {
  ClusterPlan,
  FileHost,
  LanguageId,
  LanguageService,
  NodeMapping,
  ParsedDocument,
  ServiceSettings,
} from '../core/index.js';
import { discover, type SourceFile } from './discover.js';
import { createDiskFileHost } from './file-host.js';
import { ConfigError, folderOf, loadProjectSettings, withVersions } from './project-file.js';

/** What a command line says about its inputs. */
interface LoadOptions {
  /** Files and directories, in command-line order. */
  readonly paths: readonly string[];
  /** Forces the language of the files named (not of the ones found in directories). */
  readonly language?: LanguageId | undefined;
  /** False with `--no-cluster`: every file is its own node and no cross-file check runs. */
  readonly cluster: boolean;
  /** Command-line versions; they win over `.halint.json`. */
  readonly haproxyVersion?: string | undefined;
  readonly keepalivedVersion?: string | undefined;
  /** Command-line scan limits; they win over the `scan` of `.halint.json`. */
  readonly maxFiles?: number | undefined;
  readonly maxDepth?: number | undefined;
}

/** Files, parsed documents and cluster plans of a command line, with the settings that apply. */
export interface LoadedInputs {
  readonly settings: ServiceSettings;
  readonly files: SourceFile[];
  /** Paths that could not be read, or were left unchecked by a limit, as messages. */
  readonly errors: string[];
  /** What a limit left unsearched without failing the run, as messages. */
  readonly notes: string[];
  readonly service: LanguageService;
  readonly documents: ParsedDocument[];
  readonly plans: ClusterPlan[];
  /** Reads files for analysis, confined to the folders of the run. */
  readonly host: FileHost;
  /** The `.halint.json` used, as parsed, and where it is. */
  readonly project: { readonly file?: unknown; readonly configPath?: string };
}

/** How documents are grouped into nodes and clusters. */
interface PlanOptions {
  /** False with `--no-cluster`: every file is its own node and no cross-file check runs. */
  readonly cluster: boolean;
  /** The `nodes` of `.halint.json`, when it maps nodes to files. */
  readonly mapping?: NodeMapping | undefined;
  /** Resolves Keepalived includes, so that included files are not taken for nodes of their own. */
  readonly files?: FileHost;
}

/**
 * Groups documents into clusters of nodes. With clustering the core decides (folders, `.halint.json`
 * mapping); without, each file is a lone node in a cluster of its own, so that no check can ever
 * relate two files.
 */
export function planNodes(
  documents: readonly ParsedDocument[],
  options: PlanOptions,
): ClusterPlan[] {
  if (!options.cluster) {
    return documents.map((document) => ({
      id: document.uri,
      nodes: [
        {
          name: document.uri,
          haproxy: document.languageId === 'haproxy' ? [document] : [],
          keepalived: document.languageId === 'keepalived' ? [document] : [],
        },
      ],
    }));
  }
  return planClusters(documents, options.mapping ? [options.mapping] : [], options.files, (uri) =>
    resolve(uri),
  );
}

/**
 * Reads the settings, finds and parses the files and groups them into clusters. A broken
 * `.halint.json` is returned as `error`.
 *
 * @param texts texts to use instead of what is on disk, by resolved path (`halint --fix
 *   --dry-run` reports on the fixed texts it did not write)
 */
export function loadInputs(
  options: LoadOptions,
  texts?: ReadonlyMap<string, string>,
): LoadedInputs | { readonly error: string } {
  let settings;
  let mapping;
  let configPath;
  let includeRoots;
  let scan;
  let file;
  try {
    ({ settings, mapping, configPath, includeRoots, scan, file } = loadProjectSettings(
      options.paths,
    ));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { error: error.message };
  }
  settings = withVersions(settings, {
    haproxy: options.haproxyVersion,
    keepalived: options.keepalivedVersion,
  });
  const limits = {
    maxFiles: options.maxFiles ?? scan.maxFiles,
    maxDepth: options.maxDepth ?? scan.maxDepth,
  };
  const { files, errors, notes } = discover(options.paths, options.language, limits);
  if (options.cluster && mapping) {
    // The nodes `.halint.json` maps are analysed together even when only some were named.
    const known = new Set(files.map((file) => resolve(file.path)));
    const missing = mappedFiles(mapping).filter((path) => !known.has(path));
    if (missing.length > 0) {
      const extra = discover(missing, options.language);
      files.push(...extra.files);
      errors.push(...extra.errors);
    }
  }
  // Confinement: includes reach the folders given, the settings file's folder and the
  // `includeRoots` it names, never the rest of the machine running halint (a CI runner).
  const roots = [
    ...options.paths.map(folderOf),
    ...(configPath !== undefined ? [dirname(configPath)] : []),
    ...(includeRoots ?? []),
  ];
  const host = createDiskFileHost(undefined, roots);
  const service = createLanguageService({ files: host });
  if (texts) {
    for (const [index, file] of files.entries()) {
      const text = texts.get(resolve(file.path));
      if (text !== undefined) files[index] = { ...file, text };
    }
  }
  const documents = files.map((file) => service.parse(file.language, file.path, file.text));
  const plans = planNodes(documents, { cluster: options.cluster, mapping, files: host });
  return {
    settings,
    files,
    errors,
    notes,
    service,
    documents,
    plans,
    host,
    project: { file, ...(configPath !== undefined ? { configPath } : {}) },
  };
}
