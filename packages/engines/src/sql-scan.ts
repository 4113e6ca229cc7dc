/**
 * A small lexer over SQL text that sees only the words outside comments, string literals,
 * quoted identifiers and dollar-quoted bodies — enough to spot `CREATE EXTENSION name` and the
 * `STDIN` of a COPY without being fooled by the same words inside a literal.
 */
export interface Token {
  /** Lower-cased word, or the identifier without its quotes for a quoted identifier. */
  text: string;
  quoted: boolean;
  /** 0-based offset of the token in the SQL text, and its length there. */
  start: number;
  length: number;
}

export function tokens(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') (depth++, (i += 2));
        else if (sql[i] === '*' && sql[i + 1] === '/') (depth--, (i += 2));
        else i++;
      }
    } else if (c === "'") {
      // E'' strings allow backslash escapes; standard strings only double quotes.
      const escapes = i > 0 && /[eE]/.test(sql[i - 1]) && (i < 2 || !/[\w$]/.test(sql[i - 2]));
      i++;
      while (i < n) {
        if (escapes && sql[i] === '\\') i += 2;
        else if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
        else if (sql[i] === "'") break;
        else i++;
      }
      i++;
    } else if (c === '"') {
      const start = i;
      let text = '';
      i++;
      while (i < n) {
        if (sql[i] === '"' && sql[i + 1] === '"') (text += '"', (i += 2));
        else if (sql[i] === '"') break;
        else text += sql[i++];
      }
      i++;
      out.push({ text, quoted: true, start, length: i - start });
    } else if (c === '$' && /^\$([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.test(sql.slice(i, i + 64))) {
      const tag = /^\$([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(sql.slice(i, i + 64))![0];
      const end = sql.indexOf(tag, i + tag.length);
      i = end < 0 ? n : end + tag.length;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      const start = i;
      while (i < n && /[\w$\u0080-\uffff]/.test(sql[i])) i++;
      out.push({ text: sql.slice(start, i).toLowerCase(), quoted: false, start, length: i - start });
    } else {
      if (!/\s/.test(c)) out.push({ text: c, quoted: false, start: i, length: 1 });
      i++;
    }
  }
  return out;
}

const word = (t: Token | undefined, w: string): boolean => t !== undefined && !t.quoted && t.text === w;

/** Names of the extensions that `CREATE EXTENSION [IF NOT EXISTS] name` statements in the text create. */
export function createdExtensions(sql: string): string[] {
  return extensionNameTokens(sql).map((t) => t.text);
}

/** The name tokens of `CREATE EXTENSION [IF NOT EXISTS] name` statements in the text. */
export function extensionNameTokens(sql: string): Token[] {
  const ts = tokens(sql);
  const names: Token[] = [];
  for (let k = 0; k + 2 < ts.length; k++) {
    if (!word(ts[k], 'create') || !word(ts[k + 1], 'extension')) continue;
    let j = k + 2;
    if (word(ts[j], 'if') && word(ts[j + 1], 'not') && word(ts[j + 2], 'exists')) j += 3;
    const name = ts[j];
    if (name && (name.quoted || /^[a-z_]/.test(name.text))) names.push(name);
  }
  return names;
}

/** Where the `STDIN` of `COPY … FROM STDIN` sits in the statement, if it is one. */
export function copyFromStdin(sql: string): Token | undefined {
  const ts = tokens(sql);
  if (!word(ts[0], 'copy')) return undefined;
  for (let k = 1; k + 1 < ts.length; k++) {
    if (word(ts[k], 'from') && word(ts[k + 1], 'stdin')) return ts[k + 1];
  }
  return undefined;
}
