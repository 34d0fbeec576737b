/**
 * A value built the first time it is asked for, then kept.
 *
 * Module-level tables (catalog indexes, lookups by name, tables derived from the catalogs) are
 * built on every start of `halint` and of the server, also when the run never reads them: a
 * `halint` run over one HAProxy file has no use for the Keepalived catalog's indexes. Wrapped in
 * `lazy`, a table costs nothing until a caller needs it.
 */
export function lazy<T>(build: () => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}
