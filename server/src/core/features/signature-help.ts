/**
 * Signature help: the argument shape of the keyword (or rule action) being typed, with the
 * argument under the cursor active. Like completion it reads the current line up to the cursor,
 * since the line is usually incomplete while help is shown.
 */
import type {
  ParameterInformation,
  SignatureHelp,
  SignatureInformation,
} from 'vscode-languageserver-types';
import type { ArgSpec } from '../common/catalog.js';
import type { HaproxyDocument, KeepalivedDocument, ParsedDocument } from '../document.js';
import { HAPROXY_CATALOG, lifecycleAt as haproxyLifecycle } from '../haproxy/catalog/index.js';
import { lifecycleAt as keepalivedLifecycle } from '../keepalived/catalog/index.js';
import type { ServiceSettings } from '../settings.js';
import {
  haproxyBodySection,
  keepalivedPlace,
  keepalivedSpec,
  prefixAt,
  type ClientFormat,
  type LinePrefix,
} from './context.js';
import { entryDoc, formatArg, versionNote, type DocumentedEntry } from './documentation.js';
import { beforeFirst } from '../common/text-scan.js';

/** Signature help at `offset`, or null outside a keyword's arguments. */
export function getSignatureHelp(
  document: ParsedDocument,
  offset: number,
  settings: ServiceSettings,
  format: ClientFormat,
): SignatureHelp | null {
  const prefix = prefixAt(document, offset);
  if (prefix.inComment || prefix.words.length === 0) return null;
  return document.languageId === 'haproxy'
    ? haproxySignature(document, prefix, settings.haproxy.version, format)
    : keepalivedSignature(document, prefix, offset, settings.keepalived.version, format);
}

/**
 * One signature: `head <arg> [<arg>]` with parameter label offsets, and the active parameter
 * (a variadic last argument stays active for every further word).
 */
function signature(
  head: string,
  args: readonly ArgSpec[],
  active: number,
  documentation: SignatureInformation['documentation'],
): SignatureHelp {
  let label = head;
  const parameters: ParameterInformation[] = [];
  for (const arg of args) {
    if (label !== '') label += ' ';
    const text = formatArg(arg);
    parameters.push({ label: [label.length, label.length + text.length] });
    label += text;
  }
  const last = args.length - 1;
  const activeParameter = active > last && args[last]?.variadic ? last : active;
  const info: SignatureInformation = {
    label,
    parameters,
    ...(documentation !== undefined ? { documentation } : {}),
  };
  return { signatures: [info], activeSignature: 0, activeParameter };
}

function haproxySignature(
  document: HaproxyDocument,
  prefix: LinePrefix,
  version: string,
  format: ClientFormat,
): SignatureHelp | null {
  const section = haproxyBodySection(document, prefix.lineStart);
  if (!section) return null;
  const typed = prefix.words.map((word) => word.text);
  const match = HAPROXY_CATALOG.lookup(section.type, typed);
  if (!match || match.length > typed.length) return null;
  const args = typed.slice(match.length);
  // Arguments of a condition have no fixed shape.
  if (args.includes('if') || args.includes('unless')) return null;
  const spec = match.spec;
  const doc = (entry: DocumentedEntry): SignatureInformation['documentation'] =>
    entryDoc(
      entry,
      undefined,
      versionNote(entry, haproxyLifecycle(entry, version), version, 'HAProxy'),
      format.markdown,
    );
  if (spec.ruleset && args.length >= 1) {
    const name = beforeFirst(args[0] ?? '', '(');
    const action = HAPROXY_CATALOG.actions.find(
      (a) => a.name === name && a.rulesets.includes(spec.ruleset ?? 'http-request'),
    );
    if (action) {
      return signature(`${spec.name} ${action.name}`, action.args, args.length - 1, doc(action));
    }
  }
  if (spec.args.length === 0) return null;
  return signature(typed.slice(0, match.length).join(' '), spec.args, args.length, doc(spec));
}

function keepalivedSignature(
  document: KeepalivedDocument,
  prefix: LinePrefix,
  offset: number,
  version: string,
  format: ClientFormat,
): SignatureHelp | null {
  const place = keepalivedPlace(document, offset);
  const typed = prefix.words.map((word) => word.text);
  if (typed.includes('{')) return null;
  if (place.list) {
    const grammar = place.list.list;
    if (!grammar || grammar.manyPerLine) return null;
    const documentation = entryDoc(
      { ...place.list, description: grammar.summary },
      undefined,
      undefined,
      format.markdown,
    );
    return signature('', grammar.head, typed.length, documentation);
  }
  if (place.context === undefined) return null;
  const spec = keepalivedSpec(place.context, typed[0] ?? '');
  if (!spec || spec.args.length === 0) return null;
  const documentation = entryDoc(
    spec,
    undefined,
    versionNote(spec, keepalivedLifecycle(spec, version), version, 'Keepalived'),
    format.markdown,
  );
  return signature(spec.name, spec.args, typed.length - 1, documentation);
}
