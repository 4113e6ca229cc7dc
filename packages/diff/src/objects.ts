/**
 * How each owned object is named in SQL (COMMENT ON, ALTER … OWNER TO, GRANT … ON) and how
 * verify.sql finds it in the catalogs.
 */
import type { Routine, TypeDef, View } from '@pgshift/catalog';
import { quoteIdent, quoteLiteral, qualified, regclass } from './sql';

export interface AclSource {
  /** Catalog table and its ACL / owner columns. */
  catalog: string;
  aclColumn: string;
  ownerColumn: string;
  /** acldefault() object type letter. */
  defaultKind: 'r' | 's' | 'f' | 'T' | 'n' | 'F' | 'S' | 'l';
  /** Schema the object lives in, which picks the default privileges it is created with. */
  schema?: string;
}

export interface ObjectRef {
  /** Keyword for COMMENT ON and ALTER … OWNER TO. */
  keyword: string;
  /** Keyword after GRANT … ON. */
  grantKeyword: string;
  name: string;
  /** The name after GRANT … ON when it is written otherwise (an ordered-set aggregate's arguments). */
  grantName?: string;
  /** SQL expression that yields the object's oid, or NULL when it does not exist. */
  oid: string;
  /** Catalog for obj_description(). */
  catalog: string;
  acl?: AclSource;
}

export function schemaRef(name: string): ObjectRef {
  return {
    keyword: 'SCHEMA',
    grantKeyword: 'SCHEMA',
    name: quoteIdent(name),
    oid: `(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ${quoteLiteral(name)})`,
    catalog: 'pg_namespace',
    acl: { catalog: 'pg_namespace', aclColumn: 'nspacl', ownerColumn: 'nspowner', defaultKind: 'n' },
  };
}

export function languageRef(name: string): ObjectRef {
  return {
    keyword: 'LANGUAGE',
    grantKeyword: 'LANGUAGE',
    name: quoteIdent(name),
    oid: `(SELECT oid FROM pg_catalog.pg_language WHERE lanname = ${quoteLiteral(name)})`,
    catalog: 'pg_language',
    acl: { catalog: 'pg_language', aclColumn: 'lanacl', ownerColumn: 'lanowner', defaultKind: 'l' },
  };
}

export function extensionRef(name: string): ObjectRef {
  return {
    keyword: 'EXTENSION',
    grantKeyword: 'EXTENSION',
    name: quoteIdent(name),
    oid: `(SELECT oid FROM pg_catalog.pg_extension WHERE extname = ${quoteLiteral(name)})`,
    catalog: 'pg_extension',
  };
}

export function textSearchDictionaryRef(schema: string, name: string): ObjectRef {
  return {
    keyword: 'TEXT SEARCH DICTIONARY',
    grantKeyword: 'TEXT SEARCH DICTIONARY',
    name: qualified(schema, name),
    oid: `(SELECT d.oid FROM pg_catalog.pg_ts_dict d JOIN pg_catalog.pg_namespace n ON n.oid = d.dictnamespace WHERE n.nspname = ${quoteLiteral(schema)} AND d.dictname = ${quoteLiteral(name)})`,
    catalog: 'pg_ts_dict',
  };
}

export function textSearchConfigurationRef(schema: string, name: string): ObjectRef {
  return {
    keyword: 'TEXT SEARCH CONFIGURATION',
    grantKeyword: 'TEXT SEARCH CONFIGURATION',
    name: qualified(schema, name),
    oid: `(SELECT c.oid FROM pg_catalog.pg_ts_config c JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace WHERE n.nspname = ${quoteLiteral(schema)} AND c.cfgname = ${quoteLiteral(name)})`,
    catalog: 'pg_ts_config',
  };
}

