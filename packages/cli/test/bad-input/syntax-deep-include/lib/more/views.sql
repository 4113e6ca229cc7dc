-- views over items

create view app.item_ids as
  select id
  frm app.items;
