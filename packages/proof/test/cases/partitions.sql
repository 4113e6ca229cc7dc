-- case: range partitioned table created
-- a
-- b
create table measurement (id bigint, at date not null, value float8) partition by range (at);
create table measurement_2024 partition of measurement for values from ('2024-01-01') to ('2025-01-01');
create table measurement_2025 partition of measurement for values from ('2025-01-01') to ('2026-01-01');

-- case: list partitioned table created
-- a
-- b
create table sale (id bigint, region text not null) partition by list (region);
create table sale_eu partition of sale for values in ('de', 'fr', 'it');
create table sale_us partition of sale for values in ('us');

-- case: hash partitioned table created
-- a
-- b
create table bucket (id bigint not null, payload text) partition by hash (id);
create table bucket_0 partition of bucket for values with (modulus 2, remainder 0);
create table bucket_1 partition of bucket for values with (modulus 2, remainder 1);

-- case: partition added
-- a
create table measurement (at date not null, value float8) partition by range (at);
create table measurement_2024 partition of measurement for values from ('2024-01-01') to ('2025-01-01');
-- b
create table measurement (at date not null, value float8) partition by range (at);
create table measurement_2024 partition of measurement for values from ('2024-01-01') to ('2025-01-01');
create table measurement_2025 partition of measurement for values from ('2025-01-01') to ('2026-01-01');

-- case: default partition added
-- a
create table sale (region text) partition by list (region);
create table sale_eu partition of sale for values in ('de', 'fr');
-- b
create table sale (region text) partition by list (region);
create table sale_eu partition of sale for values in ('de', 'fr');
create table sale_other partition of sale default;

-- case: partition bounds change
-- a
create table sale (region text) partition by list (region);
create table sale_eu partition of sale for values in ('de', 'fr');
-- b
create table sale (region text) partition by list (region);
create table sale_eu partition of sale for values in ('de', 'fr', 'nl');

-- case: index on a partitioned table
-- a
create table measurement (id bigint, at date not null) partition by range (at);
create table measurement_2024 partition of measurement for values from ('2024-01-01') to ('2025-01-01');
-- b
create table measurement (id bigint, at date not null) partition by range (at);
create table measurement_2024 partition of measurement for values from ('2024-01-01') to ('2025-01-01');
create index measurement_id_idx on measurement (id);

-- case: primary key on a partitioned table
-- a
create table measurement (id bigint not null, at date not null) partition by range (at);
create table measurement_2024 partition of measurement for values from ('2024-01-01') to ('2025-01-01');
-- b
create table measurement (id bigint not null, at date not null, primary key (id, at)) partition by range (at);
create table measurement_2024 partition of measurement for values from ('2024-01-01') to ('2025-01-01');

-- case: sub-partitions
-- a
create table event (at date not null, kind text not null) partition by range (at);
create table event_2024 partition of event for values from ('2024-01-01') to ('2025-01-01');
-- b
create table event (at date not null, kind text not null) partition by range (at);
create table event_2024 partition of event for values from ('2024-01-01') to ('2025-01-01') partition by list (kind);
create table event_2024_click partition of event_2024 for values in ('click');
create table event_2024_view partition of event_2024 for values in ('view');

-- case: column added to a partitioned table
-- a
create table measurement (at date not null, value float8) partition by range (at);
create table measurement_2024 partition of measurement for values from ('2024-01-01') to ('2025-01-01');
-- b
create table measurement (at date not null, value float8, unit text default 'c') partition by range (at);
create table measurement_2024 partition of measurement for values from ('2024-01-01') to ('2025-01-01');

-- case: non-key column type changes on a partitioned table
-- a
create table measurement (at date not null, value real) partition by range (at);
create table measurement_2024 partition of measurement for values from ('2024-01-01') to ('2025-01-01');
-- b
create table measurement (at date not null, value float8) partition by range (at);
create table measurement_2024 partition of measurement for values from ('2024-01-01') to ('2025-01-01');

