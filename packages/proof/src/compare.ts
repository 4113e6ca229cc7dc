import { SchemaModel } from '@pgshift/catalog';

/** The first place where two models differ, as a JSON path with both values; undefined when equal. */
export function firstDifference(a: SchemaModel, b: SchemaModel): string | undefined {
  return walk({ ...a, serverVersionNum: 0 }, { ...b, serverVersionNum: 0 }, '$');
}

/**
 * The model with each table's columns matched by name instead of position: a column added by
 * ALTER TABLE goes last, so a target with it in the middle is only reachable up to column order.
 */
export function withoutColumnOrder(model: SchemaModel): SchemaModel {
  return {
    ...model,
    tables: model.tables.map((t) => ({
      ...t,
      columns: [...t.columns].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)).map((c) => ({ ...c, position: 0 })),
    })),
  };
}

function walk(a: unknown, b: unknown, at: string): string | undefined {
  if (a === b) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    const byId = (x: unknown) => (x && typeof x === 'object' && 'id' in x ? String((x as { id: unknown }).id) : undefined);
    if (a.every((x) => byId(x) !== undefined) && b.every((x) => byId(x) !== undefined)) {
      const left = new Map(a.map((x) => [byId(x)!, x]));
      const right = new Map(b.map((x) => [byId(x)!, x]));
      for (const [id, x] of left) {
        if (!right.has(id)) return `${at}: ${id} only on the left`;
        const found = walk(x, right.get(id), `${at}[${id}]`);
        if (found) return found;
      }
      for (const id of right.keys()) if (!left.has(id)) return `${at}: ${id} only on the right`;
      return undefined;
    }
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const found = walk(a[i], b[i], `${at}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of [...keys].sort()) {
      const found = walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
      if (found) return found;
    }
    return undefined;
  }
  return `${at}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
}
