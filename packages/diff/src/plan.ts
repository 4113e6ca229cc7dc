import type { SchemaModel } from '@pgshift/catalog';
import { diffIndexed } from './diff';
import { ModelIndex } from './model-index';
import { renderDeploy } from './render';
import type { DiffOptions, Plan } from './types';
import { renderVerify } from './verify';

/** Deploy, revert (the same algorithm from `to` back to `from`) and verify scripts. */
export function planMigration(from: SchemaModel, to: SchemaModel, options: DiffOptions = {}): Plan {
  const a = new ModelIndex(from);
  const b = new ModelIndex(to);
  const changes = diffIndexed(a, b, options);
  const back = diffIndexed(b, a, options);
  return {
    deploy: renderDeploy(changes),
    revert: renderDeploy(back),
    verify: renderVerify(changes),
    hazards: changes.flatMap((c) => c.hazards),
    changes,
  };
}
