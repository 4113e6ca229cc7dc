create table if not exists b (id int);
\ir a.sql
