-- Application settings kept in the database, e.g. the JWT secret.
create schema settings;
comment on schema settings is 'Key/value application settings, read and written only through settings.get and settings.set';

create table settings.secrets (
  key text primary key,
  value text not null
);
comment on table settings.secrets is 'Application settings; not readable by any request role';

create function settings.get(text) returns text
  language sql stable
  security definer
  set search_path = settings, pg_temp
as $$
  select value from settings.secrets where key = $1
$$;
comment on function settings.get(text) is 'Value of a setting, or null when it is not set';

create function settings.set(text, text) returns void
  language sql
  security definer
  set search_path = settings, pg_temp
as $$
  insert into settings.secrets (key, value) values ($1, $2)
  on conflict (key) do update set value = excluded.value
$$;
comment on function settings.set(text, text) is 'Creates or replaces a setting';
