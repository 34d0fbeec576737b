/**
 * The keyword headings of a HAProxy `configuration.txt`: which keyword the manual documents in
 * which section, with the argument signature written after it. Only those facts are kept, never
 * the prose under a heading.
 */
import { readText } from './common.js';

/** One keyword heading of the manual. */
export interface DocHeading {
  /** Section number, e.g. `4.2`. */
  readonly sec: string;
  /** The keyword as the heading writes it, e.g. `timeout client`. */
  readonly kw: string;
  /** What follows the keyword, e.g. `<timeout>`; empty when nothing does. */
  readonly sig: string;
  /** 1-based line of the heading. */
  readonly line: number;
}

/** A numbered section title, recognised only when the next line underlines it with dashes. */
const SECTION = /^(\d+(?:\.\d+)*)\. [A-Z]/;
/** A keyword heading starts in column 0 with a lower-case word, possibly several. */
const KEYWORD = /^([a-z0-9][a-z0-9\-_.]*[a-z0-9\-_)])( [a-z0-9\-_.]+)*/;

/** Every keyword heading of the manual at `path`, in manual order. */
export function docHeadings(path: string): DocHeading[] {
  const lines = readText(path).split('\n');
  const headings: DocHeading[] = [];
  let sec: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const next = lines[i + 1];
    const section = SECTION.exec(line);
    if (section && next?.startsWith('---')) {
      sec = section[1];
      continue;
    }
    if (sec === undefined || line === '' || ' -=#*'.includes(line.charAt(0))) continue;
    const keyword = KEYWORD.exec(line);
    if (!keyword) continue;
    let rest = line.slice(keyword[0].length);
    // The keyword must end at a blank: `option-foo:` is prose, not a heading.
    if (rest !== '' && !rest.startsWith(' ')) continue;
    rest = rest.trim();
    // A signature opens with an argument placeholder or marker; anything else is a sentence.
    if (rest !== '' && !'<[{/('.includes(rest.charAt(0)) && !rest.startsWith('(deprecated)')) {
      continue;
    }
    // A heading is followed by its indented text, another heading or a blank line.
    const following = next ?? '';
    if (!(following.startsWith('  ') || KEYWORD.test(following) || following.trim() === '')) {
      continue;
    }
    headings.push({ sec, kw: keyword[0], sig: rest, line: i + 1 });
  }
  return headings;
}
