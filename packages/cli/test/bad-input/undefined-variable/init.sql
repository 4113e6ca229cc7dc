create schema app;
create table app.:"table_name" (id int);
