/** Helpers shared by the catalog tests: fixture text, query functions over PGlite and pg, scratch databases. */
import type { PGlite } from '@electric-sql/pglite';
import { readFileSync } from 'fs';
import * as path from 'path';
import { Client } from 'pg';
import { serverUrl } from '@pgshift/test-support';
import type { Grant, QueryFn, SchemaModel } from '../src';

export const fixtureSql = readFileSync(path.join(__dirname, 'fixture.sql'), 'utf8');
export const eventTriggerSql = readFileSync(path.join(__dirname, 'fixture-event-trigger.sql'), 'utf8');

export function pgliteQuery(db: PGlite): QueryFn {
  return async (sql, params) => (await db.query(sql, params)).rows as any[];
}

export function clientQuery(client: Client): QueryFn {
  return async (sql, params) => (await client.query(sql, params as unknown[] | undefined)).rows;
}

/** Wraps a query function and counts its calls. */
export function counting(query: QueryFn): { query: QueryFn; calls: () => number } {
  let calls = 0;
  return {
    query: (sql, params) => {
      calls++;
      return query(sql, params);
    },
    calls: () => calls,
  };
}

function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** A scratch database on the server for the life of one test file. */
export class ScratchDatabase {
  readonly name = `catalog_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  client!: Client;

  async create(): Promise<Client> {
    const admin = new Client({ connectionString: serverUrl() });
    await admin.connect();
    try {
      await admin.query(`create database "${this.name}"`);
    } finally {
      await admin.end();
    }
    this.client = await this.connect();
    return this.client;
  }

  /** Another session on the scratch database; the caller ends it. */
  async connect(): Promise<Client> {
    const client = new Client({ connectionString: databaseUrl(this.name) });
    await client.connect();
    return client;
  }

  async drop(): Promise<void> {
    await this.client?.end();
    const admin = new Client({ connectionString: serverUrl() });
    await admin.connect();
    try {
      await admin.query(`drop database if exists "${this.name}"`);
    } finally {
      await admin.end();
    }
  }
}

/**
 * What legitimately differs between PostgreSQL 15 and 18 for the same source: the version, the
 * extension versions shipped, pg_get_viewdef's column qualification, and MAINTAIN (17+).
 */
export function withoutVersionDifferences(model: SchemaModel): SchemaModel {
  const copy = JSON.parse(JSON.stringify(model)) as SchemaModel;
  copy.serverVersionNum = 0;
  for (const e of copy.extensions) e.version = '';
  const dropMaintain = (acl: Grant[] | null) => acl && acl.filter((g) => g.privilege !== 'MAINTAIN');
  for (const v of copy.views) {
    v.definition = '';
    v.acl = dropMaintain(v.acl);
  }
  for (const t of copy.tables) t.acl = dropMaintain(t.acl);
  return copy;
}

export function byId<T extends { id: string }>(items: T[], id: string): T {
  const found = items.find((o) => o.id === id);
  if (!found) throw new Error(`no ${id} among ${items.map((o) => o.id).join(', ')}`);
  return found;
}
