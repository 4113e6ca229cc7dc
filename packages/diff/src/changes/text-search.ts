/**
 * Text search dictionaries and configurations. A dictionary's options change in place; a new
 * template is a drop and a create, and so is a configuration's new parser. A configuration's
 * mappings are added, altered and dropped per token type. A configuration goes and comes back
 * with a dictionary it maps to that is created anew.
 */
import type { QualifiedName, TextSearchConfiguration, TextSearchDictionary } from '@pgshift/catalog';
import type { Closure } from '../closure';
import type { DiffContext } from '../context';
import type { Node } from '../graph';
import type { ModelIndex } from '../model-index';
import { textSearchConfigurationRef, textSearchDictionaryRef } from '../objects';
import { qualified, quoteIdent, quoteLiteral } from '../sql';
import type { Check } from '../types';
import { createdMetadata, diffObjects, metadataNode, sameJson } from './common';

export function textSearchSeeds(from: ModelIndex, to: ModelIndex, closure: Closure): void {
  const dictionaries = new Map(to.model.textSearchDictionaries.map((d) => [d.id, d]));
  for (const f of from.model.textSearchDictionaries) {
    const t = dictionaries.get(f.id);
    if (t && !sameJson(f.template, t.template)) closure.replaced.set(f.id, null);
  }
  const configurations = new Map(to.model.textSearchConfigurations.map((c) => [c.id, c]));
  for (const f of from.model.textSearchConfigurations) {
    const t = configurations.get(f.id);
    if (t && !sameJson(f.parser, t.parser)) closure.replaced.set(f.id, null);
  }
}

const name = (q: QualifiedName) => qualified(q.schema, q.name);

function optionsSql(options: [string, string][]): string {
  return options.map(([k, v]) => `${quoteIdent(k)} = ${v}`).join(', ');
}

function dictionaryChecks(d: TextSearchDictionary): Check[] {
  const ref = textSearchDictionaryRef(d.schema, d.name);
  return [
    {
      description: `text search dictionary ${d.schema}.${d.name} exists with template ${d.template.schema}.${d.template.name}`,
      condition: `(SELECT tn.nspname || '.' || t.tmplname FROM pg_catalog.pg_ts_dict d JOIN pg_catalog.pg_ts_template t ON t.oid = d.dicttemplate JOIN pg_catalog.pg_namespace tn ON tn.oid = t.tmplnamespace WHERE d.oid = ${ref.oid}) = ${quoteLiteral(`${d.template.schema}.${d.template.name}`)}`,
    },
    {
      // The server writes the options back as `name = 'value', …`, quoting names as quote_ident does.
      description: `text search dictionary ${d.schema}.${d.name} has its options`,
      condition: `(SELECT dictinitoption FROM pg_catalog.pg_ts_dict WHERE oid = ${ref.oid}) IS NOT DISTINCT FROM ${
        d.options.length ? d.options.map(([k, v]) => `pg_catalog.quote_ident(${quoteLiteral(k)}) || ${quoteLiteral(` = ${v}`)}`).join(" || ', ' || ") : 'NULL'
      }`,
    },
  ];
}

/** The catalog's own text of the mappings, e.g. `asciiword:pg_catalog.english_stem;word:public.unaccent,pg_catalog.simple`. */
function mappingText(c: TextSearchConfiguration): string {
  return c.mappings.map((m) => `${m.token}:${m.dictionaries.map((d) => `${d.schema}.${d.name}`).join(',')}`).join(';');
}

function configurationChecks(c: TextSearchConfiguration): Check[] {
  const ref = textSearchConfigurationRef(c.schema, c.name);
  const mapped = `(SELECT pg_catalog.string_agg(tt.alias || ':' || m.dicts, ';' ORDER BY tt.alias COLLATE "C")
      FROM (SELECT mm.maptokentype, pg_catalog.string_agg(dn.nspname || '.' || d.dictname, ',' ORDER BY mm.mapseqno) AS dicts
              FROM pg_catalog.pg_ts_config_map mm JOIN pg_catalog.pg_ts_dict d ON d.oid = mm.mapdict JOIN pg_catalog.pg_namespace dn ON dn.oid = d.dictnamespace
             WHERE mm.mapcfg = ${ref.oid} GROUP BY mm.maptokentype) m
      JOIN pg_catalog.ts_token_type((SELECT cfgparser FROM pg_catalog.pg_ts_config WHERE oid = ${ref.oid})) tt ON tt.tokid = m.maptokentype)`;
  return [
    { description: `text search configuration ${c.schema}.${c.name} exists`, condition: `${ref.oid} IS NOT NULL` },
    { description: `text search configuration ${c.schema}.${c.name} has its mappings`, condition: `${mapped} IS NOT DISTINCT FROM ${c.mappings.length ? quoteLiteral(mappingText(c)) : 'NULL'}` },
  ];
}

function createDictionary(ctx: DiffContext, d: TextSearchDictionary, cause: string | null, after: Node[]): void {
  const ref = textSearchDictionaryRef(d.schema, d.name);
  const meta = createdMetadata(ctx, ref, d, `text search dictionary ${d.schema}.${d.name}`);
  const options = d.options.length ? `, ${optionsSql(d.options)}` : '';
  ctx.node({
    phase: 'create',
    kind: 'create',
    objectKind: 'text search dictionary',
    objectId: d.id,
    statements: [`CREATE TEXT SEARCH DICTIONARY ${ref.name} (TEMPLATE = ${name(d.template)}${options})`, ...meta.statements],
    checks: [...dictionaryChecks(d), ...meta.checks],
    provides: [d.id],
    newDeps: ctx.to.deps(d.id),
    cause,
    after,
  });
}

