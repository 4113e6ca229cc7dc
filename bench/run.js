#!/usr/bin/env node
'use strict';
/**
 * pgshift against its peers on generated application schemas, one run, one machine.
 *
 *   npm run bench -- [--tables 100,1000[,3000]] [--runs 3] [--warmup 1] [--e2e-runs 1] [--tools a,b,…] [--keep]
 *
 * --keep leaves bench_base_N and bench_target_N in place (for profiling); --tools picks tools by id:
 * floor, pgshift, pg-delta, migra, apgdiff, pgshift-e2e-server, pgshift-e2e-pglite,
 * pgshift-e2e-server-cold and (only when named) pgshift-e2e-pglite-cold.
 *
 * Every tool is a whole process, timed with warm-up and several runs (median, min–max). Each
 * tool's last output is applied to a copy of the base database and the copy's normalised
 * `pg_dump --schema-only` is compared with the target's: a fast wrong answer is not a win.
 */
const fs = require('fs');
const path = require('path');
const { benchStates } = require('./generate');
const lib = require('./lib');
const chart = require('./chart');

const PGSHIFT = path.join(lib.ROOT, 'packages', 'cli', 'bin', 'pgshift.js');
const PGDELTA = path.join(lib.ROOT, 'node_modules', '@supabase', 'pg-delta', 'dist', 'cli', 'main.js');
const MIGRA = path.join(lib.ROOT, 'node_modules', '@pgkit', 'migra', 'dist', 'command.js');
const CACHE = path.join(lib.WORK, 'cache');

function parseArgs(argv) {
  const options = { tables: [100, 1000], runs: 3, warmup: 1, e2eRuns: 1, tools: undefined, keep: false, limit: 600 };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=');
    const value = () => inline ?? argv[++i];
    if (key === '--tables') options.tables = value().split(',').map(Number);
    else if (key === '--runs') options.runs = Number(value());
    else if (key === '--warmup') options.warmup = Number(value());
    else if (key === '--keep') options.keep = true;
    else if (key === '--time-limit') options.limit = Number(value());
    else if (key === '--e2e-runs') options.e2eRuns = Number(value());
    else if (key === '--tools') options.tools = value().split(',');
    else throw new Error(`unknown option ${argv[i]}; use --tables, --runs, --warmup, --e2e-runs, --tools, --keep, --time-limit`);
  }
  if (options.tables.some((n) => !Number.isInteger(n) || n < 10)) throw new Error('--tables takes numbers ≥ 10, e.g. 100,1000');
  return options;
}

