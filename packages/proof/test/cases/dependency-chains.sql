-- case: view on view on a column whose type changes
-- a
create table t (id int, amount int);
create view v1 as select id, amount from t;
create view v2 as select id, amount from v1 where amount > 0;
create view v3 as select sum(amount) as total from v2;
-- b
create table t (id int, amount bigint);
create view v1 as select id, amount from t;
create view v2 as select id, amount from v1 where amount > 0;
create view v3 as select sum(amount) as total from v2;

-- case: function signature change used by a column default
-- a
create function next_code(prefix text) returns text language sql volatile as $$ select prefix || floor(random() * 1000)::int $$;
create table t (id int, code text default next_code('A'));
-- b
create function next_code(prefix text, width int) returns text language sql volatile as $$ select prefix || lpad(floor(random() * 1000)::int::text, width, '0') $$;
create table t (id int, code text default next_code('A', 4));

-- case: function signature change used by a check constraint
-- a
create function is_valid(x int) returns boolean language sql immutable as $$ select x > 0 $$;
create table t (qty int, constraint t_qty_valid check (is_valid(qty)));
-- b
create function is_valid(x bigint) returns boolean language sql immutable as $$ select x > 0 $$;
create table t (qty int, constraint t_qty_valid check (is_valid(qty)));

-- case: function signature change used by a policy
-- a
create function can_see(tenant int) returns boolean language sql stable as $$ select tenant = 1 $$;
create table doc (id int, tenant int);
alter table doc enable row level security;
create policy doc_tenant on doc using (can_see(tenant));
-- b
create function can_see(tenant int, who text) returns boolean language sql stable as $$ select tenant = 1 and who is not null $$;
create table doc (id int, tenant int);
alter table doc enable row level security;
create policy doc_tenant on doc using (can_see(tenant, current_user::text));

-- case: function signature change used by a trigger when condition
-- a
create function changed(a numeric, b numeric) returns boolean language sql immutable as $$ select a is distinct from b $$;
create function stamp() returns trigger language plpgsql as $$ begin new.touched := now(); return new; end $$;
create table t (price numeric, touched timestamptz);
create trigger t_stamp before update on t for each row when (changed(old.price, new.price)) execute function stamp();
-- b
create function changed(a text, b text) returns boolean language sql immutable as $$ select a is distinct from b $$;
create function stamp() returns trigger language plpgsql as $$ begin new.touched := now(); return new; end $$;
create table t (price numeric, touched timestamptz);
create trigger t_stamp before update on t for each row when (changed(old.price::text, new.price::text)) execute function stamp();

-- case: function signature change used by a view
-- a
create function fmt(x int) returns text language sql immutable as $$ select x::text $$;
create table t (id int);
create view v as select fmt(id) as label from t;
-- b
create function fmt(x int, suffix text) returns text language sql immutable as $$ select x::text || suffix $$;
create table t (id int);
create view v as select fmt(id, '!') as label from t;

-- case: function return type change used by a default a check a policy a trigger and a view
-- a
create function score(x int) returns int language sql immutable as $$ select x * 2 $$;
create function bump() returns trigger language plpgsql as $$ begin new.v := score(new.v); return new; end $$;
create table t (v int default score(1), constraint t_score check (score(v) >= 0));
alter table t enable row level security;
create policy t_pos on t using (score(v) > 0);
create trigger t_bump before insert on t for each row when (score(1) > 0) execute function bump();
create view v as select score(v) as s from t;
-- b
create function score(x int) returns bigint language sql immutable as $$ select x::bigint * 2 $$;
create function bump() returns trigger language plpgsql as $$ begin new.v := score(new.v); return new; end $$;
create table t (v int default score(1), constraint t_score check (score(v) >= 0));
alter table t enable row level security;
create policy t_pos on t using (score(v) > 0);
create trigger t_bump before insert on t for each row when (score(1) > 0) execute function bump();
create view v as select score(v) as s from t;

-- case: enum value removal with a column a default and a view
-- a
create type status as enum ('draft', 'review', 'published');
create table post (id int, state status not null default 'draft');
create view published_post as select id from post where state = 'published';
-- b
create type status as enum ('draft', 'published');
create table post (id int, state status not null default 'draft');
create view published_post as select id from post where state = 'published';

