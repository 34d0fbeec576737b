/** Small constructors that keep the catalog data files readable. */
import type { ArgSpec, Lifecycle } from '../../common/catalog.js';
import type { DocSection, KeepalivedKeywordSpec } from './types.js';

/** The official keepalived.conf(5) page. It is one pre-formatted page without stable anchors. */
export const KEEPALIVED_MANPAGE_URL = 'https://keepalived.org/manpage.html';

/**
 * Anchors per documentation section. keepalived.org publishes the man page as a single
 * pre-formatted page with no per-section anchors, so every section maps to the page itself;
 * if anchors appear, fill them in here and every entry picks them up.
 */
const SECTION_ANCHORS: Readonly<Record<DocSection, string>> = {
  description: '',
  global: '',
  linkbeat: '',
  'track-group': '',
  static: '',
  'track-file': '',
  'track-process': '',
  bfd: '',
  'vrrp-script': '',
  'sync-group': '',
  'garp-group': '',
  'vrrp-instance': '',
  'if-delays': '',
  'vs-group': '',
  'virtual-server': '',
  ssl: '',
};

/** Documentation link for an entry of the given section. */
function docUrl(section: DocSection): string {
  const anchor = SECTION_ANCHORS[section];
  return anchor ? `${KEEPALIVED_MANPAGE_URL}#${anchor}` : KEEPALIVED_MANPAGE_URL;
}

/** Optional fields of an entry besides the mandatory ones. */
export type Extra = Partial<
  Omit<KeepalivedKeywordSpec, 'name' | 'sections' | 'args' | 'summary' | 'description' | 'docUrl'>
>;

/** Builds an entry. */
export function kw(
  doc: DocSection,
  name: string,
  sections: readonly string[],
  args: readonly ArgSpec[],
  summary: string,
  description: string,
  extra: Extra = {},
): KeepalivedKeywordSpec {
  const snippet =
    extra.snippet ??
    argsSnippet(args, extra.blockContext !== undefined || extra.listBlock !== undefined);
  return {
    name,
    sections,
    args,
    summary,
    description,
    docUrl: docUrl(doc),
    ...extra,
    ...(snippet ? { snippet } : {}),
  };
}

const escapeSnippet = (text: string): string => text.replace(/[$}\\]/g, (c) => `\\${c}`);

/** LSP snippet for the arguments: required arguments as tab stops, then the block braces. */
function argsSnippet(args: readonly ArgSpec[], opensBlock: boolean): string {
  const parts: string[] = [];
  let stop = 1;
  for (const arg of args) {
    if (arg.optional) break;
    if (arg.type === 'enum' && arg.values && arg.values.length > 0) {
      parts.push(
        `\${${stop++}|${arg.values.map((v) => v.replace(/[,|\\]/g, (c) => `\\${c}`)).join(',')}|}`,
      );
    } else {
      parts.push(`\${${stop++}:${escapeSnippet(arg.name)}}`);
    }
    if (arg.variadic) break;
  }
  if (opensBlock) parts.push('{\n\t$0\n}');
  return parts.join(' ');
}

/** Deprecation record. */
export function dep(since: string, replacement?: string, note?: string): Lifecycle {
  return {
    since,
    ...(replacement !== undefined ? { replacement } : {}),
    ...(note !== undefined ? { note } : {}),
  };
}

// ---- argument shorthands -------------------------------------------------------------------

type Opt = Pick<ArgSpec, 'optional' | 'variadic' | 'refersAfter'>;

export const word = (name: string, o: Opt = {}): ArgSpec => ({ name, type: 'word', ...o });
export const str = (name: string, o: Opt = {}): ArgSpec => ({ name, type: 'string', ...o });
export const int = (name: string, min?: number, max?: number, o: Opt = {}): ArgSpec => ({
  name,
  type: 'int',
  ...(min !== undefined ? { min } : {}),
  ...(max !== undefined ? { max } : {}),
  ...o,
});
export const float = (name: string, min?: number, max?: number, o: Opt = {}): ArgSpec => ({
  name,
  type: 'float',
  ...(min !== undefined ? { min } : {}),
  ...(max !== undefined ? { max } : {}),
  ...o,
});
/** Keepalived timer: seconds, decimals allowed. */
export const time = (name: string, min?: number, max?: number, o: Opt = {}): ArgSpec => ({
  name,
  type: 'time',
  ...(min !== undefined ? { min } : {}),
  ...(max !== undefined ? { max } : {}),
  ...o,
});
/** Optional boolean (on/off/true/false/yes/no); omitted means "on". */
export const optBool: ArgSpec = { name: 'on|off', type: 'bool', optional: true };
export const addr = (name = 'address', o: Opt = {}): ArgSpec => ({ name, type: 'address', ...o });
export const port = (name = 'port', o: Opt = {}): ArgSpec => ({
  name,
  type: 'port',
  min: 1,
  max: 65535,
  ...o,
});
export const iface = (name = 'interface', o: Opt = {}): ArgSpec => ({
  name,
  type: 'interface',
  ...o,
});
export const path = (name = 'path', o: Opt = {}): ArgSpec => ({ name, type: 'path', ...o });
export const enumv = (name: string, values: readonly string[], o: Opt = {}): ArgSpec => ({
  name,
  type: 'enum',
  values,
  ...o,
});
export const ref = (name: string, refers: string, o: Opt = {}): ArgSpec => ({
  name,
  type: 'reference',
  refers,
  ...o,
});
export const defName = (name = 'name', o: Opt = {}): ArgSpec => ({ name, type: 'name', ...o });
/** Remaining free words, optional. */
export const rest = (name: string): ArgSpec => ({
  name,
  type: 'word',
  optional: true,
  variadic: true,
});
/** A script command line followed by an optional `user [[:]group]`. */
export const script: readonly ArgSpec[] = [
  { name: 'script', type: 'command' },
  { name: 'user', type: 'word', optional: true },
  { name: 'group', type: 'word', optional: true, variadic: true },
];
/** `user [[:]group]`. */
export const userGroup: readonly ArgSpec[] = [
  { name: 'user', type: 'word' },
  { name: 'group', type: 'word', optional: true, variadic: true },
];
/** `<weight> [reverse]` with a range. */
export const weightArgs = (min: number, max: number): readonly ArgSpec[] => [
  int('weight', min, max),
  enumv('reverse', ['reverse', 'noreverse'], { optional: true }),
];
/** LVS forwarding method: `NAT|DR|TUN [type ipip|gue port N|gre] [nocsum|csum|remcsum]`. */
export const lvsMethodArgs: readonly ArgSpec[] = [
  enumv('method', ['NAT', 'DR', 'TUN']),
  rest('tunnel options'),
];
