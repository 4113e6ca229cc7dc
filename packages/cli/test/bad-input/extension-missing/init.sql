create extension if not exists postgis;
create table places (id int);
