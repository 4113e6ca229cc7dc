/**
 * The queries of a paired read (see pair.ts): owners with their names, fingerprints of the rows
 * each owner has in a catalog query, the owners a change reaches through pg_depend, and the
 * dependencies of what is read.
 */
import type { CatalogQuery } from '../query';
import { dependColumns, modelDependency } from './depends';
import { userSchema } from './fragments';

const file = 'queries/pair.ts';

/** Relation kinds whose rows a paired read can leave out; composite types are read with the types. */
const ownedKinds = `('r', 'p', 'f', 'v', 'm', 'S')`;

/**
 * Relations and routines, by a name that is the same in any database: how the two sides are
 * matched. `owned` is false for the relations whose rows are read with another (indexes) or always
 * (composite types); `relation` is their `schema.name`.
 */
export const ownersQuery: CatalogQuery = {
  file,
  name: 'owners',
  sql: `
select c.oid::text as oid, 'pg_class' as class, 'r ' || format('%I.%I', n.nspname, c.relname) as identity,
       c.relkind in ${ownedKinds} as owned, n.nspname || '.' || c.relname as relation
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
 where (c.relkind in ${ownedKinds} or c.relkind in ('i', 'I', 'c')) and ${userSchema('n')}
union all
select p.oid::text, 'pg_proc', 'f ' || p.oid::regprocedure::text, true, null
  from pg_proc p
  join pg_namespace n on n.oid = p.pronamespace
 where ${userSchema('n')}`,
};

/**
 * The fingerprint of each owner's rows in `q`: md5 of its rows as text, `whole` without the columns
 * that hold oids, `core` also without the columns whose change leaves dependents alone. The rows
 * are sorted once, by owner and the query's own order, and both aggregates take them in that
 * order: an order PostgreSQL did not keep would only make an owner look changed, and be read.
 * `columns` are the query's output columns. A paged query pages by owner, so its owner is its oid.
 */
export function fingerprintQuery(q: CatalogQuery, columns: string[]): CatalogQuery {
  const owned = q.owned!;
  const kept = columns.filter((c) => !owned.oids.includes(c));
  const row = (cs: string[]) => (cs.length === 0 ? `''` : `row(${cs.map((c) => `q.${c}`).join(', ')})::text`);
  const core = row(kept.filter((c) => !owned.neutral.includes(c)));
  const neutral = row(kept.filter((c) => owned.neutral.includes(c)));
  const order = ['1', ...(owned.order ?? []).map((c) => `q.${c}`)].join(', ');
  return {
    file: q.file,
    name: `${q.name} (fingerprints)`,
    weight: q.weight,
    opensTables: q.opensTables,
    pageSize: q.pageSize,
    sql: `
select s.owner as oid, md5(string_agg(s.core || ' ' || s.neutral, E'\\n')) as whole, md5(string_agg(s.core, E'\\n')) as core
  from (select ${owned.owner} as owner, ${core} as core, ${neutral} as neutral from (${q.sql}) q order by ${order}) s
 where s.owner is not null
 group by s.owner
 order by s.owner::oid`,
  };
}

/** The node standing for the catalog address (x.c, x.o): a view's rule stands for the view, a row type or array type for what it is the type of. */
const nodeOf = `
  select coalesce(rw.c, ty.c, x.c) as c, coalesce(rw.o, ty.o, x.o) as o
    from (select) one
    left join lateral (
      select 'pg_class'::regclass::oid as c, r.ev_class as o from pg_rewrite r
       where x.c = 'pg_rewrite'::regclass and r.oid = x.o and r.rulename = '_RETURN') rw on true
    left join lateral (
      select case when rel.oid is null then 'pg_type'::regclass::oid else 'pg_class'::regclass::oid end as c, coalesce(rel.oid, el.oid) as o
        from pg_type t
        left join pg_type el on el.oid = t.typelem and el.typarray = t.oid
        left join pg_class rel on rel.oid = nullif(coalesce(el.typrelid, t.typrelid), 0)
       where x.c = 'pg_type'::regclass and t.oid = x.o and (el.oid is not null or t.typrelid <> 0)) ty on true`;

/**
 * The relation or routine whose rows hold the node (n.c, n.o): a default, constraint, trigger,
 * policy, rule, statistics object or index belongs to its relation; a relation or routine is its
 * own owner. Anything else has none (it is read whole), and neither has a foreign key's internal
 * trigger, which sits on the referenced table.
 */
