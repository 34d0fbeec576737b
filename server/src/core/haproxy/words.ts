/**
 * The objects behind {@link Word}. A configuration is mostly plain words (`server`, `check`,
 * `10.0.0.1:80`) whose value is their raw text, so those keep only their start and text as own
 * fields and answer the other properties (the end included) from their prototype. Words are the
 * most numerous objects of a syntax tree, so on large files every field saved here is memory the
 * garbage collector does not have to move.
 * Quoted and escaped words stay plain objects with every field.
 *
 * Code that copies a word with other offsets must use {@link wordAt}: an object spread only
 * copies own fields, so it would lose the value of a plain word.
 */
import type { Word, WordQuoting } from './ast.js';

/**
 * A word without quotes, escapes, variables or template spans. Instances come from
 * {@link makePlainWord}, never from `new`: the class only holds the prototype.
 */
class PlainWord implements Word {
  declare readonly start: number;
  declare readonly raw: string;

  /** A plain word is its raw text: it ends where that text ends, and needs no field for it. */
  get end(): number {
    return this.start + this.raw.length;
  }

  get value(): string {
    return this.raw;
  }

  get quoting(): WordQuoting {
    return 'none';
  }

  get hasVariable(): boolean {
    return false;
  }

  get template(): boolean {
    return false;
  }
}

/**
 * A {@link PlainWord}, made by an object literal rather than `new` so that V8 allocates it in the
 * old generation once it sees that words live on (see "Pretenured records" in ARCHITECTURE.md).
 */
function makePlainWord(start: number, raw: string): Word {
  return { __proto__: PlainWord.prototype, start, raw } as unknown as PlainWord;
}

/** A word whose value is its raw text, at `[start, end)`. */
export function plainWord(raw: string, start: number, end: number): Word {
  // The lexer cuts `raw` from the text at [start, end), so the span is the raw text's.
  if (end - start === raw.length) return makePlainWord(start, raw);
  return { start, end, raw, value: raw, quoting: 'none', hasVariable: false, template: false };
}

/**
 * The same word (text, value and flags) at another span. The copy has the same representation as
 * the original, so a moved word compares equal to a freshly scanned one.
 */
export function wordAt(word: Word, start: number, end: number): Word {
  if (word instanceof PlainWord && end - start === word.raw.length) {
    return makePlainWord(start, word.raw);
  }
  return {
    start,
    end,
    raw: word.raw,
    value: word.value,
    quoting: word.quoting,
    hasVariable: word.hasVariable,
    template: word.template,
  };
}

/**
 * Moves a word by `delta` in place, for the incremental re-parse that shifts the lines after an
 * edit. A plain word's end follows its start, so only the start is written.
 */
export function moveWordInPlace(word: Word, delta: number): void {
  const span = word as { start: number; end: number };
  span.start += delta;
  if (!(word instanceof PlainWord)) span.end += delta;
}
