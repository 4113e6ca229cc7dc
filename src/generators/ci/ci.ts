/**
 * `nx g pgshift:ci --provider P`: the workspace's CI pipeline. Pull requests run `nx affected -t
 * diff test` against a PostgreSQL service container; a pushed v* tag deploys, then verifies, every
 * database project against the database whose URL the CI service keeps as a secret.
 */
import { logger, type Tree } from '@nx/devkit';
import { GeneratorError } from '../errors';
import { initGenerator } from '../init/init';
import { databaseProjects, pluginOptions, targetNames } from './database-projects';
import { MARKER, pipeline, type Provider } from './pipeline';
import { circleci } from './providers/circleci';
import { github } from './providers/github';
import { gitlab } from './providers/gitlab';
import type { CiGeneratorSchema } from './schema';

const providers: Record<CiGeneratorSchema['provider'], Provider> = { github, gitlab, circleci };

const formats: Record<'targetSecret' | 'nodeVersion' | 'mainBranch' | 'postgresImage', { pattern: RegExp; expected: string }> = {
  targetSecret: { pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, expected: 'a variable name (letters, digits and underscores, not starting with a digit)' },
  nodeVersion: { pattern: /^\d+(\.\d+){0,2}$/, expected: 'a Node.js version such as 20 or 20.11' },
  mainBranch: { pattern: /^[A-Za-z0-9._/-]+$/, expected: 'a branch name (letters, digits, ".", "_", "/" and "-")' },
  postgresImage: { pattern: /^[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9._-]+)?$/, expected: 'an image reference such as postgres:15' },
};

export async function ciGenerator(tree: Tree, options: CiGeneratorSchema): Promise<void> {
  const provider = providers[options.provider];
  if (provider === undefined) {
    throw new GeneratorError('OPTION', `option --provider: "${options.provider}" is not a CI service pgshift writes pipelines for; use github, gitlab or circleci.`, 'provider');
  }
  const settings = {
    targetSecret: options.targetSecret ?? 'DATABASE_URL',
    nodeVersion: options.nodeVersion ?? '20',
    mainBranch: options.mainBranch ?? 'main',
    postgresImage: options.postgresImage ?? 'postgres:15',
  };
  for (const [option, value] of Object.entries(settings) as [keyof typeof formats, string][]) {
    if (!formats[option].pattern.test(value)) {
      throw new GeneratorError('OPTION', `option --${option}: "${value}" must be ${formats[option].expected}; it is written into ${provider.file} as is.`, option);
    }
  }
  if (options.provider === 'github' && settings.targetSecret.toUpperCase().startsWith('GITHUB_')) {
    throw new GeneratorError('OPTION', `option --targetSecret: GitHub refuses secret names that start with GITHUB_ ("${settings.targetSecret}"); choose another name.`, 'targetSecret');
  }
  const existing = tree.read(provider.file, 'utf8');
  if (existing !== null && !existing.startsWith(MARKER) && !options.force) {
    throw new GeneratorError(
      'EXISTS',
      `${provider.file} already exists and pgshift did not write it (its first line is not "${MARKER}"); ` +
        'add the pgshift jobs to it by hand, or pass --force to replace the whole file.',
      'force',
    );
  }
  if (pluginOptions(tree) === undefined) await initGenerator(tree, { skipFormat: true });
  const plugin = pluginOptions(tree)!;
  const projects = databaseProjects(tree, plugin);
  if (projects.length === 0) {
    throw new GeneratorError(
      'NO_DATABASE_PROJECT',
      'This workspace has no database project (a project with a pgshift.json or a sqitch.plan), so a pushed tag would deploy nothing; ' +
        'create one first with `nx g pgshift:project NAME`.',
    );
  }
  tree.write(provider.file, provider.render(pipeline({ ...settings, projects, targets: targetNames(plugin) })));
  logger.info(
    `${provider.file}: pull requests run diff and test of the affected projects; a pushed v* tag deploys and verifies ${projects.join(', ')}. ` +
      `Store the URL of the database tags deploy to in ${settings.targetSecret}, a ${provider.secretKind}.`,
  );
}

export default ciGenerator;
