import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { addProjectConfiguration, logger, readNxJson, updateNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { repoRoot } from '@pgshift/test-support';
import { parse } from 'yaml';
import { circleciUnknownKeys, gitlabUnknownKeys } from '../../test-utils/ci-keys';
import { writeTodoToTree } from '../../test-utils/tree';
import { ciGenerator } from './ci';
import { MARKER } from './pipeline';
import type { CiGeneratorSchema } from './schema';

jest.setTimeout(60_000);

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const files = { github: '.github/workflows/pgshift.yml', gitlab: '.gitlab-ci.yml', circleci: '.circleci/config.yml' } as const;
const TARGET_URL = 'postgres://deployer:s3cret-pw@prod.example.com:5432/app';

/** The generated file, written while the environment holds the secret's value, which must not leak into it. */
async function generate(tree: Tree, options: CiGeneratorSchema): Promise<string> {
  const secret = options.targetSecret ?? 'DATABASE_URL';
  const before = process.env[secret];
  process.env[secret] = TARGET_URL;
  try {
    await ciGenerator(tree, options);
  } finally {
    if (before === undefined) delete process.env[secret];
    else process.env[secret] = before;
  }
  return tree.read(files[options.provider], 'utf8')!;
}

/** Every mention of the secret's name is a reference to the variable, in the provider's syntax. */
function expectOnlyReferences(text: string, name: string, reference: RegExp): void {
  const mentions = text.match(new RegExp(`\\b${name}\\b`, 'g')) ?? [];
  const references = text.match(new RegExp(reference.source, 'g')) ?? [];
  expect(references.length).toBeGreaterThan(0);
  expect(mentions.length).toBe(references.length);
  expect(text).not.toContain('prod.example.com');
  expect(text).not.toContain('s3cret-pw');
}

/** The regular expression written between slashes in a CI file, as JavaScript runs it. */
function slashRegex(text: string): RegExp {
  const m = /\/(.+)\/$/.exec(text);
  if (!m) throw new Error(`${text} is not a /regex/`);
  return new RegExp(m[1]!);
}

function actionValidator(workflow: string): { status: number | null; output: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pgshift-ci-'));
  try {
    const file = path.join(dir, 'pgshift.yml');
    writeFileSync(file, workflow);
    const result = spawnSync(path.join(repoRoot, 'node_modules/.bin/action-validator'), [file], { encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('ci generator', () => {
  let tree: Tree;
  let info: jest.SpyInstance;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    writeTodoToTree(tree);
    info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => info.mockRestore());

  describe('github', () => {
    test('writes a workflow that action-validator accepts, and that it would refuse once broken', async () => {
      const text = await generate(tree, { provider: 'github' });
      expect(text.startsWith(`${MARKER}\n`)).toBe(true);
      const valid = actionValidator(text);
      expect(valid.output).toBe('');
      expect(valid.status).toBe(0);
      const broken = actionValidator(text.replace('    runs-on: ubuntu-latest', '    runs-onn: ubuntu-latest'));
      expect(broken.status).not.toBe(0);
      expect(broken.output).toMatch(/runs-onn/);
      expect(info).toHaveBeenCalledWith(expect.stringMatching(/deploys and verifies db\. Store the URL of the database tags deploy to in DATABASE_URL, a repository secret\./));
    });

    test('pull requests run nx affected against the merge base on the server engine; v* tags deploy then verify', async () => {
      const text = await generate(tree, { provider: 'github' });
      const doc: Doc = parse(text);
      expect(Object.keys(doc['on']).sort()).toEqual(['pull_request', 'push']);
      expect(doc['on'].push).toEqual({ tags: ['v*'] });
      expect(doc['env']).toEqual({ NX_DAEMON: 'false' });

      const check = doc['jobs'].check;
      expect(check.if).toBe("github.event_name == 'pull_request'");
      expect(check.steps[0]).toEqual({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
      expect(check.steps[1]).toEqual({ uses: 'actions/setup-node@v4', with: { 'node-version': '20', cache: 'npm' } });
      expect(check.services.postgres.image).toBe('postgres:15');
      expect(check.env).toMatchObject({
        PGSHIFT_ENGINE: 'server',
        PGSHIFT_DATABASE_URL: `postgres://postgres:${check.services.postgres.env.POSTGRES_PASSWORD}@localhost:5432/postgres`,
        NX_BASE: '${{ github.event.pull_request.base.sha }}',
        NX_HEAD: '${{ github.sha }}',
      });
      const checkRuns = check.steps.filter((s: Doc) => s['run']).map((s: Doc) => s['run']);
      expect(checkRuns[0]).toMatch(/^docker exec \$\{\{ job\.services\.postgres\.id \}\} .*apt-get install .*"postgresql-\$PG_MAJOR-pgtap"/);
      expect(checkRuns.slice(1)).toEqual(['npm ci', 'npx nx affected -t diff test --parallel=1']);

      const release = doc['jobs'].release;
      expect(release.if).toBe("startsWith(github.ref, 'refs/tags/v')");
      expect(release.env).toEqual({ PGSHIFT_TARGET: '${{ secrets.DATABASE_URL }}' });
      expect(release.steps.filter((s: Doc) => s['run']).map((s: Doc) => s['run'])).toEqual([
        'npm ci',
        'npx nx run-many -t deploy --projects=db --targetEnv=PGSHIFT_TARGET --parallel=1',
        'npx nx run-many -t verify --projects=db --targetEnv=PGSHIFT_TARGET --parallel=1',
      ]);
      expectOnlyReferences(text, 'DATABASE_URL', /\$\{\{ secrets\.DATABASE_URL \}\}/);
    });

    test('the options reach the workflow', async () => {
      const text = await generate(tree, { provider: 'github', targetSecret: 'PROD_DB', nodeVersion: '22.11', postgresImage: 'postgres:16' });
      const doc: Doc = parse(text);
      expect(doc['jobs'].check.services.postgres.image).toBe('postgres:16');
      expect(doc['jobs'].release.steps[1].with['node-version']).toBe('22.11');
      expectOnlyReferences(text, 'PROD_DB', /\$\{\{ secrets\.PROD_DB \}\}/);
      expect(text).not.toMatch(/\bDATABASE_URL\b/);
    });
  });

  describe('gitlab', () => {
    test('uses only documented keywords: merge request pipelines check, v* tag pipelines release', async () => {
      const text = await generate(tree, { provider: 'gitlab', targetSecret: 'PROD_DB' });
      expect(text.startsWith(`${MARKER}\n`)).toBe(true);
      const doc: Doc = parse(text);
      expect(gitlabUnknownKeys(doc)).toEqual([]);
      expect(gitlabUnknownKeys({ ...doc, check: { ...doc['check'], scripts: ['x'] } })).toEqual(['check.scripts']);

      const [mergeRequests, tags] = doc['workflow'].rules.map((r: Doc) => r['if']);
      expect(mergeRequests).toBe('$CI_PIPELINE_SOURCE == "merge_request_event"');
      const tagRule = slashRegex(tags.replace(/^\$CI_COMMIT_TAG =~ /, ''));
      expect(['v1', 'v1.0.0', 'v2-rc'].every((t) => tagRule.test(t))).toBe(true);
      expect(['1.0.0', 'release-v1'].some((t) => tagRule.test(t))).toBe(false);

      expect(doc['default'].image).toBe('node:20-bookworm');
      expect(doc['default'].before_script).toEqual(['npm ci --cache .npm --prefer-offline']);
      expect(doc['check'].rules).toEqual([{ if: mergeRequests }]);
      expect(doc['check'].services).toEqual([{ name: 'postgres:15', alias: 'postgres', variables: { POSTGRES_PASSWORD: 'postgres' } }]);
      expect(doc['check'].variables).toEqual({
        GIT_DEPTH: '0',
        PGSHIFT_ENGINE: 'server',
        PGSHIFT_DATABASE_URL: 'postgres://postgres:postgres@postgres:5432/postgres',
      });
      expect(doc['check'].script[0]).toMatch(/apt-get download postgresql-15-pgtap.*dpkg-deb -x/);
      expect(doc['check'].script[1]).toBe('npx nx affected -t diff test --parallel=1 --base=$CI_MERGE_REQUEST_DIFF_BASE_SHA --head=HEAD');

      expect(doc['release'].rules).toEqual([{ if: tags }]);
      expect(doc['release'].script).toEqual([
        'PGSHIFT_TARGET="$PROD_DB" npx nx run-many -t deploy --projects=db --targetEnv=PGSHIFT_TARGET --parallel=1',
        'PGSHIFT_TARGET="$PROD_DB" npx nx run-many -t verify --projects=db --targetEnv=PGSHIFT_TARGET --parallel=1',
      ]);
      expectOnlyReferences(text, 'PROD_DB', /\$PROD_DB\b/);
    });
  });

  describe('circleci', () => {
    test('uses only documented keys: a check workflow on branches, a release workflow on v* tags only', async () => {
      const text = await generate(tree, { provider: 'circleci', mainBranch: 'trunk' });
      expect(text.startsWith(`${MARKER}\n`)).toBe(true);
      const doc: Doc = parse(text);
      expect(circleciUnknownKeys(doc)).toEqual([]);
      expect(circleciUnknownKeys({ ...doc, jobs: { ...doc['jobs'], check: { ...doc['jobs'].check, service: [] } } })).toEqual(['jobs.check.service']);
      expect(doc['version']).toBe(2.1);

      const check = doc['jobs'].check;
      expect(check.docker.map((d: Doc) => d['image'])).toEqual(['node:20-bookworm', 'postgres:15']);
      expect(check.environment).toEqual({
        NX_DAEMON: 'false',
        PGSHIFT_ENGINE: 'server',
        PGSHIFT_DATABASE_URL: `postgres://postgres:${check.docker[1].environment.POSTGRES_PASSWORD}@localhost:5432/postgres`,
      });
      const commands = (job: Doc) => job['steps'].filter((s: Doc) => s['run']).map((s: Doc) => (typeof s['run'] === 'string' ? s['run'] : s['run'].command));
      expect(commands(check)).toEqual(['npm ci', expect.stringMatching(/apt-get download postgresql-15-pgtap/), expect.stringMatching(/\/dev\/tcp\/localhost\/5432/), 'npx nx affected -t diff test --parallel=1 --base=origin/trunk --head=HEAD']);
      expect(commands(doc['jobs'].release)).toEqual([
        'npm ci',
        'PGSHIFT_TARGET="$DATABASE_URL" npx nx run-many -t deploy --projects=db --targetEnv=PGSHIFT_TARGET --parallel=1',
        'PGSHIFT_TARGET="$DATABASE_URL" npx nx run-many -t verify --projects=db --targetEnv=PGSHIFT_TARGET --parallel=1',
      ]);

      const filters = (workflow: string) => doc['workflows'][workflow].jobs[0][workflow].filters;
      expect(filters('check')).toEqual({ branches: { ignore: 'trunk' } });
      expect(filters('release').branches).toEqual({ ignore: '/.*/' });
      const tagRule = new RegExp(`^(?:${slashRegex(filters('release').tags.only).source})$`);
      expect(['v1', 'v1.0.0'].every((t) => tagRule.test(t))).toBe(true);
      expect(['1.0.0', 'release-v1'].some((t) => tagRule.test(t))).toBe(false);
      expectOnlyReferences(text, 'DATABASE_URL', /\$DATABASE_URL\b/);
    });
  });

  test('finds every database project the plugin infers, under the target names of its nx.json entry', async () => {
    addProjectConfiguration(tree, 'legacy', { root: 'legacy' });
    tree.write('legacy/sql/migrations/sqitch.plan', '%syntax-version=1.0.0\n%project=legacy\n\n');
    addProjectConfiguration(tree, 'web', { root: 'apps/web', targets: { deploy: { command: 'echo web' } } });
    tree.write('db/archive/sqitch.plan', '%syntax-version=1.0.0\n%project=archive\n\n');
    tree.write('inferred/pgshift.json', '{}');
    const nxJson = readNxJson(tree)!;
    updateNxJson(tree, { ...nxJson, plugins: [{ plugin: 'pgshift', options: { deployTargetName: 'db-deploy', testTargetName: 'pgshift-test' } }] });
    const doc: Doc = parse(await generate(tree, { provider: 'github' }));
    expect(doc['jobs'].check.steps.at(-1).run).toBe('npx nx affected -t diff pgshift-test --parallel=1');
    expect(doc['jobs'].release.steps.at(-2).run).toBe('npx nx run-many -t db-deploy --projects=db,inferred,legacy --targetEnv=PGSHIFT_TARGET --parallel=1');
  });

  test('registers the plugin when nx.json does not have it yet', async () => {
    expect(readNxJson(tree)!.plugins ?? []).toEqual([]);
    await generate(tree, { provider: 'gitlab' });
    expect(readNxJson(tree)!.plugins).toContainEqual(expect.objectContaining({ plugin: 'pgshift' }));
  });

  test('replaces a file it wrote; refuses one it did not write unless --force', async () => {
    await generate(tree, { provider: 'github', nodeVersion: '20' });
    expect(await generate(tree, { provider: 'github', nodeVersion: '22' })).toMatch(/node-version: '22'/);
    tree.write(files.gitlab, 'test:\n  script: make test\n');
    await expect(ciGenerator(tree, { provider: 'gitlab' })).rejects.toThrow(/\.gitlab-ci\.yml already exists and pgshift did not write it .* pass --force/);
    expect(tree.read(files.gitlab, 'utf8')).toBe('test:\n  script: make test\n');
    expect(await generate(tree, { provider: 'gitlab', force: true })).toMatch(/^# Written by `nx g pgshift:ci`/);
  });

  test('refuses option values it would write into the file unquoted, naming the option', async () => {
    await expect(ciGenerator(tree, { provider: 'github', targetSecret: 'DB URL' })).rejects.toThrow(/^option --targetSecret: "DB URL" must be a variable name/);
    await expect(ciGenerator(tree, { provider: 'github', targetSecret: 'GITHUB_DB' })).rejects.toThrow(/^option --targetSecret: GitHub refuses secret names that start with GITHUB_/);
    await expect(ciGenerator(tree, { provider: 'circleci', mainBranch: 'main # x' })).rejects.toThrow(/^option --mainBranch/);
    await expect(ciGenerator(tree, { provider: 'gitlab', nodeVersion: 'latest' })).rejects.toThrow(/^option --nodeVersion/);
    await expect(ciGenerator(tree, { provider: 'gitlab', postgresImage: 'postgres:15\nx: y' })).rejects.toThrow(/^option --postgresImage/);
    await expect(ciGenerator(tree, { provider: 'jenkins' as CiGeneratorSchema['provider'] })).rejects.toThrow(/^option --provider: "jenkins"/);
  });

  test('refuses a workspace without a database project', async () => {
    const empty = createTreeWithEmptyWorkspace();
    await expect(ciGenerator(empty, { provider: 'github' })).rejects.toThrow(/no database project .*`nx g pgshift:project NAME`/);
    expect(empty.exists(files.github)).toBe(false);
  });
});
