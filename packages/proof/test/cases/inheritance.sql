-- case: child table inherits a parent
-- a
create table vehicle (id int, wheels int);
-- b
create table vehicle (id int, wheels int);
create table car (doors int) inherits (vehicle);

-- case: parent added to an existing table
-- a
create table vehicle (id int, wheels int);
create table car (id int, wheels int, doors int);
-- b
create table vehicle (id int, wheels int);
create table car (id int, wheels int, doors int);
alter table car inherit vehicle;

-- case: multiple inheritance
-- a
create table named (name text);
create table dated (created date);
create table thing (name text);
alter table thing inherit named;
-- b
create table named (name text);
create table dated (created date);
create table thing (name text, created date);
alter table thing inherit named;
alter table thing inherit dated;

-- case: column added to a parent
-- a
create table vehicle (id int);
create table car (doors int) inherits (vehicle);
-- b
create table vehicle (id int, color text);
create table car (doors int) inherits (vehicle);

-- case: inherited check constraint
-- a
create table vehicle (id int, wheels int);
create table car (doors int) inherits (vehicle);
-- b
create table vehicle (id int, wheels int, constraint vehicle_wheels_check check (wheels >= 0));
create table car (doors int) inherits (vehicle);

-- case: child with a locally redefined column
-- a
create table base (id int, note text);
create table child () inherits (base);
-- b
create table base (id int, note text);
create table child (note text not null default '') inherits (base);

-- case: parent changes
-- a
create table p1 (id int);
create table p2 (id int);
create table c (id int);
alter table c inherit p1;
-- b
create table p1 (id int);
create table p2 (id int);
create table c (id int);
alter table c inherit p2;

-- case: a column moves from the parent into a child that keeps it
-- a
create table stamped (created_at timestamptz, flag int);
create table item (id int, label text) inherits (stamped);
-- b
create table stamped (created_at timestamptz);
create table item (id int, flag int) inherits (stamped);

-- case: child that leaves its parent keeps the parent's check as its own
-- a
create table p (id int, constraint pos check (id > 0));
create table c (x int) inherits (p);
-- b
create table p (id int, constraint pos check (id > 0));
create table c (id int, x int);

-- case: child that leaves its parent keeps the parent's check
-- a
create table p (id int, constraint pos check (id > 0));
create table c (x int) inherits (p);
-- b
create table p (id int, constraint pos check (id > 0));
create table c (id int, x int, constraint pos check (id > 0));

-- case: child that leaves its parent keeps the parent's check under another definition
-- a
create table p (id int, constraint pos check (id > 0));
create table c (x int) inherits (p);
-- b
create table p (id int, constraint pos check (id > 0));
create table c (id int, x int, constraint pos check (id > 1));

-- case: table with the parent's check of its own inherits the parent
-- a
create table p (id int, constraint pos check (id > 0));
create table c (id int, x int);
-- b
create table p (id int, constraint pos check (id > 0));
create table c (id int, x int, constraint pos check (id > 0));
alter table c inherit p;

-- case: table that declares the parent's columns inherits the parent's check
-- a
create table p (id int, constraint pos check (id > 0));
create table c (id int, x int);
-- b
create table p (id int, constraint pos check (id > 0));
create table c (id int, x int) inherits (p);

-- case: child keeps a check through the parent it stays with
-- a
create table p1 (id int, constraint pos check (id > 0));
create table p2 (id int, constraint pos check (id > 0));
create table c (x int) inherits (p2, p1);
-- b
create table p1 (id int, constraint pos check (id > 0));
create table p2 (id int, constraint pos check (id > 0));
create table c (x int) inherits (p2);
