-- One of every object kind the catalog reads. Loaded into PGlite (PostgreSQL 18) and into a
-- scratch database on a real server; the roles are cluster-wide, so they are created guarded.
do $$
begin
  if not exists (select from pg_roles where rolname = 'catalog_fx_anon') then create role catalog_fx_anon nologin; end if;
  if not exists (select from pg_roles where rolname = 'catalog_fx_user') then create role catalog_fx_user login; end if;
end
$$;

create extension citext;

create schema data;
create schema api;
comment on schema data is 'Application data';

create collation data.c_sort (provider = libc, locale = 'C');

create type data.status as enum ('todo', 'doing', 'done');
create domain data.email as citext constraint email_has_at check (value ~ '@');
create domain data.positive as integer not null default 1 constraint positive_check check (value > 0);
create type data.address as (street text, city text collate "C");
create function data.float8_diff(a float8, b float8) returns float8 language sql immutable as 'select a - b';
create type data.floatrange as range (subtype = float8, subtype_diff = data.float8_diff);
comment on type data.status is 'Workflow state';

create table data.users (
  id integer generated always as identity (start with 100 increment by 5) primary key,
  email data.email not null unique,
  name text collate data.c_sort not null,
  status data.status not null default 'todo',
  tags data.status[],
  address data.address,
  score data.positive,
  period data.floatrange,
  created_at timestamptz not null default now(),
  notes text
);
alter table data.users alter column notes set storage external;

create function data.current_user_id() returns integer language sql stable
  as $$ select nullif(current_setting('app.user_id', true), '')::integer $$;

create table data.todos (
  id serial primary key,
  owner_id integer not null references data.users (id) on delete cascade on update restrict,
  title text not null check (length(title) > 0),
  title_upper text generated always as (upper(title)) stored,
  done boolean not null default false,
  priority integer
);
alter table data.todos add constraint todos_priority_check check (priority between 1 and 5) not valid;
create index todos_open_idx on data.todos (owner_id) where not done;
create index todos_lower_title_idx on data.todos (lower(title));
comment on column data.todos.title is 'What to do';
comment on constraint todos_owner_id_fkey on data.todos is 'Owner of the todo';
comment on index data.todos_open_idx is 'Open todos by owner';

create table data.events (id bigint not null, at date not null, payload jsonb) partition by range (at);
create table data.events_2024 partition of data.events for values from ('2024-01-01') to ('2025-01-01');
create table data.events_2025 partition of data.events for values from ('2025-01-01') to ('2026-01-01');
alter table data.events add primary key (id, at);
create index events_payload_idx on data.events (id) include (payload);

create table data.audit (id bigint, note text) with (fillfactor = 70);
alter table data.audit replica identity full;
create table data.audit_extra (extra text) inherits (data.audit);

create table data.logins (email citext primary key, at timestamptz);

alter table data.todos enable row level security;
alter table data.todos force row level security;
create policy todos_owner on data.todos for all to catalog_fx_user
  using (owner_id = data.current_user_id()) with check (owner_id = data.current_user_id());
create policy todos_read on data.todos as restrictive for select to catalog_fx_user, catalog_fx_anon using (not done);
comment on policy todos_owner on data.todos is 'Users see their own todos';

create view api.todos as select t.id, t.title, t.done from data.todos t where not t.done;
create view api.users with (security_invoker = true) as select u.id, u.email, u.name from data.users u;
create materialized view api.todo_counts as select owner_id, count(*) as n from data.todos group by owner_id with no data;
create unique index todo_counts_owner_idx on api.todo_counts (owner_id);
comment on view api.todos is 'Open todos';
comment on column api.todos.title is 'Title seen by the API';

create function api.touch() returns trigger language plpgsql as $$
begin
  new.done := coalesce(new.done, false);
  return new;
end
$$;
create trigger todos_touch before insert or update on data.todos for each row execute function api.touch();
create trigger todos_touch_disabled before delete on data.todos for each row execute function api.touch();
alter table data.todos disable trigger todos_touch_disabled;
comment on trigger todos_touch on data.todos is 'Defaults done';

create function api.add(a integer, b integer default 1) returns integer language sql immutable strict
begin atomic
  select a + b;
end;
create function api.todo_count(uid integer) returns bigint language sql stable
begin atomic
  select count(*) from data.todos where owner_id = uid;
end;
create procedure api.finish(todo_id integer) language plpgsql security definer set search_path = data, pg_temp as $$
begin
  update data.todos set done = true where id = todo_id;
end
$$;
create function api.sum_step(state integer, value integer) returns integer language sql immutable as 'select state + value';
create aggregate api.total(integer) (sfunc = api.sum_step, stype = integer, initcond = '0');
comment on function api.add(integer, integer) is 'Adds two numbers';
create function api.on_ddl() returns event_trigger language plpgsql as $$ begin null; end $$;

grant usage on schema api to catalog_fx_anon, catalog_fx_user;
grant select on api.todos to catalog_fx_anon;
grant select (id, title), update (title) on data.todos to catalog_fx_user;
grant select on api.users to catalog_fx_user with grant option;
revoke execute on function api.add(integer, integer) from public;
grant execute on function api.add(integer, integer) to catalog_fx_user;
alter default privileges in schema api grant select on tables to catalog_fx_anon;
alter default privileges revoke execute on functions from public;
alter procedure api.finish(integer) owner to catalog_fx_user;
-- Back to the built-in default, in another order: {owner=X,=X} instead of {=X,owner=X}.
revoke execute on function api.sum_step(integer, integer) from public;
grant execute on function api.sum_step(integer, integer) to public;
