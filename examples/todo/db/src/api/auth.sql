create function api.login(email text, password text) returns json
  language plpgsql stable
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  usr data.users;
begin
  select u.* into usr
  from data.users as u
  where u.email = login.email
    and u.password = public.crypt(login.password, u.password);

  if not found then
    raise invalid_password using message = 'invalid email or password';
  end if;

  return json_build_object(
    'id', usr.id,
    'name', usr.name,
    'email', usr.email,
    'role', usr.role
  );
end
$$;
alter function api.login(text, text) owner to api;
comment on function api.login(text, text) is 'Checks a user''s credentials and returns the claims for their token';

create function api.signup(name text, email text, password text) returns json
  language sql
  security definer
  set search_path = pg_catalog, pg_temp
as $$
  insert into data.users as u (name, email, password)
  values (signup.name, signup.email, signup.password)
  returning json_build_object('id', u.id, 'name', u.name, 'email', u.email, 'role', u.role)
$$;
alter function api.signup(text, text, text) owner to api;
comment on function api.signup(text, text, text) is 'Creates a user with the webuser role and returns their claims';

create function api.me() returns json
  language sql stable
  security definer
  set search_path = pg_catalog, pg_temp
as $$
  select json_build_object('id', u.id, 'name', u.name, 'email', u.email, 'role', u.role)
  from data.users as u
  where u.id = request.user_id()
$$;
alter function api.me() owner to api;
comment on function api.me() is 'The signed-in user';
