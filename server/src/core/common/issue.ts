/** Severity of a finding, as the CLI prints it and as settings name it. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A severity setting: a severity, or `off` to drop the finding. */
export type SeverityOverride = Severity | 'off';

/**
 * Where a finding comes from; also the LSP `source` and the CLI `source` field. `haproxy -c` and
 * `keepalived -t` mark what the daemons themselves said (`core/daemons`).
 */
export type IssueSource = 'haproxy' | 'keepalived' | 'cluster' | 'haproxy -c' | 'keepalived -t';

/** A second place that explains a finding (the other node's line, the first definition). */
export interface RelatedLocation {
  /** Document identifier as the host gave it (an URI in the editor, a path in the CLI). */
  readonly uri: string;
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/** One replacement of the text between two offsets of a document. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A one-click repair offered with a finding. */
export interface QuickFix {
  /** What the fix does, e.g. `Replace with 'timeout connect'`. */
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The fix every user would want; editors may apply it on save. */
  readonly preferred?: boolean;
  /**
   * Safe to apply unattended and again after other fixes: the fix has one obvious outcome (a
   * removed keyword's one replacement, a missing final newline, the only spelling close to a typo).
   * Fix-all (`features/fix-all.ts`) and `halint --fix` apply only these; a fix that makes a choice
   * for the user (which content type, which weight, deleting a line) is never marked.
   */
  readonly safe?: boolean;
}

/**
 * A protocol-neutral finding produced by parsers and rules.
 *
 * Offsets are UTF-16 code units into the document text; `end` is exclusive. Only
 * `features/diagnostics.ts` turns issues into LSP diagnostics.
 */
export interface Issue {
  /** Stable kebab-case rule code, e.g. `unterminated-quote`. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly source?: IssueSource;
  /** Document the issue belongs to when it is not the document being validated (includes). */
  readonly uri?: string;
  readonly related?: readonly RelatedLocation[];
  /** `unnecessary` greys text out, `deprecated` strikes it through. */
  readonly tags?: readonly ('unnecessary' | 'deprecated')[];
  /** Repairs to offer in the editor, in order of preference. */
  readonly fixes?: readonly QuickFix[];
  /** Free data for features that need more than the fixes (for instance a replacement keyword). */
  readonly data?: Readonly<Record<string, unknown>>;
}
