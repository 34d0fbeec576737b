import { dirname } from 'node:path';
import type { ConfigurationItem, FormattingOptions } from 'vscode-languageserver';
import { resolveSettings, type ServiceSettings } from '../core/index.js';
import {
  asObject,
  ConfigError,
  findProjectFile,
  readProjectFile,
  type JsonObject,
} from '../node/project-file.js';
import { readScanLimits, type ScanLimits } from '../node/scan.js';
import { readDaemonSettings, type DaemonSettings } from '../node/daemons/settings.js';
import { CLUSTER_DELAY_MS } from './cluster.js';
import { DIAGNOSTICS_DELAY_MS } from './diagnostics.js';
import { describeError, type Logger } from './logger.js';
import { fileSystemPath } from './uri.js';

/** The configuration sections this server reads, in the order they are asked for. */
const SECTIONS = ['haproxy', 'keepalived'] as const;

/** Sends `workspace/configuration`; `connection.workspace.getConfiguration` in production. */
export type ConfigurationPull = (items: ConfigurationItem[]) => Promise<unknown>;

/**
 * Layers editor settings over `.halint.json` over the defaults. Editor severities win over the
 * file's. Versions go the other way: `workspace/configuration` always answers a version (VS Code
 * fills in the declared default), so it cannot tell a user's choice from the default, while a
 * version written in `.halint.json` is a deliberate statement about the project, the same one the
 * CLI obeys.
 */
export function combineSettings(file: unknown, editor: unknown): ServiceSettings {
  const base = resolveSettings(file);
  const fromEditor = asObject(editor);
  if (!fromEditor) return base;
  const fileObject = asObject(file);
  const input: JsonObject = {};
  for (const language of SECTIONS) {
    const section = asObject(fromEditor[language]);
    if (!section) continue;
    const fileSetsVersion = asObject(fileObject?.[language])?.['version'] !== undefined;
    input[language] = fileSetsVersion ? { ...section, version: undefined } : section;
  }
  return resolveSettings(input, base);
}

/**
 * The `haproxy` and `keepalived` sections of settings a client pushed (`initializationOptions` or
 * the `settings` of `workspace/didChangeConfiguration`). Clients wrap them differently: lspconfig,
 * Helix and eglot send the sections at the top, some configurations nest them under `settings`.
 * Returns undefined when neither section is there, so that an empty push changes nothing.
 */
export function pushedSections(value: unknown): JsonObject | undefined {
  const object = asObject(value);
  if (!object) return undefined;
  const sections: JsonObject = {};
  for (const language of SECTIONS) {
    const section = asObject(object[language]);
    if (section) sections[language] = section;
  }
  if (Object.keys(sections).length > 0) return sections;
  return object['settings'] !== undefined ? pushedSections(object['settings']) : undefined;
}

/**
 * Layers settings objects, later ones winning key by key; nested objects (a `diagnostics` map)
 * are merged rather than replaced, so a severity pushed at start-up survives a pull that sets
 * another rule's.
 */
export function layerSettings(...layers: unknown[]): JsonObject | undefined {
  let result: JsonObject | undefined;
  for (const layer of layers) {
    const object = asObject(layer);
    if (!object) continue;
    result = { ...result };
    for (const [key, value] of Object.entries(object)) {
      const below = asObject(result[key]);
      const above = asObject(value);
      if (below && above) result[key] = layerSettings(below, above);
      else if (value !== undefined && value !== null) result[key] = value;
    }
  }
  return result;
}

/** The quiet times of validation, in milliseconds (`haproxy.validation.*`). */
export interface ValidationTiming {
  /** After the last edit of a document, before it is validated again (`delayMs`). */
  readonly delayMs: number;
  /** After the last change, before the clusters are analysed again (`clusterDelayMs`). */
  readonly clusterDelayMs: number;
}

/** The delays when no setting says otherwise. */
export const DEFAULT_VALIDATION_TIMING: ValidationTiming = {
  delayMs: DIAGNOSTICS_DELAY_MS,
  clusterDelayMs: CLUSTER_DELAY_MS,
};

/** Longest delay taken from a setting: past this, findings would look broken rather than calm. */
const MAX_VALIDATION_DELAY_MS = 5000;

function isDelay(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 0 &&
    value <= MAX_VALIDATION_DELAY_MS
  );
}

/**
 * Reads the `validation` object of the editor's `haproxy` section: whole milliseconds from 0 to
 * 5000; a missing or malformed value keeps the default, as the scan limits do.
 */
export function readValidationTiming(input: unknown): ValidationTiming {
  const raw = asObject(input);
  if (!raw) return DEFAULT_VALIDATION_TIMING;
  return {
    delayMs: isDelay(raw['delayMs']) ? raw['delayMs'] : DEFAULT_VALIDATION_TIMING.delayMs,
    clusterDelayMs: isDelay(raw['clusterDelayMs'])
      ? raw['clusterDelayMs']
      : DEFAULT_VALIDATION_TIMING.clusterDelayMs,
  };
}

