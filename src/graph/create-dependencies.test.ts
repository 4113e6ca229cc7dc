import type { CreateDependenciesContext } from '@nx/devkit';
import { createDependencies } from './create-dependencies';
import { scanIncludes } from './includes';
import { removeWorkspace, tempWorkspace } from '../test-utils/workspace';

describe('scanIncludes', () => {
  test('reads \\i, \\ir, \\include and \\include_relative with quoted and plain paths, and skips variable paths', () => {
    const text = ["\\i 'a b.sql'", '  \\ir x/y.sql', '\\include_relative "z.sql"', '\\include w.sql', '\\ir :file', 'select 1; -- \\ir no.sql'].join('\n');
    expect(scanIncludes(text)).toEqual([
      { line: 1, target: 'a b.sql', relative: false },
      { line: 2, target: 'x/y.sql', relative: true },
      { line: 3, target: 'z.sql', relative: true },
      { line: 4, target: 'w.sql', relative: false },
    ]);
  });
});

describe('createDependencies', () => {
  let root: string;
  afterEach(() => removeWorkspace(root));

  const context = (files: string[]): CreateDependenciesContext =>
    ({
      workspaceRoot: root,
      nxJsonConfiguration: {},
      externalNodes: {},
      fileMap: { projectFileMap: {}, nonProjectFiles: [] },
      filesToProcess: { projectFileMap: { db: files.map((file) => ({ file, hash: file })) }, nonProjectFiles: [] },
      projects: {
        db: { root: 'apps/db', targets: { diff: { executor: 'pgshift:diff', options: { dir: 'apps/db' } } } },
        shared: { root: 'libs/sql' },
        other: { root: 'libs/other' },
      },
    }) as CreateDependenciesContext;

  test('an include that reaches another project folder is a static edge from the including file', async () => {
    root = tempWorkspace({
      'apps/db/db/src/init.sql': "\\ir ../../../../libs/sql/uuid.sql\n\\ir api/schema.sql\n\\i libs/nothing.sql\n",
      'apps/db/db/src/api/schema.sql': "\\i ../../libs/other/x.sql\n",
      'libs/sql/uuid.sql': 'select 1;\n',
    });
    const edges = await createDependencies(undefined, context(['apps/db/db/src/init.sql', 'apps/db/db/src/api/schema.sql', 'apps/db/README.md']));
    expect(edges).toEqual([
      { source: 'db', target: 'shared', sourceFile: 'apps/db/db/src/init.sql', type: 'static' },
      { source: 'db', target: 'other', sourceFile: 'apps/db/db/src/api/schema.sql', type: 'static' },
    ]);
  });

  test('includes inside the project give no edge', async () => {
    root = tempWorkspace({ 'apps/db/db/src/init.sql': '\\ir api/schema.sql\n' });
    expect(await createDependencies(undefined, context(['apps/db/db/src/init.sql']))).toEqual([]);
  });
});
