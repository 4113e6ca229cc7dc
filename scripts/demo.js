#!/usr/bin/env node
// The main job on the embedded engine: a copy of examples/todo goes through
// migrations init → a source change → migrations add, and the generated files are printed.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { main } = require('../packages/cli/dist/main.js');

async function run() {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pgshift-demo-')), 'todo');
  fs.cpSync(path.join(__dirname, '..', 'examples', 'todo'), dir, { recursive: true });
  const pgshift = async (...args) => {
    process.stdout.write(`\n$ pgshift ${args.join(' ')}\n`);
    const code = await main([...args, '--project-dir', dir]);
    if (code !== 0) throw new Error(`pgshift ${args.join(' ')} exited with ${code}`);
  };
  const show = (file) => process.stdout.write(`\n──── ${path.relative(dir, file)} ────\n${fs.readFileSync(file, 'utf8')}`);

  process.stdout.write(`Working in a copy of examples/todo: ${dir}\n`);
  await pgshift('migrations', 'init');

  // The change a developer makes: the todos view gains two computed columns.
  const view = path.join(dir, 'db', 'src', 'api', 'todos.sql');
  const before = fs.readFileSync(view, 'utf8');
  const after = before.replace(/\(owner_id = request\.user_id\(\)\) as mine/i, (m) => `${m},\n    length(todo) as todo_length,\n    created_at::date as created_on`);
  if (after === before) throw new Error(`could not find the "mine" column of api.todos in ${view}`);
  fs.writeFileSync(view, after);
  process.stdout.write(`\nEdited db/src/api/todos.sql: api.todos gains todo_length and created_on.\n`);

  await pgshift('migrations', 'add', 'todos-computed-columns', '--note', 'todos view gains computed columns');
  const migrations = path.join(dir, 'db', 'migrations');
  show(path.join(migrations, 'sqitch.plan'));
  for (const kind of ['deploy', 'revert', 'verify']) show(path.join(migrations, kind, '0000000002-todos-computed-columns.sql'));
  process.stdout.write(`\nThe project is left in ${dir} to look around.\n`);
}

run().catch((error) => {
  process.stderr.write(`demo failed: ${error.message}\n`);
  process.exitCode = 1;
});
