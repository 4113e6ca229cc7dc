import { differsOnlyInColumnOrder } from './dump';

const dump = (columns: string[], comments: string[]) =>
  [`CREATE TABLE data.t (\n${columns.map((c) => `    ${c}`).join(',\n')}\n);`, ...comments, 'GRANT SELECT ON TABLE data.t TO app_reader;'].join('\n');

describe('column-order judgement of two dumps', () => {
  test('columns in another order, with their comments following them, differ only in column order', () => {
    const want = dump(['id integer', 'c4 date', 'c6 text'], ["COMMENT ON COLUMN data.t.c4 IS 'four';", "COMMENT ON COLUMN data.t.c6 IS 'six';"]);
    const got = dump(['id integer', 'c6 text', 'c4 date'], ["COMMENT ON COLUMN data.t.c6 IS 'six';", "COMMENT ON COLUMN data.t.c4 IS 'four';"]);
    expect(differsOnlyInColumnOrder(got, want)).toBe(true);
  });

  test('a changed comment or column is more than column order', () => {
    const want = dump(['id integer', 'c4 date'], ["COMMENT ON COLUMN data.t.c4 IS 'four';"]);
    expect(differsOnlyInColumnOrder(dump(['c4 date', 'id integer'], ["COMMENT ON COLUMN data.t.c4 IS 'FOUR';"]), want)).toBe(false);
    expect(differsOnlyInColumnOrder(dump(['c4 date', 'id bigint'], ["COMMENT ON COLUMN data.t.c4 IS 'four';"]), want)).toBe(false);
  });

  test('extended statistics over columns in another order differ only in column order; other columns or expressions do not', () => {
    const want = 'CREATE STATISTICS data.s (ndistinct) ON b, c, (lower(a, 1)) FROM data.t;';
    expect(differsOnlyInColumnOrder('CREATE STATISTICS data.s (ndistinct) ON c, b, (lower(a, 1)) FROM data.t;', want)).toBe(true);
    expect(differsOnlyInColumnOrder('CREATE STATISTICS data.s (ndistinct) ON c, a, (lower(a, 1)) FROM data.t;', want)).toBe(false);
    expect(differsOnlyInColumnOrder('CREATE STATISTICS data.s (ndistinct) ON b, c, (lower(a, 2)) FROM data.t;', want)).toBe(false);
  });
});
