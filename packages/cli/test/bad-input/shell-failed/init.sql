\set secret `exit 3`
create table t (id int);
