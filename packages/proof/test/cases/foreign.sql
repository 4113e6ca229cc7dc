-- case: foreign data wrapper with options and a comment
-- a
-- b
create foreign data wrapper files_fdw options (debug 'true');
comment on foreign data wrapper files_fdw is 'reads files';

-- case: foreign data wrapper options change
-- a
create foreign data wrapper files_fdw options (debug 'true', mode 'strict');
-- b
create foreign data wrapper files_fdw options (debug 'false', level '2');

-- case: server with type, version, options, owner and grants
-- a
create foreign data wrapper remote_fdw;
-- b
create foreign data wrapper remote_fdw;
create server archive type 'pg' version '15' foreign data wrapper remote_fdw options (host 'db.internal', "user" 'reader');
alter server archive owner to app_owner;
grant usage on foreign server archive to app_reader;
grant usage on foreign data wrapper remote_fdw to app_owner;
comment on server archive is 'the archive';

-- case: server version and options change
-- a
create foreign data wrapper remote_fdw;
create server archive version '14' foreign data wrapper remote_fdw options (host 'a', port '5432');
-- b
create foreign data wrapper remote_fdw;
create server archive version '15' foreign data wrapper remote_fdw options (host 'b', dbname 'x');

-- case: user mappings for a role, the owner and PUBLIC
-- a
create foreign data wrapper remote_fdw;
create server archive foreign data wrapper remote_fdw;
create user mapping for public server archive options ("user" 'guest');
-- b
create foreign data wrapper remote_fdw;
create server archive foreign data wrapper remote_fdw;
create user mapping for public server archive options ("user" 'visitor', password 'secret');
create user mapping for app_reader server archive;
create user mapping for current_user server archive options ("user" 'me');

-- case: foreign table with options, defaults, a check, grants and comments
-- a
create foreign data wrapper remote_fdw;
create server archive foreign data wrapper remote_fdw;
-- b
create foreign data wrapper remote_fdw;
create server archive foreign data wrapper remote_fdw;
create foreign table old_orders (
  id bigint not null,
  total numeric(12, 2) default 0 check (total >= 0),
  note text
) server archive options (schema_name 'public', table_name 'orders');
grant select on old_orders to app_reader;
comment on foreign table old_orders is 'orders before 2020';
comment on column old_orders.note is 'free text';

-- case: foreign table columns and options change
-- a
create foreign data wrapper remote_fdw;
create server archive foreign data wrapper remote_fdw;
create foreign table old_orders (id int, total numeric, note text) server archive options (table_name 'orders');
-- b
create foreign data wrapper remote_fdw;
create server archive foreign data wrapper remote_fdw;
create foreign table old_orders (id bigint not null, total numeric default 0, placed date) server archive options (table_name 'orders_2019', schema_name 'hist');

-- case: server changes type: its user mappings, foreign tables and a view over one are created anew
-- a
create foreign data wrapper remote_fdw;
create server archive type 'a' foreign data wrapper remote_fdw;
create user mapping for public server archive;
create foreign table old_orders (id int) server archive;
create view old_order_ids as select id from old_orders;
grant select on old_order_ids to app_reader;
-- b
create foreign data wrapper remote_fdw;
create server archive type 'b' foreign data wrapper remote_fdw;
create user mapping for public server archive;
create foreign table old_orders (id int) server archive;
create view old_order_ids as select id from old_orders;
grant select on old_order_ids to app_reader;

-- case: foreign table moves to another server
-- a
create foreign data wrapper remote_fdw;
create server east foreign data wrapper remote_fdw;
create server west foreign data wrapper remote_fdw;
create foreign table readings (id int, value float8) server east;
-- b
create foreign data wrapper remote_fdw;
create server east foreign data wrapper remote_fdw;
create server west foreign data wrapper remote_fdw;
create foreign table readings (id int, value float8) server west;

-- case: a table becomes a foreign table
-- a
create foreign data wrapper remote_fdw;
create server archive foreign data wrapper remote_fdw;
create table readings (id int, value float8);
-- b
create foreign data wrapper remote_fdw;
create server archive foreign data wrapper remote_fdw;
create foreign table readings (id int, value float8) server archive;

-- case: foreign table column options
-- a
create foreign data wrapper remote_fdw;
create server archive foreign data wrapper remote_fdw;
create foreign table readings (id int options (column_name 'reading_id'), value float8) server archive;
-- b
create foreign data wrapper remote_fdw;
create server archive foreign data wrapper remote_fdw;
create foreign table readings (id int options (column_name 'rid', quoted 'yes'), value float8 options (column_name 'v'), taken_at timestamptz options (column_name 'ts')) server archive;

-- case: foreign partition of a partitioned table
-- a
create foreign data wrapper remote_fdw;
create server archive foreign data wrapper remote_fdw;
create table measurements (id int not null, taken_on date not null) partition by range (taken_on);
create table measurements_2020 partition of measurements for values from ('2020-01-01') to ('2021-01-01');
-- b
create foreign data wrapper remote_fdw;
create server archive foreign data wrapper remote_fdw;
create table measurements (id int not null, taken_on date not null) partition by range (taken_on);
create table measurements_2020 partition of measurements for values from ('2020-01-01') to ('2021-01-01');
create foreign table measurements_2019 partition of measurements for values from ('2019-01-01') to ('2020-01-01') server archive options (table_name 'm2019');
