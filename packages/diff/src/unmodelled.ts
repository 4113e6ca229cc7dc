/** What a migration between two models cannot carry: objects of kinds the model does not hold. */
import type { SchemaModel } from '@pgshift/catalog';

/**
 * One sentence per object of an unmodelled kind that only one side has, e.g. `operator family
 * public.pair_ops using btree is only in --to: pgshift does not migrate an operator family; create it by hand`.
 * `names` says how the two sides are called where the sentence is printed.
 */
export function notMigrated(from: SchemaModel, to: SchemaModel, names: { from: string; to: string } = { from: 'the old state', to: 'the new state' }): string[] {
  const before = new Set(from.unmodelled ?? []);
  const after = new Set(to.unmodelled ?? []);
  const kind = (o: string) => {
    const k = o.replace(/^(operator class|operator family|conversion|language|access method|transform|text search parser|text search template) .*$/, '$1');
    return `${/^[aeiou]/.test(k) ? 'an' : 'a'} ${k}`;
  };
  return [
    ...[...after].filter((o) => !before.has(o)).map((o) => `${o} is only in ${names.to}: pgshift does not migrate ${kind(o)}; create it by hand`),
    ...[...before].filter((o) => !after.has(o)).map((o) => `${o} is only in ${names.from}: pgshift does not migrate ${kind(o)}; drop it by hand`),
  ];
}
