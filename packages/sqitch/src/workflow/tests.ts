/**
 * `pgshift test` and the Nx `test` executor: the project's pgTAP files against a fresh database
 * built from the SQL source, or from the migrations to prove both give the same behaviour.
 */
import { mkdirSync, renameSync, writeFileSync } from 'fs';
import * as path from 'path';
import type { Database } from '@pgshift/engines';
import { discoverTests, formatFile, formatSummary, runTests, toJunitXml, type TestRun } from '@pgshift/pgtap';
import { engineOptions } from './migrations';
import { Project, ProjectError, projectPaths } from './project';
import { deployScripts, withEngine } from './state';

export interface TestOptions {
  fromMigrations?: boolean;
  /** `junit` writes JUnit XML to outputFile as well as the terminal summary. */
  reporter?: 'terminal' | 'junit';
  outputFile?: string;
  parallel?: number;
  pgtapScript?: string;
  color?: boolean;
  verbose?: boolean;
  out?: (text: string) => void;
}

export async function testProject(project: Project, options: TestOptions = {}): Promise<TestRun> {
  const out = options.out ?? (() => undefined);
  const paths = projectPaths(project);
  if (options.reporter === 'junit' && !options.outputFile) {
    throw new ProjectError('CONFIG_SYNTAX', 'reporter "junit" needs an output file (--output-file).');
  }
  const files = discoverTests(project.dir, project.tests);
  const read = { envFile: paths.envFile, variables: project.variables };
  const load = async (db: Database) => {
    if (options.fromMigrations) {
      for (const file of deployScripts(paths.planFile)) await db.runScript(file, { ...read, baseDir: project.dir });
    } else {
      await db.runScript(paths.source, { ...read, baseDir: project.dir });
    }
  };
  const terminal = { color: options.color ?? false, verbose: options.verbose ?? false };
  const run = await withEngine(engineOptions(project), (engine) =>
    runTests({
      engine,
      load,
      files,
      baseDir: project.dir,
      parallel: options.parallel,
      pgtapScript: options.pgtapScript,
      read,
      onFileDone: (result) => out(formatFile(result, terminal)),
    }),
  );
  out(`\n${formatSummary(run, terminal)}`);
  if (options.reporter === 'junit' && options.outputFile) {
    const file = path.resolve(project.dir, options.outputFile);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, toJunitXml(run));
    renameSync(`${file}.tmp`, file);
  }
  return run;
}