/** The tools. `command` returns [file, args]; `outputs` lists the SQL files to apply, in order. */
function tools(ctx) {
  const out = (name) => path.join(ctx.dir, name);
  const node = process.execPath;
  const e2e = (engine) => {
    const project = ctx.projects[engine];
    const engineArgs = engine === 'server' ? ['--engine', 'server', '--database-url', lib.ADMIN_URL] : ['--engine', 'pglite'];
    return {
      command: () => [node, [PGSHIFT, 'migrations', 'add', 'bench', '--allow-hazards', 'all', '--project-dir', project.dir, ...engineArgs]],
      // The warm-up run fills the migrations cache (and, on pglite, the initdb snapshot).
      e2e: { warmup: 1 },
      env: { PGSHIFT_CACHE_DIR: CACHE },
      before: () => project.reset(),
      outputs: () => project.added().map((p) => ({ path: p })),
    };
  };
  const dropMigrationCache = () => {
    for (const f of fs.existsSync(CACHE) ? fs.readdirSync(CACHE) : []) if (f.startsWith('migrations-')) fs.rmSync(path.join(CACHE, f));
  };
  return [
    { id: 'floor', label: 'floor (connect + one pg_attribute query, both databases)', command: () => [node, [path.join(__dirname, 'floor.js'), ctx.from, ctx.to]], noOutput: true },
    {
      id: 'pgshift',
      label: 'pgshift diff (two live databases)',
      command: () => [node, [PGSHIFT, 'diff', '--from', ctx.from, '--to', ctx.to]],
      stdoutTo: out('pgshift.sql'),
      outputs: () => [{ path: out('pgshift.sql') }],
    },
    {
      id: 'pg-delta',
      label: 'pg-delta plan + render',
      command: () => [
        '/bin/sh',
        ['-c', `"$0" "$1" plan --source "$2" --desired "$3" --renames off --out "$4" >/dev/null && rm -f "$5"_*.sql "$5".sql && "$0" "$1" render --plan "$4" --out "$5".sql --allow-drops`, node, PGDELTA, ctx.from, ctx.to, out('pgdelta-plan.json'), out('pgdelta')],
      ],
      outputs: () => pgDeltaSegments(ctx.dir),
    },
    {
      id: 'migra',
      label: '@pgkit/migra --unsafe --with-privileges',
      command: () => [node, [MIGRA, 'run', ctx.from, ctx.to, '--unsafe', '--with-privileges']],
      stdoutTo: out('migra.sql'),
      outputs: () => [{ path: out('migra.sql') }],
    },
    {
      id: 'apgdiff',
      label: 'pg_dump --schema-only ×2 (parallel) + apgdiff',
      // apgdiff predates pg_dump's \restrict lines; they are removed, nothing else is touched.
      command: () => [
        '/bin/sh',
        [
          '-c',
          `pg_dump --schema-only -d "$0" | sed '/^\\\\\\(un\\)\\{0,1\\}restrict /d' > "$2" & a=$!; pg_dump --schema-only -d "$1" | sed '/^\\\\\\(un\\)\\{0,1\\}restrict /d' > "$3" & b=$!; wait $a && wait $b && apgdiff "$2" "$3" > "$4"`,
          ctx.from,
          ctx.to,
          out('apg-from.sql'),
          out('apg-to.sql'),
          out('apgdiff.sql'),
        ],
      ],
      outputs: () => [{ path: out('apgdiff.sql') }],
    },
    { id: 'pgshift-e2e-server', label: 'pgshift migrations add, server engine, warm cache', ...e2e('server') },
    { id: 'pgshift-e2e-pglite', label: 'pgshift migrations add, pglite engine, warm cache', ...e2e('pglite') },
    {
      id: 'pgshift-e2e-server-cold',
      label: 'pgshift migrations add, server engine, cold (migrations replayed)',
      ...e2e('server'),
      e2e: { warmup: 0 },
      before: () => {
        ctx.projects.server.reset();
        dropMigrationCache();
      },
    },
    {
      id: 'pgshift-e2e-pglite-cold',
      label: 'pgshift migrations add, pglite engine, cold (migrations replayed)',
      ...e2e('pglite'),
      e2e: { warmup: 0 },
      optIn: true,
      before: () => {
        ctx.projects.pglite.reset();
        dropMigrationCache();
      },
    },
  ];
}

/** render writes <base>.sql, or <base>_1.sql, <base>_2.sql, … with a transactionality header each. */
function pgDeltaSegments(dir) {
  const files = fs.readdirSync(dir).filter((f) => /^pgdelta(_\d+)?\.sql$/.test(f));
  files.sort((a, b) => Number((a.match(/_(\d+)/) || [0, 0])[1]) - Number((b.match(/_(\d+)/) || [0, 0])[1]));
  return files.map((f) => {
    const p = path.join(dir, f);
    return { path: p, singleTransaction: !fs.readFileSync(p, 'utf8').startsWith('-- pg-delta: transaction=false') };
  });
}

/**
 * Warm-up runs, then timed runs. A run longer than a minute is not repeated (it is reported on
 * its own, warm-up or not), and a run past --time-limit is stopped.
 */
