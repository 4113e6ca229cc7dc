\if true
create table t (id int);
