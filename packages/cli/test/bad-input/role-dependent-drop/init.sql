drop role if exists pgshift_badinput_reader;
create role pgshift_badinput_reader;
create table readable (id int);
grant select on readable to pgshift_badinput_reader;
drop role pgshift_badinput_reader;
