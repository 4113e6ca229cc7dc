-- A few users and todos for development and tests. Passwords are plain text here;
-- the users_encrypt_pass trigger hashes them on the way in (it fires for COPY too).
COPY data.users (id, name, email, password, role) FROM stdin;
1	alice	alice@email.com	pass	webuser
2	bob	bob@email.com	pass	webuser
3	charlie	charlie@email.com	pass	webuser
\.

COPY data.todos (id, todo, private, owner_id, created_at) FROM stdin;
1	item_1	t	1	2024-01-01 10:00:00+00
2	item_2	f	1	2024-01-01 11:00:00+00
3	item_3	t	1	2024-01-02 09:30:00+00
4	item_4	t	2	2024-01-02 10:00:00+00
5	item_5	f	2	2024-01-03 08:15:00+00
6	item_6	t	3	2024-01-03 12:00:00+00
\.

select setval(pg_get_serial_sequence('data.users', 'id'), (select max(id) from data.users));
select setval(pg_get_serial_sequence('data.todos', 'id'), (select max(id) from data.todos));
