-- case: foreign key added
-- a
create table parent (id int primary key);
create table child (id int primary key, parent_id int);
-- b
create table parent (id int primary key);
create table child (id int primary key, parent_id int references parent (id));

-- case: on delete cascade on update set null
-- a
create table parent (id int primary key);
create table child (parent_id int, constraint child_parent_fk foreign key (parent_id) references parent (id));
-- b
create table parent (id int primary key);
create table child (parent_id int, constraint child_parent_fk foreign key (parent_id) references parent (id) on delete cascade on update set null);

-- case: on delete set default and restrict
-- a
create table parent (id int primary key);
create table child (parent_id int default 0, constraint child_parent_fk foreign key (parent_id) references parent (id) on delete restrict);
-- b
create table parent (id int primary key);
create table child (parent_id int default 0, constraint child_parent_fk foreign key (parent_id) references parent (id) on delete set default);

-- case: multi-column match full
-- a
create table parent (a int, b int, primary key (a, b));
create table child (a int, b int);
-- b
create table parent (a int, b int, primary key (a, b));
create table child (a int, b int, constraint child_parent_fk foreign key (a, b) references parent (a, b) match full);

-- case: deferrable foreign key
-- a
create table parent (id int primary key);
create table child (parent_id int, constraint child_parent_fk foreign key (parent_id) references parent (id));
-- b
create table parent (id int primary key);
create table child (parent_id int, constraint child_parent_fk foreign key (parent_id) references parent (id) deferrable initially deferred);

-- case: foreign key not valid
-- a
create table parent (id int primary key);
create table child (parent_id int);
-- b
create table parent (id int primary key);
create table child (parent_id int);
alter table child add constraint child_parent_fk foreign key (parent_id) references parent (id) not valid;

-- case: foreign key cycle between two new tables
-- a
-- b
create table department (id int primary key, manager_id int);
create table employee (id int primary key, department_id int references department (id));
alter table department add constraint department_manager_fk foreign key (manager_id) references employee (id) deferrable initially deferred;

-- case: foreign key cycle added between existing tables
-- a
create table department (id int primary key, manager_id int);
create table employee (id int primary key, department_id int);
-- b
create table department (id int primary key, manager_id int);
create table employee (id int primary key, department_id int references department (id));
alter table department add constraint department_manager_fk foreign key (manager_id) references employee (id);

-- case: one direction of a cycle removed
-- a
create table a_tab (id int primary key, b_id int);
create table b_tab (id int primary key, a_id int references a_tab (id));
alter table a_tab add constraint a_tab_b_fk foreign key (b_id) references b_tab (id);
-- b
create table a_tab (id int primary key, b_id int);
create table b_tab (id int primary key, a_id int references a_tab (id));

-- case: self reference
-- a
create table node (id int primary key, parent_id int);
-- b
create table node (id int primary key, parent_id int references node (id) on delete cascade);

-- case: foreign key to a unique constraint whose columns change
-- a
create table country (id int primary key, code char(2) not null, constraint country_code_key unique (code));
create table city (id int primary key, country_code char(2) references country (code));
-- b
create table country (id int primary key, code char(2) not null, region text not null default 'x', constraint country_code_key unique (code, region));
create table city (id int primary key, country_code char(2), region text, foreign key (country_code, region) references country (code, region));

-- case: foreign key target column changes
-- a
create table a_tab (id int primary key, alt int unique);
create table b_tab (ref int references a_tab (id));
-- b
create table a_tab (id int primary key, alt int unique);
create table b_tab (ref int references a_tab (alt));

-- case: foreign key across schemas
-- a
create schema core;
create schema sales;
create table core.customer (id int primary key);
create table sales.orders (id int primary key, customer_id int);
-- b
create schema core;
create schema sales;
create table core.customer (id int primary key);
create table sales.orders (id int primary key, customer_id int references core.customer (id));

-- case: referenced key type widens with the referencing column
-- a
create table parent (id int primary key);
create table child (parent_id int references parent (id));
-- b
create table parent (id bigint primary key);
create table child (parent_id bigint references parent (id));

-- case: foreign key comment
-- a
create table parent (id int primary key);
create table child (parent_id int constraint child_parent_fk references parent (id));
-- b
create table parent (id int primary key);
create table child (parent_id int constraint child_parent_fk references parent (id));
comment on constraint child_parent_fk on child is 'owning parent';
