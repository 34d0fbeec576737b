/**
 * Expands a VS Code snippet body with every placeholder at its default, as the editor does when
 * the user tabs through without typing: `${1:x}` gives `x`, `${1|a,b|}` gives `a`, a bare `$1`
 * mirrors the default given elsewhere for tab stop 1, `$0` and unknown variables give nothing.
 */

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children?: Node[]; choice?: string[] }
  | { kind: 'variable'; name: string; children?: Node[] };

class Parser {
  private pos = 0;

  constructor(private readonly source: string) {}

  parse(stopAtBrace = false): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = (): void => {
      if (text !== '') nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.source.length) {
      const char = this.source[this.pos] ?? '';
      if (char === '\\' && /[$}\\]/.test(this.source[this.pos + 1] ?? '')) {
        text += this.source[this.pos + 1];
        this.pos += 2;
      } else if (char === '}' && stopAtBrace) {
        break;
      } else if (char === '$') {
        const node = this.dollar();
        if (node === undefined) {
          text += char;
          this.pos += 1;
        } else {
          flush();
          nodes.push(node);
        }
      } else {
        text += char;
        this.pos += 1;
      }
    }
    flush();
    return nodes;
  }

  private dollar(): Node | undefined {
    const rest = this.source.slice(this.pos);
    const simple = /^\$(?:(\d+)|([A-Za-z_][A-Za-z0-9_]*))/.exec(rest);
    if (simple) {
      this.pos += simple[0].length;
      return simple[1] !== undefined
        ? { kind: 'tabstop', index: Number(simple[1]) }
        : { kind: 'variable', name: simple[2] ?? '' };
    }
    const choice = /^\$\{(\d+)\|((?:[^|\\]|\\.)*)\|\}/.exec(rest);
    if (choice) {
      this.pos += choice[0].length;
      const options = (choice[2] ?? '').split(/(?<!\\),/).map((o) => o.replace(/\\(.)/g, '$1'));
      return { kind: 'tabstop', index: Number(choice[1]), choice: options };
    }
    const open = /^\$\{(?:(\d+)|([A-Za-z_][A-Za-z0-9_]*))(:|\})/.exec(rest);
    if (!open) {
      if (rest.startsWith('${')) throw new Error(`unsupported snippet syntax at "${rest}"`);
      return undefined;
    }
    this.pos += open[0].length;
    let children: Node[] | undefined;
    if (open[3] === ':') {
      children = this.parse(true);
      if (this.source[this.pos] !== '}') throw new Error(`unclosed placeholder in "${rest}"`);
      this.pos += 1;
    }
    return open[1] !== undefined
      ? { kind: 'tabstop', index: Number(open[1]), children }
      : { kind: 'variable', name: open[2] ?? '', children };
  }
}

/** Parses a snippet body, throwing on syntax the editor would not accept the same way. */
function parseSnippet(body: string): Node[] {
  return new Parser(body).parse();
}

/** The body with every tab stop, choice and variable replaced by its default. */
export function expandSnippet(body: string): string {
  const nodes = parseSnippet(body);
  const defaults = new Map<number, string>();
  const collect = (list: Node[]): void => {
    for (const node of list) {
      if (node.kind === 'text') continue;
      if (node.kind === 'tabstop' && !defaults.has(node.index)) {
        if (node.choice !== undefined) defaults.set(node.index, node.choice[0] ?? '');
        else if (node.children !== undefined) defaults.set(node.index, render(node.children));
      }
      if (node.children !== undefined) collect(node.children);
    }
  };
  const render = (list: Node[]): string =>
    list
      .map((node) => {
        if (node.kind === 'text') return node.value;
        if (node.kind === 'variable') return node.children ? render(node.children) : '';
        return defaults.get(node.index) ?? (node.children ? render(node.children) : '');
      })
      .join('');
  collect(nodes);
  return render(nodes);
}

/** Tab stop numbers used in a body, for shape checks. */
export function tabStops(body: string): number[] {
  const found = new Set<number>();
  const visit = (list: Node[]): void => {
    for (const node of list) {
      if (node.kind === 'tabstop') found.add(node.index);
      if (node.kind !== 'text' && node.children) visit(node.children);
    }
  };
  visit(parseSnippet(body));
  return [...found].sort((a, b) => a - b);
}