async function measure(tool, options) {
  const runs = [];
  let last;
  const warmup = tool.e2e ? tool.e2e.warmup : options.warmup;
  const count = tool.e2e ? options.e2eRuns : options.runs;
  for (let i = 0; i < warmup + count; i++) {
    if (tool.before) tool.before();
    const [file, args] = tool.command();
    const result = await lib.timed(file, args, { env: tool.env, limit: options.limit });
    if (result.timedOut) return { error: `stopped after the ${options.limit} s limit`, timedOut: true };
    if (result.status !== 0 && !(tool.id === 'pg-delta' && result.status === 3)) {
      return { error: `exit ${result.status}: ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ')}`.slice(0, 400) };
    }
    if (tool.stdoutTo) fs.writeFileSync(tool.stdoutTo, result.stdout);
    // The warm-up of a migrations add fills its cache, so it never stands in for a timed run.
    const long = result.seconds > 60 && !tool.e2e;
    if (i >= warmup || long) runs.push(result);
    last = result;
    if (long) break;
  }
  const seconds = runs.map((r) => r.seconds);
  return { median: lib.median(seconds), min: Math.min(...seconds), max: Math.max(...seconds), count: runs.length, rssMiB: Math.max(...runs.map((r) => r.rssKiB || 0)) / 1024, last };
}

const fmt = (s) => (s >= 10 ? s.toFixed(1) : s.toFixed(2));

async function benchSize(n, options) {
  const dir = path.join(lib.WORK, `n${n}`);
  fs.mkdirSync(dir, { recursive: true });
  const states = benchStates(n);
  fs.writeFileSync(path.join(dir, 'base.sql'), states.base);
  fs.writeFileSync(path.join(dir, 'target.sql'), states.target);
  const base = `bench_base_${n}`;
  const target = `bench_target_${n}`;
  process.stdout.write(`\nN = ${n}: ${states.base.split('\n').length} lines of base SQL, ${states.edits.length} edits; loading ${base} and ${target}…\n`);
  const loadStart = Date.now();
  lib.loadDatabase(base, path.join(dir, 'base.sql'));
  lib.loadDatabase(target, path.join(dir, 'target.sql'));
  const objects = Number(
    lib.psql(['-At', '-d', lib.dbUrl(base), '-c', `SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE nspname IN ('data','api','auth'))
      + (SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace s ON s.oid = c.relnamespace WHERE nspname IN ('data','api','auth') AND attnum > 0 AND c.relkind IN ('r','v'))
      + (SELECT count(*) FROM pg_constraint k JOIN pg_namespace s ON s.oid = k.connamespace WHERE nspname IN ('data','api','auth'))
      + (SELECT count(*) FROM pg_proc p JOIN pg_namespace s ON s.oid = p.pronamespace WHERE nspname IN ('data','api','auth'))
      + (SELECT count(*) FROM pg_trigger t WHERE NOT tgisinternal) + (SELECT count(*) FROM pg_policy)`]).trim(),
  );
  process.stdout.write(`  loaded in ${((Date.now() - loadStart) / 1000).toFixed(1)} s; ${objects} catalog objects (relations, columns, constraints, functions, triggers, policies) ≈ ${(objects / n).toFixed(0)} per table\n`);
  // pg_dump locks every table in one transaction; at a few thousand tables a default server
  // (max_locks_per_transaction = 64) refuses, and then no output can be checked.
  let want;
  let unchecked;
  try {
    want = lib.schemaDump(target);
  } catch (error) {
    unchecked = `not checked: pg_dump of the target failed (${String(error.stderr || error.message).split('\n').find((l) => /ERROR/.test(l)) || 'error'})`.trim();
  }
  const ctx = {
    dir,
    from: lib.dbUrl(base),
    to: lib.dbUrl(target),
    projects: {
      // One migration per hundred tables: a single transaction holding a thousand tables' DDL runs
      // out of lock slots on a default server (max_locks_per_transaction = 64).
      server: lib.makeProject(path.join(lib.WORK, `project-n${n}-server`), states.base, states.target, Math.ceil(n / 100)),
      pglite: lib.makeProject(path.join(lib.WORK, `project-n${n}-pglite`), states.base, states.target, Math.ceil(n / 100)),
    },
  };
  const rows = [];
  for (const tool of tools(ctx)) {
    if (options.tools ? !options.tools.includes(tool.id) : tool.optIn) continue;
    process.stdout.write(`  ${tool.id}… `);
    const m = await measure(tool, options);
    let verdict = { verdict: '–', detail: '' };
    if (m.error) verdict = { verdict: 'no', detail: m.error };
    else if (!tool.noOutput && unchecked) verdict = { verdict: '?', detail: unchecked };
    else if (!tool.noOutput) verdict = lib.check(base, tool.outputs(), want, `bench_check_${n}`);
    rows.push({ tool, m, verdict });
    process.stdout.write(m.error ? `failed (${m.error.slice(0, 120)})\n` : `${fmt(m.median)} s (${fmt(m.min)}–${fmt(m.max)}, ${m.count} run(s)), correct: ${verdict.verdict}\n`);
  }
  if (!options.keep) {
    lib.dropDatabase(base);
    lib.dropDatabase(target);
  }
  return { n, objects, edits: states.edits, rows };
}

