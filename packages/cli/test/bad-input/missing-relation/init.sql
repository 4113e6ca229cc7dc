create schema app;
create view app.v as
  select id from app.nope;
