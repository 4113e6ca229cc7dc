create schema app;
\frobnicate on
create table app.t (id int);
