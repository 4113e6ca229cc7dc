-- case: ddl command end event trigger
-- a
-- b
create function log_ddl() returns event_trigger language plpgsql as $$ begin raise notice 'ddl: %', tg_tag; end $$;
create event trigger log_ddl_end on ddl_command_end execute function log_ddl();

-- case: event trigger with a tag filter
-- a
create function log_ddl() returns event_trigger language plpgsql as $$ begin raise notice 'ddl: %', tg_tag; end $$;
-- b
create function log_ddl() returns event_trigger language plpgsql as $$ begin raise notice 'ddl: %', tg_tag; end $$;
create event trigger log_tables on ddl_command_start when tag in ('CREATE TABLE', 'DROP TABLE') execute function log_ddl();

-- case: event trigger tag filter changes
-- a
create function log_ddl() returns event_trigger language plpgsql as $$ begin raise notice 'ddl: %', tg_tag; end $$;
create event trigger log_tables on ddl_command_start when tag in ('CREATE TABLE') execute function log_ddl();
-- b
create function log_ddl() returns event_trigger language plpgsql as $$ begin raise notice 'ddl: %', tg_tag; end $$;
create event trigger log_tables on ddl_command_start when tag in ('CREATE TABLE', 'ALTER TABLE') execute function log_ddl();

-- case: sql drop event trigger
-- a
-- b
create function on_drop() returns event_trigger language plpgsql as $$
declare r record;
begin
  for r in select * from pg_event_trigger_dropped_objects() loop
    raise notice 'dropped %', r.object_identity;
  end loop;
end
$$;
create event trigger on_sql_drop on sql_drop execute function on_drop();

-- case: event trigger disabled
-- a
create function log_ddl() returns event_trigger language plpgsql as $$ begin raise notice 'ddl: %', tg_tag; end $$;
create event trigger log_ddl_end on ddl_command_end execute function log_ddl();
-- b
create function log_ddl() returns event_trigger language plpgsql as $$ begin raise notice 'ddl: %', tg_tag; end $$;
create event trigger log_ddl_end on ddl_command_end execute function log_ddl();
alter event trigger log_ddl_end disable;

-- case: event trigger function body changes
-- a
create function log_ddl() returns event_trigger language plpgsql as $$ begin raise notice 'ddl: %', tg_tag; end $$;
create event trigger log_ddl_end on ddl_command_end execute function log_ddl();
-- b
create function log_ddl() returns event_trigger language plpgsql as $$ begin raise notice 'ddl % in %', tg_tag, tg_event; end $$;
create event trigger log_ddl_end on ddl_command_end execute function log_ddl();

-- case: event trigger comment
-- a
create function log_ddl() returns event_trigger language plpgsql as $$ begin raise notice 'ddl: %', tg_tag; end $$;
create event trigger log_ddl_end on ddl_command_end execute function log_ddl();
-- b
create function log_ddl() returns event_trigger language plpgsql as $$ begin raise notice 'ddl: %', tg_tag; end $$;
create event trigger log_ddl_end on ddl_command_end execute function log_ddl();
comment on event trigger log_ddl_end is 'audit ddl';
