/**
 * Roles a script refers to without creating them: owners, grantees, schema authorizations and
 * default-privilege targets. Roles are cluster-wide, so a harness creates them before loading.
 */
export function referencedRoles(sql: string): string[] {
  const names = new Set<string>();
  const name = String.raw`("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
  const patterns = [
    new RegExp(String.raw`OWNER\s+TO\s+${name}`, 'gi'),
    new RegExp(String.raw`AUTHORIZATION\s+${name}`, 'gi'),
    new RegExp(String.raw`FOR\s+(?:ROLE|USER)\s+${name}`, 'gi'),
    new RegExp(String.raw`\bGRANT\b[^;]*?\bTO\s+((?:(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)\s*,\s*)*${name.slice(1, -1)})`, 'gi'),
    new RegExp(String.raw`\bREVOKE\b[^;]*?\bFROM\s+((?:(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)\s*,\s*)*${name.slice(1, -1)})`, 'gi'),
    new RegExp(String.raw`\bPOLICY\b[^;]*?\bTO\s+((?:(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)\s*,\s*)*${name.slice(1, -1)})`, 'gi'),
  ];
  for (const pattern of patterns) {
    for (const match of sql.matchAll(pattern)) {
      for (const part of match[1].split(',')) {
        const raw = part.trim();
        const role = raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw.toLowerCase();
        if (!['public', 'current_user', 'session_user', 'current_role', 'group'].includes(role)) names.add(role);
      }
    }
  }
  return [...names].sort();
}