-- case: enum value removal with a check constraint an index and a function
-- a
create type status as enum ('new', 'stale', 'done');
create table task (id int, state status, constraint task_not_new check (state <> 'new'));
create index task_state_idx on task (state) where state <> 'done';
create function count_state(s status) returns bigint language sql stable as $$ select count(*) from task where state = s $$;
-- b
create type status as enum ('new', 'done');
create table task (id int, state status, constraint task_not_new check (state <> 'new'));
create index task_state_idx on task (state) where state <> 'done';
create function count_state(s status) returns bigint language sql stable as $$ select count(*) from task where state = s $$;

-- case: domain check change with a column
-- a
create domain rating as int constraint rating_range check (value between 1 and 5);
create table review (id int, stars rating not null);
-- b
create domain rating as int constraint rating_range check (value between 1 and 10);
create table review (id int, stars rating not null);

-- case: domain base type change with a column a view and a function
-- a
create domain money_amount as numeric(10, 2);
create table payment (id int, amount money_amount);
create view big_payment as select id, amount from payment where amount > 1000;
create function double_it(m money_amount) returns money_amount language sql immutable as $$ select (m * 2)::money_amount $$;
-- b
create domain money_amount as numeric(14, 4);
create table payment (id int, amount money_amount);
create view big_payment as select id, amount from payment where amount > 1000;
create function double_it(m money_amount) returns money_amount language sql immutable as $$ select (m * 2)::money_amount $$;

-- case: foreign key cycle created together with its tables and a view
-- a
create table unrelated (id int);
-- b
create table unrelated (id int);
create table team (id int primary key, captain_id int);
create table player (id int primary key, team_id int not null references team (id));
alter table team add constraint team_captain_fk foreign key (captain_id) references player (id) deferrable initially deferred;
create view roster as select t.id as team_id, p.id as player_id from team t join player p on p.team_id = t.id;

-- case: dropped table referenced by a view
-- a
create table a_tab (id int);
create table b_tab (id int, a_id int);
create view ab as select b.id, a.id as a_id from b_tab b join a_tab a on a.id = b.a_id;
-- b
create table b_tab (id int, a_id int);

-- case: dropped table referenced by a foreign key
-- a
create table parent (id int primary key);
create table child (id int, parent_id int references parent (id));
-- b
create table child (id int, parent_id int);

-- case: dropped table referenced by a policy
-- a
create table allowed (username text);
create table doc (id int, owner_name text);
alter table doc enable row level security;
create policy doc_allowed on doc using (exists (select 1 from allowed a where a.username = current_user));
-- b
create table doc (id int, owner_name text);
alter table doc enable row level security;
create policy doc_allowed on doc using (owner_name = current_user);

-- case: column replaced under an index and a unique constraint
-- a
create table t (id int, code text, constraint t_code_key unique (code));
create index t_code_lower_idx on t (lower(code));
-- b
create table t (id int, sku text, constraint t_code_key unique (sku));
create index t_code_lower_idx on t (lower(sku));

-- case: sequence used by defaults in two tables
-- a
create table a_tab (id bigint);
create table b_tab (id bigint);
-- b
create sequence shared_id;
create table a_tab (id bigint default nextval('shared_id'));
create table b_tab (id bigint default nextval('shared_id'));

-- case: shared sequence owned by one of its two users
-- a
create sequence shared_id;
create table a_tab (id bigint default nextval('shared_id'));
create table b_tab (id bigint default nextval('shared_id'));
-- b
create sequence shared_id;
create table a_tab (id bigint default nextval('shared_id'));
create table b_tab (id bigint default nextval('shared_id'));
alter sequence shared_id owned by a_tab.id;

-- case: security definer function with search path used by a policy
-- a
create schema auth;
create table auth.membership (username text, tenant int);
create table doc (id int, tenant int);
alter table doc enable row level security;
create function auth.my_tenants() returns setof int language sql stable security definer set search_path = auth, pg_temp as $$ select tenant from membership where username = current_user $$;
create policy doc_tenant on doc using (tenant in (select auth.my_tenants()));
-- b
create schema auth;
create table auth.membership (username text, tenant int, active boolean not null default true);
create table doc (id int, tenant int);
alter table doc enable row level security;
create function auth.my_tenants() returns setof int language sql stable security definer set search_path = auth, pg_temp as $$ select tenant from membership where username = current_user and active $$;
create policy doc_tenant on doc using (tenant in (select auth.my_tenants()));

-- case: begin atomic function on a column whose type changes
-- a
create table t (id int, amount int);
create function total() returns bigint language sql stable
begin atomic
  select sum(amount) from t;
