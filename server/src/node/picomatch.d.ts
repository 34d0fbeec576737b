// The few parts of picomatch 2 that node/exclude.ts uses; the package ships no types of its own.
declare module 'picomatch' {
  /** Options of `picomatch(glob, options)`; see the package's README. */
  interface PicomatchOptions {
    /** Wildcards and `**` match names starting with a dot. */
    readonly dot?: boolean;
    /** `{a,b}` is literal (the caller expands braces itself). */
    readonly nobrace?: boolean;
    /** `+(a|b)`, `!(a)` and the like are literal. */
    readonly noextglob?: boolean;
    /** A leading `!` is literal instead of negating the pattern. */
    readonly nonegate?: boolean;
  }

  /** Compiles globs into one test of a `/`-separated path; throws on a pattern it cannot read. */
  function picomatch(
    glob: string | readonly string[],
    options?: PicomatchOptions,
  ): (path: string) => boolean;

  export default picomatch;
}