-- case: foreign key referencing a partitioned table
-- a
create table account (id int not null, region text not null, primary key (id, region)) partition by list (region);
create table account_eu partition of account for values in ('eu');
create table invoice (id int, account_id int, region text);
-- b
create table account (id int not null, region text not null, primary key (id, region)) partition by list (region);
create table account_eu partition of account for values in ('eu');
create table invoice (id int, account_id int, region text, foreign key (account_id, region) references account (id, region));

-- case: row trigger on a partitioned table
-- a
create table m (at date not null, note text) partition by range (at);
create table m_2024 partition of m for values from ('2024-01-01') to ('2025-01-01');
create function trim_note() returns trigger language plpgsql as $$ begin new.note := trim(new.note); return new; end $$;
-- b
create table m (at date not null, note text) partition by range (at);
create table m_2024 partition of m for values from ('2024-01-01') to ('2025-01-01');
create function trim_note() returns trigger language plpgsql as $$ begin new.note := trim(new.note); return new; end $$;
create trigger m_trim before insert on m for each row execute function trim_note();

-- case: partition with its own extra index and check
-- a
create table m (id int, at date not null) partition by range (at);
create table m_2024 partition of m for values from ('2024-01-01') to ('2025-01-01');
-- b
create table m (id int, at date not null) partition by range (at);
create table m_2024 partition of m (constraint m_2024_id_positive check (id > 0)) for values from ('2024-01-01') to ('2025-01-01');
create index m_2024_id_idx on m_2024 (id);

-- case: plain table becomes a partition
-- a
create table m (id int, at date not null) partition by range (at);
create table m_2024 (id int, at date not null);
-- b
create table m (id int, at date not null) partition by range (at);
create table m_2024 partition of m for values from ('2024-01-01') to ('2025-01-01');

-- case: detached partition loses the index it had from its parent
-- a
create table m (d date) partition by range (d);
create index on m (d);
create table m1 partition of m for values from ('2006-01-01') to ('2007-01-01');
-- b
create table m (d date) partition by range (d);
create index on m (d);
create table m1 (d date);

-- case: detached partition keeps the index it had from its parent
-- a
create table m (d date) partition by range (d);
create index on m (d);
create table m1 partition of m for values from ('2006-01-01') to ('2007-01-01');
-- b
create table m (d date) partition by range (d);
create index on m (d);
create table m1 (d date);
create index m1_d_idx on m1 (d);

-- case: detached partition keeps the name of its index with another definition
-- a
create table m (d date, n int) partition by range (d);
create index on m (d);
create table m1 partition of m for values from ('2006-01-01') to ('2007-01-01');
-- b
create table m (d date, n int) partition by range (d);
create index on m (d);
create table m1 (d date, n int);
create index m1_d_idx on m1 (n);

-- case: detached partition loses the primary key it had from its parent
-- a
create table m (d date, primary key (d)) partition by range (d);
create table m1 partition of m for values from ('2006-01-01') to ('2007-01-01');
-- b
create table m (d date, primary key (d)) partition by range (d);
create table m1 (d date not null);

-- case: detached partition keeps the key, check and foreign key it had from its parent
-- a
create table r (id int primary key);
create table m (d date, rid int references r, n int, constraint ck check (n > 0), unique (d)) partition by range (d);
create table m1 partition of m for values from ('2006-01-01') to ('2007-01-01');
-- b
create table r (id int primary key);
create table m (d date, rid int references r, n int, constraint ck check (n > 0), unique (d)) partition by range (d);
create table m1 (d date, rid int, n int, constraint ck check (n > 0), constraint m1_d_key unique (d), constraint m_rid_fkey foreign key (rid) references r);

-- case: detached partition loses the key, check and foreign key it had from its parent
-- a
create table r (id int primary key);
create table m (d date, rid int references r, n int, constraint ck check (n > 0), unique (d)) partition by range (d);
create table m1 partition of m for values from ('2006-01-01') to ('2007-01-01');
-- b
create table r (id int primary key);
create table m (d date, rid int references r, n int, constraint ck check (n > 0), unique (d)) partition by range (d);
create table m1 (d date, rid int, n int);

