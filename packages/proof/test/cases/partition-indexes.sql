-- case: index of a partitioned table takes over a partition's own matching index
-- a
create table visit (site int, at date) partition by list (site);
create table visit_1 partition of visit for values in (1);
create index visit_1_mine on visit_1 (at);
-- b
create table visit (site int, at date) partition by list (site);
create table visit_1 partition of visit for values in (1);
create index visit_1_mine on visit_1 (at);
create index visit_at on visit (at);

-- case: index of a partitioned table next to a partition's own index of the same shape
-- a
create table visit (site int, at date) partition by list (site);
create table visit_1 partition of visit for values in (1);
-- b
create table visit (site int, at date) partition by list (site);
create table visit_1 partition of visit for values in (1);
create index visit_at on visit (at);
create index visit_1_mine on visit_1 (at);

-- case: partitions' indexes named by hand and attached one by one
-- a
create table reading (sensor int, at timestamptz, v float8) partition by list (sensor);
create table reading_a partition of reading for values in (1);
create table reading_b partition of reading for values in (2);
-- b
create table reading (sensor int, at timestamptz, v float8) partition by list (sensor);
create table reading_a partition of reading for values in (1);
create table reading_b partition of reading for values in (2);
create index reading_at on only reading (at);
create index reading_a_when on reading_a (at);
alter index reading_at attach partition reading_a_when;
create index reading_b_when on reading_b (at);
alter index reading_at attach partition reading_b_when;

-- case: index left on the parent only, its partitions not attached
-- a
create table reading (sensor int, at timestamptz) partition by list (sensor);
create table reading_a partition of reading for values in (1);
-- b
create table reading (sensor int, at timestamptz) partition by list (sensor);
create table reading_a partition of reading for values in (1);
create index reading_at on only reading (at);

-- case: partition's own index attached to a parent index that lacked it
-- a
create table reading (sensor int, at timestamptz) partition by list (sensor);
create table reading_a partition of reading for values in (1);
create table reading_b partition of reading for values in (2);
create index reading_at on only reading (at);
create index reading_a_at on reading_a (at);
alter index reading_at attach partition reading_a_at;
create index reading_b_at on reading_b (at);
-- b
create table reading (sensor int, at timestamptz) partition by list (sensor);
create table reading_a partition of reading for values in (1);
create table reading_b partition of reading for values in (2);
create index reading_at on only reading (at);
create index reading_a_at on reading_a (at);
alter index reading_at attach partition reading_a_at;
create index reading_b_at on reading_b (at);
alter index reading_at attach partition reading_b_at;

-- case: partition's index renamed
-- a
create table reading (sensor int, at timestamptz) partition by list (sensor);
create table reading_a partition of reading for values in (1);
create index reading_at on reading (at);
-- b
create table reading (sensor int, at timestamptz) partition by list (sensor);
create table reading_a partition of reading for values in (1);
create index reading_at on only reading (at);
create index reading_a_by_time on reading_a (at);
alter index reading_at attach partition reading_a_by_time;

-- case: new partition under an index whose partitions' indexes are named by hand
-- a
create table reading (sensor int, at timestamptz) partition by list (sensor);
create table reading_a partition of reading for values in (1);
create index reading_at on only reading (at);
create index reading_a_by_time on reading_a (at);
alter index reading_at attach partition reading_a_by_time;
-- b
create table reading (sensor int, at timestamptz) partition by list (sensor);
create table reading_a partition of reading for values in (1);
create index reading_at on only reading (at);
create index reading_a_by_time on reading_a (at);
alter index reading_at attach partition reading_a_by_time;
create table reading_b (sensor int, at timestamptz);
create index reading_b_by_time on reading_b (at);
alter table reading attach partition reading_b for values in (2);

-- case: new partition with long names and expression columns gets the indexes PostgreSQL names
-- a
create table a_rather_long_table_name_for_sensor_measurements_kept (sensor_identifier_of_the_device int, recorded_at_timestamp timestamptz, payload jsonb) partition by list (sensor_identifier_of_the_device);
create index long_expr on a_rather_long_table_name_for_sensor_measurements_kept ((payload ->> 'a'), (payload ->> 'b'), recorded_at_timestamp);
create index long_cols on a_rather_long_table_name_for_sensor_measurements_kept (sensor_identifier_of_the_device, recorded_at_timestamp) include (payload);
-- b
create table a_rather_long_table_name_for_sensor_measurements_kept (sensor_identifier_of_the_device int, recorded_at_timestamp timestamptz, payload jsonb) partition by list (sensor_identifier_of_the_device);
create index long_expr on a_rather_long_table_name_for_sensor_measurements_kept ((payload ->> 'a'), (payload ->> 'b'), recorded_at_timestamp);
create index long_cols on a_rather_long_table_name_for_sensor_measurements_kept (sensor_identifier_of_the_device, recorded_at_timestamp) include (payload);
create table a_rather_long_table_name_for_sensor_measurements_kept_part_one partition of a_rather_long_table_name_for_sensor_measurements_kept for values in (1);

