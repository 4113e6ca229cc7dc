import { ids, type TypeDef } from '@pgshift/catalog';
import { castExists } from '../src/casts';

const owned = { owner: '', acl: null, dependsOn: [] };
const types: TypeDef[] = [
  { id: ids.type('app', 'span'), kind: 'range', schema: 'app', name: 'span', subtype: 'integer', subtypeOpclass: null, collation: null, canonical: null, subtypeDiff: null, multirangeName: null, ...owned },
  { id: ids.type('app', 'Money Dom'), kind: 'domain', schema: 'app', name: 'Money Dom', baseType: 'numeric(12,2)', collation: null, default: null, notNull: false, constraints: [], ...owned },
  { id: ids.type('app', 'mood'), kind: 'enum', schema: 'app', name: 'mood', labels: ['a'], ...owned },
] as TypeDef[];
const lookup = (id: string) => types.find((t) => t.id === id);
const cast = (from: string, to: string, version = 150000) => castExists(from, to, lookup, lookup, version);

describe('castExists', () => {
  it('knows the built-in casts, typmods and all', () => {
    expect(cast('smallint', 'integer')).toBe(true);
    expect(cast('numeric(10,2)', 'integer')).toBe(true);
    expect(cast('timestamp(3) without time zone', 'date')).toBe(true);
    expect(cast('integer[]', 'bigint[]')).toBe(true);
    expect(cast('interval day to second', 'time without time zone')).toBe(true);
  });
  it('finds none between ranges, or from a date to a number', () => {
    expect(cast('tstzrange', 'daterange')).toBe(false);
    expect(cast('int4range', 'int8range')).toBe(false);
    expect(cast('date', 'integer')).toBe(false);
    expect(cast('integer', 'integer[]')).toBe(false);
  });
  it('always has one to or from a string type', () => {
    expect(cast('tstzrange', 'text')).toBe(true);
    expect(cast('character varying(20)', 'uuid')).toBe(true);
    expect(cast('integer', 'character(3)')).toBe(true);
    expect(cast('text[]', 'character varying(5)[]')).toBe(true);
  });
  it('looks through domains and knows user ranges and enums have none', () => {
    expect(cast('"app"."Money Dom"', 'integer')).toBe(true);
    expect(cast('app."Money Dom"', 'date')).toBe(false);
    expect(cast('app.span', 'int4range')).toBe(false);
    expect(cast('app.mood', 'integer')).toBe(false);
    expect(cast('app.span', 'app.span')).toBe(true);
  });
  it('gives types it does not know, such as an extension base type, the benefit of the doubt', () => {
    expect(cast('public.citext', 'integer')).toBe(true);
  });
  it('has integer <-> bytea only from PostgreSQL 18', () => {
    expect(cast('integer', 'bytea')).toBe(false);
    expect(cast('integer', 'bytea', 180000)).toBe(true);
  });
});
