-- case: before row trigger created
-- a
create table t (id int, updated_at timestamptz);
create function touch() returns trigger language plpgsql as $$ begin new.updated_at := now(); return new; end $$;
-- b
create table t (id int, updated_at timestamptz);
create function touch() returns trigger language plpgsql as $$ begin new.updated_at := now(); return new; end $$;
create trigger t_touch before insert or update on t for each row execute function touch();

-- case: trigger and its function created together
-- a
create table t (id int, updated_at timestamptz);
-- b
create table t (id int, updated_at timestamptz);
create function touch() returns trigger language plpgsql as $$ begin new.updated_at := now(); return new; end $$;
create trigger t_touch before update on t for each row execute function touch();

-- case: after statement trigger
-- a
create table t (id int);
create table t_log (at timestamptz, op text);
create function log_op() returns trigger language plpgsql as $$ begin insert into t_log values (now(), tg_op); return null; end $$;
-- b
create table t (id int);
create table t_log (at timestamptz, op text);
create function log_op() returns trigger language plpgsql as $$ begin insert into t_log values (now(), tg_op); return null; end $$;
create trigger t_log_op after insert or delete or truncate on t for each statement execute function log_op();

-- case: trigger events change
-- a
create table t (id int, updated_at timestamptz);
create function touch() returns trigger language plpgsql as $$ begin new.updated_at := now(); return new; end $$;
create trigger t_touch before update on t for each row execute function touch();
-- b
create table t (id int, updated_at timestamptz);
create function touch() returns trigger language plpgsql as $$ begin new.updated_at := now(); return new; end $$;
create trigger t_touch before insert or update on t for each row execute function touch();

-- case: trigger with a when condition and update of columns
-- a
create table t (id int, price numeric, changed boolean);
create function flag() returns trigger language plpgsql as $$ begin new.changed := true; return new; end $$;
-- b
create table t (id int, price numeric, changed boolean);
create function flag() returns trigger language plpgsql as $$ begin new.changed := true; return new; end $$;
create trigger t_flag before update of price on t for each row when (old.price is distinct from new.price) execute function flag();

-- case: trigger arguments change
-- a
create table t (id int);
create function note() returns trigger language plpgsql as $$ begin raise notice '%', tg_argv[0]; return null; end $$;
create trigger t_note after insert on t for each row execute function note('first');
-- b
create table t (id int);
create function note() returns trigger language plpgsql as $$ begin raise notice '%', tg_argv[0]; return null; end $$;
create trigger t_note after insert on t for each row execute function note('second', 'extra');

-- case: deferrable constraint trigger
-- a
create table t (id int);
create function check_later() returns trigger language plpgsql as $$ begin return null; end $$;
-- b
create table t (id int);
create function check_later() returns trigger language plpgsql as $$ begin return null; end $$;
create constraint trigger t_check_later after insert or update on t deferrable initially deferred for each row execute function check_later();

-- case: instead of trigger on a view
-- a
create table t (id int, name text);
create view v as select id, name from t;
create function v_insert() returns trigger language plpgsql as $$ begin insert into t values (new.id, new.name); return new; end $$;
-- b
create table t (id int, name text);
create view v as select id, name from t;
create function v_insert() returns trigger language plpgsql as $$ begin insert into t values (new.id, new.name); return new; end $$;
create trigger v_insert instead of insert on v for each row execute function v_insert();

-- case: trigger disabled
-- a
create table t (id int);
create function noop() returns trigger language plpgsql as $$ begin return null; end $$;
create trigger t_noop after insert on t for each row execute function noop();
-- b
create table t (id int);
create function noop() returns trigger language plpgsql as $$ begin return null; end $$;
create trigger t_noop after insert on t for each row execute function noop();
alter table t disable trigger t_noop;

-- case: trigger enabled always and replica
-- a
create table t (id int);
create function noop() returns trigger language plpgsql as $$ begin return null; end $$;
create trigger t_a after insert on t for each row execute function noop();
create trigger t_b after insert on t for each row execute function noop();
-- b
create table t (id int);
create function noop() returns trigger language plpgsql as $$ begin return null; end $$;
create trigger t_a after insert on t for each row execute function noop();
create trigger t_b after insert on t for each row execute function noop();
alter table t enable always trigger t_a;
alter table t enable replica trigger t_b;

-- case: trigger function body changes
-- a
create table t (id int, name text);
create function clean() returns trigger language plpgsql as $$ begin new.name := trim(new.name); return new; end $$;
create trigger t_clean before insert on t for each row execute function clean();
-- b
create table t (id int, name text);
create function clean() returns trigger language plpgsql as $$ begin new.name := lower(trim(new.name)); return new; end $$;
create trigger t_clean before insert on t for each row execute function clean();

-- case: trigger moves to another function
-- a
create table t (id int);
create function f1() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger t_trg before insert on t for each row execute function f1();
-- b
create table t (id int);
create function f2() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger t_trg before insert on t for each row execute function f2();

-- case: trigger with transition tables
-- a
create table t (id int);
create function count_new() returns trigger language plpgsql as $$ begin perform count(*) from new_rows; return null; end $$;
-- b
create table t (id int);
create function count_new() returns trigger language plpgsql as $$ begin perform count(*) from new_rows; return null; end $$;
create trigger t_count after insert on t referencing new table as new_rows for each statement execute function count_new();

-- case: trigger comment
-- a
create table t (id int);
create function noop() returns trigger language plpgsql as $$ begin return null; end $$;
create trigger t_noop after insert on t for each row execute function noop();
-- b
create table t (id int);
create function noop() returns trigger language plpgsql as $$ begin return null; end $$;
create trigger t_noop after insert on t for each row execute function noop();
comment on trigger t_noop on t is 'placeholder hook';

-- case: a trigger disabled on one partition only
-- a
create function trg() returns trigger language plpgsql as $$ begin return new; end $$;
create table pt (k integer) partition by list (k);
create table pt1 partition of pt for values in (1);
create table pt2 partition of pt for values in (2);
create trigger pt_t before insert on pt for each row execute function trg();
-- b
create function trg() returns trigger language plpgsql as $$ begin return new; end $$;
create table pt (k integer) partition by list (k);
create table pt1 partition of pt for values in (1);
create table pt2 partition of pt for values in (2);
create trigger pt_t before insert on pt for each row execute function trg();
alter table pt1 disable trigger pt_t;

-- case: a partitioned table's trigger set to replica without its partitions, and a new partition
-- a
create function trg() returns trigger language plpgsql as $$ begin return new; end $$;
create table pt (k integer) partition by list (k);
create table pt1 partition of pt for values in (1);
create trigger pt_t after insert on pt for each row execute function trg();
alter table pt1 disable trigger pt_t;
-- b
create function trg() returns trigger language plpgsql as $$ begin return new; end $$;
create table pt (k integer) partition by list (k);
create table pt1 partition of pt for values in (1);
create trigger pt_t after insert on pt for each row execute function trg();
alter table only pt enable replica trigger pt_t;
create table pt2 partition of pt for values in (2);
create table pt3 (k integer) partition by list (k);
create table pt3a partition of pt3 for values in (3);
alter table pt attach partition pt3 for values in (3);
alter table pt3 enable always trigger pt_t;
alter table pt3a disable trigger pt_t;
