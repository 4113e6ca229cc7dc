-- Tables of the application. Nothing here is reachable by request roles directly except
-- through the api schema (and the narrow grants in authorization/privileges.sql).
create schema data;
comment on schema data is 'Application tables; exposed to clients only through the api schema';

\ir users.sql
\ir todos.sql
