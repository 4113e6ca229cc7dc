ALTER TABLE app.items ADD COLUMN name text;