export function collationRef(schema: string, name: string): ObjectRef {
  return {
    keyword: 'COLLATION',
    grantKeyword: 'COLLATION',
    name: qualified(schema, name),
    oid: `(SELECT c.oid FROM pg_catalog.pg_collation c JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace WHERE n.nspname = ${quoteLiteral(schema)} AND c.collname = ${quoteLiteral(name)} AND c.collencoding IN (-1, pg_catalog.pg_char_to_encoding(pg_catalog.getdatabaseencoding())))`,
    catalog: 'pg_collation',
  };
}

export function typeRef(t: Pick<TypeDef, 'kind' | 'schema' | 'name'>, name = t.name): ObjectRef {
  const keyword = t.kind === 'domain' ? 'DOMAIN' : 'TYPE';
  return {
    keyword,
    grantKeyword: keyword,
    name: qualified(t.schema, name),
    oid: `(SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ${quoteLiteral(t.schema)} AND t.typname = ${quoteLiteral(name)})`,
    catalog: 'pg_type',
    acl: { catalog: 'pg_type', aclColumn: 'typacl', ownerColumn: 'typowner', defaultKind: 'T', schema: t.schema },
  };
}

function relationRef(keyword: string, schema: string, name: string, defaultKind: 'r' | 's'): ObjectRef {
  return {
    keyword,
    grantKeyword: defaultKind === 's' ? 'SEQUENCE' : 'TABLE',
    name: qualified(schema, name),
    oid: regclass(schema, name),
    catalog: 'pg_class',
    acl: { catalog: 'pg_class', aclColumn: 'relacl', ownerColumn: 'relowner', defaultKind, schema },
  };
}

/** A table, or a foreign table: COMMENT ON and ALTER … OWNER TO name the kind, GRANT … ON TABLE serves both. */
export function tableRef(schema: string, name: string, foreign = false): ObjectRef {
  return relationRef(foreign ? 'FOREIGN TABLE' : 'TABLE', schema, name, 'r');
}

export function subscriptionRef(name: string): ObjectRef {
  return {
    keyword: 'SUBSCRIPTION',
    grantKeyword: 'SUBSCRIPTION',
    name: quoteIdent(name),
    oid: `(SELECT oid FROM pg_catalog.pg_subscription WHERE subname = ${quoteLiteral(name)} AND subdbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()))`,
    catalog: 'pg_subscription',
  };
}

export function foreignDataWrapperRef(name: string): ObjectRef {
  return {
    keyword: 'FOREIGN DATA WRAPPER',
    grantKeyword: 'FOREIGN DATA WRAPPER',
    name: quoteIdent(name),
    oid: `(SELECT oid FROM pg_catalog.pg_foreign_data_wrapper WHERE fdwname = ${quoteLiteral(name)})`,
    catalog: 'pg_foreign_data_wrapper',
    acl: { catalog: 'pg_foreign_data_wrapper', aclColumn: 'fdwacl', ownerColumn: 'fdwowner', defaultKind: 'F' },
  };
}

export function foreignServerRef(name: string): ObjectRef {
  return {
    keyword: 'SERVER',
    grantKeyword: 'FOREIGN SERVER',
    name: quoteIdent(name),
    oid: `(SELECT oid FROM pg_catalog.pg_foreign_server WHERE srvname = ${quoteLiteral(name)})`,
    catalog: 'pg_foreign_server',
    acl: { catalog: 'pg_foreign_server', aclColumn: 'srvacl', ownerColumn: 'srvowner', defaultKind: 'S' },
  };
}

export function sequenceRef(schema: string, name: string): ObjectRef {
  return relationRef('SEQUENCE', schema, name, 's');
}

export function viewRef(v: Pick<View, 'kind' | 'schema' | 'name'>): ObjectRef {
  return relationRef(v.kind === 'view' ? 'VIEW' : 'MATERIALIZED VIEW', v.schema, v.name, 'r');
}

export function statisticsRef(schema: string, name: string): ObjectRef {
  return {
    keyword: 'STATISTICS',
    grantKeyword: 'STATISTICS',
    name: qualified(schema, name),
    oid: `(SELECT s.oid FROM pg_catalog.pg_statistic_ext s JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace WHERE n.nspname = ${quoteLiteral(schema)} AND s.stxname = ${quoteLiteral(name)})`,
    catalog: 'pg_statistic_ext',
  };
}

