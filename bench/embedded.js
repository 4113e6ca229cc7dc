#!/usr/bin/env node
'use strict';
/**
 * The embedded engine on the example project, as a developer meets it: how long a throwaway
 * PGlite database takes to start and load examples/todo, and what a warm `migrations add` costs.
 * The peer is the same source loaded by the real psql into a new database on the PostgreSQL
 * server (`createdb` + `psql -f`), timed in the same run.
 *
 *   node bench/embedded.js [--runs 5]
 *
 * Every figure is a whole process (median, min–max over the runs, after one warm-up that also
 * builds PGlite's initdb snapshot and the migrations cache). Writes bench/results/embedded-latest.md.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const lib = require('./lib');

const PGSHIFT = path.join(lib.ROOT, 'packages', 'cli', 'bin', 'pgshift.js');
const TODO = path.join(lib.ROOT, 'examples', 'todo');
const CACHE = path.join(lib.WORK, 'cache');

/** One process: start the pglite engine, load the example, dispose; prints its own split in ms. */
const LOAD_SCRIPT = `
const started = performance.now();
const path = require('path');
const { createEngine } = require(${JSON.stringify(path.join(lib.ROOT, 'packages', 'engines', 'dist'))});
(async () => {
  const engine = await createEngine({ engine: 'pglite' });
  const db = await engine.createDatabase();
  await db.runScript(path.join(process.argv[1], 'db/src/init.sql'), { baseDir: process.argv[1], envFile: path.join(process.argv[1], '.env') });
  await engine.dispose();
  process.stdout.write(String(performance.now() - started));
})();
`;

function parseArgs(argv) {
  const options = { runs: 5 };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=');
    if (key === '--runs') options.runs = Number(inline ?? argv[++i]);
    else throw new Error(`unknown option ${argv[i]}; use --runs`);
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error('--runs takes a whole number ≥ 1');
  return options;
}

async function measure(label, runs, once) {
  await once(); // warm-up
  const times = [];
  const inner = [];
  for (let i = 0; i < runs; i++) {
    const r = await once();
    times.push(r.seconds);
    if (r.inner !== undefined) inner.push(r.inner);
  }
  const row = { label, median: lib.median(times), min: Math.min(...times), max: Math.max(...times), inner: inner.length ? lib.median(inner) : undefined };
  process.stdout.write(`${label}: ${row.median.toFixed(2)} s (${row.min.toFixed(2)}–${row.max.toFixed(2)})\n`);
  return row;
}

async function checked(file, args, options) {
  const r = await lib.timed(file, args, options);
  if (r.status !== 0) throw new Error(`${path.basename(file)} ${args.slice(0, 3).join(' ')} exited ${r.status}: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return r;
}

/** A copy of the example with its first migration written and the todos view changed. */
async function exampleProject() {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pgshift-bench-embedded-')), 'todo');
  fs.cpSync(TODO, dir, { recursive: true });
  await checked(process.execPath, [PGSHIFT, 'migrations', 'init', '--project-dir', dir], { env: { PGSHIFT_CACHE_DIR: CACHE } });
  const view = path.join(dir, 'db', 'src', 'api', 'todos.sql');
  const before = fs.readFileSync(view, 'utf8');
  const after = before.replace(/\(owner_id = request\.user_id\(\)\) as mine/i, (m) => `${m},\n    length(todo) as todo_length`);
  if (after === before) throw new Error(`could not find the "mine" column of api.todos in ${view}`);
  fs.writeFileSync(view, after);
  const plan = path.join(dir, 'db', 'migrations', 'sqitch.plan');
  const planText = fs.readFileSync(plan, 'utf8');
  const reset = () => {
    fs.writeFileSync(plan, planText);
    for (const kind of ['deploy', 'revert', 'verify']) fs.rmSync(path.join(dir, 'db', 'migrations', kind, '0000000002-todos.sql'), { force: true });
  };
  return { dir, reset };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const facts = lib.machineFacts();
  const rows = [];
  rows.push(
    await measure('pglite: engine start + load examples/todo (one process)', options.runs, async () => {
      const r = await checked(process.execPath, ['-e', LOAD_SCRIPT, TODO], { env: { PGSHIFT_CACHE_DIR: CACHE } });
      return { seconds: r.seconds, inner: Number(r.stdout) / 1000 };
    }),
  );
  const name = `bench_embedded_${process.pid}`;
  rows.push(
    await measure('server: createdb + psql -f examples/todo + dropdb (peer)', options.runs, async () => {
      const started = process.hrtime.bigint();
      lib.createDatabase(name);
      lib.psql(['-d', lib.dbUrl(name), '-f', path.join(TODO, 'db/src/init.sql')], { cwd: TODO });
      lib.dropDatabase(name);
      return { seconds: Number(process.hrtime.bigint() - started) / 1e9 };
    }),
  );
  const project = await exampleProject();
  for (const engine of ['pglite', 'server']) {
    const engineArgs = engine === 'server' ? ['--engine', 'server', '--database-url', lib.ADMIN_URL] : ['--engine', 'pglite'];
    rows.push(
      await measure(`${engine}: migrations add on examples/todo, warm cache`, options.runs, async () => {
        project.reset();
        return checked(process.execPath, [PGSHIFT, 'migrations', 'add', 'todos', '--project-dir', project.dir, ...engineArgs], { env: { PGSHIFT_CACHE_DIR: CACHE } });
      }),
    );
  }
  fs.rmSync(path.dirname(project.dir), { recursive: true, force: true });

  const peer = rows[1].median;
  const lines = [
    `# The embedded engine on examples/todo, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${facts.cpu}, ${facts.memory}, ${facts.os}; Node ${facts.node}; PostgreSQL ${facts.postgres} on the same machine; load before: ${facts.load}.`,
    `Each figure: one warm-up, then ${options.runs} timed runs of the whole process (median, min–max).`,
    '',
    '| what | median s | min–max s | × psql peer | in-process s |',
    '|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.label} | ${r.median.toFixed(2)} | ${r.min.toFixed(2)}–${r.max.toFixed(2)} | ${(r.median / peer).toFixed(2)} | ${r.inner === undefined ? '–' : r.inner.toFixed(2)} |`),
    '',
    '"in-process": the time the process itself measured from its first line to the end, without Node’s own start.',
    '',
  ];
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, 'results', 'embedded-latest.md'), lines.join('\n'));
  process.stdout.write('Written to bench/results/embedded-latest.md\n');
}

main().catch((error) => {
  process.stderr.write(`bench/embedded: ${error.message}\n`);
  process.exitCode = 1;
});
