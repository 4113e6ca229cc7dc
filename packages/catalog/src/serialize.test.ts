import { CatalogError } from './errors';
import { emptyModel, MODEL_VERSION } from './model';
import { parseModel, serializeModel } from './serialize';

describe('serializeModel / parseModel', () => {
  test('writes keys sorted at every level, so insertion order does not change the text', () => {
    const a = { ...emptyModel(150000), roles: [{ name: 'x', id: 'role "x"', canLogin: true }] };
    const b = { ...emptyModel(150000), roles: [{ canLogin: true, id: 'role "x"', name: 'x' }] };
    expect(serializeModel(a)).toBe(serializeModel(b));
    expect(serializeModel(a)).toContain('"canLogin": true,\n      "id": "role \\"x\\"",\n      "name": "x"');
  });

  test('round-trips a model', () => {
    const model = emptyModel(180001);
    expect(parseModel(serializeModel(model))).toEqual(model);
  });

  test('rejects a snapshot of another model version with a code naming the file', () => {
    const text = JSON.stringify({ ...emptyModel(), version: MODEL_VERSION + 1 });
    expect(() => parseModel(text, 'snapshots/db.json')).toThrow(CatalogError);
    try {
      parseModel(text, 'snapshots/db.json');
    } catch (error) {
      expect(error).toMatchObject({ code: 'CATALOG_MODEL_VERSION', origin: 'snapshots/db.json' });
      expect((error as Error).message).toContain('snapshots/db.json');
    }
  });

  test('rejects text that is not JSON or has no version', () => {
    expect(() => parseModel('{', 'a.json')).toThrow(expect.objectContaining({ code: 'CATALOG_MODEL_INVALID' }));
    expect(() => parseModel('[]', 'a.json')).toThrow(expect.objectContaining({ code: 'CATALOG_MODEL_INVALID' }));
  });
});