end;
-- b
create table t (id int, amount numeric);
create function total() returns bigint language sql stable
begin atomic
  select sum(amount)::bigint from t;
end;

-- case: begin atomic function keeps a column from being dropped
-- a
create table t (id int, legacy text);
create function legacy_count() returns bigint language sql stable
begin atomic
  select count(legacy) from t;
end;
-- b
create table t (id int);

-- case: materialized view over a view over a changed column
-- a
create table t (id int, amount int);
create view v as select id, amount from t;
create materialized view mv as select sum(amount) as total from v;
create unique index mv_total_key on mv (total);
-- b
create table t (id int, amount numeric(12, 2));
create view v as select id, amount from t;
create materialized view mv as select sum(amount) as total from v;
create unique index mv_total_key on mv (total);

-- case: partitioned table whose non-key column type changes under a view
-- a
create table m (at date not null, value int) partition by range (at);
create table m_2024 partition of m for values from ('2024-01-01') to ('2025-01-01');
create view m_positive as select at, value from m where value > 0;
-- b
create table m (at date not null, value bigint) partition by range (at);
create table m_2024 partition of m for values from ('2024-01-01') to ('2025-01-01');
create view m_positive as select at, value from m where value > 0;

-- case: column type change under a generated column and an index
-- a
create table t (w int, h int, area int generated always as (w * h) stored);
create index t_area_idx on t (area);
-- b
create table t (w bigint, h bigint, area bigint generated always as (w * h) stored);
create index t_area_idx on t (area);

-- case: referenced key type change with a composite unique and an fk
-- a
create table parent (id int primary key, code text, unique (id, code));
create table child (parent_id int, code text, foreign key (parent_id, code) references parent (id, code));
-- b
create table parent (id bigint primary key, code text, unique (id, code));
create table child (parent_id bigint, code text, foreign key (parent_id, code) references parent (id, code));

-- case: composite attribute change used by a function and a column
-- a
create type pair as (k text, v int);
create table t (p pair);
create function pair_value(p pair) returns int language sql immutable as $$ select (p).v $$;
-- b
create type pair as (k text, v bigint);
create table t (p pair);
create function pair_value(p pair) returns bigint language sql immutable as $$ select (p).v $$;

-- case: view depends on a function whose return type changes
-- a
create function price_of(id int) returns numeric language sql stable as $$ select id * 1.5 $$;
create table item (id int);
create view priced as select id, price_of(id) as price from item;
create view expensive as select id from priced where price > 10;
-- b
create function price_of(id int) returns float8 language sql stable as $$ select id * 1.5 $$;
create table item (id int);
create view priced as select id, price_of(id) as price from item;
create view expensive as select id from priced where price > 10;

-- case: schema dropped with a view in another schema pointing into it
-- a
create schema s1;
create schema s2;
create table s1.t (id int);
create view s2.v as select id from s1.t;
create table s2.keep (id int);
-- b
create schema s2;
create table s2.keep (id int);

-- case: column owning a sequence is dropped
-- a
create table t (id int, legacy_no int);
create sequence t_legacy_seq owned by t.legacy_no;
-- b
create table t (id int);

-- case: column type change keeps column grants and comments
-- a
create table t (id int, qty int);
comment on column t.qty is 'quantity';
grant select (qty), update (qty) on t to app_writer;
-- b
create table t (id int, qty numeric);
comment on column t.qty is 'quantity';
grant select (qty), update (qty) on t to app_writer;

-- case: column type change used by a policy and a trigger column list
-- a
create function stamp() returns trigger language plpgsql as $$ begin return new; end $$;
create table t (id int, tenant int);
create policy t_tenant on t using (tenant = 1);
create trigger t_stamp before update of tenant on t for each row execute function stamp();
-- b
create function stamp() returns trigger language plpgsql as $$ begin return new; end $$;
create table t (id int, tenant bigint);
create policy t_tenant on t using (tenant = 1);
create trigger t_stamp before update of tenant on t for each row execute function stamp();

-- case: enum value added used by a check and a view
-- a
create type size as enum ('s', 'm', 'l');
create table shirt (id int, sz size, constraint shirt_not_small check (sz <> 's'));
create view big_shirt as select id from shirt where sz = 'l';
-- b
create type size as enum ('s', 'm', 'l', 'xl');
create table shirt (id int, sz size, constraint shirt_not_small check (sz <> 's'));
create view big_shirt as select id from shirt where sz in ('l', 'xl');

