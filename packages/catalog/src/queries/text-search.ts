/**
 * Text search dictionaries and configurations. Parsers and templates need C functions, so they
 * are built in or come with an extension; they are named, not modelled.
 */
import type { ReadContext } from '../context';
import { key } from '../graph';
import { ids } from '../ids';
import type { QualifiedName } from '../model';
import type { CatalogQuery } from '../query';
import { compareText, json, withComment } from '../rows';
import { commentOf, roleName, userSchema } from './fragments';

export const textSearchDictionariesQuery: CatalogQuery = {
  file: 'queries/text-search.ts',
  name: 'text search dictionaries',
  sql: `
select d.oid::text as oid, n.nspname as schema, d.dictname as name, ${roleName('d.dictowner')} as owner,
       (select json_build_array(tn.nspname, t.tmplname) from pg_ts_template t
          join pg_namespace tn on tn.oid = t.tmplnamespace where t.oid = d.dicttemplate) as template,
       d.dictinitoption as options, ${commentOf('pg_ts_dict', 'd.oid')} as comment
  from pg_ts_dict d
  join pg_namespace n on n.oid = d.dictnamespace
 where ${userSchema('n')}`,
};

export const textSearchConfigurationsQuery: CatalogQuery = {
  file: 'queries/text-search.ts',
  name: 'text search configurations',
  sql: `
select c.oid::text as oid, n.nspname as schema, c.cfgname as name, ${roleName('c.cfgowner')} as owner,
       (select json_build_array(pn.nspname, p.prsname) from pg_ts_parser p
          join pg_namespace pn on pn.oid = p.prsnamespace where p.oid = c.cfgparser) as parser,
       (select json_agg(json_build_array(tt.alias, m.dictionaries))
          from (select mm.maptokentype,
                       json_agg(json_build_array(dn.nspname, d.dictname) order by mm.mapseqno) as dictionaries
                  from pg_ts_config_map mm
                  join pg_ts_dict d on d.oid = mm.mapdict
                  join pg_namespace dn on dn.oid = d.dictnamespace
                 where mm.mapcfg = c.oid
                 group by mm.maptokentype) m
          join ts_token_type(c.cfgparser) tt on tt.tokid = m.maptokentype) as mappings,
       ${commentOf('pg_ts_config', 'c.oid')} as comment
  from pg_ts_config c
  join pg_namespace n on n.oid = c.cfgnamespace
 where ${userSchema('n')}`,
};

function qualifiedName(pair: [string, string] | null): QualifiedName {
  const [schema, name] = pair ?? ['pg_catalog', '?'];
  return { schema, name };
}

/**
 * dictinitoption as the server writes it (serialize_deflist): `name = 'value', …`, the name an
 * identifier (quoted when it has to be), the value a literal (E'…' when it holds a backslash).
 */
export function parseDictionaryOptions(text: string | null): [string, string][] {
  const out: [string, string][] = [];
  if (!text) return out;
  let i = 0;
  const skipSpaces = () => {
    while (text[i] === ' ') i++;
  };
  while (i < text.length) {
    skipSpaces();
    let name = '';
    if (text[i] === '"') {
      for (i++; i < text.length; i++) {
        if (text[i] === '"' && text[i + 1] === '"') (name += '"'), i++;
        else if (text[i] === '"') break;
        else name += text[i];
      }
      i++;
    } else {
      while (i < text.length && text[i] !== ' ' && text[i] !== '=') name += text[i++];
    }
    skipSpaces();
    if (text[i] !== '=') throw new Error(`unexpected text search dictionary options: ${text}`);
    i++;
    skipSpaces();
    const start = i;
    if (text[i] === 'E' || text[i] === 'e') i++;
    if (text[i] === "'") {
      for (i++; i < text.length; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === "'" && text[i + 1] === "'") i++;
        else if (text[i] === "'") break;
      }
      i++;
    } else {
      while (i < text.length && text[i] !== ',') i++;
    }
    out.push([name, text.slice(start, i).trim()]);
    skipSpaces();
    if (text[i] === ',') i++;
  }
  return out;
}

export function readTextSearchDictionaries(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    if (!ctx.keep(r.schema, 'pg_ts_dict', r.oid)) continue;
    const id = ids.textSearchDictionary(r.schema, r.name);
    ctx.graph.define(id, key('pg_ts_dict', r.oid));
    ctx.graph.add(id, ids.schema(r.schema));
    ctx.useRoles(r.owner, null);
    ctx.model.textSearchDictionaries.push(
      withComment(
        {
          id,
          kind: 'text search dictionary' as const,
          schema: r.schema,
          name: r.name,
          owner: r.owner,
          acl: null,
          template: qualifiedName(json(r.template)),
          options: parseDictionaryOptions(r.options),
          dependsOn: [],
        },
        r.comment,
      ),
    );
  }
}

export function readTextSearchConfigurations(ctx: ReadContext, rows: any[]): void {
  for (const r of rows) {
    if (!ctx.keep(r.schema, 'pg_ts_config', r.oid)) continue;
    const id = ids.textSearchConfiguration(r.schema, r.name);
    ctx.graph.define(id, key('pg_ts_config', r.oid));
    ctx.graph.add(id, ids.schema(r.schema));
    ctx.useRoles(r.owner, null);
    const mappings = (json<[string, [string, string][]][] | null>(r.mappings) ?? [])
      .map(([token, dictionaries]) => ({ token, dictionaries: dictionaries.map(qualifiedName) }))
      .sort((a, b) => compareText(a.token, b.token));
    ctx.model.textSearchConfigurations.push(
      withComment(
        {
          id,
          kind: 'text search configuration' as const,
          schema: r.schema,
          name: r.name,
          owner: r.owner,
          acl: null,
          parser: qualifiedName(json(r.parser)),
          mappings,
          dependsOn: [],
        },
        r.comment,
      ),
    );
  }
}
