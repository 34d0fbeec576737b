import { resolve } from 'node:path';
import { LineIndex } from '../core/index.js';
import type { ParsedDocument } from '../core/index.js';
import { HELP, UsageError, parseCommandLine, type CliOptions } from './args.js';
import { readText } from '../node/discover.js';
import { loadInputs } from '../node/project.js';
import { formatGithub } from './format/github.js';
import { formatJson } from './format/json.js';
import { formatSarif } from './format/sarif.js';
import { formatText } from './format/text.js';
import { analysePlans } from './nodes.js';
import { createReferencedFiles } from '../node/referenced-files.js';
import { cliDaemonSettings, runDaemonChecks } from './daemons.js';
import { fixInputs, type FixOutcome } from './fix.js';
import {
  TOOL_NAME,
  TOOL_VERSION,
  compareDiagnostics,
  summarize,
  type LineIndexLookup,
  type Report,
} from './report.js';

/** What a run prints and how it ends; `main` does the actual writing. */
export interface RunResult {
  readonly stdout: string;
  /** Messages for stderr, one line each. */
  readonly stderr: readonly string[];
  /** 0 no error, 1 errors or too many warnings, 2 usage or I/O error. */
  readonly exitCode: 0 | 1 | 2;
}

const RENDER: Record<CliOptions['format'], (report: Report) => string> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};

/**
 * Line indexes of the analysed documents, and of any other file an issue points into (a later
 * include), read from disk once when first asked for.
 */
function lineIndexLookup(documents: readonly ParsedDocument[]): LineIndexLookup {
  const known = new Map<string, LineIndex | undefined>(
    documents.map((document) => [document.uri, document.lineIndex]),
  );
  return (uri) => {
    if (!known.has(uri)) {
      let index: LineIndex | undefined;
      try {
        index = new LineIndex(readText(uri));
      } catch {
        index = undefined;
      }
      known.set(uri, index);
    }
    return known.get(uri);
  };
}

/** Analyses the files a command line names and renders the findings. Never throws on bad input. */
export async function run(argv: readonly string[]): Promise<RunResult> {
  let options: CliOptions;
  try {
    options = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { stdout: '', stderr: [`halint: ${error.message} (see halint --help)`], exitCode: 2 };
  }
  if (options.help) return { stdout: HELP, stderr: [], exitCode: 0 };
  if (options.version) return { stdout: `${TOOL_NAME} ${TOOL_VERSION}\n`, stderr: [], exitCode: 0 };

  let loaded = loadInputs(options);
  if ('error' in loaded) return { stdout: '', stderr: [`halint: ${loaded.error}`], exitCode: 2 };
  let fixes: FixOutcome | undefined;
  if (options.fix) {
    fixes = fixInputs(loaded, options.paths, loaded.settings, !options.dryRun);
    // What is left is reported on the fixed texts: read again from disk, or, for a dry run,
    // the texts that would have been written.
    if (fixes.files > 0) {
      loaded = loadInputs(options, options.dryRun ? fixes.texts : undefined);
      if ('error' in loaded) {
        return { stdout: '', stderr: [`halint: ${loaded.error}`], exitCode: 2 };
      }
    }
  }
  const { settings, files, service, documents, plans } = loaded;
  const errors = [...loaded.errors, ...(fixes?.errors ?? [])];
  const notes = [...loaded.notes, ...(fixes?.notes ?? [])];
  const daemons = cliDaemonSettings(options, loaded.project);
  const daemonResults = await runDaemonChecks(plans, daemons.settings, settings, loaded.host);
  notes.push(...daemons.ignored, ...daemonResults.notes);
  const diagnostics = analysePlans(
    plans,
    documents,
    service,
    settings,
    lineIndexLookup(documents),
    options.cluster,
    daemonResults.findings,
    createReferencedFiles({
      mappings: {
        haproxy: daemons.settings.haproxy.pathMappings,
        keepalived: daemons.settings.keepalived.pathMappings,
      },
      files: loaded.host,
      confined: true,
      pathOf: (uri) => resolve(uri),
      uriOf: (path) => path,
      displayFrom: process.cwd(),
    }),
  ).sort(compareDiagnostics);
  const summary = summarize(diagnostics);
  const report: Report = {
    tool: TOOL_NAME,
    version: TOOL_VERSION,
    files: files.map((file) => ({ path: file.path, language: file.language })),
    diagnostics,
    summary,
  };

  const stderr = [...errors, ...notes].map((message) => `halint: ${message}`);
  if (files.length === 0 && errors.length === 0) {
    stderr.push('halint: no HAProxy or Keepalived files found');
  }
  const tooManyWarnings =
    options.maxWarnings !== undefined && summary.warnings > options.maxWarnings;
  if (tooManyWarnings) {
    stderr.push(
      `halint: ${summary.warnings} warnings exceed the limit set by --max-warnings (${options.maxWarnings})`,
    );
  }
  const exitCode = errors.length > 0 ? 2 : summary.errors > 0 || tooManyWarnings ? 1 : 0;
  const rendered = RENDER[options.format](report);
  // The diff of a dry run leads stdout in text format; the other formats keep stdout for the
  // report alone (a parser reads it), so the diff goes to stderr there.
  const diff = fixes?.diff ?? '';
  if (diff !== '' && options.format === 'text') {
    return { stdout: `${diff}\n${rendered}`, stderr, exitCode };
  }
  if (diff !== '') stderr.unshift(...diff.replace(/\n$/, '').split('\n'));
  return { stdout: rendered, stderr, exitCode };
}
