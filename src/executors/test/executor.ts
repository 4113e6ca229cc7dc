/** `nx run db:test`: the pgTAP files against a fresh database built from the SQL source. */
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { logger, type ExecutorContext } from '@nx/devkit';
import { discoverTests, reporters, runTests } from '@pgshift/pgtap';
import { engineOptions, projectPaths, withEngine } from '@pgshift/sqitch';
import { ExecutorError } from '../errors';
import { resolveProject, run, type ExecutorResult } from '../project';
import type { TestExecutorSchema } from './schema';

export default async function testExecutor(options: TestExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  return run(async () => {
    const reporter = options.reporter ?? 'terminal';
    if (reporter === 'junit' && !options.outputFile) {
      throw new ExecutorError('OPTION', 'The junit reporter writes a file: set the option "outputFile" (e.g. reports/pgtap.xml).', 'outputFile');
    }
    const project = resolveProject(options, context);
    const paths = projectPaths(project);
    const files = discoverTests(project.dir, project.tests);
    if (files.length === 0) {
      logger.warn(`No pgTAP files match ${project.tests.join(', ')} under ${path.relative(context.root, project.dir) || '.'}.`);
      return true;
    }
    const color = process.stdout.isTTY === true;
    const summary = await withEngine(engineOptions(project), (engine) =>
      runTests({
        engine,
        files,
        baseDir: project.dir,
        parallel: options.parallel ?? 1,
        read: { variables: project.variables, envFile: paths.envFile },
        load: (db) => db.runScript(paths.source, { envFile: paths.envFile, variables: project.variables, baseDir: project.dir }),
        onFileDone: (result) => process.stdout.write(line(reporters.terminal.formatFile(result, { color, verbose: options.verbose ?? false }))),
      }),
    );
    process.stdout.write(line(`\n${reporters.terminal.formatSummary(summary, { color })}`));
    if (reporter === 'junit' && options.outputFile) {
      const out = path.resolve(context.root, options.outputFile);
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, reporters.junit.toXml(summary, { name: context.projectName ?? 'pgtap' }));
      logger.info(`JUnit report written to ${path.relative(context.root, out)}`);
    }
    return summary.success;
  });
}

function line(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