-- case: detached partition keeps its parent's check under another definition
-- a
create table m (d date, n int, constraint ck check (n > 0)) partition by range (d);
create table m1 partition of m for values from ('2006-01-01') to ('2007-01-01');
-- b
create table m (d date, n int, constraint ck check (n > 0)) partition by range (d);
create table m1 (d date, n int, constraint ck check (n > 1));

-- case: parent's index dropped while its detached partition keeps its own
-- a
create table m (d date) partition by range (d);
create index on m (d);
create table m1 partition of m for values from ('2006-01-01') to ('2007-01-01');
-- b
create table m (d date) partition by range (d);
create table m1 (d date);
create index m1_d_idx on m1 (d);

-- case: parent's primary key dropped while its detached partition keeps its own
-- a
create table m (d date, primary key (d)) partition by range (d);
create table m1 partition of m for values from ('2006-01-01') to ('2007-01-01');
-- b
create table m (d date not null) partition by range (d);
create table m1 (d date not null, primary key (d));

-- case: partitioned table dropped, its partition stays with its index
-- a
create table m (d date) partition by range (d);
create index on m (d);
create table m1 partition of m for values from ('2006-01-01') to ('2007-01-01');
-- b
create table m1 (d date);
create index m1_d_idx on m1 (d);

-- case: attached table's index of another name is adopted by the parent's
-- a
create table m (d date) partition by range (d);
create index on m (d);
create table m1 (d date);
create index m1_custom on m1 (d);
-- b
create table m (d date) partition by range (d);
create index on m (d);
create table m1 (d date);
create index m1_custom on m1 (d);
alter table m attach partition m1 for values from ('2006-01-01') to ('2007-01-01');

-- case: detached partition's columns become nullable and change default
-- a
create table m (d date not null, n int default 1) partition by range (d);
create table m1 partition of m for values from ('2006-01-01') to ('2007-01-01');
-- b
create table m (d date not null, n int default 1) partition by range (d);
create table m1 (d date, n int default 2);

-- case: parent's column dropped while its detached partition keeps it
-- a
create table m (d date, n int) partition by range (d);
create table m1 partition of m for values from ('2006-01-01') to ('2007-01-01');
-- b
create table m (d date) partition by range (d);
create table m1 (d date, n int);

-- case: table with an extra column becomes a partition
-- a
create table m (d date) partition by range (d);
create table m1 (d date, n int);
-- b
create table m (d date) partition by range (d);
create table m1 partition of m for values from ('2006-01-01') to ('2007-01-01');

-- case: table without the parent's check becomes a partition
-- a
create table m (d date, n int, constraint ck check (n > 0)) partition by range (d);
create table m1 (d date, n int);
-- b
create table m (d date, n int, constraint ck check (n > 0)) partition by range (d);
create table m1 partition of m for values from ('2006-01-01') to ('2007-01-01');

-- case: partition moves to another parent with its check and the other parent's index
-- a
create table m (d date, n int, constraint ck check (n > 0)) partition by range (d);
create index on m (d);
create table q (d date, n int, constraint ck check (n > 0)) partition by range (d);
create index q_custom on q (n);
create table m1 partition of m for values from ('2006-01-01') to ('2007-01-01');
-- b
create table m (d date, n int, constraint ck check (n > 0)) partition by range (d);
create index on m (d);
create table q (d date, n int, constraint ck check (n > 0)) partition by range (d);
create index q_custom on q (n);
create table m1 partition of q for values from ('2006-01-01') to ('2007-01-01');

-- case: partition bounds change while the parent's column changes type
-- a
create table m (d date, n int) partition by range (d);
create table m1 partition of m for values from ('2006-01-01') to ('2007-01-01');
-- b
create table m (d date, n bigint) partition by range (d);
create table m1 partition of m for values from ('2006-01-01') to ('2008-01-01');

-- case: partition gains a not null of its own
-- a
create table ledger (book int, amount numeric) partition by list (book);
create table ledger_main partition of ledger for values in (1);
-- b
create table ledger (book int, amount numeric) partition by list (book);
create table ledger_main partition of ledger (amount not null) for values in (1);

