/** How big the tables are that a migration's lock and rewrite hazards name, on a real database. */
import type { Client } from 'pg';

/** `"s"."t"` → `≈1,000,000 rows, 65 MB on the target`, for the tables that exist there. */
export async function tableSizes(client: Client, tables: string[]): Promise<Map<string, string>> {
  const sizes = new Map<string, string>();
  if (tables.length === 0) return sizes;
  const { rows } = await client.query(
    `SELECT t.name, c.reltuples::bigint AS rows, pg_catalog.pg_size_pretty(pg_catalog.pg_total_relation_size(c.oid)) AS size
       FROM unnest($1::text[]) AS t(name) JOIN pg_catalog.pg_class c ON c.oid = pg_catalog.to_regclass(t.name)`,
    [tables],
  );
  for (const r of rows) sizes.set(r.name, `${Number(r.rows) >= 0 ? `≈${Number(r.rows).toLocaleString('en')} rows, ` : ''}${r.size} on the target`);
  return sizes;
}
