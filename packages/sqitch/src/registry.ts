/**
 * Sqitch's registry (schema `sqitch` by default), created from the text of Sqitch 1.3's
 * etc/pg.sql (registry version 1.1) and written row for row as App::Sqitch::Role::DBIEngine and
 * App::Sqitch::Engine::pg write it, so the sqitch CLI and pgshift can take turns on one database.
 */
import { quoteIdent } from '@pgshift/catalog';
import type { ClientBase } from 'pg';
import { DeployError } from './errors';
import { dependencyProject, dependencyString, type Change, type Dependency, type Plan, type Planner } from './plan';

export const REGISTRY_VERSION = '1.1';
/** Sqitch's advisory lock key (App::Sqitch::Engine::pg->try_lock), so sqitch and pgshift exclude each other. */
export const LOCK_KEY = 75474063;

/** etc/pg.sql as shipped with Sqitch 1.3.1, with :"registry" and :tableopts left to fill in. */
const REGISTRY_SQL = `
SET client_min_messages = warning;
CREATE SCHEMA IF NOT EXISTS :"registry";

COMMENT ON SCHEMA :"registry" IS 'Sqitch database deployment metadata v1.1.';

CREATE TABLE :"registry".releases (
    version         REAL        PRIMARY KEY,
    installed_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    installer_name  TEXT        NOT NULL,
    installer_email TEXT        NOT NULL
);

COMMENT ON TABLE  :"registry".releases                 IS 'Sqitch registry releases.';
COMMENT ON COLUMN :"registry".releases.version         IS 'Version of the Sqitch registry.';
COMMENT ON COLUMN :"registry".releases.installed_at    IS 'Date the registry release was installed.';
COMMENT ON COLUMN :"registry".releases.installer_name  IS 'Name of the user who installed the registry release.';
COMMENT ON COLUMN :"registry".releases.installer_email IS 'Email address of the user who installed the registry release.';

CREATE TABLE :"registry".projects (
    project         TEXT        PRIMARY KEY,
    uri             TEXT            NULL UNIQUE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    creator_name    TEXT        NOT NULL,
    creator_email   TEXT        NOT NULL
):tableopts;

COMMENT ON TABLE  :"registry".projects                IS 'Sqitch projects deployed to this database.';
COMMENT ON COLUMN :"registry".projects.project        IS 'Unique Name of a project.';
COMMENT ON COLUMN :"registry".projects.uri            IS 'Optional project URI';
COMMENT ON COLUMN :"registry".projects.created_at     IS 'Date the project was added to the database.';
COMMENT ON COLUMN :"registry".projects.creator_name   IS 'Name of the user who added the project.';
COMMENT ON COLUMN :"registry".projects.creator_email  IS 'Email address of the user who added the project.';

CREATE TABLE :"registry".changes (
    change_id       TEXT        PRIMARY KEY,
    script_hash     TEXT            NULL,
    change          TEXT        NOT NULL,
    project         TEXT        NOT NULL REFERENCES :"registry".projects(project) ON UPDATE CASCADE,
    note            TEXT        NOT NULL DEFAULT '',
    committed_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    committer_name  TEXT        NOT NULL,
    committer_email TEXT        NOT NULL,
    planned_at      TIMESTAMPTZ NOT NULL,
    planner_name    TEXT        NOT NULL,
    planner_email   TEXT        NOT NULL,
    UNIQUE(project, script_hash)
):tableopts;

COMMENT ON TABLE  :"registry".changes                 IS 'Tracks the changes currently deployed to the database.';
COMMENT ON COLUMN :"registry".changes.change_id       IS 'Change primary key.';
COMMENT ON COLUMN :"registry".changes.script_hash     IS 'Deploy script SHA-1 hash.';
COMMENT ON COLUMN :"registry".changes.change          IS 'Name of a deployed change.';
COMMENT ON COLUMN :"registry".changes.project         IS 'Name of the Sqitch project to which the change belongs.';
COMMENT ON COLUMN :"registry".changes.note            IS 'Description of the change.';
COMMENT ON COLUMN :"registry".changes.committed_at    IS 'Date the change was deployed.';
COMMENT ON COLUMN :"registry".changes.committer_name  IS 'Name of the user who deployed the change.';
COMMENT ON COLUMN :"registry".changes.committer_email IS 'Email address of the user who deployed the change.';
COMMENT ON COLUMN :"registry".changes.planned_at      IS 'Date the change was added to the plan.';
COMMENT ON COLUMN :"registry".changes.planner_name    IS 'Name of the user who planed the change.';
COMMENT ON COLUMN :"registry".changes.planner_email   IS 'Email address of the user who planned the change.';

CREATE TABLE :"registry".tags (
    tag_id          TEXT        PRIMARY KEY,
    tag             TEXT        NOT NULL,
    project         TEXT        NOT NULL REFERENCES :"registry".projects(project) ON UPDATE CASCADE,
    change_id       TEXT        NOT NULL REFERENCES :"registry".changes(change_id) ON UPDATE CASCADE,
    note            TEXT        NOT NULL DEFAULT '',
    committed_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    committer_name  TEXT        NOT NULL,
    committer_email TEXT        NOT NULL,
    planned_at      TIMESTAMPTZ NOT NULL,
    planner_name    TEXT        NOT NULL,
    planner_email   TEXT        NOT NULL,
    UNIQUE(project, tag)
):tableopts;

COMMENT ON TABLE  :"registry".tags                 IS 'Tracks the tags currently applied to the database.';
COMMENT ON COLUMN :"registry".tags.tag_id          IS 'Tag primary key.';
COMMENT ON COLUMN :"registry".tags.tag             IS 'Project-unique tag name.';
COMMENT ON COLUMN :"registry".tags.project         IS 'Name of the Sqitch project to which the tag belongs.';
COMMENT ON COLUMN :"registry".tags.change_id       IS 'ID of last change deployed before the tag was applied.';
COMMENT ON COLUMN :"registry".tags.note            IS 'Description of the tag.';
COMMENT ON COLUMN :"registry".tags.committed_at    IS 'Date the tag was applied to the database.';
COMMENT ON COLUMN :"registry".tags.committer_name  IS 'Name of the user who applied the tag.';
COMMENT ON COLUMN :"registry".tags.committer_email IS 'Email address of the user who applied the tag.';
COMMENT ON COLUMN :"registry".tags.planned_at      IS 'Date the tag was added to the plan.';
COMMENT ON COLUMN :"registry".tags.planner_name    IS 'Name of the user who planed the tag.';
COMMENT ON COLUMN :"registry".tags.planner_email   IS 'Email address of the user who planned the tag.';

CREATE TABLE :"registry".dependencies (
    change_id       TEXT        NOT NULL REFERENCES :"registry".changes(change_id) ON UPDATE CASCADE ON DELETE CASCADE,
    type            TEXT        NOT NULL,
    dependency      TEXT        NOT NULL,
    dependency_id   TEXT            NULL REFERENCES :"registry".changes(change_id) ON UPDATE CASCADE CONSTRAINT dependencies_check CHECK (
            (type = 'require'  AND dependency_id IS NOT NULL)
         OR (type = 'conflict' AND dependency_id IS NULL)
    ),
    PRIMARY KEY (change_id, dependency)
):tableopts;

COMMENT ON TABLE  :"registry".dependencies               IS 'Tracks the currently satisfied dependencies.';
COMMENT ON COLUMN :"registry".dependencies.change_id     IS 'ID of the depending change.';
COMMENT ON COLUMN :"registry".dependencies.type          IS 'Type of dependency.';
COMMENT ON COLUMN :"registry".dependencies.dependency    IS 'Dependency name.';
COMMENT ON COLUMN :"registry".dependencies.dependency_id IS 'Change ID the dependency resolves to.';

CREATE TABLE :"registry".events (
    event           TEXT        NOT NULL CONSTRAINT events_event_check CHECK (
        event IN ('deploy', 'revert', 'fail', 'merge')
    ),
    change_id       TEXT        NOT NULL,
    change          TEXT        NOT NULL,
    project         TEXT        NOT NULL REFERENCES :"registry".projects(project) ON UPDATE CASCADE,
    note            TEXT        NOT NULL DEFAULT '',
    requires        TEXT[]      NOT NULL DEFAULT '{}',
    conflicts       TEXT[]      NOT NULL DEFAULT '{}',
    tags            TEXT[]      NOT NULL DEFAULT '{}',
    committed_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    committer_name  TEXT        NOT NULL,
    committer_email TEXT        NOT NULL,
    planned_at      TIMESTAMPTZ NOT NULL,
    planner_name    TEXT        NOT NULL,
    planner_email   TEXT        NOT NULL,
    PRIMARY KEY (change_id, committed_at)
):tableopts;

COMMENT ON TABLE  :"registry".events                 IS 'Contains full history of all deployment events.';
COMMENT ON COLUMN :"registry".events.event           IS 'Type of event.';
COMMENT ON COLUMN :"registry".events.change_id       IS 'Change ID.';
COMMENT ON COLUMN :"registry".events.change          IS 'Change name.';
COMMENT ON COLUMN :"registry".events.project         IS 'Name of the Sqitch project to which the change belongs.';
COMMENT ON COLUMN :"registry".events.note            IS 'Description of the change.';
COMMENT ON COLUMN :"registry".events.requires        IS 'Array of the names of required changes.';
COMMENT ON COLUMN :"registry".events.conflicts       IS 'Array of the names of conflicting changes.';
COMMENT ON COLUMN :"registry".events.tags            IS 'Tags associated with the change.';
COMMENT ON COLUMN :"registry".events.committed_at    IS 'Date the event was committed.';
COMMENT ON COLUMN :"registry".events.committer_name  IS 'Name of the user who committed the event.';
COMMENT ON COLUMN :"registry".events.committer_email IS 'Email address of the user who committed the event.';
COMMENT ON COLUMN :"registry".events.planned_at      IS 'Date the event was added to the plan.';
COMMENT ON COLUMN :"registry".events.planner_name    IS 'Name of the user who planed the change.';
COMMENT ON COLUMN :"registry".events.planner_email   IS 'Email address of the user who plan planned the change.';
`;

