-- case: create pgcrypto
-- a
-- b
create extension pgcrypto;

-- case: create citext
-- a
-- b
create extension citext;

-- case: create hstore
-- a
-- b
create extension hstore;

-- case: extension installed into its own schema
-- a
create schema ext;
-- b
create schema ext;
create extension hstore schema ext;

-- case: extension and a table using citext created together
-- a
-- b
create extension citext;
create table member (id int primary key, email citext not null unique);

-- case: column switches from text to citext
-- a
create extension citext;
create table member (id int primary key, email text not null);
-- b
create extension citext;
create table member (id int primary key, email citext not null);

-- case: function using pgcrypto
-- a
create extension pgcrypto;
-- b
create extension pgcrypto;
create function sha256_hex(input text) returns text
  language sql immutable strict
  as $$ select encode(digest(input, 'sha256'), 'hex') $$;

-- case: hstore column with a default
-- a
create extension hstore;
create table settings (id int primary key);
-- b
create extension hstore;
create table settings (id int primary key, attrs hstore not null default ''::hstore);

-- case: pgcrypto default on a uuid column
-- a
create extension pgcrypto;
create table token (id uuid primary key);
-- b
create extension pgcrypto;
create table token (id uuid primary key default gen_random_uuid());

-- case: extension comment
-- a
create extension hstore;
-- b
create extension hstore;
comment on extension hstore is 'key/value attributes';

-- case: citext in a view and an index
-- a
create extension citext;
create table member (id int primary key, email citext);
-- b
create extension citext;
create table member (id int primary key, email citext);
create index member_email_idx on member (email);
create view member_emails as select id, email from member where email is not null;

-- case: pinned extension versions are created and updated
-- a
create extension pg_trgm version '1.3';
-- b
create extension pg_trgm version '1.4';
create extension citext version '1.5';

-- case: privileges on an extension's function and on the plpgsql language
-- a
create extension if not exists pgcrypto;
-- b
create extension if not exists pgcrypto;
revoke execute on function gen_random_bytes(int) from public;
grant execute on function gen_random_bytes(int) to app_reader;
grant usage on language plpgsql to app_reader;

-- case: privileges on the function of an extension created in the migration
-- a
create table t (id int);
-- b
create table t (id int);
create extension if not exists pgcrypto;
revoke execute on function digest(text, text) from public;
