create schema app;
create table app.items (id int primary key, name text);
create table app.prices (id int, amount numeric(10,2) defalt 0);
