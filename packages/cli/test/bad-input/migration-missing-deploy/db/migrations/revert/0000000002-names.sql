ALTER TABLE app.items DROP COLUMN name;
