import type { Rule } from '../../common/rule.js';
import type { KeepalivedItem } from '../../keepalived/ast.js';
import type { ScriptDefinition } from '../../keepalived/analysis/index-node.js';
import type { ClusterModel, ClusterRuleContext, GroupMember } from '../model.js';
import { lineSpan, syncData, type SyncSide } from '../sync.js';
import { childLine, elections, placeOf, relatedTo } from './helpers.js';

/** The properties compared, with keepalived's defaults. */
const PROPERTIES: readonly { keyword: string; fallback: string }[] = [
  { keyword: 'script', fallback: '' },
  { keyword: 'interval', fallback: '1' },
  { keyword: 'weight', fallback: '0' },
  { keyword: 'fall', fallback: '1' },
  { keyword: 'rise', fallback: '1' },
];

function valueOf(definition: ScriptDefinition, keyword: string): string | undefined {
  const line = childLine(definition.item, keyword);
  if (!line) return PROPERTIES.find((p) => p.keyword === keyword)?.fallback;
  if (line.args.some((arg) => arg.refs.length > 0 || arg.hasTemplate)) return undefined;
  // A command is compared word by word, so quoting and spacing do not count as drift.
  return line.args.map((arg) => arg.value).join(' ');
}

/** `data` when there is some. */
function withData(data: Readonly<Record<string, unknown>> | undefined) {
  return data ? { data } : {};
}

interface Definition {
  readonly member: GroupMember;
  readonly definition: ScriptDefinition;
}

function lineOrName(
  entry: Definition,
  keyword: string,
): { item: KeepalivedItem; word: { start: number; end: number } } {
  const line = childLine(entry.definition.item, keyword);
  return line
    ? { item: line, word: line.keyword }
    : { item: entry.definition.item, word: entry.definition.word };
}

/** The whole `vrrp_script` block of a node, which "Make lb2 match lb1" brings over. */
function definitionSide(model: ClusterModel, entry: Definition): SyncSide | undefined {
  const { item } = entry.definition;
  const { uri } = placeOf(entry.member, item);
  const text = model.textOf(uri);
  if (text === undefined) return undefined;
  return { node: entry.member.node.name, uri, ...lineSpan(text, item.start, item.end) };
}

/**
 * A `vrrp_script` tracked by one group is defined differently on its nodes (command, interval,
 * weight, fall, rise). Warning: the nodes then judge health differently, and failover arithmetic
 * done on one node's file is wrong for the other.
 */
export const scriptDrift: Rule<ClusterRuleContext> = {
  code: 'script-drift',
  defaultSeverity: 'warning',
  summary: 'A tracked vrrp_script is defined differently on the nodes of one VRRP group.',
  check({ model }, report) {
    const seen = new Set<string>();
    for (const group of elections(model.groups)) {
      const byName = new Map<string, Definition[]>();
      for (const member of group.members) {
        for (const script of member.scripts) {
          if (!script.definition) continue;
          const list = byName.get(script.name) ?? [];
          // One definition per node: several instances of a node share it.
          if (!list.some((entry) => entry.member.node === member.node)) {
            list.push({ member, definition: script.definition });
          }
          byName.set(script.name, list);
        }
      }
      for (const [name, definitions] of byName) {
        if (definitions.length < 2) continue;
        for (const { keyword } of PROPERTIES) {
          const values = definitions.map((entry) => valueOf(entry.definition, keyword));
          if (values.some((value) => value === undefined)) continue;
          if (new Set(values).size < 2) continue;
          definitions.forEach((entry, i) => {
            const others = definitions.filter((_, j) => values[j] !== values[i]);
            if (others.length === 0) return;
            const { item, word } = lineOrName(entry, keyword);
            const place = placeOf(entry.member, item, word);
            // Two groups tracking the same script would otherwise report it twice.
            const key = `${place.uri}\u0000${place.start}\u0000${keyword}`;
            if (seen.has(key)) return;
            seen.add(key);
            const show = (value: string | undefined): string =>
              value === '' ? 'none' : `'${value ?? '?'}'`;
            report({
              ...place,
              message: `vrrp_script ${name} has ${keyword} ${show(values[i])} on ${entry.member.node.name} but ${others
                .map(
                  (other) =>
                    `${show(valueOf(other.definition, keyword))} on ${other.member.node.name}`,
                )
                .join(', ')}: the nodes judge their health differently.`,
              ...withData(
                syncData('block', [
                  definitionSide(model, entry),
                  ...others.map((other) => definitionSide(model, other)),
                ]),
              ),
              related: others.map((other) => {
                const at = lineOrName(other, keyword);
                return relatedTo(
                  other.member,
                  at.item,
                  `${keyword} of ${name} on ${other.member.node.name}`,
                  at.word,
                );
              }),
            });
          });
        }
      }
    }
  },
};