/** Largest `format.indentWidth` taken from `.halint.json`. */
const MAX_INDENT_WIDTH = 16;

/**
 * The `format` of a `.halint.json` as formatting options: `indentWidth` (1 to 16 spaces) and
 * `insertSpaces` (false for tabs). Values of the wrong type are ignored.
 */
function projectFormat(file: unknown): Partial<FormattingOptions> {
  const format = asObject(asObject(file)?.['format']);
  if (!format) return {};
  const options: Partial<FormattingOptions> = {};
  const width = format['indentWidth'];
  if (
    typeof width === 'number' &&
    Number.isInteger(width) &&
    width >= 1 &&
    width <= MAX_INDENT_WIDTH
  ) {
    options.tabSize = width;
  }
  if (typeof format['insertSpaces'] === 'boolean') options.insertSpaces = format['insertSpaces'];
  return options;
}

/**
 * Finds and reads the nearest `.halint.json` above a document (the lookup and reader `halint`
 * uses), caching both the per-folder lookups and the parsed files.
 */
export class SettingsFiles {
  private readonly lookups = new Map<string, string | undefined>();
  private readonly contents = new Map<string, unknown>();

  constructor(private readonly log: Logger) {}

  /** Parsed content of the settings file that applies to `uri`; undefined when there is none. */
  forUri(uri: string): Promise<unknown> {
    const path = fileSystemPath(uri);
    return Promise.resolve(path === undefined ? undefined : this.inFolder(dirname(path)));
  }

  /** Parsed content of the settings file at or above the folder `uri`; undefined when none. */
  forFolder(uri: string): Promise<unknown> {
    const path = fileSystemPath(uri);
    return Promise.resolve(path === undefined ? undefined : this.inFolder(path));
  }

  /** Path of the settings file that applies to `uri`; undefined when there is none. */
  pathForUri(uri: string): string | undefined {
    const path = fileSystemPath(uri);
    if (path === undefined) return undefined;
    const folder = dirname(path);
    if (!this.lookups.has(folder)) this.inFolder(folder);
    return this.lookups.get(folder);
  }

  /** Forgets every lookup, for when settings files may have appeared, changed or gone. */
  clear(): void {
    this.lookups.clear();
    this.contents.clear();
  }

  private inFolder(folder: string): unknown {
    let file: string | undefined;
    if (this.lookups.has(folder)) file = this.lookups.get(folder);
    else {
      file = findProjectFile(folder);
      this.lookups.set(folder, file);
    }
    return file === undefined ? undefined : this.read(file);
  }

  private read(file: string): unknown {
    if (this.contents.has(file)) return this.contents.get(file);
    let content: unknown;
    try {
      content = readProjectFile(file);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // A broken file must not silence the editor: defaults apply until it is fixed.
      this.log.warn(`Ignoring ${file}: ${error.reason}`);
    }
    this.contents.set(file, content);
    return content;
  }
}

/**
 * Settings per document, from every channel a client may use, each over the one before:
 *
 * 1. the defaults, then the nearest `.halint.json`;
 * 2. `initializationOptions` (clients without any configuration protocol);
 * 3. the `settings` of the last `workspace/didChangeConfiguration` that carried any (lspconfig,
 *    eglot, Helix push them this way);
 * 4. the answer to `workspace/configuration`, when the client supports the pull model.
 *
 * Editor layers win over the file's severities; a version written in `.halint.json` wins over
 * every editor layer (see {@link combineSettings}). Pull answers are cached per document until
 * the client says its configuration changed.
 */
export class SettingsProvider {
  private pullSupported = false;
  private readonly editor = new Map<string, Promise<unknown>>();
  private initial: JsonObject | undefined;
  private pushed: JsonObject | undefined;
  /** Settings problems already logged. */
  private readonly said = new Set<string>();
  private timingNow = DEFAULT_VALIDATION_TIMING;
  /** The last window-scope pull answer, kept for the delays between a change and its re-pull. */
  private pulledWindow: unknown;

  constructor(
    private readonly pull: ConfigurationPull,
    private readonly files: SettingsFiles,
    private readonly log: Logger,
  ) {}

  /** Turns the pull model on or off, from the client's capabilities. */
  setPullSupported(supported: boolean): void {
    this.pullSupported = supported;
    this.editor.clear();
  }

  /** Records the `initializationOptions` of `initialize`. */
  setInitializationOptions(options: unknown): void {
    this.initial = pushedSections(options);
    this.timingNow = this.readTiming();
  }