/** Groups tokens that map to the same dictionaries into one statement each. */
function mappingStatements(ref: string, verb: 'ADD' | 'ALTER', mappings: TextSearchConfiguration['mappings']): string[] {
  const groups = new Map<string, string[]>();
  for (const m of mappings) {
    const dictionaries = m.dictionaries.map(name).join(', ');
    groups.set(dictionaries, [...(groups.get(dictionaries) ?? []), m.token]);
  }
  return [...groups].map(([dictionaries, tokens]) => `ALTER TEXT SEARCH CONFIGURATION ${ref} ${verb} MAPPING FOR ${tokens.map(quoteIdent).join(', ')} WITH ${dictionaries}`);
}

function createConfiguration(ctx: DiffContext, c: TextSearchConfiguration, cause: string | null, after: Node[]): void {
  const ref = textSearchConfigurationRef(c.schema, c.name);
  const meta = createdMetadata(ctx, ref, c, `text search configuration ${c.schema}.${c.name}`);
  ctx.node({
    phase: 'create',
    kind: 'create',
    objectKind: 'text search configuration',
    objectId: c.id,
    statements: [`CREATE TEXT SEARCH CONFIGURATION ${ref.name} (PARSER = ${name(c.parser)})`, ...mappingStatements(ref.name, 'ADD', c.mappings), ...meta.statements],
    checks: [...configurationChecks(c), ...meta.checks],
    provides: [c.id],
    newDeps: ctx.to.deps(c.id),
    cause,
    after,
  });
}

function dropNode(ctx: DiffContext, o: TextSearchDictionary | TextSearchConfiguration, cause: string | null): Node {
  const ref = o.kind === 'text search dictionary' ? textSearchDictionaryRef(o.schema, o.name) : textSearchConfigurationRef(o.schema, o.name);
  return ctx.node({
    phase: 'drop',
    kind: 'drop',
    objectKind: o.kind,
    objectId: o.id,
    statements: [`DROP ${ref.keyword} ${ref.name}`],
    checks: ctx.to.has(o.id) ? [] : [{ description: `${o.kind} ${o.schema}.${o.name} is gone`, condition: `${ref.oid} IS NULL` }],
    removes: [o.id],
    oldDeps: ctx.from.deps(o.id),
    cause,
  });
}

/**
 * ALTER … (name = value, gone) takes each named option out and appends the ones with a value: naming
 * every option of the new list, in its order, leaves exactly that list in that order.
 */
function alterDictionaryOptions(f: TextSearchDictionary, t: TextSearchDictionary): string | null {
  if (sameJson(f.options, t.options)) return null;
  const kept = new Set(t.options.map(([k]) => k));
  const gone = f.options.filter(([k]) => !kept.has(k)).map(([k]) => quoteIdent(k));
  const items = [...gone, ...(t.options.length ? [optionsSql(t.options)] : [])];
  return `ALTER TEXT SEARCH DICTIONARY ${textSearchDictionaryRef(t.schema, t.name).name} (${items.join(', ')})`;
}

function alterMappings(f: TextSearchConfiguration, t: TextSearchConfiguration): string[] {
  const ref = textSearchConfigurationRef(t.schema, t.name).name;
  const before = new Map(f.mappings.map((m) => [m.token, m]));
  const after = new Map(t.mappings.map((m) => [m.token, m]));
  const dropped = f.mappings.filter((m) => !after.has(m.token)).map((m) => m.token);
  const added = t.mappings.filter((m) => !before.has(m.token));
  const changed = t.mappings.filter((m) => before.has(m.token) && !sameJson(before.get(m.token)!.dictionaries, m.dictionaries));
  return [
    ...(dropped.length ? [`ALTER TEXT SEARCH CONFIGURATION ${ref} DROP MAPPING FOR ${dropped.map(quoteIdent).join(', ')}`] : []),
    ...mappingStatements(ref, 'ALTER', changed),
    ...mappingStatements(ref, 'ADD', added),
  ];
}

export function diffTextSearch(ctx: DiffContext): void {
  diffObjects<TextSearchDictionary>(ctx, ctx.from.model.textSearchDictionaries, ctx.to.model.textSearchDictionaries, {
    create: createDictionary,
    drop: dropNode,
    alter: (ctx, f, t, id) => {
      const options = alterDictionaryOptions(f, t);
      if (options)
        ctx.node({ phase: 'alter', kind: 'alter', objectKind: 'text search dictionary', objectId: id, statements: [options], checks: dictionaryChecks(t), newDeps: [id] });
      metadataNode(ctx, 'text search dictionary', id, textSearchDictionaryRef(t.schema, t.name), f, t, `text search dictionary ${t.schema}.${t.name}`);
    },
  });
  diffObjects<TextSearchConfiguration>(ctx, ctx.from.model.textSearchConfigurations, ctx.to.model.textSearchConfigurations, {
    create: createConfiguration,
    drop: dropNode,
    alter: (ctx, f, t, id) => {
      const statements = alterMappings(f, t);
      if (statements.length)
        ctx.node({
          phase: 'alter',
          kind: 'alter',
          objectKind: 'text search configuration',
          objectId: id,
          statements,
          checks: configurationChecks(t),
          newDeps: ctx.to.deps(id),
          oldDeps: ctx.from.deps(id),
        });
      metadataNode(ctx, 'text search configuration', id, textSearchConfigurationRef(t.schema, t.name), f, t, `text search configuration ${t.schema}.${t.name}`);
    },
  });
}
