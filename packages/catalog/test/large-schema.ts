/**
 * Generates a schema `big` with `tables` tables, each with 25 columns of mixed types, a primary
 * key, a foreign key to the previous table, a CHECK, an index, RLS with a policy, grants (table and
 * column), a comment, a view over it and a SQL function reading it.
 */
export function largeSchemaSql(tables: number, schema = 'big'): string {
  const s = `"${schema}"`;
  const out: string[] = [
    `do $$ begin if not exists (select from pg_roles where rolname = 'catalog_fx_anon') then create role catalog_fx_anon nologin; end if; end $$;`,
    `create schema ${s};`,
    `create type ${s}.level as enum ('low', 'mid', 'high');`,
  ];
  for (let i = 0; i < tables; i++) {
    const t = `${s}.t${i}`;
    const columns = [
      'id bigserial primary key',
      i > 0 ? `parent_id bigint references ${s}.t${i - 1} (id) on delete set null` : 'parent_id bigint',
      `level ${s}.level not null default 'low'`,
      'created_at timestamptz not null default now()',
    ];
    for (let c = 0; c < 21; c++) {
      const type = ['integer', 'text', 'numeric(12,2)', 'boolean', 'jsonb', 'date', 'varchar(40)'][c % 7];
      columns.push(`c${c} ${type}`);
    }
    out.push(
      `create table ${t} (${columns.join(', ')}, check (c0 is null or c0 >= 0));`,
      `create index t${i}_c1_idx on ${t} (c1);`,
      `alter table ${t} enable row level security;`,
      `create policy t${i}_visible on ${t} for select to catalog_fx_anon using (level <> 'high');`,
      `grant select on ${t} to catalog_fx_anon;`,
      `grant update (c1, c2) on ${t} to catalog_fx_anon;`,
      `comment on table ${t} is 'Table ${i}';`,
      `create view ${s}.v${i} as select id, level, c0, c1 from ${t} where c2 is not null;`,
      `create function ${s}.f${i}(x bigint) returns bigint language sql stable as $$ select count(*) from ${t} where id > x $$;`,
    );
  }
  return out.join('\n');
}
