-- Publications (logical replication): tables, schemas, row filters, column lists, options.

-- case: publication of two tables created
-- a
create table t1 (id int primary key, name text);
create table t2 (id int primary key);
-- b
create table t1 (id int primary key, name text);
create table t2 (id int primary key);
create publication app_pub for table t1, t2;

-- case: publication for all tables with options
-- a
create table t1 (id int primary key);
-- b
create table t1 (id int primary key);
create publication everything for all tables with (publish = 'insert, update');
comment on publication everything is 'all of it';

-- case: publication gains and loses tables
-- a
create table t1 (id int primary key);
create table t2 (id int primary key);
create table t3 (id int primary key);
create publication app_pub for table t1, t2;
-- b
create table t1 (id int primary key);
create table t2 (id int primary key);
create table t3 (id int primary key);
create publication app_pub for table t2, t3;

-- case: publication with a row filter and a column list
-- a
create table orders (id int primary key, customer text, amount numeric, internal text);
create publication orders_pub for table orders;
-- b
create table orders (id int primary key, customer text, amount numeric, internal text);
create publication orders_pub for table orders (id, customer, amount) where (amount > 0);

-- case: publication of a schema
-- a
create schema sales;
create table sales.deals (id int primary key);
-- b
create schema sales;
create table sales.deals (id int primary key);
create publication sales_pub for tables in schema sales with (publish_via_partition_root = true);

-- case: published table dropped
-- a
create table t1 (id int primary key);
create table t2 (id int primary key);
create publication app_pub for table t1, t2;
-- b
create table t2 (id int primary key);
create publication app_pub for table t2;

-- case: publication becomes for all tables
-- a
create table t1 (id int primary key);
create publication app_pub for table t1;
-- b
create table t1 (id int primary key);
create publication app_pub for all tables;

-- case: published table replaced by a partitioned one keeps its publication
-- a
create table t1 (id int, kind text);
create publication app_pub for table t1;
-- b
create table t1 (id int, kind text) partition by list (kind);
create table t1_a partition of t1 for values in ('a');
create publication app_pub for table t1 with (publish_via_partition_root = true);

-- case: publication owner
-- a
create table t1 (id int primary key);
-- b
create table t1 (id int primary key);
create publication app_pub for table t1;
alter publication app_pub owner to app_owner;

-- case: column in a publication's column list and row filter changes type
-- a
create table reading (id int primary key, level int, note text);
create publication feed for table reading (id, level) where (level > 0);
create table event (id int primary key, kind smallint);
create publication audit for table event (id, kind), reading (id);
-- b
create table reading (id int primary key, level bigint, note text);
create publication feed for table reading (id, level) where (level > 0);
create table event (id int primary key, kind text);
create publication audit for table event (id, kind), reading (id);

-- case: column in a publication's column list is dropped with the list narrowed
-- a
create table reading (id int primary key, level int, note text);
create publication feed for table reading (id, level, note);
-- b
create table reading (id int primary key, level int);
create publication feed for table reading (id, level);
