/** Transaction control in change scripts: pgshift keeps a script's own BEGIN … COMMIT. */

export type TransactionControl = 'begin' | 'commit' | 'rollback' | 'other' | undefined;

/** Whether a statement starts, ends or otherwise controls a transaction. */
export function transactionControl(sql: string): TransactionControl {
  const s = sql.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, '').toUpperCase();
  if (/^(BEGIN|START\s+TRANSACTION)\b/.test(s) && !/^BEGIN\s+ATOMIC\b/.test(s)) return 'begin';
  if (/^(COMMIT|END)\b/.test(s) && !/^COMMIT\s+PREPARED\b/.test(s)) return 'commit';
  if (/^(ROLLBACK|ABORT)\b/.test(s) && !/^ROLLBACK\s+(TO|PREPARED)\b/.test(s)) return 'rollback';
  if (/^(PREPARE\s+TRANSACTION|COMMIT\s+PREPARED|ROLLBACK\s+PREPARED)\b/.test(s)) return 'other';
  return undefined;
}
