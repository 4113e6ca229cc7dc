create table if not exists a (id int);
\ir b.sql
