#!/usr/bin/env node
'use strict';
/**
 * The benchmark's chart: median time against N per tool, log–log, as an SVG string and a PNG.
 *
 *   node bench/chart.js bench/results/latest.json bench/results/latest.png
 *
 * Input is the figures run.js writes to latest.json. A tool whose output was wrong at any N
 * gets a dashed line and "(wrong)" in the legend: a fast wrong answer is not a win.
 */
const fs = require('fs');

const W = 900;
const H = 560;
const PLOT = { left: 78, top: 56, right: 590, bottom: H - 64 };
const LEGEND = { left: 612, width: 276, font: 12.5, line: 15, gap: 9 };
const COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#ff9da7', '#bab0ac'];
const SHAPES = ['circle', 'square', 'triangle', 'diamond'];
const WRONG = new Set(['no', 'column order']);

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (v) => Number(v.toPrecision(1)).toLocaleString('en-US');

/** A log scale over [min, max] with some room at both ends, so markers at the extremes stay whole. */
function logScale(min, max, from, to, minDecades = 0) {
  let lo = Math.log10(min);
  let hi = Math.log10(max);
  // A narrow y range would blow small differences up to the full height.
  const widen = Math.max(0, minDecades - (hi - lo)) / 2;
  lo -= widen;
  hi += widen;
  const pad = Math.max((hi - lo) * 0.08, 0.15);
  lo -= pad;
  hi += pad;
  const at = (v) => from + ((Math.log10(v) - lo) / (hi - lo)) * (to - from);
  return { at, lo: 10 ** lo, hi: 10 ** hi };
}

/** 1-2-5 ticks; the 2s and 5s get labels only when fewer than three decades are in view. */
function ticks(lo, hi) {
  const all = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo && v <= hi) all.push({ v, major: m === 1 });
    }
  }
  const labelMinor = all.filter((t) => t.major).length < 3;
  return all.map((t) => ({ ...t, label: t.major || labelMinor }));
}

/** Word wrap by an estimated glyph width (DejaVu Sans averages about 0.54 em in these labels). */
function wrap(text, width, font) {
  const max = Math.floor(width / (font * 0.54));
  const lines = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + ' ' + word).length <= max) lines[lines.length - 1] = last + ' ' + word;
    else lines.push(word);
  }
  return lines;
}

function marker(shape, x, y, colour) {
  const r = 4.5;
  const p = (pts) => `<polygon points="${pts.map(([a, b]) => `${(x + a).toFixed(1)},${(y + b).toFixed(1)}`).join(' ')}" fill="${colour}"/>`;
  if (shape === 'square') return `<rect x="${(x - r).toFixed(1)}" y="${(y - r).toFixed(1)}" width="${2 * r}" height="${2 * r}" fill="${colour}"/>`;
  if (shape === 'triangle') return p([[0, -r * 1.2], [r * 1.1, r * 0.8], [-r * 1.1, r * 0.8]]);
  if (shape === 'diamond') return p([[0, -r * 1.3], [r * 1.1, 0], [0, r * 1.3], [-r * 1.1, 0]]);
  return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r}" fill="${colour}"/>`;
}

/** The series in the order tools first appear, each with its points (failed runs have none). */
function series(data) {
  const byId = new Map();
  for (const size of data.sizes) {
    for (const [id, t] of Object.entries(size.tools)) {
      if (!byId.has(id)) byId.set(id, { id, label: t.label, wrong: false, points: [] });
      const s = byId.get(id);
      if (WRONG.has(t.correct)) s.wrong = true;
      if (typeof t.median === 'number' && t.median > 0) s.points.push({ n: size.n, t: t.median });
    }
  }
  return [...byId.values()];
}

