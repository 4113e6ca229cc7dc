-- Roles are cluster-wide: each one is dropped first so that a fresh database can be
-- loaded again on the same server once the previous copy is gone.

-- Owner of the views and security definer functions in the api schema. The views run with
-- its rights, so row level security policies on data tables are written for this role.
drop role if exists api;
create role api;

-- The role PostgREST connects as; it only switches to one of the roles below.
drop role if exists :"authenticator";
create role :"authenticator" with login noinherit password :'authenticator_pass';

-- Requests without a JWT.
drop role if exists :"anonymous";
create role :"anonymous";
grant :"anonymous" to :"authenticator";

-- Requests from signed-in users (the "role" claim of their JWT).
drop role if exists webuser;
create role webuser;
grant webuser to :"authenticator";
