create event trigger catalog_fx_ddl on ddl_command_end when tag in ('CREATE TABLE', 'ALTER TABLE') execute function api.on_ddl();
comment on event trigger catalog_fx_ddl is 'Watches DDL';
