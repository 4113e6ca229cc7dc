-- Adds names
ALTER TABLE app.items ADD COLUMN name text;
CREATE INDEX items_name ON app.items (name);

UPDATE app.items
   SET name = nme;
