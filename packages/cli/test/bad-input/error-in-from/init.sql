create table t (id int);
alter table t add column id int;
