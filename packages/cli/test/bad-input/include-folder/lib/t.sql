create table app.t (id int);
