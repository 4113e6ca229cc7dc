import { executorContext } from '../test-utils/executor-context';
import { removeWorkspace, tempWorkspace } from '../test-utils/workspace';
import { resolveProject } from './project';

describe('resolveProject', () => {
  let root: string;
  beforeEach(() => {
    root = tempWorkspace({ 'db/pgshift.json': JSON.stringify({ engine: 'pglite' }) });
  });
  afterEach(() => removeWorkspace(root));

  const context = () => executorContext(root, 'db', 'db');

  test('PGSHIFT_ENGINE wins over the engine option and pgshift.json', () => {
    expect(resolveProject({ engine: 'pglite' }, context(), { PGSHIFT_ENGINE: 'server' }).engine).toBe('server');
    expect(resolveProject({}, context(), { PGSHIFT_ENGINE: 'docker' }).engine).toBe('docker');
  });

  test('without PGSHIFT_ENGINE the option, then pgshift.json, decide', () => {
    expect(resolveProject({ engine: 'server' }, context(), {}).engine).toBe('server');
    expect(resolveProject({}, context(), { PGSHIFT_ENGINE: '' }).engine).toBe('pglite');
  });

  test('an engine PGSHIFT_ENGINE does not name is an error naming the variable', () => {
    expect(() => resolveProject({}, context(), { PGSHIFT_ENGINE: 'postgres' })).toThrow(/PGSHIFT_ENGINE is "postgres"; set it to pglite, server or docker/);
  });
});
