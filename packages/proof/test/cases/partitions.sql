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
