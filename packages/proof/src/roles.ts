/**
 * Roles a script refers to without creating them: owners, grantees, schema authorizations and
 * default-privilege targets. Roles are cluster-wide, so a harness creates them before loading.
 */
export function referencedRoles(sql: string): string[] {
  const names = new Set<string>();
  const one = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
  const name = `(${one})`;
  const list = String.raw`(${one}(?:\s*,\s*${one})*)`;
  const patterns = [
    new RegExp(String.raw`OWNER\s+TO\s+${name}`, 'gi'),
    new RegExp(String.raw`AUTHORIZATION\s+${name}`, 'gi'),
    new RegExp(String.raw`FOR\s+(?:ROLE|USER)\s+${list}`, 'gi'),
    new RegExp(String.raw`\bGRANT\b[^;]*?\bTO\s+${list}`, 'gi'),
    new RegExp(String.raw`\bREVOKE\b[^;]*?\bFROM\s+${list}`, 'gi'),
    new RegExp(String.raw`\bPOLICY\b[^;]*?\bTO\s+${list}`, 'gi'),
    // GRANT role TO role: the granted roles too (a privilege list is always followed by ON).
    new RegExp(String.raw`\bGRANT\s+${list}\s+TO\b`, 'gi'),
  ];
  const code = withoutComments(sql);
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) {
      for (const part of splitNames(match[1]!)) {
        const raw = part.trim();
        const role = raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw.toLowerCase();
        if (!['public', 'current_user', 'session_user', 'current_role', 'group'].includes(role)) names.add(role);
      }
    }
  }
  return [...names].sort();
}

/** Splits `a, "b,c", d` at the commas outside quotes. */
function splitNames(list: string): string[] {
  return list.match(/"(?:[^"]|"")+"|[^,\s][^,]*/g) ?? [];
}

/**
 * The script with its comments blanked out (quoted text kept, dollar-quoted bodies read as SQL,
 * since a DO block grants too), so that `-- … REVOKE …` does not start a match.
 */
function withoutComments(sql: string): string {
  let out = '';
  for (let i = 0; i < sql.length; ) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      out += ' ';
      i = end < 0 ? sql.length : end;
    } else if (sql.startsWith('/*', i)) {
      let depth = 0;
      let j = i;
      do {
        if (sql.startsWith('/*', j)) (depth++, (j += 2));
        else if (sql.startsWith('*/', j)) (depth--, (j += 2));
        else j++;
      } while (depth > 0 && j < sql.length);
      out += ' ';
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
