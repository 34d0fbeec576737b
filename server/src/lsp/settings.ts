import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ConfigurationItem } from 'vscode-languageserver';
import { resolveSettings, type ServiceSettings } from '../core/index.js';
import { describeError, type Logger } from './logger.js';
import { fileSystemPath } from './uri.js';

/** Name of the project settings file shared with the `halint` CLI. */
export const SETTINGS_FILE_NAME = '.halint.json';

/** The configuration sections this server reads, in the order they are asked for. */
const SECTIONS = ['haproxy', 'keepalived'] as const;

/** Sends `workspace/configuration`; `connection.workspace.getConfiguration` in production. */
export type ConfigurationPull = (items: ConfigurationItem[]) => Promise<unknown>;

type JsonObject = Record<string, unknown>;

function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

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
 * Finds and reads the nearest `.halint.json` above a document, caching both the per-folder
 * lookups (documents in one folder, or in sibling folders, share the walk) and the parsed files.
 */
export class SettingsFiles {
  private readonly lookups = new Map<string, Promise<string | undefined>>();
  private readonly contents = new Map<string, Promise<unknown>>();

  constructor(private readonly log: Logger) {}

  /** Parsed content of the settings file that applies to `uri`; undefined when there is none. */
  async forUri(uri: string): Promise<unknown> {
    const path = fileSystemPath(uri);
    if (path === undefined) return undefined;
    const file = await this.find(dirname(path));
    return file === undefined ? undefined : this.read(file);
  }

  /** Forgets every lookup, for when settings files may have appeared, changed or gone. */
  clear(): void {
    this.lookups.clear();
    this.contents.clear();
  }

  private find(folder: string): Promise<string | undefined> {
    let lookup = this.lookups.get(folder);
    if (!lookup) {
      lookup = (async () => {
        const candidate = join(folder, SETTINGS_FILE_NAME);
        if (await isFile(candidate)) return candidate;
        const parent = dirname(folder);
        return parent === folder ? undefined : this.find(parent);
      })();
      this.lookups.set(folder, lookup);
    }
    return lookup;
  }

  private read(file: string): Promise<unknown> {
    let content = this.contents.get(file);
    if (!content) {
      content = readFile(file, 'utf8')
        .then((text): unknown => JSON.parse(text.replace(/^\uFEFF/, '')))
        .catch((error: unknown) => {
          // A broken file must not silence the editor: defaults apply until it is fixed.
          this.log.warn(
            `Ignoring ${file}: ${error instanceof Error ? error.message : String(error)}`,
          );
          return undefined;
        });
      this.contents.set(file, content);
    }
    return content;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    // Missing folders (a workspace that is not on disk) end up here too, which is what we want.
    return false;
  }
}

/**
 * Settings per document: the client's configuration (when it offers the pull model) over the
 * nearest `.halint.json` over the defaults. Answers are cached per document until the client says
 * its configuration changed.
 */
export class SettingsProvider {
  private pullSupported = false;
  private readonly editor = new Map<string, Promise<unknown>>();

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

  /** Effective settings for one document. Never rejects. */
  async forDocument(uri: string): Promise<ServiceSettings> {
    const [file, editor] = await Promise.all([this.files.forUri(uri), this.editorSettings(uri)]);
    return combineSettings(file, editor);
  }

  /** Drops the cached client answers (`workspace/didChangeConfiguration`). */
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

  private editorSettings(uri: string): Promise<unknown> {
    if (!this.pullSupported) return Promise.resolve(undefined);
    let answer = this.editor.get(uri);
    if (!answer) {
      answer = this.pullSections(uri);
      this.editor.set(uri, answer);
    }
    return answer;
  }

  private async pullSections(uri: string): Promise<unknown> {
    try {
      const answer = await this.pull(SECTIONS.map((section) => ({ scopeUri: uri, section })));
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
