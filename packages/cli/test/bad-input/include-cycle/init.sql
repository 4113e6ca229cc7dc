\ir a.sql
