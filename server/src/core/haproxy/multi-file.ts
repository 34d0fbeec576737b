/**
 * HAProxy started with several files (`haproxy -f haproxy.cfg -f conf.d/`) reads them as one
 * configuration, in order: a `defaults` section of the first file applies to the proxies of the
 * next, and `use_backend` may name a backend defined in another file. Validating each file alone
 * would report those as missing, so the files of one node are validated as their concatenation
 * and each finding is moved back to the file it lies in.
 */
import type { Issue, QuickFix, RelatedLocation } from '../common/issue.js';
import type { HaproxyDocument } from '../document.js';
import { lastStartingBefore } from '../common/sorted.js';

/** Identifier of the concatenated text while it is validated; never shown to anyone. */
export const COMBINED_URI = 'halint-combined:node';

/** Where one file's text lies in the concatenation. */
interface Segment {
  readonly uri: string;
  readonly start: number;
  /** Length of the file's own text (the separator newline is not part of it). */
  readonly length: number;
}

/** The concatenated text of a node's files, and how to map its offsets back. */
interface Combined {
  readonly text: string;
  readonly segments: readonly Segment[];
}

/** Joins the files, making sure each starts on a new line. */
export function combine(documents: readonly HaproxyDocument[]): Combined {
  const parts: string[] = [];
  const segments: Segment[] = [];
  let offset = 0;
  for (const document of documents) {
    const text = document.text;
    segments.push({ uri: document.uri, start: offset, length: text.length });
    parts.push(text);
    offset += text.length;
    if (!text.endsWith('\n')) {
      parts.push('\n');
      offset += 1;
    }
  }
  return { text: parts.join(''), segments };
}

/** The segment holding an offset (binary search; the segments are in order). */
function segmentAt(segments: readonly Segment[], offset: number): Segment | undefined {
  return segments[lastStartingBefore(segments, offset)];
}

function local(segment: Segment, offset: number): number {
  return Math.max(0, Math.min(segment.length, offset - segment.start));
}

function mapRelated(
  segments: readonly Segment[],
  related: readonly RelatedLocation[],
): RelatedLocation[] {
  return related.map((location) => {
    if (location.uri !== COMBINED_URI) return location;
    const segment = segmentAt(segments, location.start);
    if (!segment) return location;
    return {
      ...location,
      uri: segment.uri,
      start: local(segment, location.start),
      end: local(segment, location.end),
    };
  });
}

/** A fix survives only when all its edits stay inside the finding's own file. */
function mapFixes(segment: Segment, fixes: readonly QuickFix[]): QuickFix[] {
  const end = segment.start + segment.length;
  return fixes
    .filter((fix) => fix.edits.every((edit) => edit.start >= segment.start && edit.end <= end))
    .map((fix) => ({
      ...fix,
      edits: fix.edits.map((edit) => ({
        ...edit,
        start: edit.start - segment.start,
        end: edit.end - segment.start,
      })),
    }));
}

/**
 * Moves findings on the concatenation back to the files, keyed by file identifier. Findings in
 * the separator newline land at the end of the file before it.
 */
export function splitIssues(combined: Combined, issues: readonly Issue[]): Map<string, Issue[]> {
  const result = new Map<string, Issue[]>(
    combined.segments.map((segment) => [segment.uri, []] as [string, Issue[]]),
  );
  for (const issue of issues) {
    if (issue.uri !== undefined && issue.uri !== COMBINED_URI) {
      result.get(issue.uri)?.push(issue);
      continue;
    }
    const segment = segmentAt(combined.segments, issue.start);
    if (!segment) continue;
    // The file the finding lands in is the key it is listed under, not a field.
    const { uri: _combined, ...rest } = issue;
    const moved: Issue = {
      ...rest,
      start: local(segment, issue.start),
      end: local(segment, Math.max(issue.start, issue.end)),
      ...(issue.related ? { related: mapRelated(combined.segments, issue.related) } : {}),
      ...(issue.fixes ? { fixes: mapFixes(segment, issue.fixes) } : {}),
    };
    result.get(segment.uri)?.push(moved);
  }
  return result;
}
