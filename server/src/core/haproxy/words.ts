/**
 * The objects behind {@link Word}. A configuration is mostly plain words (`server`, `check`,
 * `10.0.0.1:80`) whose value is their raw text, so those keep only their span and text as own
 * fields and answer the other properties from their prototype: about 48 instead of 80 bytes per
 * word, which on large files is a good part of the syntax tree the garbage collector has to move.
 * Quoted and escaped words stay plain objects with every field.
 *
 * Code that copies a word with other offsets must use {@link wordAt}: an object spread only
 * copies own fields, so it would lose the value of a plain word.
 */
import type { Word, WordQuoting } from './ast.js';

/** A word without quotes, escapes, variables or template spans. */
class PlainWord implements Word {
  constructor(
    readonly start: number,
    readonly end: number,
    readonly raw: string,
  ) {}

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

/** A word whose value is its raw text, at `[start, end)`. */
export function plainWord(raw: string, start: number, end: number): Word {
  return new PlainWord(start, end, raw);
}

/**
 * The same word (text, value and flags) at another span. The copy has the same representation as
 * the original, so a moved word compares equal to a freshly scanned one.
 */
export function wordAt(word: Word, start: number, end: number): Word {
  if (word instanceof PlainWord) return new PlainWord(start, end, word.raw);
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
