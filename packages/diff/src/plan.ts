import type { SchemaModel } from '@pgshift/catalog';
import { diff } from './diff';
import { renderDeploy } from './render';
import type { DiffOptions, Plan } from './types';
import { renderVerify } from './verify';

/** Deploy, revert (the same algorithm from `to` back to `from`) and verify scripts. */
export function planMigration(from: SchemaModel, to: SchemaModel, options: DiffOptions = {}): Plan {
  const changes = diff(from, to, options);
  const back = diff(to, from, options);
  return {
    deploy: renderDeploy(changes),
    revert: renderDeploy(back),
    verify: renderVerify(changes),
    hazards: changes.flatMap((c) => c.hazards),
    changes,
  };
}
