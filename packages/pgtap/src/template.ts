/**
 * "Each pgTAP file runs in a database of its own, cloned from a template built once." The template
 * is the caller's load with pgTAP installed on top; each file then gets `template.clone()`.
 */
import type { Database, Engine } from '@pgshift/engines';
import { installPgtap, type InstallMethod, type InstallOptions } from './pgtap-install';

export interface Template {
  readonly database: Database;
  /** How pgTAP got into the template. */
  readonly pgtap: InstallMethod;
  /** Milliseconds spent building the template (load + pgTAP). */
  readonly buildMs: number;
}

export async function buildTemplate(engine: Engine, load: (db: Database) => Promise<void>, install: InstallOptions): Promise<Template> {
  const started = Date.now();
  const database = await engine.createDatabase();
  try {
    await load(database);
    const pgtap = await installPgtap(database, install);
    return { database, pgtap, buildMs: Date.now() - started };
  } catch (err) {
    await database.dispose().catch(() => undefined);
    throw err;
  }
}
