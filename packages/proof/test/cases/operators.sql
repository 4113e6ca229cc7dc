-- case: operators created, with commutator, negator, estimators, an owner and a comment
-- a
create function int_eq3(a int, b int) returns boolean language sql immutable as $$ select a = b $$;
create function int_ne3(a int, b int) returns boolean language sql immutable as $$ select a <> b $$;
-- b
create function int_eq3(a int, b int) returns boolean language sql immutable as $$ select a = b $$;
create function int_ne3(a int, b int) returns boolean language sql immutable as $$ select a <> b $$;
create operator === (leftarg = int, rightarg = int, function = int_eq3, commutator = ===, negator = !==, restrict = eqsel, join = eqjoinsel, hashes, merges);
create operator !== (leftarg = int, rightarg = int, function = int_ne3, commutator = !==, negator = ===, restrict = neqsel, join = neqjoinsel);
comment on operator === (int, int) is 'equal, thrice';
alter operator !== (int, int) owner to app_owner;

-- case: a prefix operator in another schema
-- a
create schema ops;
create function ops.twice(a numeric) returns numeric language sql immutable as $$ select a * 2 $$;
-- b
create schema ops;
create function ops.twice(a numeric) returns numeric language sql immutable as $$ select a * 2 $$;
create operator ops.@@ (rightarg = numeric, function = ops.twice);

-- case: an operator's function changes, and a view uses the operator
-- a
create function close_to(a numeric, b numeric) returns boolean language sql immutable as $$ select abs(a - b) < 1 $$;
create function near(a numeric, b numeric) returns boolean language sql immutable as $$ select abs(a - b) < 10 $$;
create operator ~~~ (leftarg = numeric, rightarg = numeric, function = close_to);
create table t (x numeric, y numeric);
create view close_pairs as select x, y from t where x ~~~ y;
-- b
create function close_to(a numeric, b numeric) returns boolean language sql immutable as $$ select abs(a - b) < 1 $$;
create function near(a numeric, b numeric) returns boolean language sql immutable as $$ select abs(a - b) < 10 $$;
create operator ~~~ (leftarg = numeric, rightarg = numeric, function = near);
create table t (x numeric, y numeric);
create view close_pairs as select x, y from t where x ~~~ y;

-- case: an operator over a new type, used in a check constraint
-- a
-- b
create type pair as (a int, b int);
create function pair_lt(x pair, y pair) returns boolean language sql immutable as $$ select x.a + x.b < y.a + y.b $$;
create operator <<< (leftarg = pair, rightarg = pair, function = pair_lt);
create table t (lo pair, hi pair, check (lo <<< hi));

-- case: operators whose negator and commutator are left as shells
-- a
-- b
create domain semver as text;
create function semver_eq(a semver, b semver) returns boolean language sql immutable as $$ select a::text = b::text $$;
create operator = (leftarg = semver, rightarg = semver, procedure = semver_eq, commutator = =, negator = !=, hashes, merges);
create function semver_lt_t(a semver, b text) returns boolean language sql immutable as $$ select a::text < b $$;
create operator < (leftarg = semver, rightarg = text, procedure = semver_lt_t, commutator = >);