-- case: partition created with a default and not null of its own
-- a
create table ledger (book int, amount numeric default 0, note text) partition by list (book);
-- b
create table ledger (book int, amount numeric default 0, note text) partition by list (book);
create table ledger_main partition of ledger (amount with options default 7, note not null default 'none') for values in (1);

-- case: parent default changes while a partition keeps its own
-- a
create table ledger (book int, amount numeric default 0, note text default 'x') partition by list (book);
create table ledger_main partition of ledger (amount default 5) for values in (1);
create table ledger_side partition of ledger for values in (2);
-- b
create table ledger (book int, amount numeric default 1, note text default 'y') partition by list (book);
create table ledger_main partition of ledger (amount default 5) for values in (1);
create table ledger_side partition of ledger for values in (2);

-- case: parent primary key dropped while its partition keeps the column not null
-- a
create table ledger (book int, amount numeric, primary key (book)) partition by list (book);
create table ledger_main partition of ledger for values in (1);
-- b
create table ledger (book int, amount numeric) partition by list (book);
create table ledger_main partition of ledger (book not null) for values in (1);

-- case: partitioned table and a plain table that reference each other are dropped
-- a
create table account (id int primary key) partition by range (id);
create table account_low partition of account for values from (0) to (1000);
create table owner (id int primary key);
alter table account add constraint account_owner_fk foreign key (id) references owner;
alter table owner add constraint owner_account_fk foreign key (id) references account;
-- b

-- case: partitions of two partitioned tables that reference each other are dropped
-- a
create table invoice (region text, id int, ref int, primary key (region, id), unique (region, ref)) partition by list (region);
create table payment (region text, id int, ref int, primary key (region, id), unique (region, ref)) partition by list (region);
create table invoice_eu partition of invoice for values in ('eu');
create table payment_eu partition of payment for values in ('eu');
alter table invoice add constraint invoice_payment_fk foreign key (region, ref) references payment (region, ref);
alter table payment add constraint payment_invoice_fk foreign key (region, ref) references invoice (region, ref);
-- b
create table invoice (region text, id int, ref int, primary key (region, id), unique (region, ref)) partition by list (region);
create table payment (region text, id int, ref int, primary key (region, id), unique (region, ref)) partition by list (region);
alter table invoice add constraint invoice_payment_fk foreign key (region, ref) references payment (region, ref);
alter table payment add constraint payment_invoice_fk foreign key (region, ref) references invoice (region, ref);

-- case: partition of a table that a foreign key references is dropped
-- a
create table product (code int primary key) partition by range (code);
create table product_low partition of product for values from (0) to (100);
create table product_high partition of product for values from (100) to (200);
create table stock (code int references product);
-- b
create table product (code int primary key) partition by range (code);
create table product_low partition of product for values from (0) to (100);
create table stock (code int references product);

-- case: foreign key to a partition whose key comes from its parent
-- a
-- b
create table shelf (id int primary key) partition by list (id);
create table shelf_one partition of shelf for values in (1);
create table label (id int primary key, shelf int);
alter table label add constraint label_shelf_fk foreign key (shelf) references shelf_one (id);

-- case: column added to a partitioned table with a default that a partition overrides
-- a
create table ledger (book int) partition by list (book);
create table ledger_main partition of ledger for values in (1);
create table ledger_side partition of ledger for values in (2);
-- b
create table ledger (book int, amount numeric default 0) partition by list (book);
create table ledger_main partition of ledger (amount default 10 not null) for values in (1);
create table ledger_side partition of ledger for values in (2);

-- case: NOT VALID check on a partitioned table whose later partitions have it valid
-- a
create table parcel (zone int, weight int) partition by list (zone);
create table parcel_1 partition of parcel for values in (1);
-- b
create table parcel (zone int, weight int) partition by list (zone);
create table parcel_1 partition of parcel for values in (1);
alter table parcel add constraint parcel_weight_check check (weight > 0) not valid;
create table parcel_2 partition of parcel for values in (2);

