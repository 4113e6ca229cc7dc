#!/usr/bin/env node
'use strict';
/**
 * Does `migrations add` cost grow with the length of the history? The same base state is split
 * into 3 and into 300 existing migrations; the source is the changed variant. With a warm cache
 * (the migrations' state is cached under the hash of the plan and the deploy scripts) the two
 * should cost the same.
 *
 *   node bench/migrations-history.js [--tables 100] [--runs 5] [--engine server|pglite] [--counts 3,300]
 *
 * Runs alternate between the projects (3, 300, 3, 300, …) so that a change in the machine's load
 * hits both alike. Each project is put back in place between runs: the cache key includes the
 * deploy scripts' paths, so the project must not move.
 */
const fs = require('fs');
const path = require('path');
const { benchStates } = require('./generate');
const lib = require('./lib');

const PGSHIFT = path.join(lib.ROOT, 'packages', 'cli', 'bin', 'pgshift.js');
const CACHE = path.join(lib.WORK, 'cache');

function parseArgs(argv) {
  const options = { tables: 100, runs: 5, engine: 'server', counts: [3, 300] };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=');
    const value = () => inline ?? argv[++i];
    if (key === '--tables') options.tables = Number(value());
    else if (key === '--runs') options.runs = Number(value());
    else if (key === '--engine') options.engine = value();
    else if (key === '--counts') options.counts = value().split(',').map(Number);
    else throw new Error(`unknown option ${argv[i]}; use --tables, --runs, --engine, --counts`);
  }
  if (!['server', 'pglite'].includes(options.engine)) throw new Error('--engine is server or pglite');
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const states = benchStates(options.tables);
  const engineArgs = options.engine === 'server' ? ['--engine', 'server', '--database-url', lib.ADMIN_URL] : ['--engine', 'pglite'];
  const projects = options.counts.map((count) => ({
    count,
    project: lib.makeProject(path.join(lib.WORK, `history-${options.engine}-${count}`), states.base, states.target, count),
    cold: undefined,
    times: [],
    rss: [],
  }));
  const add = async (p) => {
    p.project.reset();
    const r = await lib.timed(process.execPath, [PGSHIFT, 'migrations', 'add', 'feature', '--allow-hazards', 'all', '--project-dir', p.project.dir, ...engineArgs], {
      env: { PGSHIFT_CACHE_DIR: CACHE },
    });
    if (r.status !== 0) throw new Error(`migrations add with ${p.count} migrations failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
    return r;
  };
  const facts = lib.machineFacts();
  process.stdout.write(`migrations add, ${options.tables} tables, engine ${options.engine}, load ${facts.load}\n`);
  for (const p of projects) {
    for (const f of fs.existsSync(CACHE) ? fs.readdirSync(CACHE) : []) if (f.startsWith('migrations-')) fs.rmSync(path.join(CACHE, f));
    p.cold = (await add(p)).seconds; // fills the cache: this is the replay
    const deployed = p.project.added().length;
    process.stdout.write(`  ${p.count} migrations: cold (replay) ${p.cold.toFixed(2)} s, wrote ${deployed} change(s)\n`);
  }
  for (let i = 0; i < options.runs; i++) {
    for (const p of projects) {
      const r = await add(p);
      p.times.push(r.seconds);
      p.rss.push(r.rssKiB || 0);
    }
  }
  const lines = [
    `### migrations add with a warm cache: ${options.tables} tables, engine ${options.engine}`,
    '',
    `Load average before: ${facts.load}; after: ${lib.machineFacts().load}. ${options.runs} alternating runs each.`,
    '',
    '| existing migrations | cold (replay) s | warm median s | warm min–max s | peak RSS MiB | × fewest |',
    '|---:|---:|---:|---:|---:|---:|',
  ];
  const ref = lib.median(projects[0].times);
  for (const p of projects) {
    const m = lib.median(p.times);
    lines.push(`| ${p.count} | ${p.cold.toFixed(2)} | ${m.toFixed(2)} | ${Math.min(...p.times).toFixed(2)}–${Math.max(...p.times).toFixed(2)} | ${(Math.max(...p.rss) / 1024).toFixed(0)} | ${(m / ref).toFixed(2)} |`);
  }
  const md = lines.join('\n');
  const resultsDir = path.join(__dirname, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${new Date().toISOString().slice(0, 10)}-migrations-history-${options.engine}.md`);
  fs.writeFileSync(file, `${md}\n`);
  process.stdout.write(`\n${md}\n\nWritten to ${path.relative(process.cwd(), file)}\n`);
}

main().catch((error) => {
  process.stderr.write(`migrations-history failed: ${lib.maskUrl(String(error.message))}\n`);
  process.exitCode = 1;
});