function table(result, options) {
  const ref = result.rows.find((r) => r.tool.id === 'pgshift' && !r.m.error);
  const floor = result.rows.find((r) => r.tool.id === 'floor' && !r.m.error);
  const lines = [
    `### N = ${result.n} tables (${result.objects} catalog objects)`,
    '',
    '| tool | median s | min–max s | runs | × pgshift diff | × floor | peak RSS MiB | correct | note |',
    '|---|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const { tool, m, verdict } of result.rows) {
    if (m.error) {
      lines.push(`| ${tool.label} | ${m.timedOut ? `> ${options.limit}` : '–'} | – | – | ${m.timedOut && ref ? `> ${(options.limit / ref.m.median).toFixed(0)}` : '–'} | – | – | ${m.timedOut ? '–' : 'no'} | ${m.error.replace(/\|/g, '\\|')} |`);
      continue;
    }
    const ratio = ref ? (m.median / ref.m.median).toFixed(2) : '–';
    const toFloor = floor ? (m.median / floor.m.median).toFixed(2) : '–';
    lines.push(
      `| ${tool.label} | ${fmt(m.median)} | ${fmt(m.min)}–${fmt(m.max)} | ${m.count} | ${ratio} | ${toFloor} | ${m.rssMiB.toFixed(0)} | ${verdict.verdict} | ${(verdict.detail || '').replace(/\|/g, '\\|').slice(0, 300)} |`,
    );
  }
  return lines.join('\n');
}

function scaling(results) {
  const lines = [];
  const ids = [...new Set(results.flatMap((r) => r.rows.map((x) => x.tool.id)))];
  const sizes = results.map((r) => r.n);
  if (sizes.length < 2) return '';
  lines.push('### Scaling', '', `| tool | ${sizes.map((n) => `t(${n}) s`).join(' | ')} | ${sizes.slice(1).map((n, i) => `t(${n})/t(${sizes[i]})`).join(' | ')} |`);
  lines.push(`|---|${sizes.map(() => '---:').join('|')}|${sizes.slice(1).map(() => '---:').join('|')}|`);
  for (const id of ids) {
    const t = results.map((r) => r.rows.find((x) => x.tool.id === id)).map((x) => (x && !x.m.error ? x.m.median : undefined));
    const ratios = t.slice(1).map((v, i) => (v !== undefined && t[i] !== undefined ? (v / t[i]).toFixed(2) : '–'));
    lines.push(`| ${id} | ${t.map((v) => (v === undefined ? '–' : fmt(v))).join(' | ')} | ${ratios.join(' | ')} |`);
  }
  lines.push('', `Size ratios: ${sizes.slice(1).map((n, i) => `${n}/${sizes[i]} = ${(n / sizes[i]).toFixed(1)}`).join(', ')} (linear growth means the time ratio is at most this).`);
  return lines.join('\n');
}