  /**
   * The validation delays in effect. Timers are set synchronously on every keystroke, so this is
   * a value kept up to date by {@link refreshTiming} rather than a request per edit.
   */
  timing(): ValidationTiming {
    return this.timingNow;
  }

  /**
   * Reads the delays again from every editor channel (the pull without a document scope: they
   * are window settings, one pair for the whole server). `.halint.json` does not set them: they
   * are about the editor's behaviour, not the project.
   */
  async refreshTiming(): Promise<void> {
    this.pulledWindow = this.pullSupported ? await this.pullSections(undefined) : undefined;
    this.timingNow = this.readTiming();
  }

  /** Effective settings for one document. Never rejects. */
  async forDocument(uri: string): Promise<ServiceSettings> {
    const [file, pulled] = await Promise.all([this.files.forUri(uri), this.editorSettings(uri)]);
    return combineSettings(file, layerSettings(this.initial, this.pushed, pulled));
  }

  /**
   * Handles `workspace/didChangeConfiguration`: keeps the settings it carries, if any (a client
   * using the pull model sends `null` and is asked again), and drops the cached pull answers.
   */
  configurationChanged(settings?: unknown): void {
    const sections = pushedSections(settings);
    if (sections) this.pushed = sections;
    this.editor.clear();
    this.timingNow = this.readTiming();
  }

  /**
   * Limits of the scan of a workspace folder: the defaults, then the editor's `haproxy.scan`
   * (`maxFiles`, `maxDepth`) from every channel, then the `scan` of the `.halint.json` at or
   * above the folder. The file wins for the reason versions do: VS Code answers the declared
   * default when nobody chose a value, while the file is a deliberate statement about the project.
   */
  async scanLimits(folderUri: string): Promise<ScanLimits> {
    const [file, pulled] = await Promise.all([
      this.files.forFolder(folderUri),
      this.editorSettings(folderUri),
    ]);
    const editor = layerSettings(this.initial, this.pushed, pulled);
    const fromEditor = readScanLimits(asObject(asObject(editor?.['haproxy'])?.['scan']));
    return readScanLimits(asObject(file)?.['scan'], fromEditor);
  }

  /**
   * Formatting options for a document: the client's, with the `format` of the nearest
   * `.halint.json` over them. A project that states its indentation gets it in every editor
   * (Neovim's default of tabs included) and from every contributor.
   */
  async formatOptions(uri: string, client: FormattingOptions): Promise<FormattingOptions> {
    return { ...client, ...projectFormat(await this.files.forUri(uri)) };
  }

  /**
   * Settings of the daemons' checks for a document (see `readDaemonSettings`): a command line and
   * an SSH target only from the editor's layers, presets and mappings from the file as well.
   * What a settings file may not set is logged once.
   */
  async daemonSettings(uri: string): Promise<DaemonSettings> {
    const [file, pulled] = await Promise.all([this.files.forUri(uri), this.editorSettings(uri)]);
    const path = this.files.pathForUri(uri);
    const { settings, ignored } = readDaemonSettings({
      editor: layerSettings(this.initial, this.pushed, pulled),
      file,
      ...(path !== undefined ? { fileFolder: dirname(path) } : {}),
    });
    for (const message of ignored) {
      if (this.said.has(message)) continue;
      this.said.add(message);
      this.log.warn(message);
    }
    return settings;
  }

  /** Drops the cached client answers. */
  clearEditorSettings(): void {
    this.editor.clear();
  }

  /** Drops the cached `.halint.json` lookups (a watched settings file changed). */
  clearFiles(): void {
    this.files.clear();
  }

  /** Drops the cache entry of a closed document. */
  forget(uri: string): void {
    this.editor.delete(uri);
  }

  private readTiming(): ValidationTiming {
    const editor = layerSettings(this.initial, this.pushed, this.pulledWindow);
    return readValidationTiming(asObject(editor?.['haproxy'])?.['validation']);
  }

  private editorSettings(uri: string): Promise<unknown> {
    if (!this.pullSupported) return Promise.resolve(undefined);
    let answer = this.editor.get(uri);
    if (!answer) {
      answer = this.pullSections(uri);
      this.editor.set(uri, answer);
    }
    return answer;
  }

  /** The sections as the client answers them for `uri`, or for the window without one. */
  private async pullSections(uri: string | undefined): Promise<unknown> {
    try {
      const answer = await this.pull(
        SECTIONS.map((section) => (uri === undefined ? { section } : { scopeUri: uri, section })),
      );
      // The answer is one value per item; anything else (null, an object) means "nothing set".
      if (!Array.isArray(answer)) return undefined;
      const values: unknown[] = answer;
      return { haproxy: values[0], keepalived: values[1] };
    } catch (error) {
      this.log.warn(`workspace/configuration failed, using defaults: ${describeError(error)}`);
      return undefined;
    }
  }
}
