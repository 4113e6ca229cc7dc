import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { defaults, loadProject, parseProjectConfig, ProjectError } from '../src';
import { tempDir } from './helpers';

const schema = require('../pgshift.schema.json');

describe('pgshift.json', () => {
  test('defaults match the layout teams use, and .env is picked up when present', () => {
    const dir = tempDir();
    expect(loadProject(dir)).toMatchObject({ ...defaults, dir });
    expect(loadProject(dir).envFile).toBeUndefined();
    writeFileSync(path.join(dir, '.env'), 'A=1\n');
    expect(loadProject(dir).envFile).toBe('.env');
  });

  test('file values override defaults and options override the file', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'pgshift.json'), JSON.stringify({ source: 'sql/main.sql', engine: 'server' }));
    expect(loadProject(dir)).toMatchObject({ source: 'sql/main.sql', engine: 'server', migrations: 'db/migrations' });
    expect(loadProject(dir, { engine: 'pglite' }).engine).toBe('pglite');
  });

  test('an unknown key or a wrong type names the file and the key', () => {
    expect(() => parseProjectConfig('{"sorce": "x"}', 'db/pgshift.json')).toThrow(/db\/pgshift.json: unknown key "sorce"/);
    expect(() => parseProjectConfig('{"engine": "mysql"}', 'db/pgshift.json')).toThrow(/"engine" must be "pglite", "server" or "docker", got "mysql"/);
    expect(() => parseProjectConfig('{"tests": "a.sql"}', 'p.json')).toThrow(ProjectError);
    expect(() => parseProjectConfig('{ nope', 'p.json')).toThrow(/p.json: not valid JSON/);
  });

  test('the JSON Schema describes exactly the keys pgshift reads', () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    const keys = Object.keys(schema.properties).filter((k) => k !== '$schema').sort();
    for (const key of keys) expect(() => parseProjectConfig(JSON.stringify({ [key]: 1 }), 'p.json')).toThrow(new RegExp(`"${key.replace('$', '\\$')}" must be`));
    expect(() => parseProjectConfig(JSON.stringify({ notAKey: 1 }), 'p.json')).toThrow(/unknown key/);
    expect(keys).toEqual(['databaseUrl', 'docker', 'engine', 'envFile', 'migrations', 'project', 'source', 'tests', 'variables']);
  });
});