const ownerOf = `
  select case n.c
    when 'pg_class'::regclass then (select case when c.relkind in ('i', 'I') then (select i.indrelid from pg_index i where i.indexrelid = c.oid)
                                                when c.relkind in ${ownedKinds} then c.oid end from pg_class c where c.oid = n.o)
    when 'pg_proc'::regclass then n.o
    when 'pg_constraint'::regclass then (select nullif(co.conrelid, 0) from pg_constraint co where co.oid = n.o)
    when 'pg_attrdef'::regclass then (select ad.adrelid from pg_attrdef ad where ad.oid = n.o)
    when 'pg_trigger'::regclass then (select t.tgrelid from pg_trigger t where t.oid = n.o and not t.tgisinternal)
    when 'pg_policy'::regclass then (select p.polrelid from pg_policy p where p.oid = n.o)
    when 'pg_rewrite'::regclass then (select r.ev_class from pg_rewrite r where r.oid = n.o)
    when 'pg_statistic_ext'::regclass then (select s.stxrelid from pg_statistic_ext s where s.oid = n.o)
  end as owner`;

/** The distinct owners of the nodes that the query `nodes` (of c, o) lists. */
const ownersOf = (nodes: string) => `
select distinct w.owner::text as owner
  from (${nodes}) n
  cross join lateral (${ownerOf}) w
 where w.owner is not null`;

/**
 * The nodes that the catalog addresses the query `parts` (of c, o) lists depend on (normal and
 * automatic dependencies). pg_depend is looked up address by address (OFFSET 0 keeps the lateral
 * subquery from being flattened into a join): in a database just loaded, its statistics can still
 * say it holds no user rows, and a join planned on that scans it once per address.
 */
const usedBy = (parts: string) => `
  select m.c, m.o
    from (${parts}) p
    cross join lateral (
      select d.refclassid as c, d.refobjid as o from pg_depend d
       where d.classid = p.c and d.objid = p.o and d.deptype in ('n', 'a') offset 0) x
    cross join lateral (${nodeOf}) m
   where x.o >= 16384`;

/** The nodes given as $1, a text[] of 'catalog:oid'. */
const givenNodes = `select split_part(s, ':', 1)::regclass::oid, split_part(s, ':', 2)::oid from unnest($1::text[]) s`;

/**
 * Owners of everything that depends on the given nodes ('catalog:oid'), transitively, the nodes'
 * own owners included. A node stands for its row type and array type too; an internal dependency
 * counts both ways (an identity sequence and its table, an index and its constraint).
 */
export const affectedQuery: CatalogQuery = {
  file,
  name: 'affected owners',
  sql: `
with recursive visit (c, o) as (
  ${givenNodes}
  union
  select m.c, m.o
    from visit v
    cross join lateral (
      select v.c as c, v.o as o
      union all
      select 'pg_type'::regclass::oid, t.oid from pg_class r join pg_type t on t.oid in (r.reltype, (select rt.typarray from pg_type rt where rt.oid = r.reltype))
       where v.c = 'pg_class'::regclass and r.oid = v.o
      union all
      select 'pg_type'::regclass::oid, t.typarray from pg_type t where v.c = 'pg_type'::regclass and t.oid = v.o and t.typarray <> 0
    ) a
    cross join lateral (
      select d.classid as c, d.objid as o from pg_depend d
       where d.refclassid = a.c and d.refobjid = a.o and d.deptype in ('n', 'a', 'i') and d.objid >= 16384
      union all
      select d.refclassid, d.refobjid from pg_depend d
       where d.classid = a.c and d.objid = a.o and d.deptype = 'i' and d.refobjid >= 16384
    ) x
    cross join lateral (${nodeOf}) m
)${ownersOf('select c, o from visit')}`,
};

/** Catalog addresses of everything an owner's rows hold: the relation or routine, its row type and its parts. */
const partsOf = (owners: string) => `
  select 'pg_class'::regclass::oid as c, o as o from unnest(${owners}) o
  union all select 'pg_proc'::regclass::oid, o from unnest(${owners}) o
  union all select 'pg_type'::regclass::oid, c.reltype from pg_class c where c.oid = any(${owners}) and c.reltype <> 0
  union all select 'pg_constraint'::regclass::oid, co.oid from pg_constraint co where co.conrelid = any(${owners})
  union all select 'pg_attrdef'::regclass::oid, ad.oid from pg_attrdef ad where ad.adrelid = any(${owners})
  union all select 'pg_trigger'::regclass::oid, t.oid from pg_trigger t where t.tgrelid = any(${owners}) and not t.tgisinternal
  union all select 'pg_policy'::regclass::oid, p.oid from pg_policy p where p.polrelid = any(${owners})
  union all select 'pg_rewrite'::regclass::oid, r.oid from pg_rewrite r where r.ev_class = any(${owners})
  union all select 'pg_statistic_ext'::regclass::oid, s.oid from pg_statistic_ext s where s.stxrelid = any(${owners})
  union all select 'pg_class'::regclass::oid, i.indexrelid from pg_index i where i.indrelid = any(${owners})`;

