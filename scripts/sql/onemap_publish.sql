-- Publishing PostGIS tables to OneMap replicas (issue P9; docs/DEPLOY.md).
--
-- Every OneMap replica LISTENs on channel `onemap_edits`. A published table tells them, once per
-- editing statement, which table changed: the payload is 'schema.table'. A replica reloads only
-- the layers whose source_layer names that table.
--
-- pg_notify runs inside the editing transaction, so PostgreSQL delivers it at COMMIT, after the
-- edit is visible to other sessions, and never for a rolled-back edit; several notifications of
-- one transaction with the same payload are delivered once. The trigger is FOR EACH STATEMENT:
-- one notification per statement, not per row (a bulk load of a million rows is one message).
--
-- Idempotent: run it again at will (CREATE OR REPLACE; the trigger is dropped and recreated).
-- Usage:  psql -f scripts/sql/onemap_publish.sql;  SELECT onemap_publish('onemap.enterprises');

CREATE OR REPLACE FUNCTION onemap_notify_edit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('onemap_edits', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME);
  RETURN NULL;  -- AFTER ... FOR EACH STATEMENT: the return value is ignored
END;
$$;

COMMENT ON FUNCTION onemap_notify_edit() IS
  'OneMap: NOTIFY onemap_edits with ''schema.table'' after each editing statement (docs/DEPLOY.md)';

-- (Re)creates trigger onemap_edits on table t: AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE,
-- once per statement. t is a regclass, so 'enterprises' follows search_path and a missing
-- table is an error at once.
CREATE OR REPLACE FUNCTION onemap_publish(t regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DROP TRIGGER IF EXISTS onemap_edits ON %s', t);
  EXECUTE format('CREATE TRIGGER onemap_edits AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s '
                 'FOR EACH STATEMENT EXECUTE FUNCTION onemap_notify_edit()', t);
END;
$$;

COMMENT ON FUNCTION onemap_publish(regclass) IS
  'OneMap: (re)create trigger onemap_edits on a table so replicas reload its layers (docs/DEPLOY.md)';