export function indexRef(schema: string, name: string): ObjectRef {
  return { ...relationRef('INDEX', schema, name, 'r'), acl: undefined };
}

export function routineOid(r: Pick<Routine, 'schema' | 'name' | 'identityArguments'>): string {
  return `(SELECT p.oid FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ${quoteLiteral(r.schema)} AND p.proname = ${quoteLiteral(r.name)} AND pg_catalog.pg_get_function_identity_arguments(p.oid) = ${quoteLiteral(r.identityArguments)})`;
}

export function routineRef(r: Pick<Routine, 'kind' | 'schema' | 'name' | 'identityArguments'>): ObjectRef {
  const keyword = r.kind.toUpperCase();
  return {
    keyword,
    grantKeyword: r.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION',
    name: `${qualified(r.schema, r.name)}(${r.identityArguments})`,
    // GRANT … ON FUNCTION takes an ordered-set aggregate's arguments as one plain list.
    ...(r.identityArguments.includes('ORDER BY ')
      ? { grantName: `${qualified(r.schema, r.name)}(${r.identityArguments.replace(/^ORDER BY /, '').replace(/ ORDER BY /g, ', ')})` }
      : {}),
    oid: routineOid(r),
    catalog: 'pg_proc',
    acl: { catalog: 'pg_proc', aclColumn: 'proacl', ownerColumn: 'proowner', defaultKind: 'f', schema: r.schema },
  };
}

export function eventTriggerRef(name: string): ObjectRef {
  return {
    keyword: 'EVENT TRIGGER',
    grantKeyword: 'EVENT TRIGGER',
    name: quoteIdent(name),
    oid: `(SELECT oid FROM pg_catalog.pg_event_trigger WHERE evtname = ${quoteLiteral(name)})`,
    catalog: 'pg_event_trigger',
  };
}

export function publicationRef(name: string): ObjectRef {
  return {
    keyword: 'PUBLICATION',
    grantKeyword: 'PUBLICATION',
    name: quoteIdent(name),
    oid: `(SELECT oid FROM pg_catalog.pg_publication WHERE pubname = ${quoteLiteral(name)})`,
    catalog: 'pg_publication',
  };
}

/** An object living on a table: constraint, trigger, policy. */
export function onTableRef(keyword: 'CONSTRAINT' | 'TRIGGER' | 'RULE' | 'POLICY', name: string, schema: string, table: string): ObjectRef {
  const catalogs = {
    CONSTRAINT: ['pg_constraint', 'conrelid', 'conname'],
    TRIGGER: ['pg_trigger', 'tgrelid', 'tgname'],
    RULE: ['pg_rewrite', 'ev_class', 'rulename'],
    POLICY: ['pg_policy', 'polrelid', 'polname'],
  } as const;
  const [catalog, rel, col] = catalogs[keyword];
  return {
    keyword,
    grantKeyword: keyword,
    name: `${quoteIdent(name)} ON ${qualified(schema, table)}`,
    oid: `(SELECT oid FROM pg_catalog.${catalog} WHERE ${rel} = ${regclass(schema, table)} AND ${col} = ${quoteLiteral(name)})`,
    catalog,
  };
}

export function domainConstraintRef(schema: string, domain: string, name: string): ObjectRef {
  return {
    keyword: 'CONSTRAINT',
    grantKeyword: 'CONSTRAINT',
    name: `${quoteIdent(name)} ON DOMAIN ${qualified(schema, domain)}`,
    oid: `(SELECT c.oid FROM pg_catalog.pg_constraint c WHERE c.contypid = ${typeRef({ kind: 'domain', schema, name: domain }).oid} AND c.conname = ${quoteLiteral(name)})`,
    catalog: 'pg_constraint',
  };
}
