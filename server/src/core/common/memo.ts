/**
 * A value kept per object: the one place that answers "the record made for this key, made on the
 * first ask". Lookups that return the same small record for every statement or option share it
 * this way instead of allocating a copy per caller.
 */

/** What `table` holds for `key`, made by `make` and stored the first time it is asked for. */
export function keptFor<K extends object, V>(table: WeakMap<K, V>, key: K, make: (key: K) => V): V {
  let value = table.get(key);
  if (value === undefined) {
    value = make(key);
    table.set(key, value);
  }
  return value;
}
