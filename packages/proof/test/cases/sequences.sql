-- case: create a sequence
-- a
-- b
create sequence order_no;

-- case: sequence with every option
-- a
-- b
create sequence ticket_no as smallint increment by 5 minvalue 10 maxvalue 30000 start with 100 cache 20 cycle;

-- case: sequence increment changes
-- a
create sequence s increment by 1;
-- b
create sequence s increment by 10;

-- case: sequence bounds and cycle change
-- a
create sequence s minvalue 1 maxvalue 1000 no cycle;
-- b
create sequence s minvalue 0 maxvalue 999999 start with 1 cycle;

-- case: sequence start and cache change
-- a
create sequence s start with 1 cache 1;
-- b
create sequence s start with 1000 cache 50;

-- case: sequence data type widens
-- a
create sequence s as integer;
-- b
create sequence s as bigint;

-- case: descending sequence
-- a
create sequence s;
-- b
create sequence s increment by -1 minvalue -1000 maxvalue -1 start with -1;

-- case: sequence owned by a column
-- a
create table invoice (id int primary key);
create sequence invoice_id_seq;
-- b
create table invoice (id int primary key);
create sequence invoice_id_seq owned by invoice.id;
alter table invoice alter column id set default nextval('invoice_id_seq');

-- case: sequence ownership moves to another column
-- a
create table t (a int, b int);
create sequence s owned by t.a;
-- b
create table t (a int, b int);
create sequence s owned by t.b;

-- case: sequence grants
-- a
create sequence s;
-- b
create sequence s;
grant usage, select on sequence s to app_writer;
grant select on sequence s to app_reader;

-- case: sequence update grant with grant option
-- a
create sequence s;
grant usage on sequence s to app_writer;
-- b
create sequence s;
grant usage, update on sequence s to app_writer with grant option;

-- case: sequence owner and comment
-- a
create sequence s;
-- b
create sequence s;
alter sequence s owner to app_owner;
comment on sequence s is 'numbers for receipts';

-- case: sequence in a schema
-- a
create schema billing;
-- b
create schema billing;
create sequence billing.receipt_no start with 500;

-- case: a sequence outlives the table that owned it
-- a
create sequence ticket_no;
create table ticket (no bigint default nextval('ticket_no'));
alter sequence ticket_no owned by ticket.no;
-- b
create sequence ticket_no;

-- case: a sequence outlives the column that owned it
-- a
create sequence ticket_no;
create table ticket (id int, no bigint default nextval('ticket_no'));
alter sequence ticket_no owned by ticket.no;
-- b
create sequence ticket_no;
create table ticket (id int);

-- case: a sequence moves to another table as its owner goes
-- a
create sequence ticket_no;
create table ticket (no bigint);
alter sequence ticket_no owned by ticket.no;
-- b
create sequence ticket_no;
create table voucher (no bigint default nextval('ticket_no'));
alter sequence ticket_no owned by voucher.no;

-- case: a sequence moves between two tables that both stay
-- a
create sequence ticket_no;
create table ticket (no bigint);
create table voucher (no bigint);
alter sequence ticket_no owned by ticket.no;
-- b
create sequence ticket_no;
create table ticket (no bigint);
create table voucher (no bigint);
alter sequence ticket_no owned by voucher.no;
