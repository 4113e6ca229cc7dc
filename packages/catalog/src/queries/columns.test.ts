import { defaultNotNullName } from './columns';

describe('defaultNotNullName', () => {
  test('is <table>_<column>_not_null for short names', () => {
    expect(defaultNotNullName('todos', 'title')).toBe('todos_title_not_null');
  });

  test('shortens the longer name first to fit 63 bytes, as PostgreSQL does', () => {
    const name = defaultNotNullName('t'.repeat(60), 'c'.repeat(10));
    expect(Buffer.byteLength(name)).toBe(63);
    expect(name).toBe(`${'t'.repeat(43)}_${'c'.repeat(10)}_not_null`);
  });
});
