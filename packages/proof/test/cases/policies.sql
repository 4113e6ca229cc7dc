-- case: create a policy
-- a
create table doc (id int, owner_name text);
alter table doc enable row level security;
-- b
create table doc (id int, owner_name text);
alter table doc enable row level security;
create policy doc_owner on doc using (owner_name = current_user);

-- case: policy using expression changes
-- a
create table doc (id int, owner_name text, public boolean);
create policy doc_read on doc for select using (owner_name = current_user);
-- b
create table doc (id int, owner_name text, public boolean);
create policy doc_read on doc for select using (owner_name = current_user or public);

-- case: policy with check added
-- a
create table doc (id int, owner_name text);
create policy doc_write on doc for all using (owner_name = current_user);
-- b
create table doc (id int, owner_name text);
create policy doc_write on doc for all using (owner_name = current_user) with check (owner_name = current_user and id > 0);

-- case: policy roles change
-- a
create table doc (id int);
create policy doc_read on doc for select to app_reader using (true);
-- b
create table doc (id int);
create policy doc_read on doc for select to app_reader, app_writer using (true);

-- case: policy roles become public
-- a
create table doc (id int);
create policy doc_read on doc for select to app_reader using (true);
-- b
create table doc (id int);
create policy doc_read on doc for select using (true);

-- case: permissive becomes restrictive
-- a
create table doc (id int, tenant int);
create policy doc_tenant on doc as permissive using (tenant = 1);
-- b
create table doc (id int, tenant int);
create policy doc_tenant on doc as restrictive using (tenant = 1);

-- case: policy command changes
-- a
create table doc (id int);
create policy doc_p on doc for select using (id > 0);
-- b
create table doc (id int);
create policy doc_p on doc for update using (id > 0);

-- case: insert policy with check only
-- a
create table doc (id int);
-- b
create table doc (id int);
create policy doc_insert on doc for insert to app_writer with check (id > 0);

-- case: policy calling a function
-- a
create table doc (id int, tenant int);
create function current_tenant() returns int language sql stable as $$ select nullif(current_setting('app.tenant', true), '')::int $$;
-- b
create table doc (id int, tenant int);
create function current_tenant() returns int language sql stable as $$ select nullif(current_setting('app.tenant', true), '')::int $$;
create policy doc_tenant on doc using (tenant = current_tenant());

-- case: policy with a subquery on another table
-- a
create table member (tenant int, username text);
create table doc (id int, tenant int);
-- b
create table member (tenant int, username text);
create table doc (id int, tenant int);
create policy doc_member on doc using (tenant in (select m.tenant from member m where m.username = current_user));

-- case: policy comment
-- a
create table doc (id int);
create policy doc_p on doc using (true);
-- b
create table doc (id int);
create policy doc_p on doc using (true);
comment on policy doc_p on doc is 'everyone sees everything';

-- case: several policies on one table
-- a
create table doc (id int, owner_name text);
alter table doc enable row level security;
create policy doc_read on doc for select using (true);
-- b
create table doc (id int, owner_name text);
alter table doc enable row level security;
alter table doc force row level security;
create policy doc_read on doc for select using (true);
create policy doc_update on doc for update to app_writer using (owner_name = current_user) with check (owner_name = current_user);
create policy doc_delete on doc as restrictive for delete to app_writer using (false);