-- case: new partition whose index name PostgreSQL has to number
-- a
create table shipment (lane int, at date) partition by list (lane);
create index shipment_at on shipment (at);
create sequence shipment_1_at_idx;
-- b
create table shipment (lane int, at date) partition by list (lane);
create index shipment_at on shipment (at);
create sequence shipment_1_at_idx;
create table shipment_1 partition of shipment for values in (1);

-- case: sub-partitioned tree built with names of its own at every level
-- a
create table event (region text, day date, kind text) partition by list (region);
create table event_eu partition of event for values in ('eu') partition by range (day);
create table event_eu_2024 partition of event_eu for values from ('2024-01-01') to ('2025-01-01');
-- b
create table event (region text, day date, kind text) partition by list (region);
create table event_eu partition of event for values in ('eu') partition by range (day);
create table event_eu_2024 partition of event_eu for values from ('2024-01-01') to ('2025-01-01');
create index event_kind on only event (kind);
create index event_eu_kind on only event_eu (kind);
create index event_eu_2024_kind on event_eu_2024 (kind);
alter index event_eu_kind attach partition event_eu_2024_kind;
alter index event_kind attach partition event_eu_kind;

-- case: table joins a parent while it has two indexes that match the parent's
-- a
create table ticket (queue int, opened date) partition by list (queue);
create index ticket_opened on ticket (opened);
create table ticket_7 (queue int, opened date);
create index ticket_7_mine on ticket_7 (opened);
-- b
create table ticket (queue int, opened date) partition by list (queue);
create table ticket_7 (queue int, opened date);
alter table ticket attach partition ticket_7 for values in (7);
create index ticket_opened on ticket (opened);
create index ticket_7_mine on ticket_7 (opened);

-- case: unique index of a partitioned table takes over a partition's own key and backs a foreign key
-- a
create table account (org int, id int) partition by list (org);
create table account_1 partition of account (primary key (org, id)) for values in (1);
create table invoice (org int, account int);
-- b
create table account (org int, id int) partition by list (org);
create table account_1 partition of account (primary key (org, id)) for values in (1);
create unique index account_key on account (org, id);
create table invoice (org int, account int, foreign key (org, account) references account (org, id));

-- case: index of a partitioned table dropped while a partition keeps one of its own
-- a
create table visit (site int, at date) partition by list (site);
create table visit_1 partition of visit for values in (1);
create index visit_at on only visit (at);
create index visit_1_at on visit_1 (at);
alter index visit_at attach partition visit_1_at;
-- b
create table visit (site int, at date) partition by list (site);
create table visit_1 partition of visit for values in (1);
create index visit_1_at on visit_1 (at);

-- case: index of a partitioned table that a partition's own key is attached to is dropped, the key dropped too
-- a
create table account (org int, id int) partition by list (org);
create table account_1 partition of account for values in (1);
create unique index account_key on only account (org, id);
create unique index account_1_pkey on account_1 (org, id);
alter table account_1 add constraint account_1_pkey primary key using index account_1_pkey;
alter index account_key attach partition account_1_pkey;
-- b
create table account (org int, id int) partition by list (org);
create table account_1 partition of account for values in (1);

-- case: statistics target on a partitioned expression index and its partitions' indexes
-- a
create table p (a int, c text) partition by range (a);
create table p1 partition of p for values from (0) to (10);
create index p_lower_idx on p (lower(c));
-- b
create table p (a int, c text) partition by range (a);
create table p1 partition of p for values from (0) to (10);
create index p_lower_idx on p (lower(c));
alter index p_lower_idx alter column 1 set statistics 300;
create table p2 partition of p for values from (10) to (20);
create table p3 partition of p for values from (20) to (30);
alter index p3_lower_idx alter column 1 set statistics 50;

-- case: indexes cloned onto a new partition are named after the parent index's column names
-- a
create table p (a int, c text) partition by range (a);
create index p_x on p ((c || 'x'));
create index p_y on p (lower(c), c);
create index p_z on p (c);
alter table p rename column c to d;
create table p1 partition of p for values from (0) to (10);
-- b
create table p (a int, c text) partition by range (a);
create index p_x on p ((c || 'x'));
create index p_y on p (lower(c), c);
create index p_z on p (c);
alter table p rename column c to d;
create table p1 partition of p for values from (0) to (10);
create table p2 partition of p for values from (10) to (20);

-- case: parent index storage parameters change while a partition's index keeps its own
-- a
create table o (d date, s text) partition by range (d);
create table o1 partition of o for values from ('2024-01-01') to ('2025-01-01');
create index o_s on only o (s);
create index o1_s_idx on o1 (s);
alter index o_s attach partition o1_s_idx;
-- b
create table o (d date, s text) partition by range (d);
create table o1 partition of o for values from ('2024-01-01') to ('2025-01-01');
create table o2 partition of o for values from ('2025-01-01') to ('2026-01-01');
create index o_s on only o (s) with (fillfactor = 70);
create index o1_s_idx on o1 (s);
create index o2_s_idx on o2 (s);
alter index o_s attach partition o1_s_idx;
alter index o_s attach partition o2_s_idx;
