create schema app;
\ir lib/tables.sql
