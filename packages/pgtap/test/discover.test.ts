import * as path from 'path';
import { discoverTests } from '../src/runner';

const shop = path.join(__dirname, 'fixtures/shop');

describe('discoverTests', () => {
  test('finds the files under the default globs, sorted', () => {
    expect(discoverTests(shop)).toEqual([
      'tests/db/bail_out.sql',
      'tests/db/failing.sql',
      'tests/db/no_plan.sql',
      'tests/db/passing.sql',
      'tests/db/plan_mismatch.sql',
      'tests/db/sql_error.sql',
    ]);
  });

  test('follows the configured globs', () => {
    expect(discoverTests(shop, ['tests/db/p*.sql'])).toEqual(['tests/db/passing.sql', 'tests/db/plan_mismatch.sql']);
    expect(discoverTests(shop, ['db/**/*.sql'])).toEqual(['db/init.sql']);
  });

  test('finds nothing in a folder without tests', () => {
    expect(discoverTests(path.join(shop, 'db'))).toEqual([]);
  });
});