-- case: table replaced by another name under a view and a grant
-- a
create table old_name (id int);
create view v as select id from old_name;
grant select on v to app_reader;
-- b
create table new_name (id int);
create view v as select id from new_name;
grant select on v to app_reader;

-- case: immutable function used by an expression index changes body
-- a
create function norm(t text) returns text language sql immutable as $$ select lower(t) $$;
create table t (name text);
create index t_norm_idx on t (norm(name));
-- b
create function norm(t text) returns text language sql immutable as $$ select lower(trim(t)) $$;
create table t (name text);
create index t_norm_idx on t (norm(name));

-- case: range subtype change under an exclusion constraint
-- a
create type num_span as range (subtype = numeric);
create table slot (during num_span, exclude using gist (during with &&));
-- b
create type num_span as range (subtype = float8);
create table slot (during num_span, exclude using gist (during with &&));

-- case: extension dropped together with a citext column and its index
-- a
create extension citext;
create table member (id int, email citext);
create unique index member_email_key on member (email);
-- b
create table member (id int, email text);
create unique index member_email_key on member (email);

-- case: view column list shrinks while owner grants and comments remain
-- a
create table t (id int, a text, b text);
create view v as select id, a, b from t;
create view w as select id, a from v;
alter view v owner to app_owner;
grant select on v to app_reader;
comment on column v.a is 'kept';
-- b
create table t (id int, a text, b text);
create view v as select id, a from t;
create view w as select id, a from v;
alter view v owner to app_owner;
grant select on v to app_reader;
comment on column v.a is 'kept';

-- case: base column removed under a materialized view and its index
-- a
create table t (id int, legacy int);
create materialized view mv as select id, legacy from t;
create index mv_legacy_idx on mv (legacy);
-- b
create table t (id int);
create materialized view mv as select id from t;

-- case: table with identity column dropped while a view reads another table
-- a
create table keep (id int);
create table gone (id int generated always as identity primary key, keep_id int);
create view keep_v as select id from keep;
-- b
create table keep (id int);
create view keep_v as select id from keep;

-- case: function used by a generated column changes body
-- a
create function slugify(t text) returns text language sql immutable as $$ select lower(t) $$;
create table article (title text, slug text generated always as (slugify(title)) stored);
-- b
create function slugify(t text) returns text language sql immutable as $$ select regexp_replace(lower(t), '\s+', '-', 'g') $$;
create table article (title text, slug text generated always as (slugify(title)) stored);

-- case: sql function returning a view's rows after the view changes
-- a
create table t (id int, name text);
create view v as select id, name from t;
create function all_v() returns setof v language sql stable as $$ select * from v $$;
-- b
create table t (id int, name text);
create view v as select id, name from t where id > 0;
create function all_v() returns setof v language sql stable as $$ select * from v $$;

-- case: a table becomes a view of the same name over a new table, under a view on it
-- a
create schema x;
create table x.things (id uuid, name text);
create view x.names as select * from x.things;
-- b
create schema x;
create table x.things_store (id uuid, name text);
create view x.things as select * from x.things_store;
create view x.names as select * from x.things;

-- case: a table dropped with the function on its row type that its check and index call
-- a
create table bookings (id int primary key, status text not null default 'pending');
create function booking_priority(b bookings) returns int language sql immutable as $$ select length(b.status) $$;
alter table bookings add constraint bookings_priority_chk check (booking_priority(bookings) >= 0);
create index bookings_priority_idx on bookings (booking_priority(bookings));
-- b
create table other (id int);

-- case: a table replaced under a function on its row type that its check calls
-- a
create table bookings (id int primary key, status text not null default 'pending');
create function booking_priority(b bookings) returns int language sql immutable as $$ select length(b.status) $$;
alter table bookings add constraint bookings_priority_chk check (booking_priority(bookings) >= 0);
-- b
create table bookings (id int not null default 0, status text not null default 'pending') partition by range (id);
create table bookings_default partition of bookings default;
create function booking_priority(b bookings) returns int language sql immutable as $$ select length(b.status) $$;

-- case: table dropped with a policy that reads a view over the table
-- a
create table member (team int, person int);
create view my_team as select team from member where person = 1;
alter table member enable row level security;
create policy same_team on member using (team in (select team from my_team));
-- b

-- case: two tables dropped whose policies read each other
-- a
create table team (id int primary key);
create table seat (team int);
create policy team_has_seat on team using (exists (select from seat s where s.team = team.id));
create policy seat_of_team on seat using (exists (select from team t where t.id = seat.team));
-- b

