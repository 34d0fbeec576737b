/**
 * The files a configuration names (the table of `document-links.ts`), followed through the host:
 * go to definition, a hover with the first lines of maps, pattern and error files, and two
 * findings: `missing-referenced-file` (a path that resolves to no file of the workspace) and
 * `invalid-pattern-file` (a line HAProxy refuses in a pattern file or map, reported on the word
 * that names the file: the file itself is no configuration and gets no findings of its own).
 */
import type { Hover, Location } from 'vscode-languageserver-types';
import type { Issue } from '../common/issue.js';
import type { ParsedDocument } from '../document.js';
import { patternFileProblem } from '../haproxy/pattern-file.js';
import type { ClientFormat } from './context.js';
import {
  candidateAt,
  getDocumentLinkCandidates,
  type ReferencedFileKind,
} from './document-links.js';

/** What the host found at a path a configuration names. */
export type ReferencedFile =
  /** The file (or, for an include glob, the files) in the workspace, as document identifiers. */
  | { readonly state: 'found'; readonly uris: readonly string[] }
  /**
   * No such file where the path leads in the workspace (a relative path, or an absolute one a
   * path mapping covers); `where` says where it was looked for, as the host shows paths.
   */
  | { readonly state: 'absent'; readonly where: string; readonly mapped: boolean }
  /** Nothing can be said: an absolute path no mapping covers, or a place outside the roots. */
  | { readonly state: 'unchecked' };

/**
 * How the core asks the host about referenced files. The host resolves paths (against the
 * document's folder, through the path mappings) and confines reading to the workspace folders
 * and the roots it allows, symbolic links resolved.
 */
export interface ReferencedFiles {
  /** Where the file `path` (as written, base directory applied) of document `documentUri` is. */
  find(path: string, kind: ReferencedFileKind, documentUri: string): ReferencedFile;
  /**
   * Text of a found file, or undefined when it cannot be read or lies outside the allowed roots.
   * The core asks only for maps, pattern and error files.
   */
  read(uri: string): string | undefined;
}

/** The codes of the findings on referenced files. */
export const REFERENCED_FILE_CODES = ['missing-referenced-file', 'invalid-pattern-file'] as const;

/** Kinds whose contents a hover may show and the checks may read. */
const READABLE: ReadonlySet<ReferencedFileKind> = new Set(['patterns', 'map', 'errorfile']);

/** Most lines and characters of a file a hover shows. */
export const HOVER_LINES = 10;
export const HOVER_CHARS = 2048;

const WHAT: Readonly<Record<ReferencedFileKind, string>> = {
  include: 'included configuration',
  script: 'script',
  lua: 'Lua script',
  certificate: 'certificate file',
  'crt-list': 'certificate list',
  errorfile: 'error file',
  patterns: 'pattern file',
  map: 'map file',
};

const GLOB = /[*?[{]/;

/**
 * Findings of the document's referenced files: each path that leads to no workspace file, and
 * the first line HAProxy would refuse in each pattern file or map read with addresses or regexes.
 */
export function referencedFileIssues(document: ParsedDocument, files: ReferencedFiles): Issue[] {
  const issues: Issue[] = [];
  const daemon = document.languageId === 'haproxy' ? 'HAProxy' : 'keepalived';
  for (const link of getDocumentLinkCandidates(document)) {
    // An include glob matching nothing is include-not-found's.
    if (link.kind === 'include') continue;
    const found = files.find(link.path, link.kind, document.uri);
    if (found.state === 'absent') {
      const where = found.mapped ? ` (mapped to '${found.where}')` : '';
      issues.push({
        code: 'missing-referenced-file',
        severity: 'warning',
        source: document.languageId,
        start: link.start,
        end: link.end,
        message: `The ${WHAT[link.kind]} '${link.path}' is not in the workspace${where}: the file may exist only on the node. If it is missing there too, ${daemon} cannot load it.`,
      });
      continue;
    }
    if (found.state !== 'found' || link.lines === undefined || link.lines === 'other') continue;
    const uri = found.uris[0];
    const text = uri === undefined ? undefined : files.read(uri);
    if (text === undefined) continue;
    const problem = patternFileProblem(text, link.lines, link.kind === 'map');
    if (problem === undefined) continue;
    issues.push({
      code: 'invalid-pattern-file',
      severity: 'error',
      source: 'haproxy',
      start: link.start,
      end: link.end,
      message: `Line ${problem.line} of '${link.path}': ${problem.message}. HAProxy refuses to load this ${WHAT[link.kind]}.`,
      data: { line: problem.line },
    });
  }
  return issues;
}

/** The file named by the word at `offset`, when it is in the workspace. */
export function referencedFileDefinition(
  document: ParsedDocument,
  offset: number,
  files: ReferencedFiles,
): Location[] {
  const link = candidateAt(document, offset);
  if (link === undefined) return [];
  const found = files.find(link.path, link.kind, document.uri);
  if (found.state !== 'found') return [];
  const top = { line: 0, character: 0 };
  return found.uris.map((uri) => ({ uri, range: { start: top, end: top } }));
}

/** `text` without control characters (tabs kept) and bidirectional overrides. */
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without control characters and bidirectional overrides, safe to show in the editor. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, '');
}

/** The first lines of a file for a hover: at most {@link HOVER_LINES} and {@link HOVER_CHARS}. */
export function filePreview(text: string): { readonly lines: string; readonly cut: boolean } {
  const head = text.slice(0, HOVER_CHARS);
  const all = head.split('\n');
  const kept = all.slice(0, HOVER_LINES);
  const cut = text.length > HOVER_CHARS || all.length > HOVER_LINES;
  return { lines: printable(kept.join('\n').replace(/\r/g, '')).replace(/\n+$/, ''), cut };
}

function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

/** What the file named at `offset` is, with the first lines of a map, pattern or error file. */
export function referencedFileHover(
  document: ParsedDocument,
  offset: number,
  files: ReferencedFiles,
  format: ClientFormat,
): Hover | null {
  const link = candidateAt(document, offset);
  if (link === undefined) return null;
  const found = files.find(link.path, link.kind, document.uri);
  const range = {
    start: document.lineIndex.positionAt(link.start),
    end: document.lineIndex.positionAt(link.end),
  };
  const title = `${WHAT[link.kind][0]?.toUpperCase() ?? ''}${WHAT[link.kind].slice(1)}`;
  const parts: string[] = [];
  if (found.state === 'absent') {
    parts.push(`${title}: not in the workspace; it may exist only on the node.`);
  } else if (found.state === 'found') {
    const count = found.uris.length;
    parts.push(GLOB.test(link.path) ? `${title}: ${count} files` : title);
    const uri = found.uris[0];
    const text = READABLE.has(link.kind) && uri !== undefined ? files.read(uri) : undefined;
    if (text !== undefined) {
      const preview = filePreview(text);
      if (preview.lines === '') parts.push('(empty)');
      else parts.push(format.markdown ? fenced(preview.lines) : preview.lines);
      if (preview.cut) parts.push('(the beginning of the file)');
    }
  } else {
    return null;
  }
  const value = parts.join(format.markdown ? '\n\n' : '\n');
  return {
    contents: { kind: format.markdown ? 'markdown' : 'plaintext', value },
    range,
  };
}
