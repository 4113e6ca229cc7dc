import { valuesQuery } from './views';

describe('valuesQuery', () => {
  it('reads a bare VALUES view back into its column names and rows', () => {
    expect(valuesQuery(` SELECT "*VALUES*".column1 AS k,\n    "*VALUES*".column2 AS "Label"\n   FROM (VALUES (1,'one)'::text), (2,NULL::text)) "*VALUES*"`)).toEqual({
      columns: ['k', '"Label"'],
      values: "(1,'one)'::text), (2,NULL::text)",
    });
    expect(valuesQuery(` SELECT "*VALUES*".column1\n   FROM (VALUES (1), (2)) "*VALUES*"`)).toEqual({ columns: ['column1'], values: '(1), (2)' });
  });

  it('leaves any other query alone', () => {
    for (const definition of [
      ` SELECT "*VALUES*".column2 AS b,\n    "*VALUES*".column1 AS a\n   FROM (VALUES (1,2)) "*VALUES*"`,
      ` SELECT v.a\n   FROM ( VALUES (1), (2)) v(a)`,
      ` SELECT "*VALUES*".column1 AS a\n   FROM ( VALUES (1), (2)) "*VALUES*"`,
      ` SELECT "*VALUES*".column1 AS a\n   FROM (VALUES (1), (2)) "*VALUES*"\n  WHERE ("*VALUES*".column1 > 1)`,
    ]) {
      expect(valuesQuery(definition)).toBeNull();
    }
  });
});