function versions() {
  const read = (p) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(lib.ROOT, p), 'utf8')).version;
    } catch {
      return 'not installed';
    }
  };
  let apg = 'unknown';
  try {
    apg = require('child_process').execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'apgdiff'], { encoding: 'utf8' });
  } catch {
    // reported as unknown
  }
  return `pgshift ${read('packages/cli/package.json')}, @supabase/pg-delta ${read('node_modules/@supabase/pg-delta/package.json')}, @pgkit/migra ${read('node_modules/@pgkit/migra/package.json')}, apgdiff ${apg}`;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  fs.mkdirSync(lib.WORK, { recursive: true });
  const before = lib.machineFacts();
  const started = new Date();
  const results = [];
  for (const n of options.tables) results.push(await benchSize(n, options));
  const after = lib.machineFacts();
  const md = [
    `# pgshift benchmark, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${before.cpu}, ${before.memory}, ${before.os}; Node ${before.node}; PostgreSQL ${before.postgres} on the same machine.`,
    `Load average (1/5/15 min) before: ${before.load}; after: ${after.load}. The 2 cores are shared with other work, so absolute times carry noise; ratios measured in the same run are the figures to read.`,
    `Versions: ${versions()}.`,
    `Each figure: ${options.warmup} warm-up + ${options.runs} timed runs of the whole process (median, min–max); \`migrations add\` rows: ${options.e2eRuns} timed run(s), after one warm-up that fills the cache for the warm rows and none for the cold rows. Peak RSS is the process's (and its children's) as /usr/bin/time reports it; the PostgreSQL server's own work is not in it.`,
    '"correct": the tool\'s output applied with psql (ON_ERROR_STOP) to a copy of the base database (CREATE DATABASE … TEMPLATE), and the copy\'s normalised `pg_dump --schema-only` equal to the target\'s.',
    '',
    ...results.flatMap((r) => [table(r, options), '', `Change set: ${r.edits.join('; ')}.`, '']),
    scaling(results),
    '',
  ].join('\n');
  const resultsDir = path.join(__dirname, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  // A second run on the same day keeps the first one's file.
  let file = path.join(resultsDir, `${started.toISOString().slice(0, 10)}.md`);
  if (fs.existsSync(file)) file = path.join(resultsDir, `${started.toISOString().slice(0, 16).replace(':', '')}.md`);
  fs.writeFileSync(file, md);
  fs.writeFileSync(path.join(resultsDir, 'latest.md'), md);
  const data = figures(results, started);
  fs.writeFileSync(path.join(resultsDir, 'latest.json'), JSON.stringify(data, null, 2) + '\n');
  const written = [file, path.join(resultsDir, 'latest.md'), path.join(resultsDir, 'latest.json')];
  // The tables are the run's result; a chart that cannot be drawn must not cost them.
  try {
    chart.writePng(data, path.join(resultsDir, 'latest.png'));
    written.push(path.join(resultsDir, 'latest.png'));
  } catch (error) {
    process.stderr.write(`chart not written: ${error.message}\n`);
  }
  process.stdout.write(`\n${md}\nWritten to ${written.map((f) => path.relative(process.cwd(), f)).join(', ')}\n`);
}

/** The measured figures as data, for the chart and for comparing runs. */
function figures(results, started) {
  const round = (v, digits) => Number(v.toFixed(digits));
  const entry = ({ tool, m, verdict }) => {
    // As in the table: a run stopped at the time limit says nothing about correctness.
    const correct = m.timedOut ? '–' : verdict.verdict;
    if (m.error) return { label: tool.label, median: null, min: null, max: null, runs: 0, correct, rssMiB: null, error: m.error };
    return { label: tool.label, median: round(m.median, 3), min: round(m.min, 3), max: round(m.max, 3), runs: m.count, correct, rssMiB: round(m.rssMiB, 1) };
  };
  return {
    date: `${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    sizes: results.map((r) => ({ n: r.n, objects: r.objects, tools: Object.fromEntries(r.rows.map((row) => [row.tool.id, entry(row)])) })),
  };
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${lib.maskUrl(String(error.stack || error.message))}\n`);
  process.exitCode = 1;
});
