#!/usr/bin/env node
'use strict';
/**
 * What a deploy costs the application: a writer inserts and updates a table of --rows rows in
 * short transactions while the same migration (an index built, one dropped, a foreign key, a check
 * and a NOT NULL added) deploys, once in pgshift's online form and once plain (--no-online).
 * Reported: the writer's waits during the deploy (p50 / p99 / max) and the deploy's own time.
 *
 *   node bench/writer-latency.js [--rows 1000000] [--runs 3]
 *
 * Needs the PostgreSQL server of PGSHIFT_DATABASE_URL and a build (npm run build).
 */
const fs = require('fs');
const path = require('path');
const { Client } = require('pg');
const lib = require('./lib');

const PGSHIFT = path.join(lib.ROOT, 'packages', 'cli', 'bin', 'pgshift.js');
const { execFile, execFileSync } = require('child_process');
const { promisify } = require('util');

const BEFORE = `create schema app;
create table app.customers (id int primary key, name text);
create table app.orders (id bigint generated always as identity primary key, customer_id int, amount int, note text);
create index orders_note_idx on app.orders (note);
`;
const AFTER = `create schema app;
create table app.customers (id int primary key, name text);
create table app.orders (
  id bigint generated always as identity primary key,
  customer_id int references app.customers,
  amount int check (amount >= 0),
  note text not null
);
create index orders_customer_idx on app.orders (customer_id);
`;

function parseArgs(argv) {
  const options = { rows: 1_000_000, runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=');
    const value = () => inline ?? argv[++i];
    if (key === '--rows') options.rows = Number(value());
    else if (key === '--runs') options.runs = Number(value());
    else throw new Error(`unknown option ${argv[i]}; use --rows, --runs`);
  }
  return options;
}

const pgshift = (dir, ...args) => execFileSync(process.execPath, [PGSHIFT, ...args, '--project-dir', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** A project whose two migrations are the initial state and the change, written online or plain. */
function project(dir, online) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'db', 'src'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'db', 'src', 'init.sql'), BEFORE);
  pgshift(dir, 'migrations', 'init');
  fs.writeFileSync(path.join(dir, 'db', 'src', 'init.sql'), AFTER);
  pgshift(dir, 'migrations', 'add', 'orders-integrity', ...(online ? [] : ['--no-online']));
}

async function fill(url, rows) {
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query(`INSERT INTO app.customers SELECT g, 'customer ' || g FROM generate_series(1, 1000) g`);
  await c.query(`INSERT INTO app.orders (customer_id, amount, note) SELECT 1 + g % 1000, g % 100, 'order ' || g FROM generate_series(1, ${rows}) g`);
  await c.query('VACUUM ANALYZE app.orders');
  await c.end();
}

function writer(url, rows) {
  const client = new Client({ connectionString: url, application_name: 'bench-writer' });
  const waits = [];
  let errors = 0;
  let running = true;
  const done = (async () => {
    await client.connect();
    for (let i = 0; running; i++) {
      const t = performance.now();
      try {
        if (i % 2 === 0) await client.query(`INSERT INTO app.orders (customer_id, amount, note) VALUES ($1, $2, 'live')`, [1 + (i % 1000), i % 100]);
        else await client.query('UPDATE app.orders SET amount = amount + 1 WHERE id = $1', [1 + ((i * 7919) % rows)]);
      } catch {
        errors++;
      }
      waits.push(performance.now() - t);
    }
    await client.end();
  })();
  return async () => {
    running = false;
    await done;
    return { waits, errors };
  };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function once(form, options) {
  const dir = path.join(lib.WORK, `writer-${form}`);
  project(dir, form === 'online');
  const name = `pgshift_bench_writer_${process.pid}`;
  lib.dropDatabase(name);
  lib.createDatabase(name);
  const url = lib.dbUrl(name);
  try {
    pgshift(dir, 'deploy', '--target', url, '--to', '0000000001-initial');
    await fill(url, options.rows);
    const stop = writer(url, options.rows);
    await new Promise((r) => setTimeout(r, 500));
    const t = performance.now();
    // Asynchronously: the writer runs on this process's event loop.
    await promisify(execFile)(process.execPath, [PGSHIFT, 'deploy', '--target', url, '-y', '--project-dir', dir]);
    const deployMs = performance.now() - t;
    await new Promise((r) => setTimeout(r, 500));
    const { waits, errors } = await stop();
    const sorted = [...waits].sort((a, b) => a - b);
    return { deployMs, statements: waits.length, errors, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
  } finally {
    lib.dropDatabase(name);
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  fs.mkdirSync(lib.WORK, { recursive: true });
  const results = { online: [], plain: [] };
  // Alternating, so that a change in the machine's load hits both alike.
  for (let run = 0; run < options.runs; run++) {
    for (const form of ['online', 'plain']) {
      const r = await once(form, options);
      results[form].push(r);
      process.stderr.write(`${form} run ${run + 1}: deploy ${r.deployMs.toFixed(0)} ms, writer p50 ${r.p50.toFixed(1)} / p99 ${r.p99.toFixed(1)} / max ${r.max.toFixed(0)} ms, ${r.errors} errors\n`);
    }
  }
  const med = (form, key) => lib.median(results[form].map((r) => r[key]));
  const row = (form) => `| ${form} | ${med(form, 'deployMs').toFixed(0)} | ${med(form, 'p50').toFixed(1)} | ${med(form, 'p99').toFixed(1)} | ${med(form, 'max').toFixed(0)} | ${results[form].reduce((n, r) => n + r.errors, 0)} |`;
  const table = [
    `Writer latency during a deploy: ${options.rows.toLocaleString('en')} rows, ${options.runs} runs each (medians)`,
    '',
    '| form | deploy ms | writer p50 ms | writer p99 ms | writer max ms | writer errors |',
    '|---|---|---|---|---|---|',
    row('online'),
    row('plain'),
    '',
    `Longest writer wait, plain ÷ online: ${(med('plain', 'max') / med('online', 'max')).toFixed(1)}×`,
    '',
    `Machine: ${JSON.stringify(lib.machineFacts())}`,
  ].join('\n');
  process.stdout.write(`${table}\n`);
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, 'results', 'writer-latency.md'), `${table}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
