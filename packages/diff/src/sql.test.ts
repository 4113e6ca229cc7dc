import { reparsable } from './sql';

describe('reparsable', () => {
  it('casts an array of literals coerced as a whole to its element type first', () => {
    expect(reparsable("((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))")).toBe(
      "((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying]::character varying[])::text[]))",
    );
    expect(reparsable("(x)::text = ANY ((ARRAY['it''s'::character varying(5)])::text[]) AND (y)::text = ANY ((ARRAY['z'::character varying])::text[])")).toBe(
      "(x)::text = ANY ((ARRAY['it''s'::character varying(5)]::character varying(5)[])::text[]) AND (y)::text = ANY ((ARRAY['z'::character varying]::character varying[])::text[])",
    );
  });

  it('does the same in pretty-printed view definitions', () => {
    expect(reparsable("WHERE x.kind::text = ANY (ARRAY['p'::character varying, 'q'::character varying]::text[])")).toBe(
      "WHERE x.kind::text = ANY (ARRAY['p'::character varying, 'q'::character varying]::character varying[]::text[])",
    );
  });

  it('finds the element type from any element that shows it', () => {
    expect(reparsable('(n = ANY ((ARRAY[1, 2])::numeric[]))')).toBe('(n = ANY ((ARRAY[1, 2]::integer[])::numeric[]))');
    expect(reparsable('percentile_cont((ARRAY[0.25, 0.5])::double precision[])')).toBe('percentile_cont((ARRAY[0.25, 0.5]::numeric[])::double precision[])');
    expect(reparsable("((vc)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying, NULL::character varying])::text[]))")).toBe(
      "((vc)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying, NULL::character varying]::character varying[])::text[]))",
    );
    expect(reparsable('(tx = ANY ((ARRAY[vc, \'x\'::character varying])::text[]))')).toBe("(tx = ANY ((ARRAY[vc, 'x'::character varying]::character varying[])::text[]))");
    expect(reparsable("(ARRAY['a'::character varying, ('b'::character varying COLLATE \"C\")])::text[]")).toBe(
      "(ARRAY['a'::character varying, ('b'::character varying COLLATE \"C\")]::character varying[])::text[]",
    );
  });

  it('names a SELECT list item that had the fallback name where names do not show', () => {
    expect(reparsable("SELECT t.id FROM s.t WHERE (EXISTS ( SELECT 'x'::text FROM s.u WHERE (u.id = t.id)))")).toBe(
      `SELECT t.id FROM s.t WHERE (EXISTS ( SELECT 'x'::text AS "?column?" FROM s.u WHERE (u.id = t.id)))`,
    );
    expect(reparsable("SELECT q.x FROM ( SELECT 'a'::text AS x UNION ALL SELECT 'b'::text, NULL::integer, u.id, count(*) AS count FROM s.u) q")).toBe(
      `SELECT q.x FROM ( SELECT 'a'::text AS x UNION ALL SELECT 'b'::text AS "?column?", NULL::integer AS "?column?", u.id, count(*) AS count FROM s.u) q`,
    );
    expect(reparsable("SELECT DISTINCT ON (t.a) 'x'::text FROM s.t")).toBe(`SELECT DISTINCT ON (t.a) 'x'::text AS "?column?" FROM s.t`);
    expect(reparsable('SELECT t.id FROM s.t WHERE (EXISTS ( SELECT 1 FROM s.u)) AND (t.f IN ( SELECT 1.5 UNION SELECT true))')).toBe('SELECT t.id FROM s.t WHERE (EXISTS ( SELECT 1 FROM s.u)) AND (t.f IN ( SELECT 1.5 UNION SELECT true))');
    expect(reparsable("BEGIN ATOMIC\n SELECT (- 1);\nEND")).toBe(`BEGIN ATOMIC\n SELECT (OPERATOR(pg_catalog.-) 1) AS "?column?";\nEND`);
  });

  it('keeps a negated constant an operator', () => {
    expect(reparsable("(2 - (- 1)) AND x = '(- 1)'::text AND y = (- 1.5e3)")).toBe("(2 - (OPERATOR(pg_catalog.-) 1)) AND x = '(- 1)'::text AND y = (OPERATOR(pg_catalog.-) 1.5e3)");
    expect(reparsable("(- x)")).toBe('(- x)');
  });

  it('keeps an OR or AND the parser made from being flattened into the one around it', () => {
    expect(reparsable("(((a = b) OR (a = 'x'::text)) OR c)")).toBe("(((a = b) OR (a = 'x'::text))::boolean OR c)");
    expect(reparsable('((((x >= 1) AND (x <= 2)) AND y) OR z)')).toBe('((((x >= 1) AND (x <= 2))::boolean AND y) OR z)');
    expect(reparsable('((((a OR b) OR c) OR d) AND e)')).toBe('((((a OR b)::boolean OR c)::boolean OR d) AND e)');
    expect(reparsable("WHERE (((t.a = t.b) OR (t.a = ' OR ('::text)) OR t.c)")).toBe("WHERE (((t.a = t.b) OR (t.a = ' OR ('::text))::boolean OR t.c)");
  });

  it('writes the mark values of a CYCLE clause as constants', () => {
    expect(reparsable("SELECT 1) CYCLE id SET is_cycle TO 'Y'::text DEFAULT 'it''s'::character varying USING path SELECT t.id")).toBe(
      "SELECT 1) CYCLE id SET is_cycle TO text 'Y' DEFAULT character varying 'it''s' USING path SELECT t.id",
    );
    expect(reparsable('SELECT 1) CYCLE id, parent SET "Is Cycle" TO 1 DEFAULT 0 USING path SELECT t.id')).toBe('SELECT 1) CYCLE id, parent SET "Is Cycle" TO 1 DEFAULT 0 USING path SELECT t.id');
  });

  it('leaves alone what parses back as it is', () => {
    for (const expr of [
      "(status = ANY (ARRAY['a'::text, 'b'::text]))",
      "((status)::text = ANY (ARRAY[('a'::character varying)::text, ('b'::character varying)::text]))",
      "(x = ANY ((ARRAY[a, b])::integer[]))",
      "(x = ANY ((ARRAY['a'::text, 'b'::character varying])::text[]))",
      "(note = '(ARRAY[''a''::character varying])::text[]'::text)",
      "(\"(ARRAY['a'::character varying])::text[]\" IS NULL)",
      "(ARRAY['a'::character varying])::character varying[]",
      "WHERE x.kind::text = ANY (ARRAY['p'::character varying::text, 'q'::character varying::text])",
      "ARRAY[ARRAY['a'::character varying]]",
      "(x = ANY ((ARRAY['a'::character varying(1), 'b'::character varying(2)])::text[]))",
      "SELECT t.id, 'x'::text AS label, t.* FROM s.t WHERE (t.note = 'SELECT 1'::text)",
      '(selected AND "SELECT x")',
      '((a OR b) AND c)',
      '((a AND b) OR c)',
      '(c OR (a OR b))',
      '((x = 1) OR (y = 2) OR z)',
      "((f(a, 'x OR y')) OR c)",
    ]) {
      expect(reparsable(expr)).toBe(expr);
    }
  });
});
