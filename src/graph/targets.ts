/**
 * The inferred targets of one database project. Their inputs are exactly what the result depends
 * on — the SQL source, the migrations, the test files, the env file and pgshift's own version — so
 * that a README edit keeps the cache and an edit to any SQL file does not.
 */
import * as path from 'path';
import type { ProjectConfiguration, TargetConfiguration } from '@nx/devkit';
import { projectPaths, type Project } from '@pgshift/sqitch';
import { TARGET_KEYS, targetName, type NormalizedPluginOptions, type TargetKey } from './options';

type Input = NonNullable<TargetConfiguration['inputs']>[number];

/** Options every pgshift executor takes to find the project; also what the cache key sees of pgshift.json. */
export interface ProjectTargetOptions {
  dir: string;
  source: string;
  migrations: string;
  tests: string[];
  envFile?: string;
  engine: Project['engine'];
  variables?: Record<string, string>;
}

const descriptions: Record<TargetKey, string> = {
  diff: 'Print the changes the SQL source holds that no migration writes yet; fails when migrations lag the source',
  test: 'Run the pgTAP tests against a fresh database built from the SQL source',
  deploy: 'Deploy pending migrations to the target database',
  revert: 'Revert deployed migrations from the target database',
  verify: 'Run the verify scripts of the deployed migrations against the target database',
  status: 'Show which migrations are deployed to the target database',
  dev: 'Serve a development database kept in step with the SQL source, reloaded on every save, until stopped',
};

const cached: Record<TargetKey, boolean> = { diff: true, test: true, deploy: false, revert: false, verify: false, status: false, dev: false };

export interface TargetsInput {
  workspaceRoot: string;
  /** Workspace-relative root of the owning Nx project. */
  projectRoot: string;
  project: Project;
  /** Whether nx.json defines the `sql` named input, so SQL of projects this one includes counts too. */
  sqlNamedInput: boolean;
  execCommand: string;
}

export function buildTargets(input: TargetsInput, options: NormalizedPluginOptions): Pick<ProjectConfiguration, 'targets' | 'metadata'> {
  const { project, workspaceRoot, projectRoot } = input;
  const paths = projectPaths(project);
  const inProject = (abs: string) => {
    const rel = path.relative(path.join(workspaceRoot, projectRoot), abs).split(path.sep).join('/');
    return rel === '' ? '{projectRoot}' : `{projectRoot}/${rel}`;
  };
  const dir = path.relative(workspaceRoot, project.dir).split(path.sep).join('/') || '.';
  const sourceFiles = `${inProject(path.dirname(paths.source))}/**/*.sql`;
  const migrations = `${inProject(paths.migrations)}/**/*`;
  const tests = project.tests.map((glob) => `${inProject(project.dir)}/${glob}`);
  const env = paths.envFile === undefined ? [] : [inProject(paths.envFile)];
  // PGSHIFT_ENGINE moves the executors to another engine (CI): a result from one is not a result from the other.
  const tail: Input[] = [...(input.sqlNamedInput ? ['^sql'] : []), { externalDependencies: ['pgshift'] }, { env: 'PGSHIFT_ENGINE' }];
  const inputs: Record<'diff' | 'test', Input[]> = {
    diff: [sourceFiles, migrations, ...env, ...tail],
    test: [sourceFiles, ...tests, ...env, ...tail],
  };
  const shared: ProjectTargetOptions = {
    dir,
    source: project.source,
    migrations: project.migrations,
    tests: project.tests,
    ...(project.envFile !== undefined ? { envFile: project.envFile } : {}),
    engine: project.engine,
    ...(project.variables !== undefined ? { variables: project.variables } : {}),
  };
  const { migrations: _migrations, tests: _tests, ...devOptions } = shared;
  const targets: Record<string, TargetConfiguration> = {};
  for (const key of TARGET_KEYS) {
    const target: TargetConfiguration = {
      executor: `pgshift:${key}`,
      options: key === 'diff' || key === 'test' ? { ...shared } : key === 'dev' ? devOptions : { dir, migrations: project.migrations },
      cache: cached[key],
      metadata: {
        technologies: ['pgshift', 'postgresql'],
        description: descriptions[key],
        help: { command: `${input.execCommand} pgshift ${key} --help`, example: example(key) },
      },
    };
    if (key === 'diff' || key === 'test') target.inputs = inputs[key];
    if (key === 'test') target.outputs = ['{options.outputFile}'];
    if (key === 'dev') {
      // Runs until stopped; ready for the tasks that wait on it once the source has loaded.
      target.continuous = true;
      target.readyWhen = { signal: true };
    }
    targets[targetName(options, key)] = target;
  }
  return { targets, metadata: { technologies: ['pgshift', 'postgresql'] } };
}

function example(key: TargetKey): { options: Record<string, unknown> } {
  switch (key) {
    case 'diff':
      return { options: { allowPending: true } };
    case 'test':
      return { options: { reporter: 'junit', outputFile: 'reports/pgtap.xml' } };
    case 'revert':
      return { options: { targetEnv: 'DATABASE_URL', to: '0000000001-initial' } };
    case 'dev':
      return { options: { port: 0 } };
    default:
      return { options: { targetEnv: 'DATABASE_URL' } };
  }
}
