create view api.todos as
  select id, todo, private, (owner_id = request.user_id()) as mine
  from data.todos;
alter view api.todos owner to api;
comment on view api.todos is 'Todos visible to the caller: their own and everyone''s public ones';
comment on column api.todos.mine is 'True when the signed-in user owns the item';

-- Runs with the caller's rights, so the count obeys the caller's own policies on data.todos.
create function api.todo_count() returns bigint
  language sql stable
begin atomic
  select count(*) from data.todos;
end;
comment on function api.todo_count() is 'Number of todos the caller may see';
