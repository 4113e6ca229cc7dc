import { readFileSync } from 'fs';
import * as path from 'path';

// The generator script is plain JavaScript so that it runs without a build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generate, stale } = require('../scripts/gen-option-types.js') as {
  generate(): Promise<{ file: string; content: string }[]>;
  stale(): Promise<{ file: string }[]>;
};

jest.setTimeout(60_000);

describe('option types', () => {
  test('every schema.d.ts is what json-schema-to-typescript makes of the schema.json beside it', async () => {
    const out = (await stale()).map(({ file }) => path.relative(path.join(__dirname, '..'), file));
    expect(out).toEqual([]);
  });

  test('every executor and generator has a generated type', async () => {
    const files = (await generate()).map(({ file }) => path.relative(__dirname, file).split(path.sep).join('/'));
    const declared = (manifest: string, key: string) =>
      Object.values(JSON.parse(readFileSync(path.join(__dirname, '..', manifest), 'utf8'))[key] as Record<string, { schema: string }>).map((e) =>
        e.schema.replace('./src/', '').replace('schema.json', 'schema.d.ts'),
      );
    expect(files.sort()).toEqual([...declared('executors.json', 'executors'), ...declared('generators.json', 'generators')].sort());
  });
});
