import { referencedRoles } from './roles';

describe('referencedRoles', () => {
  test('every role of a grantee list, policy role list and role grant is found', () => {
    const sql = `
      create policy p on t TO admin, manager;
      grant select(id, name) on t to anonymous, "Web User";
      grant webuser to anonymous;
      revoke all on t from a1, a2;
      alter table t owner to fordfrog;`;
    expect(referencedRoles(sql)).toEqual(['Web User', 'a1', 'a2', 'admin', 'anonymous', 'fordfrog', 'manager', 'webuser']);
  });

  test('PUBLIC and CURRENT_USER are not roles to create', () => {
    expect(referencedRoles('grant usage on schema s to public, current_user;')).toEqual([]);
  });

  test('comments are not read; DO blocks are, and -- in quoted text starts no comment', () => {
    const sql = `
      -- Role and grant for testing REVOKE ordering
      DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app') THEN CREATE ROLE app; END IF; END $$;
      /* grant x to /* nested */ ghost */
      COMMENT ON TABLE t IS 'a -- b'; GRANT SELECT ON t TO reader;
      DO $$ BEGIN GRANT SELECT ON t TO app; END $$;`;
    expect(referencedRoles(sql)).toEqual(['app', 'reader']);
  });
});
