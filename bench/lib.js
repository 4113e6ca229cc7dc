'use strict';
/** What run.js and migrations-history.js share: databases, timed processes, projects, checks. */
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { normaliseDump, differsOnlyInColumnOrder } = require('../packages/proof/dist/dump.js');

const ROOT = path.resolve(__dirname, '..');
const WORK = path.join(__dirname, '.work');
const ADMIN_URL = process.env.PGSHIFT_DATABASE_URL || 'postgres://pgshift:pgshift@127.0.0.1:5432/postgres';

function dbUrl(name) {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

function maskUrl(url) {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

function psql(args, options = {}) {
  return execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

function admin(sql) {
  return psql(['-At', '-d', ADMIN_URL, '-c', sql]);
}

function dropDatabase(name) {
  admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

function createDatabase(name, template) {
  dropDatabase(name);
  admin(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
}

/**
 * Creates database `name` and loads `file` into it, statement by statement. One transaction
 * would run out of lock slots at a thousand tables; commits without waiting for the WAL flush
 * keep the load quick on a shared disk.
 */
function loadDatabase(name, file) {
  createDatabase(name);
  psql(['-d', dbUrl(name), '-f', file], { env: { ...process.env, PGOPTIONS: '-c synchronous_commit=off' } });
}

/**
 * proof's normalised dump, with each run of consecutive GRANT / REVOKE lines sorted: pg_dump
 * prints an ACL in the order of its aclitem array, and that order carries no meaning.
 */
function schemaDump(name) {
  const dump = execFileSync('pg_dump', ['--schema-only', '-d', dbUrl(name)], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const lines = normaliseDump(dump).split('\n');
  const out = [];
  for (let i = 0; i < lines.length; ) {
    if (!/^(GRANT|REVOKE) /.test(lines[i])) {
      out.push(lines[i++]);
      continue;
    }
    const run = [];
    while (i < lines.length && /^(GRANT|REVOKE) /.test(lines[i])) run.push(lines[i++]);
    out.push(...run.sort());
  }
  return out.join('\n');
}

/**
 * Runs a whole process under /usr/bin/time: wall time measured here, peak RSS (KiB) as time
 * reports it for the process and the children it waited for. A run that outlasts `limit`
 * seconds is stopped (its whole process group) and reported with `timedOut`.
 */
function timed(file, args, options = {}) {
  const rssFile = path.join(os.tmpdir(), `pgshift-bench-rss-${process.pid}`);
  fs.rmSync(rssFile, { force: true });
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '%M', '-o', rssFile, file, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    let timedOut = false;
    const timer = options.limit
      ? setTimeout(() => {
          timedOut = true;
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }, options.limit * 1000)
      : undefined;
    child.on('close', (status) => {
      if (timer) clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      let rssKiB;
      try {
        rssKiB = Number(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop());
      } catch {
        rssKiB = undefined;
      }
      resolve({ seconds, rssKiB, status, timedOut, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Applies SQL files in order to a fresh copy of `base` and compares its normalised pg_dump
 * with `want`. Returns { correct, detail }.
 */
function check(base, files, want, checkName) {
  createDatabase(checkName, base);
  try {
    for (const f of files) {
      try {
        psql(['-d', dbUrl(checkName), ...(f.singleTransaction ? ['-1'] : []), '-f', f.path]);
      } catch (error) {
        const message = String(error.stderr || error.message).split('\n').find((l) => /ERROR/.test(l)) || String(error.stderr || error.message).split('\n')[0];
        return { correct: false, verdict: 'no', detail: `apply failed: ${message.trim()}` };
      }
    }
    const got = schemaDump(checkName);
    if (got === want) return { correct: true, verdict: 'yes' };
    const g = new Set(got.split('\n'));
    const w = new Set(want.split('\n'));
    const extra = [...g].filter((l) => !w.has(l));
    const missing = [...w].filter((l) => !g.has(l));
    if (differsOnlyInColumnOrder(got, want)) return { correct: false, verdict: 'column order', detail: 'equal but for the order of columns in CREATE TABLE' };
    const sample = [...missing.slice(0, 3).map((l) => `- ${l.trim()}`), ...extra.slice(0, 3).map((l) => `+ ${l.trim()}`)].join(' | ');
    return { correct: false, verdict: 'no', detail: `dump differs: ${missing.length} lines missing, ${extra.length} extra; ${sample}` };
  } finally {
    dropDatabase(checkName);
  }
}

const PLAN_HEAD = '%syntax-version=1.0.0\n%project=bench\n\n';

/**
 * A pgshift project whose migrations produce `baseSql` (split into `count` deploy scripts at
 * statement lines) and whose source is `targetSql`. Returns a function that puts the project
 * back as it was, so a timed `migrations add` always starts from the same files and path.
 */
function makeProject(dir, baseSql, targetSql, count = 1) {
  fs.rmSync(dir, { recursive: true, force: true });
  const migrations = path.join(dir, 'db', 'migrations');
  for (const sub of ['deploy', 'revert', 'verify']) fs.mkdirSync(path.join(migrations, sub), { recursive: true });
  fs.mkdirSync(path.join(dir, 'db', 'src'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'db', 'src', 'init.sql'), targetSql);
  fs.writeFileSync(path.join(migrations, 'sqitch.conf'), '[core]\n\tengine = pg\n');
  const parts = splitStatements(baseSql, count);
  const lines = [];
  parts.forEach((sql, i) => {
    const name = `${String(i + 1).padStart(10, '0')}-base-${i + 1}`;
    fs.writeFileSync(path.join(migrations, 'deploy', `${name}.sql`), `-- Deploy bench:${name} to pg\n\nBEGIN;\n\n${sql}\nCOMMIT;\n`);
    fs.writeFileSync(path.join(migrations, 'revert', `${name}.sql`), `-- Revert bench:${name} from pg\n`);
    fs.writeFileSync(path.join(migrations, 'verify', `${name}.sql`), `-- Verify bench:${name} on pg\n`);
    lines.push(`${name} 2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z Bench <bench@example.com> # base part ${i + 1}`);
  });
  const plan = PLAN_HEAD + lines.join('\n') + '\n';
  fs.writeFileSync(path.join(migrations, 'sqitch.plan'), plan);
  const keep = new Set(parts.map((_, i) => `${String(i + 1).padStart(10, '0')}-base-${i + 1}.sql`));
  return {
    dir,
    planFile: path.join(migrations, 'sqitch.plan'),
    /** Deploy scripts that `migrations add` wrote, in plan order. */
    added() {
      const names = fs.readFileSync(path.join(migrations, 'sqitch.plan'), 'utf8').split('\n').slice(3 + parts.length).map((l) => l.split(' ')[0]).filter(Boolean);
      return names.map((n) => path.join(migrations, 'deploy', `${n}.sql`));
    },
    reset() {
      fs.writeFileSync(path.join(migrations, 'sqitch.plan'), plan);
      for (const sub of ['deploy', 'revert', 'verify']) {
        for (const f of fs.readdirSync(path.join(migrations, sub))) if (!keep.has(f)) fs.rmSync(path.join(migrations, sub, f));
      }
    },
  };
}

/** Splits generated SQL into `count` pieces at statement boundaries (a line ending in `;` at depth 0). */
function splitStatements(sql, count) {
  const statements = [];
  let current = [];
  let inBody = false;
  for (const line of sql.split('\n')) {
    current.push(line);
    const dollars = (line.match(/\$fn\$|\$\$/g) || []).length;
    if (dollars % 2 === 1) inBody = !inBody;
    if (!inBody && /;\s*$/.test(line)) {
      statements.push(current.join('\n'));
      current = [];
    }
  }
  if (current.join('').trim()) statements.push(current.join('\n'));
  const per = Math.ceil(statements.length / count);
  const parts = [];
  for (let i = 0; i < count; i++) parts.push(statements.slice(i * per, (i + 1) * per).join('\n'));
  return parts.filter((p) => p.trim() !== '');
}

function machineFacts() {
  const cpus = os.cpus();
  let pg = '';
  try {
    pg = admin('SHOW server_version').trim();
  } catch {
    pg = 'unknown';
  }
  return {
    cpu: `${cpus.length} × ${cpus[0] ? cpus[0].model : 'unknown'}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    load: os.loadavg().map((x) => x.toFixed(2)).join(' '),
    node: process.version,
    postgres: pg,
    os: `${os.type()} ${os.release()}`,
  };
}

module.exports = { ROOT, WORK, ADMIN_URL, dbUrl, maskUrl, psql, admin, dropDatabase, createDatabase, loadDatabase, schemaDump, timed, median, check, makeProject, splitStatements, machineFacts };
