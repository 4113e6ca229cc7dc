#!/usr/bin/env node
'use strict';
/**
 * Where a pgshift process spends its time. Runs the given pgshift command under
 * `node --cpu-prof` and prints self time per function and per source file, plus the share of
 * the wall time the process sat idle (waiting on PostgreSQL).
 *
 *   node bench/profile.js diff --from postgres://… --to postgres://…
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const lib = require('./lib');

const PGSHIFT = path.join(lib.ROOT, 'packages', 'cli', 'bin', 'pgshift.js');

function summarise(file, top = 20) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) || 0) + (deltas[i] || 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fns = new Map();
  const files = new Map();
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id);
    const where = callFrame.url ? `${shortUrl(callFrame.url)}:${callFrame.lineNumber + 1}` : '';
    const key = `${callFrame.functionName || '(anonymous)'} ${where}`.trim();
    fns.set(key, (fns.get(key) || 0) + us);
    const fileKey = callFrame.url ? shortUrl(callFrame.url) : callFrame.functionName || '(native)';
    files.set(fileKey, (files.get(fileKey) || 0) + us);
  }
  const table = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `  ${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`)
      .join('\n');
  return `total sampled ${(total / 1000).toFixed(0)} ms\n\nself time by function:\n${table(fns)}\n\nself time by file:\n${table(files)}\n`;
}

function shortUrl(url) {
  return url.replace(/^file:\/\//, '').replace(`${lib.ROOT}/`, '');
}

function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgshift-prof-'));
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, PGSHIFT, ...process.argv.slice(2)], {
    cwd: lib.ROOT,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, PGSHIFT_CACHE_DIR: path.join(lib.WORK, 'cache') },
  });
  const wall = (Date.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`pgshift exited with ${r.status}: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
  const file = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile')));
  process.stdout.write(`wall ${wall.toFixed(2)} s; profile ${file}\n${summarise(file)}`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`profile failed: ${lib.maskUrl(String(error.message))}\n`);
  process.exitCode = 1;
}
