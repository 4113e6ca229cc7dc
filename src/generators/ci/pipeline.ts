/**
 * What every provider's pipeline runs, independent of the provider's syntax: the pull-request
 * check, the release commands, and the settings they share.
 */

/** First line of every file the generator writes; a file without it is not replaced unless --force. */
export const MARKER = '# Written by `nx g pgshift:ci`: run it again to update this file.';

/** The variable the release commands read the target database from (`--targetEnv`); set from the secret. */
export const TARGET_ENV = 'PGSHIFT_TARGET';

export { ENGINE_ENV } from '../../executors/project';

/** The admin URL of the PostgreSQL service container; the server engine makes its throwaway databases there. */
export const SERVICE_DATABASE_URL_ENV = 'PGSHIFT_DATABASE_URL';
export const SERVICE_PASSWORD = 'postgres';

export function serviceUrl(host: string): string {
  return `postgres://postgres:${SERVICE_PASSWORD}@${host}:5432/postgres`;
}

/**
 * Job image of the providers whose jobs run in a container: Debian bookworm, whose own
 * postgresql-15-pgtap package holds pgTAP's install script.
 */
export function jobImage(nodeVersion: string): string {
  return `node:${nodeVersion}-bookworm`;
}

/**
 * pgTAP for a service container the job cannot reach into: only the package's files, unpacked
 * without its dependencies (a PostgreSQL server, a cluster). pgshift finds the install script in
 * /usr/share/postgresql/15/extension and loads it into each test database as plain SQL.
 */
export const PGTAP_SCRIPT_FROM_DEBIAN =
  'apt-get update -qq && (cd /tmp && apt-get download postgresql-15-pgtap) && dpkg-deb -x /tmp/postgresql-15-pgtap_*.deb /';

export interface Pipeline {
  nodeVersion: string;
  mainBranch: string;
  postgresImage: string;
  /** Name of the secret / CI variable holding the target database URL. */
  targetSecret: string;
  /** `npx nx affected -t diff test …`, to which a provider appends its base and head. */
  check: string;
  /** Deploy, then verify, of every database project, against the database in $PGSHIFT_TARGET. */
  release: string[];
}

export interface PipelineInput {
  nodeVersion: string;
  mainBranch: string;
  postgresImage: string;
  targetSecret: string;
  projects: string[];
  targets: { diff: string; test: string; deploy: string; verify: string };
}

// One task at a time: database projects loaded on the same server share its cluster-wide roles,
// and deploys to one target database take its registry in turn.
export function pipeline(input: PipelineInput): Pipeline {
  const { projects, targets } = input;
  const runMany = (target: string) => `npx nx run-many -t ${target} --projects=${projects.join(',')} --targetEnv=${TARGET_ENV} --parallel=1`;
  return {
    nodeVersion: input.nodeVersion,
    mainBranch: input.mainBranch,
    postgresImage: input.postgresImage,
    targetSecret: input.targetSecret,
    check: `npx nx affected -t ${targets.diff} ${targets.test} --parallel=1`,
    release: [runMany(targets.deploy), runMany(targets.verify)],
  };
}

/** One CI service: where its pipeline file lives and how the pipeline is written in its syntax. */
export interface Provider {
  file: string;
  /** What the service calls the place the target secret is stored. */
  secretKind: string;
  render(pipeline: Pipeline): string;
}
