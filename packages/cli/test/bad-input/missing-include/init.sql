create schema app;

\ir lib/absent.sql
