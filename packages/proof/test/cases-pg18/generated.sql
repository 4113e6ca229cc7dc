-- case: virtual generated columns added, created and changed
-- a
create table measure (id int primary key, a int, stored_sum int generated always as (a * 3) stored, derived int generated always as (a + 1));
-- b
create table measure (id int primary key, a int, stored_sum int generated always as (a * 3) virtual, derived int, doubled int generated always as (a * 2));
create table label (id int primary key, tag text generated always as ('#' || id::text) virtual);

-- case: virtual generated column expression changes
-- a
create table price (id int primary key, net numeric, gross numeric generated always as (net * 1.19));
-- b
create table price (id int primary key, net numeric, gross numeric generated always as (net * 1.2));
