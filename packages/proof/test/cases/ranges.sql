-- case: create a range type
-- a
-- b
create type floatrange as range (subtype = float8, subtype_diff = float8mi);

-- case: range type used by a column
-- a
create type floatrange as range (subtype = float8, subtype_diff = float8mi);
create table sample (id int primary key);
-- b
create type floatrange as range (subtype = float8, subtype_diff = float8mi);
create table sample (id int primary key, span floatrange);

-- case: range subtype changes
-- a
create type num_span as range (subtype = numeric);
-- b
create type num_span as range (subtype = float8);

-- case: text range with a collation
-- a
-- b
create type text_span as range (subtype = text, collation = "C");

-- case: built-in range column changes type
-- a
create table booking (id int primary key, during tstzrange);
-- b
create table booking (id int primary key, during daterange);

-- case: range with a named multirange type
-- a
-- b
create type int_span as range (subtype = int4, multirange_type_name = int_spans);

-- case: range type comment and owner
-- a
create type floatrange as range (subtype = float8);
-- b
create type floatrange as range (subtype = float8);
comment on type floatrange is 'ranges of doubles';
alter type floatrange owner to app_owner;

-- case: range rebuilt with the same subtype while a column uses it
-- a
create type text_span as range (subtype = text, collation = "C");
create table words (span text_span);
-- b
create type text_span as range (subtype = text, collation = "POSIX");
create table words (span text_span);

-- case: int4range column becomes int8range
-- a
create table slot (id int primary key, seats int4range not null default '[1,10)');
-- b
create table slot (id int primary key, seats int8range not null default '[1,10)');

-- case: column of a user range becomes a built-in range
-- a
create type float_span as range (subtype = float8);
create table reading (id int primary key, band float_span);
-- b
create table reading (id int primary key, band numrange);

-- case: multirange renamed while its range is rebuilt and a column uses both
-- a
create type float_span as range (subtype = float8, multirange_type_name = float_spans);
create table reading (id int primary key, band float_span, bands float_spans);
insert into reading values (1, '[1,2)', '{[1,2),[3,4)}');
-- b
create type float_span as range (subtype = float8);
create table reading (id int primary key, band float_span, bands float_span_multirange);
insert into reading values (1, '[1,2)', '{[1,2),[3,4)}');
