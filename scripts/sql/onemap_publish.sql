-- Publishing a table to OneMap replicas: every statement that edits it sends a NOTIFY on channel
-- onemap_edits naming the table (schema.table). NOTIFY is transactional: it is delivered when
-- the editing transaction commits, never for one rolled back, and repeated notifications of one
-- transaction are folded into one. Each replica LISTENs and reloads only the layers of the
-- tables named (src/live/edit_listener.h). Idempotent: run it again at will.
--   psql -f scripts/sql/onemap_publish.sql
--   SELECT onemap_publish('onemap.farmland');
CREATE OR REPLACE FUNCTION onemap_notify_edit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('onemap_edits', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION onemap_publish(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DROP TRIGGER IF EXISTS onemap_edits ON %s', t);
  EXECUTE format('CREATE TRIGGER onemap_edits AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s '
                 'FOR EACH STATEMENT EXECUTE FUNCTION onemap_notify_edit()', t);
END $$;
