/**
 * The names a `haproxy.cfg` defines, as completion and hover want them: the sections defining a
 * kind, the ACL and server lines of a section. Read from the reference table, every `.if` branch
 * included (an editor offers what is written).
 */
import type { Section, Statement } from '../ast.js';
import type { HaproxyReferences } from './references.js';

/** Sections whose header defines a name of `kind` (`backend`: backend and listen), in order. */
export function sectionsDefining(table: HaproxyReferences, kind: string): Section[] {
  return table
    .definitions(kind)
    .flatMap((site) => (site.origin === 'header' ? [site.section] : []));
}

/** The first section whose header defines `name` as a `kind`: a lookup, not a walk of them all. */
export function sectionDefining(
  table: HaproxyReferences,
  kind: string,
  name: string,
): Section | undefined {
  return table.definitions(kind, name).find((site) => site.origin === 'header')?.section;
}

/** The `acl` lines of a section by ACL name, names in order of first definition. */
export function aclLines(
  table: HaproxyReferences,
  section: Section | undefined,
): Map<string, Statement[]> {
  const lines = new Map<string, Statement[]>();
  if (!section) return lines;
  for (const site of table.definitionsIn(section, 'acl')) {
    if (!site.statement) continue;
    const list = lines.get(site.name);
    if (list) list.push(site.statement);
    else lines.set(site.name, [site.statement]);
  }
  return lines;
}

/** The first `server` or `server-template` line of each server name of a section. */
export function serverLines(
  table: HaproxyReferences,
  section: Section | undefined,
): Map<string, Statement> {
  const lines = new Map<string, Statement>();
  if (!section) return lines;
  for (const site of table.definitionsIn(section, 'server')) {
    if (site.statement && !lines.has(site.name)) lines.set(site.name, site.statement);
  }
  return lines;
}

/** The first line of a section starting with `keyword`. */
export function firstStatement(section: Section, keyword: string): Statement | undefined {
  for (const item of section.items) {
    if (item.kind === 'statement' && item.keyword.value === keyword) return item;
  }
  return undefined;
}
