-- case: online: index on an existing table, with a comment
-- a
create table t (id int primary key, email text);
-- b
create table t (id int primary key, email text);
create unique index t_email_key on t (lower(email));
comment on index t_email_key is 'one account per address';

-- case: online: index definition changes
-- a
create table t (id int, status text);
create index t_status_idx on t (status);
-- b
create table t (id int, status text);
create index t_status_idx on t (status, id) where status <> 'done';

-- case: online: foreign key and check on existing tables
-- a
create table parent (id int primary key);
create table child (id int primary key, parent_id int, qty int);
-- b
create table parent (id int primary key);
create table child (id int primary key, parent_id int references parent on delete cascade, qty int check (qty > 0));

-- case: online: SET NOT NULL on an existing column
-- a
create table t (id int, "Name" text);
-- b
create table t (id int, "Name" text not null);

-- case: online: NOT NULL on a column whose type changes too
-- a
create table t (id int, n int);
create index t_n_idx on t (n);
-- b
create table t (id int, n bigint not null);
create index t_n_idx on t (n);

-- case: online: foreign key to a new unique index stays in the transaction
-- a
create table a (code text);
create table b (id int, code text);
-- b
create table a (code text);
create unique index a_code_key on a (code);
create table b (id int, code text references a (code));

-- case: online: index on a new column of an existing table
-- a
create table t (id int);
-- b
create table t (id int, created_at timestamptz default now() not null);
create index t_created_at_idx on t (created_at);

-- case: online: index on a partitioned table is built in the transaction
-- a
create table m (id int, at date) partition by range (at);
create table m_2026 partition of m for values from ('2026-01-01') to ('2027-01-01');
-- b
create table m (id int, at date) partition by range (at);
create table m_2026 partition of m for values from ('2026-01-01') to ('2027-01-01');
create index m_id_idx on m (id);
alter table m add constraint m_id_check check (id > 0);

-- case: online: clustered new index stays in the transaction
-- a
create table t (id int, k int);
-- b
create table t (id int, k int);
create index t_k_idx on t (k);
alter table t cluster on t_k_idx;
