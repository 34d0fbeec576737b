import type { Diagnostic } from 'vscode-languageserver-types';
import { detectLanguage, type LanguageId } from './common/detect.js';
import { RULE_DOCS_BASE_URL } from './common/docs.js';
import type { FileHost } from './common/file-host.js';
import type { Issue } from './common/issue.js';
import type { TextChange } from './common/text-change.js';
import { applyChange } from './common/text-change.js';
import { makeDocument, type ParsedDocument } from './document.js';
import { runRules } from './common/rule.js';
import { toDiagnostic, type DiagnosticOptions } from './features/diagnostics.js';
import { applySuppressions } from './features/suppressions.js';
import { HAPROXY_RULES } from './haproxy/rules/index.js';
import { KEEPALIVED_RULES } from './keepalived/rules/index.js';
import { parseHaproxy, reparseHaproxy } from './haproxy/index.js';
import { parseKeepalived, reparseKeepalived } from './keepalived/index.js';
import { DEFAULT_SETTINGS, type ServiceSettings } from './settings.js';

/** Options fixed for the lifetime of a language service. */
export interface LanguageServiceOptions {
  /** Base URL of the rule documentation pages, linked from every diagnostic (default: the project's). */
  readonly docsBaseUrl?: string;
  /** Reads other files (includes); without it, includes are not followed. */
  readonly files?: FileHost;
  /** Told when a rule throws (a bug): the host logs it; the other rules' findings still count. */
  readonly onRuleError?: (code: string, error: unknown) => void;
}

/** The one entry point hosts (LSP server, CLI, tests) use. */
export interface LanguageService {
  /** Recognises a file by name, then by content. */
  detectLanguage(path: string, text: string): LanguageId | undefined;
  /** Parses a whole document. */
  parse(languageId: LanguageId, uri: string, text: string, version?: number): ParsedDocument;
  /**
   * Applies edits to a snapshot, re-parsing only what they touch. The result is the same as
   * `parse` of the edited text.
   */
  update(document: ParsedDocument, changes: readonly TextChange[], version: number): ParsedDocument;
  /** All findings for a document, with the settings' severities applied and silenced ones removed. */
  validate(document: ParsedDocument, settings?: ServiceSettings): Issue[];
  /** `validate` as LSP diagnostics. */
  getDiagnostics(document: ParsedDocument, settings?: ServiceSettings): Diagnostic[];
}

/** Creates a language service (cheap: the parsers are module-level singletons). */
export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const diagnosticOptions: DiagnosticOptions = {
    docsBaseUrl: options.docsBaseUrl ?? RULE_DOCS_BASE_URL,
  };

  const parse = (languageId: LanguageId, uri: string, text: string, version = 0): ParsedDocument =>
    makeDocument(
      languageId,
      uri,
      version,
      text,
      languageId === 'haproxy' ? parseHaproxy(text) : parseKeepalived(text),
    );

  const update = (
    document: ParsedDocument,
    changes: readonly TextChange[],
    version: number,
  ): ParsedDocument => {
    let current = document;
    for (const change of changes) {
      const text = applyChange(current.text, change);
      const result =
        current.languageId === 'haproxy'
          ? reparseHaproxy(current.parse, current.text, text, change)
          : reparseKeepalived(current.parse, current.text, text, change);
      current = makeDocument(current.languageId, current.uri, version, text, result);
    }
    return current.version === version ? current : { ...current, version };
  };

  const validate = (
    document: ParsedDocument,
    settings: ServiceSettings = DEFAULT_SETTINGS,
  ): Issue[] => {
    const language = settings[document.languageId];
    const found =
      document.languageId === 'haproxy'
        ? runRules(HAPROXY_RULES, { document, settings: language }, 'haproxy', options.onRuleError)
        : runRules(
            KEEPALIVED_RULES,
            { document, settings: language },
            'keepalived',
            options.onRuleError,
          );
    const issues = applySuppressions(
      [...document.syntaxIssues, ...found],
      document.text,
      document.lineIndex,
    );
    const severities = language.severities;
    const result: Issue[] = [];
    for (const issue of issues) {
      const override = severities[issue.code];
      if (override === 'off') continue;
      result.push(
        override && override !== issue.severity ? { ...issue, severity: override } : issue,
      );
    }
    return result;
  };

  return {
    detectLanguage,
    parse,
    update,
    validate,
    getDiagnostics: (document, settings) =>
      validate(document, settings).map((issue) =>
        toDiagnostic(issue, document.lineIndex, diagnosticOptions),
      ),
  };
}
