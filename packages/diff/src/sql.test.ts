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

  it('keeps a negated constant an operator', () => {
    expect(reparsable("(2 - (- 1)) AND x = '(- 1)'::text AND y = (- 1.5e3)")).toBe("(2 - (OPERATOR(pg_catalog.-) 1)) AND x = '(- 1)'::text AND y = (OPERATOR(pg_catalog.-) 1.5e3)");
    expect(reparsable("(- x)")).toBe('(- x)');
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
    ]) {
      expect(reparsable(expr)).toBe(expr);
    }
  });
});
