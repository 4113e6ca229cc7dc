-- case: create a composite type
-- a
-- b
create type address as (street text, city text, zip varchar(10));

-- case: add an attribute
-- a
create type address as (street text, city text);
-- b
create type address as (street text, city text, zip varchar(10));

-- case: drop an attribute
-- a
create type address as (street text, city text, zip varchar(10));
-- b
create type address as (street text, zip varchar(10));

-- case: change an attribute type
-- a
create type point3 as (x int, y int, z int);
-- b
create type point3 as (x float8, y float8, z float8);

-- case: composite used by a table column gains an attribute
-- a
create type address as (street text, city text);
create table customer (id int primary key, home address);
-- b
create type address as (street text, city text, country text);
create table customer (id int primary key, home address);

-- case: composite returned by a function
-- a
create type pair as (k text, v int);
-- b
create type pair as (k text, v int);
create function make_pair(k text, v int) returns pair language sql immutable as $$ select k, v $$;

-- case: attribute collation
-- a
create type tagged as (name text, note text);
-- b
create type tagged as (name text collate "C", note text);

-- case: composite attribute comment
-- a
create type address as (street text, city text);
-- b
create type address as (street text, city text);
comment on column address.city is 'city or town';

-- case: composite nesting another composite
-- a
create type money_amount as (value numeric, currency char(3));
-- b
create type money_amount as (value numeric, currency char(3));
create type line_item as (sku text, price money_amount, qty int);

-- case: composite attributes reordered while a column stores the type
-- a
create type pair as (k text, v int);
create table t (id int, p pair);
-- b
create type pair as (v bigint, k text, extra date);
create table t (id int, p pair);

-- case: composite attribute retyped while an array column stores the type
-- a
create type pair as (k text, v int);
create table t (id int, ps pair[]);
-- b
create type pair as (k text, v bigint);
create table t (id int, ps pair[]);

-- case: attribute of a composite nested in another composite that a table stores changes type
-- a
create type point2 as (x int, y int);
create type segment as (a point2, b point2);
create table route (id int primary key, leg segment);
-- b
create type point2 as (x bigint, y int);
create type segment as (a point2, b point2);
create table route (id int primary key, leg segment);

-- case: attribute of a composite under a domain that a table stores changes type
-- a
create type span as (lo int, hi int);
create domain ordered_span as span check ((value).lo <= (value).hi);
create table booking (id int primary key, during ordered_span);
-- b
create type span as (lo bigint, hi int);
create domain ordered_span as span check ((value).lo <= (value).hi);
create table booking (id int primary key, during ordered_span);

-- case: attribute of a composite read by a view through a set-returning function changes type
-- a
create type kv as (k text, v int);
create function kvs() returns setof kv language sql as $$ select 'a', 1 $$;
create view kv_list as select k, v from kvs();
grant select on kv_list to app_reader;
-- b
create type kv as (k text, v bigint);
create function kvs() returns setof kv language sql as $$ select 'a', 1::bigint $$;
create view kv_list as select k, v from kvs();
grant select on kv_list to app_reader;

-- case: typed table created
-- a
create type ct as (x integer, y text);
-- b
create type ct as (x integer, y text);
create table tt of ct (x with options not null default 1, primary key (x));
create table tu of ct;

-- case: typed table follows its type's attributes
-- a
create type ct as (x integer, y text, w int);
create table tt of ct (x with options not null default 1);
-- b
create type ct as (x integer, y varchar(20), z integer);
create table tt of ct (x with options not null default 1, z with options default 7);

-- case: table becomes typed and typed table leaves its type
-- a
create type ct as (x integer, y text);
create type cu as (a integer);
create table t1 (x integer, y text);
create table t2 of ct;
-- b
create type ct as (x integer, y text);
create type cu as (a integer);
create table t1 of ct;
create table t2 (x integer, y text);

-- case: composite attribute retyped while SQL-standard functions use the type
-- a
create type addr as (street text, zip int);
create function zip_of(a addr) returns int language sql immutable return (a).zip;
create function street_of(a addr) returns text language sql immutable begin atomic select (a).street; end;
create function label(a addr) returns text language sql immutable as $$ select (a).street || ' ' || (a).zip $$;
-- b
create type addr as (street varchar(100), zip bigint);
create function zip_of(a addr) returns int language sql immutable return (a).zip;
create function street_of(a addr) returns text language sql immutable begin atomic select (a).street; end;
create function label(a addr) returns text language sql immutable as $$ select (a).street || ' ' || (a).zip $$;

-- case: composite rebuilt while a partitioned table stores it
-- a
create type meta as (src text, n int);
create table p (id int, m meta) partition by range (id);
create table p1 partition of p for values from (0) to (100);
insert into p values (1, ('a', 1)), (2, null), (3, (null, null));
-- b
create type meta as (n bigint, src text, extra int);
create table p (id int, m meta) partition by range (id);
create table p1 partition of p for values from (0) to (100);
