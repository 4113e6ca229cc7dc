create table app.items (id int);
\ir more/views.sql
