create table t (id int, name text);
copy t (id, name) from stdin;
1	one
two	2
\.
