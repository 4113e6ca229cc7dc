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
  for (const pattern of patterns) {
    for (const match of sql.matchAll(pattern)) {
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
