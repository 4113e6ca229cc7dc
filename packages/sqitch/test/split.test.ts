import { transactionControl } from '../src';

describe('transactionControl', () => {
  test('tells BEGIN / COMMIT / ROLLBACK apart from BEGIN ATOMIC, savepoints and prepared transactions', () => {
    expect(transactionControl('BEGIN')).toBe('begin');
    expect(transactionControl('-- note\nstart transaction isolation level serializable')).toBe('begin');
    expect(transactionControl('BEGIN ATOMIC SELECT 1; END')).toBeUndefined();
    expect(transactionControl('commit')).toBe('commit');
    expect(transactionControl('END')).toBe('commit');
    expect(transactionControl('ROLLBACK')).toBe('rollback');
    expect(transactionControl('ROLLBACK TO SAVEPOINT a')).toBeUndefined();
    expect(transactionControl('COMMIT PREPARED \'x\'')).toBe('other');
    expect(transactionControl('SELECT 1')).toBeUndefined();
  });
});