export class Registry {
  readonly schema: string;

  constructor(
    readonly client: ClientBase,
    readonly name = 'sqitch',
  ) {
    this.schema = quoteIdent(name);
  }

  private t(table: string): string {
    return `${this.schema}.${quoteIdent(table)}`;
  }

  async initialized(): Promise<boolean> {
    const r = await this.client.query(
      `SELECT EXISTS(SELECT TRUE FROM pg_catalog.pg_tables WHERE schemaname = $1 AND tablename = 'changes') AS ok`,
      [this.name],
    );
    return r.rows[0].ok === true;
  }

  async version(): Promise<string | undefined> {
    const r = await this.client.query(`SELECT MAX(version)::TEXT AS v FROM ${this.t('releases')}`);
    return r.rows[0].v ?? undefined;
  }

  /**
   * Engine::pg->initialize: the registry tables and the release row. Sqitch commits them one after
   * the other; here they commit together, so that a deploy killed in between cannot leave tables
   * without a release that every later deploy would refuse.
   */
  async initialize(installer: Planner): Promise<void> {
    const sql = REGISTRY_SQL.replace(/:"registry"/g, this.schema).replace(/:tableopts/g, '');
    try {
      await this.client.query(`BEGIN;\n${sql}`);
      await this.client.query('RESET client_min_messages');
      await this.client.query(
        `INSERT INTO ${this.t('releases')} (version, installed_at, installer_name, installer_email) VALUES ($1, clock_timestamp(), $2, $3)`,
        [REGISTRY_VERSION, installer.name, installer.email],
      );
      await this.client.query('COMMIT');
    } catch (e) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  /** DBIEngine->register_project, with its URI checks. */
  async registerProject(plan: Plan, creator: Planner): Promise<void> {
    const uri = plan.uri ?? null;
    const r = await this.client.query(`SELECT uri FROM ${this.t('projects')} WHERE project = $1`, [plan.project]);
    if (r.rows.length) {
      const reg: string | null = r.rows[0].uri;
      if (uri !== reg) {
        throw new DeployError(
          'REGISTRY',
          `Cannot register "${plan.project}" ${uri === null ? 'without URI' : `with URI ${uri}`}: it already exists ${reg === null ? 'with NULL URI' : `with URI ${reg}`} (from ${plan.file}).`,
          { file: plan.file },
        );
      }
      return;
    }
    if (uri !== null) {
      const other = await this.client.query(`SELECT project FROM ${this.t('projects')} WHERE uri = $1`, [uri]);
      if (other.rows.length) {
        throw new DeployError(
          'REGISTRY',
          `Cannot register "${plan.project}" with URI ${uri}: project "${other.rows[0].project}" already uses that URI (from ${plan.file}).`,
          { file: plan.file },
        );
      }
    }
    await this.client.query(
      `INSERT INTO ${this.t('projects')} (project, uri, creator_name, creator_email, created_at) VALUES ($1, $2, $3, $4, clock_timestamp())`,
      [plan.project, uri, creator.name, creator.email],
    );
  }

  /** Deployed changes of a project, oldest first. */
  async deployedChanges(project: string): Promise<DeployedChange[]> {
    const r = await this.client.query(
      `SELECT c.change_id, c.script_hash, c.change, c.committed_at, c.committer_name,
              ARRAY(SELECT t.tag FROM ${this.t('tags')} t WHERE t.change_id = c.change_id ORDER BY t.tag) AS tags
         FROM ${this.t('changes')} c
        WHERE c.project = $1
        ORDER BY c.committed_at ASC`,
      [project],
    );
    return r.rows.map((row) => ({
      id: row.change_id,
      scriptHash: row.script_hash,
      name: row.change,
      committedAt: row.committed_at,
      committerName: row.committer_name,
      tags: row.tags,
    }));
  }

  /** DBIEngine->change_id_for with `first => 1`, as check_deploy_dependencies resolves a dependency. */
  async changeIdFor(plan: Plan, dep: Dependency): Promise<string | undefined> {
    if (dep.id !== undefined) {
      const r = await this.client.query(`SELECT change_id FROM ${this.t('changes')} WHERE change_id = $1`, [dep.id]);
      return r.rows[0]?.change_id;
    }
    const project = dependencyProject(plan, dep) ?? plan.project;
    if (dep.change !== undefined) {
      if (dep.tag !== undefined) {
        if (dep.tag === 'ROOT') return undefined;
        if (dep.tag === 'HEAD') {
          const r = await this.client.query(
            `SELECT change_id FROM ${this.t('changes')} WHERE project = $1 AND change = $2 ORDER BY committed_at DESC LIMIT 1`,
            [project, dep.change],
          );
          return r.rows[0]?.change_id;
        }
        const r = await this.client.query(
          `SELECT changes.change_id FROM ${this.t('changes')} changes
             JOIN ${this.t('tags')} tags ON changes.committed_at <= tags.committed_at AND changes.project = tags.project
            WHERE changes.project = $1 AND changes.change = $2 AND tags.tag = $3
            ORDER BY changes.committed_at DESC LIMIT 1`,
          [project, dep.change, `@${dep.tag}`],
        );
        return r.rows[0]?.change_id;
      }
      const r = await this.client.query(
        `SELECT change_id FROM ${this.t('changes')} WHERE project = $1 AND change = $2 ORDER BY committed_at ASC LIMIT 1`,
        [project, dep.change],
      );
      return r.rows[0]?.change_id;
    }
    if (dep.tag !== undefined) {
      const order = dep.tag === 'ROOT' ? 'ASC' : 'DESC';
      if (dep.tag === 'HEAD' || dep.tag === 'ROOT') {
        const r = await this.client.query(
          `SELECT change_id FROM ${this.t('changes')} WHERE project = $1 ORDER BY committed_at ${order} LIMIT 1`,
          [project],
        );
        return r.rows[0]?.change_id;
      }
      const r = await this.client.query(`SELECT change_id FROM ${this.t('tags')} WHERE project = $1 AND tag = $2`, [project, `@${dep.tag}`]);
      return r.rows[0]?.change_id;
    }
    return undefined;
  }

  /** Changes of any project that require `changeId` and are not in `except`. */
  async changesRequiring(changeId: string): Promise<{ id: string; change: string; project: string }[]> {
    const r = await this.client.query(
      `SELECT c.change_id, c.change, c.project FROM ${this.t('dependencies')} d
         JOIN ${this.t('changes')} c ON c.change_id = d.change_id
        WHERE d.dependency_id = $1`,
      [changeId],
    );
    return r.rows.map((row) => ({ id: row.change_id, change: row.change, project: row.project }));
  }

  /** DBIEngine->log_deploy_change: the change, its dependencies, its tags and a `deploy` event. */
  async logDeploy(plan: Plan, change: Change, scriptHash: string | undefined, resolved: Map<Dependency, string | undefined>, committer: Planner): Promise<void> {
    await this.client.query(
      `INSERT INTO ${this.t('changes')} (change_id, script_hash, change, project, note, committer_name, committer_email,
                                         planned_at, planner_name, planner_email, committed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, clock_timestamp())`,
      [change.id, scriptHash ?? null, change.name, plan.project, change.note, committer.name, committer.email,
        change.timestamp, change.plannerName, change.plannerEmail],
    );
    for (const dep of [...change.requires, ...change.conflicts]) {
      await this.client.query(
        `INSERT INTO ${this.t('dependencies')} (change_id, type, dependency, dependency_id) VALUES ($1, $2, $3, $4)`,
        [change.id, dep.conflicts ? 'conflict' : 'require', dependencyString(plan, dep), dep.conflicts ? null : resolved.get(dep) ?? null],
      );
    }
    await this.logTags(plan, change, committer, false);
    await this.logEvent('deploy', plan, change, committer);
  }

  /** Engine::pg->log_new_tags: tags planned after their change was deployed. */
  async logTags(plan: Plan, change: Change, committer: Planner, onlyNew = true): Promise<void> {
    for (const tag of change.tags) {
      await this.client.query(
        `INSERT INTO ${this.t('tags')} (tag_id, tag, project, change_id, note, committer_name, committer_email,
                                        planned_at, planner_name, planner_email, committed_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, clock_timestamp()
          ${onlyNew ? `WHERE NOT EXISTS (SELECT 1 FROM ${this.t('tags')} WHERE tag_id = $1)` : ''}`,
        [tag.id, `@${tag.name}`, plan.project, change.id, tag.note, committer.name, committer.email,
          tag.timestamp, tag.plannerName, tag.plannerEmail],
      );
    }
  }

  /** Engine::pg->log_revert_change: tags and change deleted (dependencies cascade), `revert` event. */
  async logRevert(plan: Plan, change: Change, committer: Planner): Promise<void> {
    const tags = await this.client.query(`DELETE FROM ${this.t('tags')} WHERE change_id = $1 RETURNING tag`, [change.id]);
    const deps = await this.client.query(
      `SELECT ARRAY(SELECT dependency FROM ${this.t('dependencies')} WHERE change_id = $1 AND type = 'require') AS req,
              ARRAY(SELECT dependency FROM ${this.t('dependencies')} WHERE change_id = $1 AND type = 'conflict') AS conf`,
      [change.id],
    );
    await this.client.query(`DELETE FROM ${this.t('changes')} WHERE change_id = $1`, [change.id]);
    await this.logEvent('revert', plan, change, committer, {
      tags: tags.rows.map((r) => r.tag),
      requires: deps.rows[0].req,
      conflicts: deps.rows[0].conf,
    });
  }

  /** DBIEngine->_log_event. */
  async logEvent(
    event: 'deploy' | 'revert' | 'fail',
    plan: Plan,
    change: Change,
    committer: Planner,
    lists?: { tags: string[]; requires: string[]; conflicts: string[] },
  ): Promise<void> {
    const l = lists ?? {
      tags: change.tags.map((t) => `@${t.name}`),
      requires: change.requires.map((d) => dependencyString(plan, d)),
      conflicts: change.conflicts.map((d) => dependencyString(plan, d)),
    };
    await this.client.query(
      `INSERT INTO ${this.t('events')} (event, change_id, change, project, note, tags, requires, conflicts,
                                        committer_name, committer_email, planned_at, planner_name, planner_email, committed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, clock_timestamp())`,
      [event, change.id, change.name, plan.project, change.note, l.tags, l.requires, l.conflicts,
        committer.name, committer.email, change.timestamp, change.plannerName, change.plannerEmail],
    );
  }

  async lockChanges(): Promise<void> {
    await this.client.query(`LOCK TABLE ${this.t('changes')} IN EXCLUSIVE MODE`);
  }

  async events(project: string): Promise<RegistryEvent[]> {
    const r = await this.client.query(
      `SELECT event, change_id, change, note, tags, requires, conflicts, committed_at, committer_name, committer_email,
              planned_at, planner_name, planner_email
         FROM ${this.t('events')} WHERE project = $1 ORDER BY committed_at DESC`,
      [project],
    );
    return r.rows.map((row) => ({
      event: row.event,
      changeId: row.change_id,
      change: row.change,
      note: row.note,
      tags: row.tags,
      requires: row.requires,
      conflicts: row.conflicts,
      committedAt: row.committed_at,
      committerName: row.committer_name,
      committerEmail: row.committer_email,
      plannedAt: row.planned_at,
      plannerName: row.planner_name,
      plannerEmail: row.planner_email,
    }));
  }
}

export interface DeployedChange {
  id: string;
  scriptHash: string | null;
  name: string;
  committedAt: Date;
  committerName: string;
  tags: string[];
}

export interface RegistryEvent {
  event: 'deploy' | 'revert' | 'fail' | 'merge';
  changeId: string;
  change: string;
  note: string;
  tags: string[];
  requires: string[];
  conflicts: string[];
  committedAt: Date;
  committerName: string;
  committerEmail: string;
  plannedAt: Date;
  plannerName: string;
  plannerEmail: string;
}

