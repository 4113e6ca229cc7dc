/** Helpers shared by the per-kind modules. */
import type { DiffContext } from '../context';
import type { Node } from '../graph';
import { cmp } from '../model-index';
import type { ObjectRef } from '../objects';
import type { Check, ObjectKind } from '../types';
import { commentStatements } from './comments';
import { ownedStatements, type Owned } from './privileges';

/** Objects matched by id: [id, in from, in to], sorted by id. */
export function pairs<T extends { id: string }>(from: T[], to: T[]): [string, T | undefined, T | undefined][] {
  const a = new Map(from.map((x) => [x.id, x]));
  const b = new Map(to.map((x) => [x.id, x]));
  return [...new Set([...a.keys(), ...b.keys()])].sort(cmp).map((id) => [id, a.get(id), b.get(id)]);
}

/** How one kind of object is created, dropped and altered in place. */
export interface KindRules<T> {
  create(ctx: DiffContext, to: T, cause: string | null, after: Node[]): void;
  drop(ctx: DiffContext, from: T, cause: string | null): Node;
  /** Called for an object in both models that is not created anew. */
  alter(ctx: DiffContext, from: T, to: T, id: string): void;
}

/**
 * The life cycle most kinds share: dropped when only `from` has it, created when only `to` has it,
 * dropped and created again when the closure replaces it, altered in place otherwise.
 */
export function diffObjects<T extends { id: string }>(ctx: DiffContext, from: T[], to: T[], rules: KindRules<T>): void {
  for (const [id, f, t] of pairs(from, to)) {
    if (f && !t) rules.drop(ctx, f, null);
    else if (!f && t) rules.create(ctx, t, null, []);
    else if (f && t) {
      if (ctx.isReplaced(id)) {
        const cause = ctx.causeOf(id);
        rules.create(ctx, t, cause, [rules.drop(ctx, f, cause)]);
      } else rules.alter(ctx, f, t, id);
    }
  }
}

export interface Described {
  comment?: string;
}

/** Owner, grants and comment of an object that is being created. */
export function createdMetadata(ctx: DiffContext, ref: ObjectRef, to: Owned & Described, what: string): { statements: string[]; checks: Check[] } {
  const owned = ownedStatements(ctx, ref, null, to, what);
  const comment = commentStatements(ref, undefined, to.comment, what);
  return { statements: [...owned.statements, ...comment.statements], checks: [...owned.checks, ...comment.checks] };
}

/** An alter node for owner, grant and comment changes of an object present in both models. */
export function metadataNode(
  ctx: DiffContext,
  objectKind: ObjectKind,
  objectId: string,
  ref: ObjectRef,
  from: Owned & Described,
  to: Owned & Described,
  what: string,
): void {
  if (from.owner === to.owner && from.comment === to.comment && sameJson(from.acl, to.acl)) return;
  const owned = ownedStatements(ctx, ref, from, to, what);
  const comment = commentStatements(ref, from.comment, to.comment, what);
  const statements = [...owned.statements, ...comment.statements];
  if (statements.length === 0) return;
  ctx.node({
    phase: 'alter',
    kind: 'alter',
    objectKind,
    objectId,
    statements,
    checks: [...owned.checks, ...comment.checks],
    newDeps: [objectId],
  });
}

/** A comment-only alter node, for objects without owner or ACL. */
export function commentNode(ctx: DiffContext, objectKind: ObjectKind, objectId: string, ref: ObjectRef, from: string | undefined, to: string | undefined, what: string): void {
  const comment = commentStatements(ref, from, to, what);
  if (comment.statements.length === 0) return;
  ctx.node({ phase: 'alter', kind: 'alter', objectKind, objectId, statements: comment.statements, checks: comment.checks, newDeps: [objectId] });
}

/** A catalog option (reloptions, FDW and subscription options), stored as `key=value`: [key, value]. */
export function splitOption(option: string): [string, string] {
  const at = option.indexOf('=');
  return at < 0 ? [option, ''] : [option.slice(0, at), option.slice(at + 1)];
}

/** A constraint definition without the NOT VALID that pg_get_constraintdef appends to an unvalidated one. */
export function withoutNotValid(definition: string): string {
  return definition.replace(/ NOT VALID$/, '');
}

/** Equality of model data, as JSON sees it (an undefined property is an absent one), `skip` left out at the top. */
export function sameJson(a: unknown, b: unknown, skip?: string): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((x, i) => sameJson(x, other[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const k in x) {
    if (k === skip || x[k] === undefined) continue;
    if (!sameJson(x[k], y[k])) return false;
    count++;
  }
  for (const k in y) if (k !== skip && y[k] !== undefined) count--;
  return count === 0;
}
