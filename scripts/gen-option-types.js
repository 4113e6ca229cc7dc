#!/usr/bin/env node
/**
 * Option types from schema.json: each src/{executors,generators}/NAME/schema.json becomes the
 * schema.d.ts beside it, compiled by json-schema-to-typescript. `--check` writes nothing and exits
 * 1 when a schema.d.ts is out of date; the plugin's tests run the same check.
 */
const fs = require('fs');
const path = require('path');
const { compile } = require('json-schema-to-typescript');

const root = path.join(__dirname, '..');
const kinds = { executors: 'Executor', generators: 'Generator' };

const banner = (schemaFile) =>
  `/**\n * Generated from ${schemaFile} by scripts/gen-option-types.js (json-schema-to-typescript).\n * Do not edit: change schema.json and run \`node scripts/gen-option-types.js\`.\n */`;

function pascal(name) {
  return name.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase());
}

function schemaFiles() {
  const found = [];
  for (const kind of Object.keys(kinds)) {
    const dir = path.join(root, 'src', kind);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name, 'schema.json');
      if (fs.existsSync(file)) found.push({ kind, name, file });
    }
  }
  return found;
}

/** The schema.d.ts text each schema.json should have beside it. */
async function generate() {
  const out = [];
  for (const { kind, name, file } of schemaFiles()) {
    const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
    // Title and $id are for Nx; the type is named after the folder instead.
    delete schema.title;
    delete schema.$id;
    const rel = path.relative(root, file).split(path.sep).join('/');
    const text = await compile(schema, `${pascal(name)}${kinds[kind]}Schema`, {
      bannerComment: banner(rel),
      additionalProperties: false,
      strictIndexSignatures: false,
      style: { singleQuote: true, printWidth: 120 },
    });
    out.push({ file: path.join(path.dirname(file), 'schema.d.ts'), content: text });
  }
  return out;
}

/** Files whose schema.d.ts is missing or differs from what generate() gives. */
async function stale() {
  const files = await generate();
  return files.filter(({ file, content }) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== content);
}

async function main() {
  const check = process.argv.includes('--check');
  if (check) {
    const out = await stale();
    for (const { file } of out) console.error(`${path.relative(root, file)} is out of date; run node scripts/gen-option-types.js`);
    process.exitCode = out.length > 0 ? 1 : 0;
    return;
  }
  for (const { file, content } of await generate()) {
    const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (before === content) continue;
    fs.writeFileSync(file, content);
    console.log(`wrote ${path.relative(root, file)}`);
  }
}

module.exports = { generate, stale };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
