create schema app;
create table app.items (id int primary key);
create table app.prices (id int);
