'use strict';
/**
 * The floor: the least any catalog-reading differ pays. Connects to both databases and runs one
 * query over pg_attribute (every user column with its type) on each, fetching every row.
 * Usage: node bench/floor.js URL_FROM URL_TO
 */
const { Client } = require('pg');

const COLUMNS = `
SELECT c.oid, n.nspname, c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE a.attnum > 0 AND NOT a.attisdropped
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
ORDER BY 1, 4`;

async function columns(url) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(COLUMNS)).rows.length;
  } finally {
    await client.end();
  }
}

Promise.all(process.argv.slice(2, 4).map(columns)).then(
  (counts) => process.stdout.write(`${counts.join(' ')} columns\n`),
  (error) => {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  },
);