-- case: partition's copy of a NOT VALID check validated on its own
-- a
create table parcel (zone int, weight int) partition by list (zone);
create table parcel_1 partition of parcel for values in (1);
create table parcel_2 partition of parcel for values in (2);
alter table parcel add constraint parcel_weight_check check (weight > 0) not valid;
-- b
create table parcel (zone int, weight int) partition by list (zone);
create table parcel_1 partition of parcel for values in (1);
create table parcel_2 partition of parcel for values in (2);
alter table parcel add constraint parcel_weight_check check (weight > 0) not valid;
alter table parcel_2 validate constraint parcel_weight_check;

-- case: partition key column changes type
-- a
create table reading_log (at int, v int) partition by range (at);
create table reading_log_1 partition of reading_log for values from (0) to (100);
-- b
create table reading_log (at bigint, v int) partition by range (at);
create table reading_log_1 partition of reading_log for values from (0) to (100);

-- case: a partition's own column statistics, storage, options, comments and grants change
-- a
create table reading (id int, site text, note text) partition by range (id);
create table reading_low partition of reading for values from (0) to (100) partition by range (id);
create table reading_lowest partition of reading_low for values from (0) to (10);
alter table reading_low alter column site set statistics 50;
alter table reading_lowest alter column note set (n_distinct = 5);
comment on column reading_lowest.id is 'deep';
-- b
create table reading (id int, site text, note text, extra text) partition by range (id);
alter table reading alter column site set statistics 70;
alter table reading alter column extra set storage external;
create table reading_low partition of reading for values from (0) to (100) partition by range (id);
create table reading_lowest partition of reading_low for values from (0) to (10);
alter table reading_lowest alter column site set statistics 90;
alter table reading_lowest alter column extra set storage main;
comment on column reading_low.extra is 'mid';
grant select (site) on reading_lowest to app_reader;

-- case: a sub-partition's bound changes while the root's unique constraint goes
-- a
create table ev (id int not null, d date not null, k int not null, v text) partition by range (d);
create table ev_2020 partition of ev for values from ('2020-01-01') to ('2021-01-01') partition by list (k);
create table ev_2020_a partition of ev_2020 for values in (1, 2) partition by hash (id);
create table ev_2020_a0 partition of ev_2020_a for values with (modulus 2, remainder 0);
create table ev_2020_a1 partition of ev_2020_a for values with (modulus 2, remainder 1);
alter table ev add constraint ev_u unique (id, d, k);
create index ev_v on ev (v);
-- b
create table ev (id int not null, d date not null, k int not null, v text) partition by range (d);
create table ev_2020 partition of ev for values from ('2020-01-01') to ('2021-01-01') partition by list (k);
create table ev_2020_a partition of ev_2020 for values in (1, 2, 3) partition by hash (id);
create table ev_2020_a0 partition of ev_2020_a for values with (modulus 2, remainder 0);
create table ev_2020_a1 partition of ev_2020_a for values with (modulus 2, remainder 1);

-- case: partition key expression with a BETWEEN and an AND
-- a
create table flags (a int, b int) partition by list (a);
-- b
create table flags (a int, b int) partition by list ((b between 0 and 10 and a >= 0));
create table flags_yes partition of flags for values in (true);

-- case: a sub-partition keyed on a column the root gains
-- a
create table events (region text, zone text) partition by list (region);
create table events_eu partition of events for values in ('eu') partition by list (zone);
-- b
create table events (region text, zone text, created_on date, "Kind" text) partition by list (region);
create table events_eu partition of events for values in ('eu') partition by list (zone);
create table events_eu_west partition of events_eu for values in ('west') partition by range (created_on);
create table events_us partition of events for values in ('us') partition by list (lower("Kind"));

-- case: a partitioned table's column is retyped while views read it from a partition and an inheritance child
-- a
create table p (id int, amount int) partition by range (id);
create table p1 partition of p for values from (0) to (100);
create view p1_amounts as select id, amount from p1;
create table base (id int, amount int);
create table child () inherits (base);
create view child_amounts as select id, amount from child;
-- b
create table p (id int, amount bigint) partition by range (id);
create table p1 partition of p for values from (0) to (100);
create view p1_amounts as select id, amount from p1;
create table base (id int, amount bigint);
create table child () inherits (base);
create view child_amounts as select id, amount from child;