/** Owners of what the given nodes ('catalog:oid') depend on; a publication's tables are what it depends on. */
export const usesQuery: CatalogQuery = {
  file,
  name: 'used owners',
  sql: `
with nodes (c, o) as (${givenNodes})${ownersOf(
    usedBy(`select c, o from nodes
            union all
            select 'pg_publication_rel'::regclass::oid, pr.oid from pg_publication_rel pr join nodes n on n.c = 'pg_publication'::regclass and n.o = pr.prpubid`),
  )}`,
};

/**
 * What the loaded owners ($1) need beside them: the owners that the expanded ones ($2) depend on,
 * and for every loaded owner the rest of its inheritance or partition tree and its identity
 * sequences (or the table of an identity sequence).
 */
export const needsQuery: CatalogQuery = {
  file,
  name: 'needed owners',
  sql: `
with recursive tree (o) as (
  select unnest($1::oid[])
  union
  select x.o from tree t cross join lateral (
    select h.inhparent as o from pg_inherits h where h.inhrelid = t.o
    union all select h.inhrelid from pg_inherits h where h.inhparent = t.o
    union all select d.objid from pg_depend d where d.refclassid = 'pg_class'::regclass and d.refobjid = t.o and d.classid = 'pg_class'::regclass and d.deptype = 'i'
    union all select d.refobjid from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = t.o and d.refclassid = 'pg_class'::regclass and d.deptype = 'i'
  ) x
)${ownersOf(`select 'pg_class'::regclass::oid as c, o from tree union all ${usedBy(partsOf('$2::oid[]'))}`)}`,
};

/**
 * The depends query's rows held by what a limited read reads: the parts of the loaded owners ($1)
 * and everything that is read whole.
 */
export const limitedDependsQuery: CatalogQuery = {
  file,
  name: 'depends (limited)',
  sql: `
with parts (c, o) as (${partsOf('$1::oid[]')})
select ${dependColumns}
  from pg_depend d
 where d.objid >= 16384 and d.refobjid >= 16384 and ${modelDependency}
   and ((d.classid, d.objid) in (select c, o from parts)
        or d.classid not in ('pg_class'::regclass, 'pg_proc'::regclass, 'pg_constraint'::regclass, 'pg_attrdef'::regclass, 'pg_trigger'::regclass,
                             'pg_policy'::regclass, 'pg_rewrite'::regclass, 'pg_statistic_ext'::regclass)
        or (d.classid = 'pg_class'::regclass and exists (select from pg_class c where c.oid = d.objid and c.relkind = 'c'))
        or (d.classid = 'pg_constraint'::regclass and exists (select from pg_constraint co where co.oid = d.objid and co.conrelid = 0)))`,
};

/**
 * Which of the given role names something in the database names: as an owner, a grantee or a
 * policy's or default privilege's role.
 */
export const rolesInUseQuery: CatalogQuery = {
  file,
  name: 'roles in use',
  sql: `
with used (role) as (
  select c.relowner from pg_class c where c.oid >= 16384
  union select (aclexplode(c.relacl)).grantee from pg_class c where c.oid >= 16384
  union select (aclexplode(a.attacl)).grantee from pg_attribute a where a.attrelid >= 16384 and a.attacl is not null
  union select p.proowner from pg_proc p where p.oid >= 16384
  union select (aclexplode(p.proacl)).grantee from pg_proc p where p.oid >= 16384
  union select t.typowner from pg_type t where t.oid >= 16384
  union select (aclexplode(t.typacl)).grantee from pg_type t where t.oid >= 16384
  union select n.nspowner from pg_namespace n where ${userSchema('n')}
  union select (aclexplode(n.nspacl)).grantee from pg_namespace n where ${userSchema('n')}
  union select unnest(p.polroles) from pg_policy p
  union select d.defaclrole from pg_default_acl d
  union select (aclexplode(d.defaclacl)).grantee from pg_default_acl d
)
select r.rolname::text as name from pg_roles r where r.rolname = any($1::text[]) and r.oid in (select role from used)`,
};
