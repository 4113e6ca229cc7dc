-- Accessors for the request context that PostgREST sets for each transaction
-- (request.jwt.claims, request.headers, request.cookies).
create schema request;
comment on schema request is 'Helpers reading the settings PostgREST sets for each request';

-- A setting that was set locally in an earlier, finished transaction reads as '' rather than
-- null, hence the nullif everywhere.
create function request.env_var(v text) returns text
  language sql stable
as $$
  select nullif(current_setting(v, true), '')
$$;
comment on function request.env_var(text) is 'A request setting, or null when it is missing or empty';

create function request.jwt_claim(c text) returns text
  language sql stable
as $$
  select request.env_var('request.jwt.claims')::json ->> c
$$;
comment on function request.jwt_claim(text) is 'One claim of the JWT that authenticated the request';

create function request.header(h text) returns text
  language sql stable
as $$
  select request.env_var('request.headers')::json ->> lower(h)
$$;
comment on function request.header(text) is 'One HTTP header of the request (names are lower case)';

create function request.cookie(c text) returns text
  language sql stable
as $$
  select request.env_var('request.cookies')::json ->> c
$$;
comment on function request.cookie(text) is 'One cookie sent with the request';

create function request.user_id() returns int
  language sql stable
as $$
  select nullif(request.jwt_claim('user_id'), '')::int
$$;
comment on function request.user_id() is 'Id of the signed-in user, or null for anonymous requests';

create function request.user_role() returns text
  language sql stable
as $$
  select request.jwt_claim('role')
$$;
comment on function request.user_role() is 'Database role named by the JWT';