-- case: table dropped with a policy calling a function whose standard body reads the table
-- a
create table grant_row (owner int, item int);
create function owns(i int) returns boolean language sql stable begin atomic select exists (select from public.grant_row g where g.item = i and g.owner = 1); end;
create policy by_owner on grant_row using (owns(item));
-- b

-- case: table dropped with a rule whose condition reads a view over the table
-- a
create table stock (id int, qty int);
create table stock_log (id int);
create view low_stock as select id from stock where qty < 5;
create rule log_low as on update to stock where old.id in (select id from low_stock) do also insert into stock_log values (old.id);
-- b
create table stock_log (id int);

-- case: inheritance parent dropped with a rule that routes rows to its child
-- a
create table entry (id int, day date);
create table entry_2024 () inherits (entry);
create rule entry_to_2024 as on insert to entry do instead insert into entry_2024 values (new.id, new.day);
-- b

-- case: table dropped whose column default calls a function with a standard body that reads the table
-- a
create table ticket_no (id int primary key, no int);
create function next_no() returns int language sql begin atomic select coalesce(max(no), 0) + 1 from public.ticket_no; end;
alter table ticket_no alter column no set default next_no();
-- b

-- case: column type changes under its default's function whose standard body reads the column
-- a
create table ticket_no (id int primary key, no int);
create function next_no() returns int language sql begin atomic select coalesce(max(no), 0) + 1 from public.ticket_no; end;
alter table ticket_no alter column no set default next_no();
-- b
create table ticket_no (id int primary key, no bigint);
create function next_no() returns int language sql begin atomic select coalesce(max(no), 0) + 1 from public.ticket_no; end;
alter table ticket_no alter column no set default next_no();

-- case: table with a policy that reads a view over it becomes partitioned
-- a
create table member (team int, person int);
create view my_team as select team from member where person = 1;
alter table member enable row level security;
create policy same_team on member using (team in (select team from my_team));
-- b
create table member (team int, person int) partition by hash (team);
create table member_0 partition of member for values with (modulus 1, remainder 0);
create view my_team as select team from member where person = 1;
alter table member enable row level security;
create policy same_team on member using (team in (select team from my_team));

-- case: both sides of a foreign key change to a type the old one does not compare with
-- a
create table shop (code int primary key);
create table shelf (shop int references shop, pos int);
-- b
create table shop (code text primary key);
create table shelf (shop text references shop, pos int);

-- case: both sides of a foreign key use an enum that loses a value
-- a
create type tier as enum ('gold', 'silver', 'bronze');
create table tier_rule (t tier primary key);
create table member_tier (t tier references tier_rule);
-- b
create type tier as enum ('gold', 'silver');
create table tier_rule (t tier primary key);
create table member_tier (t tier references tier_rule);

-- case: a table gains a column with a default while SQL-standard functions use its row type
-- a
create table person (id int primary key, first text not null, last text);
create function full_name(p person) returns text language sql immutable return p.first || ' ' || coalesce(p.last, '');
create function initials(person) returns text language sql immutable begin atomic select left($1.first, 1) || left(coalesce($1.last, ''), 1); end;
create index person_full_name on person (full_name(person));
alter table person enable row level security;
create policy person_named on person using (initials(person) <> '');
-- b
create table person (id int primary key, first text not null, last text, active boolean not null default true, nick varchar(20) generated always as (left(first, 20)) stored);
create function full_name(p person) returns text language sql immutable return p.first || ' ' || coalesce(p.last, '');
create function initials(person) returns text language sql immutable begin atomic select left($1.first, 1) || left(coalesce($1.last, ''), 1); end;
create index person_full_name on person (full_name(person));
alter table person enable row level security;
create policy person_named on person using (initials(person) <> '');

-- case: a column is retyped while a SQL-standard function uses the table's row type
-- a
create table item (id int primary key, qty int not null, label text);
create function doubled(i item) returns bigint language sql immutable return i.qty * 2;
create table item_log (id int, doubled bigint);
create function note(i item) returns text language sql immutable as $$ select $1.label $$;
-- b
create table item (id int primary key, qty bigint not null, label varchar(40));
create function doubled(i item) returns bigint language sql immutable return i.qty * 2;
create table item_log (id int, doubled bigint);
create function note(i item) returns text language sql immutable as $$ select $1.label $$;
