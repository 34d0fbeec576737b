import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import {
  LineIndex,
  shareDocument,
  type LanguageId,
  type LanguageService,
  type ParsedDocument,
  type TextChange,
} from '../core/index.js';
import { chooseLanguage } from './language-choice.js';
import { describeError, type Logger } from './logger.js';
import { uriToPath } from './uri.js';

/**
 * An open document that is neither HAProxy nor Keepalived (yet), or whose parse failed: its text
 * is still kept in step with the editor's, so that a later edit starts from the right text.
 */
interface IgnoredDocument {
  readonly kind: 'ignored';
  readonly text: string;
  /** The language the client named, kept to parse in it again after a failure. */
  readonly languageId?: string;
}

interface TrackedDocument {
  readonly kind: 'tracked';
  readonly document: ParsedDocument;
}

/**
 * Converts one LSP change into a core edit against `text` (whose index is `lines`). A change
 * without a range replaces everything; a range given backwards by a careless client is put right
 * rather than duplicating text.
 */
function toTextChange(
  text: string,
  lines: LineIndex,
  change: TextDocumentContentChangeEvent,
): TextChange {
  if (!('range' in change)) return { start: 0, end: text.length, text: change.text };
  const from = lines.offsetAt(change.range.start);
  const to = lines.offsetAt(change.range.end);
  return { start: Math.min(from, to), end: Math.max(from, to), text: change.text };
}

/** Applies an LSP change to text we keep without parsing. */
function applyToText(text: string, change: TextDocumentContentChangeEvent): string {
  const edit = toTextChange(text, new LineIndex(text), change);
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

/** Where a host already keeps parsed files (the workspace scan's copies), by URI. */
export type KnownParses = (uri: string) => ParsedDocument | undefined;

/**
 * `known` as the snapshot of `text` in `languageId` at `version`, when it is a parse of exactly
 * that text: the workspace scan and the open buffer of a file then share one parse of each file
 * version instead of holding two. Undefined when the text or the language differs.
 */
export function reuseParse(
  known: ParsedDocument | undefined,
  languageId: LanguageId,
  text: string,
  version: number,
): ParsedDocument | undefined {
  if (known?.languageId !== languageId || known.text !== text) return undefined;
  // Two holders now: an edit of the buffer must not move the workspace scan's tree, or back.
  shareDocument(known);
  return known.version === version ? known : { ...known, version };
}

/**
 * Keeps one parsed snapshot per open document, in the language {@link chooseLanguage} picks from
 * the client's id, the file name and the text (a minimal client says `plaintext`). Documents of neither language are remembered as plain text only, so that a later edit that
 * makes them recognisable (an empty new file being filled in) can still be picked up.
 */
export class DocumentCache {
  private readonly entries = new Map<string, TrackedDocument | IgnoredDocument>();
  /** The client's language ids are deliberate choices that win over file names. */
  private explicitIds = false;

  /**
   * @param known - the host's other parses (the workspace scan's): a document opened with the
   *   text it already parsed reuses that parse.
   */
  constructor(
    private readonly service: LanguageService,
    private readonly log?: Logger,
    private readonly known?: KnownParses,
  ) {}

  /** Records whether the client's language ids win over file names (`initialize`). */
  setExplicitLanguageIds(explicit: boolean): void {
    this.explicitIds = explicit;
  }

  /** The snapshot of an open HAProxy/Keepalived document, or undefined. */
  get(uri: string): ParsedDocument | undefined {
    const entry = this.entries.get(uri);
    return entry?.kind === 'tracked' ? entry.document : undefined;
  }

  /** All open HAProxy/Keepalived snapshots. */
  all(): ParsedDocument[] {
    const result: ParsedDocument[] = [];
    for (const entry of this.entries.values()) {
      if (entry.kind === 'tracked') result.push(entry.document);
    }
    return result;
  }

  /** Records an opened document; returns its snapshot when it is one of our languages. */
  open(uri: string, languageId: string, version: number, text: string): ParsedDocument | undefined {
    const language = chooseLanguage(uriToPath(uri), languageId, text, this.explicitIds);
    if (language !== languageId && (languageId === 'haproxy' || languageId === 'keepalived')) {
      this.log?.info(`${uri} was opened as ${languageId}; its name makes it ${language}`);
    }
    if (!language) {
      this.entries.set(uri, { kind: 'ignored', text });
      return undefined;
    }
    // The text is recorded first: if parsing throws, later edits still apply to the right text.
    this.entries.set(uri, { kind: 'ignored', text, languageId });
    const document =
      reuseParse(this.known?.(uri), language, text, version) ??
      this.service.parse(language, uri, text, version);
    this.entries.set(uri, { kind: 'tracked', document });
    return document;
  }

  /**
   * Applies the changes of one `didChange` notification, in order (each change's range refers to
   * the text left by the previous one). Returns the new snapshot, or undefined when the document
   * is unknown or still not one of our languages.
   */
  change(
    uri: string,
    version: number,
    changes: readonly TextDocumentContentChangeEvent[],
  ): ParsedDocument | undefined {
    const entry = this.entries.get(uri);
    if (!entry) return undefined;
    if (entry.kind === 'ignored') {
      const text = changes.reduce(applyToText, entry.text);
      return this.open(uri, entry.languageId ?? 'plaintext', version, text);
    }
    let document = entry.document;
    try {
      // One change at a time: the offsets of each change must come from the snapshot that already
      // contains the changes before it.
      for (const change of changes) {
        document =
          'range' in change
            ? this.service.update(
                document,
                [toTextChange(document.text, document.lineIndex, change)],
                version,
              )
            : this.service.parse(document.languageId, uri, change.text, version);
      }
    } catch (error) {
      // Never stay on the old text: the editor has applied these changes, so the next edit's
      // positions refer to the new text. Parse it afresh instead of incrementally.
      const text = changes.reduce(applyToText, entry.document.text);
      this.log?.error(
        `Applying an edit to ${uri} failed; parsing the whole text again: ${describeError(error)}`,
      );
      return this.open(uri, entry.document.languageId, version, text);
    }
    // A notification without changes still moves the version forward.
    if (document.version !== version) document = { ...document, version };
    this.entries.set(uri, { kind: 'tracked', document });
    return document;
  }

  /** Forgets a closed document. */
  close(uri: string): void {
    this.entries.delete(uri);
  }

  /** Drops everything (shutdown). */
  clear(): void {
    this.entries.clear();
  }
}
