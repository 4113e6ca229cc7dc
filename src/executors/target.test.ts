import { Client } from 'pg';
import { initMigrations, loadProject } from '@pgshift/sqitch';
import { describeWith, postgresServer, serverUrl } from '@pgshift/test-support';
import deployExecutor from './deploy/executor';
import revertExecutor from './revert/executor';
import statusExecutor from './status/executor';
import verifyExecutor from './verify/executor';
import { resolveTarget } from './project';
import { captured, executorContext } from '../test-utils/executor-context';
import { removeWorkspace, tempWorkspace } from '../test-utils/workspace';

jest.setTimeout(300_000);

describe('target database', () => {
  test('the target option wins over the environment', () => {
    expect(resolveTarget({ target: 'db:pg:x', targetEnv: 'T' }, { T: 'postgres://y' })).toBe('db:pg:x');
  });

  test('targetEnv names the variable, DATABASE_URL by default', () => {
    expect(resolveTarget({ targetEnv: 'PROD_URL' }, { PROD_URL: 'postgres://p' })).toBe('postgres://p');
    expect(resolveTarget({}, { DATABASE_URL: 'postgres://d' })).toBe('postgres://d');
  });

  test('no target at all is an error naming both options', () => {
    expect(() => resolveTarget({ targetEnv: 'PROD_URL' }, {})).toThrow(/"target" is not set and the environment variable PROD_URL \(named by the option "targetEnv"\) is empty/);
  });
});

describeWith([postgresServer], 'deploy, status, verify and revert executors on a PostgreSQL server', () => {
  const database = `pgshift_nx_${process.pid}`;
  let root: string;
  let url: string;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    root = tempWorkspace({ 'db/project.json': '{"name":"db"}', 'db/db/src/init.sql': 'create schema app;\ncreate table app.items (id int primary key, title text not null);\n' });
    await initMigrations(loadProject(`${root}/db`), { onMessage: () => undefined });
    await admin(`create database ${database}`);
    const u = new URL(serverUrl());
    u.pathname = `/${database}`;
    url = u.toString();
  });
  afterAll(async () => {
    await admin(`drop database if exists ${database} with (force)`);
    removeWorkspace(root);
  });

  const context = () => executorContext(root, 'db', 'db');

  test('status before anything is deployed lists the undeployed change', async () => {
    const run = await captured(() => statusExecutor({ targetEnv: 'PGSHIFT_NX_TARGET' }, context()));
    expect(run.errors).toMatch(/PGSHIFT_NX_TARGET/);
    process.env.PGSHIFT_NX_TARGET = url;
    try {
      const ok = await captured(() => statusExecutor({ targetEnv: 'PGSHIFT_NX_TARGET' }, context()));
      expect(ok.result).toEqual({ success: true });
      expect(ok.info).toMatch(/Undeployed change:\n {2}\* 0000000001-initial/);
    } finally {
      delete process.env.PGSHIFT_NX_TARGET;
    }
  });

  test('deploy applies the plan, then status is up to date and verify passes', async () => {
    const deployed = await captured(() => deployExecutor({ target: url, verify: true }, context()));
    expect(deployed.errors).toBe('');
    expect(deployed.result).toEqual({ success: true });
    expect(deployed.info).toMatch(/\+ 0000000001-initial \.\. ok/);
    const status = await captured(() => statusExecutor({ target: url }, context()));
    expect(status.info).toMatch(/# Name: {5}0000000001-initial/);
    expect(status.info).toMatch(/Nothing to deploy \(up-to-date\)/);
    const verified = await captured(() => verifyExecutor({ target: url }, context()));
    expect(verified.result).toEqual({ success: true });
    expect(verified.info).toMatch(/Verify successful/);
  });

  test('revert takes the database back and verify then has nothing to check', async () => {
    const reverted = await captured(() => revertExecutor({ target: url }, context()));
    expect(reverted.result).toEqual({ success: true });
    expect(reverted.info).toMatch(/- 0000000001-initial \.\. ok/);
    const verified = await captured(() => verifyExecutor({ target: url }, context()));
    expect(verified.info).toMatch(/nothing to verify/);
  });

  test('a failure prints the target with its password masked', async () => {
    const bad = new URL(url);
    bad.password = 'sekrit-password';
    bad.port = '1';
    const run = await captured(() => statusExecutor({ target: bad.toString() }, context()));
    expect(run.result).toEqual({ success: false });
    expect(run.errors).not.toContain('sekrit-password');
  });
});