function chartSvg(data) {
  const all = series(data);
  const ns = data.sizes.map((s) => s.n);
  const times = all.flatMap((s) => s.points.map((p) => p.t));
  if (!times.length) throw new Error('no measured times to chart');
  const x = logScale(Math.min(...ns), Math.max(...ns), PLOT.left, PLOT.right);
  const y = logScale(Math.min(...times), Math.max(...times), PLOT.bottom, PLOT.top, 1);
  const out = [];
  const text = (tx, ty, s, attrs = '') => out.push(`<text x="${tx.toFixed(1)}" y="${ty.toFixed(1)}" ${attrs}>${esc(s)}</text>`);

  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  text(W / 2, 30, `pgshift benchmark, ${data.date}: median wall time against schema size`, 'font-size="17" font-weight="bold" text-anchor="middle"');

  for (const t of ticks(y.lo, y.hi)) {
    const ty = y.at(t.v);
    out.push(`<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${ty.toFixed(1)}" y2="${ty.toFixed(1)}" stroke="${t.major ? '#d0d0d0' : '#ececec'}"/>`);
    if (t.label) text(PLOT.left - 8, ty + 4.5, num(t.v), 'font-size="12.5" text-anchor="end"');
  }
  // The measured sizes are the x ticks: there are few of them, and they are the figures the tables use.
  for (const n of ns) {
    const tx = x.at(n);
    out.push(`<line x1="${tx.toFixed(1)}" x2="${tx.toFixed(1)}" y1="${PLOT.top}" y2="${PLOT.bottom}" stroke="#e4e4e4"/>`);
    text(tx, PLOT.bottom + 19, n.toLocaleString('en-US'), 'font-size="12.5" text-anchor="middle"');
  }
  out.push(`<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" fill="none" stroke="#555"/>`);
  text((PLOT.left + PLOT.right) / 2, H - 22, 'N, tables (log scale)', 'font-size="13.5" text-anchor="middle"');
  const yMid = (PLOT.top + PLOT.bottom) / 2;
  text(24, yMid, 'median wall time, s (log scale)', `font-size="13.5" text-anchor="middle" transform="rotate(-90 24 ${yMid})"`);

  let ly = PLOT.top + 4;
  all.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const shape = SHAPES[i % SHAPES.length];
    const dash = s.wrong ? ' stroke-dasharray="7 5"' : '';
    const pts = s.points.map((p) => [x.at(p.n), y.at(p.t)]);
    if (pts.length > 1) out.push(`<polyline points="${pts.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(' ')}" fill="none" stroke="${colour}" stroke-width="2.2"${dash}/>`);
    for (const [a, b] of pts) out.push(marker(shape, a, b, colour));

    const lines = wrap(s.label + (s.wrong ? ' (wrong)' : ''), LEGEND.width - 40, LEGEND.font);
    const mid = ly + LEGEND.font * 0.35 - 4;
    out.push(`<line x1="${LEGEND.left}" x2="${LEGEND.left + 30}" y1="${mid.toFixed(1)}" y2="${mid.toFixed(1)}" stroke="${colour}" stroke-width="2.2"${dash}/>`);
    out.push(marker(shape, LEGEND.left + 15, mid, colour));
    lines.forEach((l, j) => text(LEGEND.left + 38, ly + LEGEND.font * 0.35 + j * LEGEND.line, l, `font-size="${LEGEND.font}"`));
    ly += lines.length * LEGEND.line + LEGEND.gap;
  });

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans" fill="#222">\n${out.join('\n')}\n</svg>\n`;
}

function writePng(data, file) {
  // Loaded here, so run.js still writes its tables where the native package is missing.
  const { Resvg } = require('@resvg/resvg-js');
  const png = new Resvg(chartSvg(data), { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
  fs.writeFileSync(file, png);
}

if (require.main === module) {
  const [json, png] = process.argv.slice(2);
  if (!json || !png) {
    process.stderr.write('usage: node bench/chart.js <figures.json> <chart.png>\n');
    process.exitCode = 2;
  } else {
    writePng(JSON.parse(fs.readFileSync(json, 'utf8')), png);
  }
}

module.exports = { chartSvg, writePng };
