\set owner `echo $OWNER`
create table t (id int);
