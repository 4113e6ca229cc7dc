/**
 * psql variables: the settings psql defines at startup, and the hooks through which psql
 * normalises and validates its special variables (`\set ON_ERROR_STOP` means on, `\unset` means off).
 */

/** psql 15 `-X` startup values of its settings (the connection-dependent ones come from the engine). */
export const PSQL_DEFAULTS: Readonly<Record<string, string>> = {
  AUTOCOMMIT: 'on',
  COMP_KEYWORD_CASE: 'preserve-upper',
  ECHO: 'none',
  ECHO_HIDDEN: 'off',
  FETCH_COUNT: '0',
  HIDE_TABLEAM: 'off',
  HIDE_TOAST_COMPRESSION: 'off',
  HISTCONTROL: 'none',
  HISTSIZE: '500',
  IGNOREEOF: '0',
  LAST_ERROR_MESSAGE: '',
  LAST_ERROR_SQLSTATE: '00000',
  ON_ERROR_ROLLBACK: 'off',
  ON_ERROR_STOP: 'off',
  PROMPT1: '%/%R%x%# ',
  PROMPT2: '%/%R%x%# ',
  PROMPT3: '>> ',
  QUIET: 'off',
  SHOW_ALL_RESULTS: 'on',
  SHOW_CONTEXT: 'errors',
  SINGLELINE: 'off',
  SINGLESTEP: 'off',
  VERBOSITY: 'default',
};

const BOOLEAN_SETTINGS = new Set([
  'AUTOCOMMIT',
  'ON_ERROR_STOP',
  'QUIET',
  'SINGLELINE',
  'SINGLESTEP',
  'HIDE_TABLEAM',
  'HIDE_TOAST_COMPRESSION',
  'SHOW_ALL_RESULTS',
]);

/** Enumerated settings: accepted values (besides booleans where noted) and the value after \unset. */
const ENUM_SETTINGS: Record<string, { values: string[]; booleans: boolean; unset: string }> = {
  ECHO: { values: ['none', 'errors', 'queries', 'all'], booleans: false, unset: 'none' },
  ECHO_HIDDEN: { values: ['noexec'], booleans: true, unset: 'off' },
  ON_ERROR_ROLLBACK: { values: ['interactive'], booleans: true, unset: 'off' },
  COMP_KEYWORD_CASE: { values: ['lower', 'upper', 'preserve-lower', 'preserve-upper'], booleans: false, unset: 'preserve-upper' },
  HISTCONTROL: { values: ['ignorespace', 'ignoredups', 'ignoreboth', 'none'], booleans: false, unset: 'none' },
  VERBOSITY: { values: ['default', 'verbose', 'terse', 'sqlstate'], booleans: false, unset: 'default' },
  SHOW_CONTEXT: { values: ['never', 'errors', 'always'], booleans: false, unset: 'errors' },
};

/** psql's ParseVariableBool: unique case-insensitive prefixes of true/false/yes/no, on/off (two letters at least), 1/0. */
export function parseBoolean(value: string): boolean | undefined {
  const v = value.toLowerCase();
  const n = v.length;
  if (n > 0 && 'true'.startsWith(v)) return true;
  if (n > 0 && 'false'.startsWith(v)) return false;
  if (n > 0 && 'yes'.startsWith(v)) return true;
  if (n > 0 && 'no'.startsWith(v)) return false;
  if (n >= 2 && 'on'.startsWith(v)) return true;
  if (n >= 2 && 'off'.startsWith(v)) return false;
  if (v === '1') return true;
  if (v === '0') return false;
  return undefined;
}

/** psql's valid_variable_name: ASCII letters, digits, underscore, or any non-ASCII character. */
export function validVariableName(name: string): boolean {
  return /^[A-Za-z0-9_\u0080-\uffff]+$/.test(name);
}

export class Variables {
  private readonly values = new Map<string, string>();

  constructor(initial: Record<string, string>) {
    for (const [k, v] of Object.entries(PSQL_DEFAULTS)) this.values.set(k, v);
    for (const [k, v] of Object.entries(initial)) this.values.set(k, v);
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  /** Sets (value) or unsets (undefined) a variable; returns an error text when psql would refuse. */
  assign(name: string, value: string | undefined): string | undefined {
    if (!validVariableName(name)) return `invalid variable name: "${name}"`;
    let v = value;
    if (BOOLEAN_SETTINGS.has(name)) {
      if (v === undefined) v = 'off';
      else if (v === '') v = 'on';
      if (parseBoolean(v) === undefined) return `unrecognized value "${v}" for "${name}": Boolean expected`;
    } else if (name in ENUM_SETTINGS) {
      const spec = ENUM_SETTINGS[name];
      if (v === undefined) v = spec.unset;
      const ok = spec.values.includes(v.toLowerCase()) || (spec.booleans && parseBoolean(v) !== undefined);
      if (!ok) {
        const allowed = spec.booleans ? ['on', 'off', ...spec.values] : spec.values;
        return `unrecognized value "${v}" for "${name}"; available values are: ${allowed.join(', ')}`;
      }
    }
    if (v === undefined) this.values.delete(name);
    else this.values.set(name, v);
    return undefined;
  }
}

/** PQescapeLiteral: quotes doubled; with backslashes, backslashes doubled and ` E'…'` (leading space) as psql emits. */
export function psqlLiteral(value: string): string {
  const quoted = value.replace(/'/g, "''");
  if (!value.includes('\\')) return `'${quoted}'`;
  return ` E'${quoted.replace(/\\/g, '\\\\')}'`;
}

/** PQescapeIdentifier: always double-quoted, double quotes doubled (psql does not fold or skip quoting). */
export function psqlIdentifier(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** appendShellString as psql uses it for :'var' inside backquotes; undefined when the value has a line break. */
export function shellArgument(value: string): string | undefined {
  if (/[\n\r]/.test(value)) return undefined;
  if (/^[A-Za-z0-9\-_./:]+$/.test(value)) return value;
  return `'${value.replace(/'/g, "'\\''")}'`;
}
