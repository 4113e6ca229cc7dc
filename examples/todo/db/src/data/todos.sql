create table data.todos (
  id serial primary key,
  todo text not null,
  private boolean not null default true,
  owner_id int not null default request.user_id()
    references data.users (id) on delete cascade,
  created_at timestamptz not null default now()
);
comment on table data.todos is 'Todo items; each belongs to one user and is private unless shared';
comment on column data.todos.private is 'Visible to its owner only when true';
comment on column data.todos.owner_id is 'Defaults to the signed-in user';

create index todos_owner_id_idx on data.todos (owner_id);
-- The public list is read newest first and never includes private items.
create index todos_public_created_at_idx on data.todos (created_at desc) where not private;
-- Case-insensitive search on the text.
create index todos_todo_lower_idx on data.todos (lower(todo));

alter table data.todos enable row level security;

-- api.todos runs with the rights of its owner, api; api.todo_count reads the table with
-- the rights of the caller, so webuser and anonymous have policies of their own.
create policy todos_visible on data.todos
  for select to api, webuser
  using (not private or owner_id = request.user_id());

create policy todos_public on data.todos
  for select to :"anonymous"
  using (not private);

create policy todos_insert_own on data.todos
  for insert to api
  with check (owner_id = request.user_id());

create policy todos_update_own on data.todos
  for update to api
  using (owner_id = request.user_id())
  with check (owner_id = request.user_id());

create policy todos_delete_own on data.todos
  for delete to api
  using (owner_id = request.user_id());
