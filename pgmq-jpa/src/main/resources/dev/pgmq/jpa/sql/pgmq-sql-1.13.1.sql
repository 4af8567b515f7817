-- pgmq-jpa SQL-only install of the PGMQ 1.13.1 SQL API.
--
-- Creates (or upgrades in place) schema pgmq with the tables, types and functions of the PGMQ
-- 1.13.1 extension, for databases where the extension is not available. The script is
-- idempotent: running it again, or over an install made by an older release of pgmq-jpa,
-- keeps every queue and message. Run it in one transaction. Never run it in a database where
-- the pgmq extension is installed (pgmq-jpa's PgmqSchema refuses to).

CREATE SCHEMA IF NOT EXISTS pgmq;

DO $guard$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'pgmq') THEN
    RAISE EXCEPTION 'the pgmq extension is installed in this database; the SQL-only install must not be applied over it';
  END IF;
END
$guard$;

-- ---------------------------------------------------------------------------------------------
-- Install record (pgmq-jpa's own; not part of the extension)
-- ---------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS pgmq.sql_install_version (
  id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  pgmq_version text NOT NULL,
  script_revision integer NOT NULL,
  installed_at timestamptz NOT NULL DEFAULT now(),
  upgraded_from text
);

COMMENT ON TABLE pgmq.sql_install_version IS
  'pgmq-jpa SQL-only install: the PGMQ API version and script revision installed';

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS pgmq.meta (
  queue_name varchar NOT NULL,
  is_partitioned boolean NOT NULL,
  is_unlogged boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT meta_queue_name_key UNIQUE (queue_name)
);

CREATE UNLOGGED TABLE IF NOT EXISTS pgmq.notify_insert_throttle (
  queue_name varchar NOT NULL
    CONSTRAINT notify_insert_throttle_queue_name_key UNIQUE
    CONSTRAINT notify_insert_throttle_queue_name_fkey
      REFERENCES pgmq.meta (queue_name) ON DELETE CASCADE,
  throttle_interval_ms integer NOT NULL DEFAULT 0,
  last_notified_at timestamptz NOT NULL DEFAULT to_timestamp(0)
);

CREATE INDEX IF NOT EXISTS idx_notify_throttle_active
  ON pgmq.notify_insert_throttle (queue_name, last_notified_at)
  WHERE throttle_interval_ms > 0;

-- A topic pattern compiles to a POSIX regular expression matched against the whole routing key:
-- '.' separates segments, '*' is exactly one segment, '#' is zero or more segments.
-- Runs of '#.#' collapse to '#'; a leading '#.' becomes "any segments followed by a dot"; every
-- other '.#' becomes "any number of dot-prefixed segments".
CREATE TABLE IF NOT EXISTS pgmq.topic_bindings (
  pattern text NOT NULL,
  queue_name text NOT NULL
    CONSTRAINT topic_bindings_queue_name_fkey
      REFERENCES pgmq.meta (queue_name) ON DELETE CASCADE,
  bound_at timestamptz NOT NULL DEFAULT now(),
  compiled_regex text GENERATED ALWAYS AS (
    CASE
      WHEN regexp_replace(pattern, '#(\.#)+', '#', 'g') = '#' THEN '^.*$'
      ELSE '^' || replace(replace(replace(replace(replace(
             regexp_replace(regexp_replace(pattern, '#(\.#)+', '#', 'g'), '^#\.', '<'),
             '.#', '>'),
             '.', '\.'),
             '*', '[^.]+'),
             '<', '([^.]+\.)*'),
             '>', '(\.[^.]+)*') || '$'
    END
  ) STORED,
  CONSTRAINT topic_bindings_unique_pattern_queue UNIQUE (pattern, queue_name)
);

CREATE INDEX IF NOT EXISTS idx_topic_bindings_covering
  ON pgmq.topic_bindings (pattern) INCLUDE (queue_name, compiled_regex);

-- ---------------------------------------------------------------------------------------------
-- Composite types (field order is part of the contract). A type whose fields differ from the
-- current ones (an install made by an older release) is dropped with its dependent functions,
-- which this script re-creates below.
-- ---------------------------------------------------------------------------------------------

DO $types$
DECLARE
  wanted constant text[][] := ARRAY[
    ARRAY['message_record', 'msg_id bigint,read_ct integer,enqueued_at timestamp with time zone,last_read_at timestamp with time zone,vt timestamp with time zone,message jsonb,headers jsonb'],
    ARRAY['queue_record', 'queue_name character varying,is_partitioned boolean,is_unlogged boolean,created_at timestamp with time zone'],
    ARRAY['metrics_result', 'queue_name text,queue_length bigint,newest_msg_age_sec integer,oldest_msg_age_sec integer,total_messages bigint,scrape_time timestamp with time zone,queue_visible_length bigint,default_partition_length bigint']
  ];
  current_fields text;
  i integer;
BEGIN
  FOR i IN 1 .. array_length(wanted, 1) LOOP
    SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ',' ORDER BY a.attnum)
      INTO current_fields
      FROM pg_catalog.pg_type t
      JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
      JOIN pg_catalog.pg_attribute a ON a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE n.nspname = 'pgmq' AND t.typname = wanted[i][1];
    IF current_fields IS DISTINCT FROM wanted[i][2] THEN
      IF current_fields IS NOT NULL THEN
        EXECUTE format('DROP TYPE pgmq.%I CASCADE', wanted[i][1]);
      END IF;
      EXECUTE format('CREATE TYPE pgmq.%I AS (%s)', wanted[i][1], wanted[i][2]);
    END IF;
  END LOOP;
END
$types$;

-- ---------------------------------------------------------------------------------------------
-- Names and helpers
-- ---------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION pgmq.format_table_name(queue_name text, prefix text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN
  IF queue_name ~ '[$;'']|--' THEN
    RAISE EXCEPTION 'queue name contains invalid characters: $, ;, --, or ''';
  END IF;
  RETURN lower(prefix || '_' || queue_name);
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.validate_queue_name(queue_name text)
RETURNS void
LANGUAGE plpgsql
AS $fn$
BEGIN
  IF length(queue_name) > 47 THEN
    RAISE EXCEPTION 'queue name is too long, maximum length is 47 characters';
  END IF;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.acquire_queue_lock(queue_name text)
RETURNS void
LANGUAGE sql
AS $fn$
  SELECT pg_advisory_xact_lock(hashtext('pgmq.queue_' || queue_name));
$fn$;

CREATE OR REPLACE FUNCTION pgmq._extension_exists(extension_name text)
RETURNS boolean
LANGUAGE sql STABLE
AS $fn$
  SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = extension_name);
$fn$;

CREATE OR REPLACE FUNCTION pgmq._belongs_to_pgmq(table_name text)
RETURNS boolean
LANGUAGE sql STABLE
AS $fn$
  SELECT EXISTS (
    SELECT 1
      FROM pg_catalog.pg_depend d
      JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'pgmq'
      JOIN pg_catalog.pg_class c ON c.oid = d.objid
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE d.classid = 'pg_catalog.pg_class'::regclass
       AND d.deptype = 'e'
       AND n.nspname = 'pgmq'
       AND c.relname = table_name);
$fn$;

CREATE OR REPLACE FUNCTION pgmq._get_partition_col(partition_interval text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN
  PERFORM partition_interval::integer;
  RETURN 'msg_id';
EXCEPTION WHEN others THEN
  RETURN 'enqueued_at';
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq._get_pg_partman_schema()
RETURNS text
LANGUAGE sql STABLE
AS $fn$
  SELECT n.nspname::text
    FROM pg_catalog.pg_extension e
    JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
   WHERE e.extname = 'pg_partman';
$fn$;

CREATE OR REPLACE FUNCTION pgmq._get_pg_partman_major_version()
RETURNS integer
LANGUAGE sql STABLE
AS $fn$
  SELECT split_part(extversion, '.', 1)::integer
    FROM pg_catalog.pg_extension
   WHERE extname = 'pg_partman';
$fn$;

CREATE OR REPLACE FUNCTION pgmq._ensure_pg_partman_installed()
RETURNS void
LANGUAGE plpgsql
AS $fn$
BEGIN
  IF NOT pgmq._extension_exists('pg_partman') THEN
    RAISE EXCEPTION 'pg_partman is required for partitioned queues';
  END IF;
END;
$fn$;

-- ---------------------------------------------------------------------------------------------
-- Queue lifecycle
-- ---------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION pgmq.create_non_partitioned(queue_name text)
RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
  qtable text := pgmq.format_table_name(queue_name, 'q');
  atable text := pgmq.format_table_name(queue_name, 'a');
BEGIN
  PERFORM pgmq.validate_queue_name(queue_name);
  PERFORM pgmq.acquire_queue_lock(queue_name);
  EXECUTE format(
    'CREATE TABLE IF NOT EXISTS pgmq.%I (
       msg_id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
       read_ct integer NOT NULL DEFAULT 0,
       enqueued_at timestamptz NOT NULL DEFAULT now(),
       last_read_at timestamptz,
       vt timestamptz NOT NULL,
       message jsonb,
       headers jsonb)', qtable);
  EXECUTE format(
    'CREATE TABLE IF NOT EXISTS pgmq.%I (
       msg_id bigint PRIMARY KEY,
       read_ct integer NOT NULL DEFAULT 0,
       enqueued_at timestamptz NOT NULL DEFAULT now(),
       last_read_at timestamptz,
       archived_at timestamptz NOT NULL DEFAULT now(),
       vt timestamptz NOT NULL,
       message jsonb,
       headers jsonb)', atable);
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON pgmq.%I (vt ASC)', qtable || '_vt_idx', qtable);
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON pgmq.%I (archived_at)',
                 'archived_at_idx_' || queue_name, atable);
  INSERT INTO pgmq.meta (queue_name, is_partitioned, is_unlogged)
  VALUES (create_non_partitioned.queue_name, false, false)
  ON CONFLICT ON CONSTRAINT meta_queue_name_key DO NOTHING;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq."create"(queue_name text)
RETURNS void
LANGUAGE sql
AS $fn$
  SELECT pgmq.create_non_partitioned(queue_name);
$fn$;

CREATE OR REPLACE FUNCTION pgmq.create_unlogged(queue_name text)
RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
  qtable text := pgmq.format_table_name(queue_name, 'q');
  atable text := pgmq.format_table_name(queue_name, 'a');
BEGIN
  PERFORM pgmq.validate_queue_name(queue_name);
  PERFORM pgmq.acquire_queue_lock(queue_name);
  EXECUTE format(
    'CREATE UNLOGGED TABLE IF NOT EXISTS pgmq.%I (
       msg_id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
       read_ct integer NOT NULL DEFAULT 0,
       enqueued_at timestamptz NOT NULL DEFAULT now(),
       last_read_at timestamptz,
       vt timestamptz NOT NULL,
       message jsonb,
       headers jsonb)', qtable);
  EXECUTE format(
    'CREATE TABLE IF NOT EXISTS pgmq.%I (
       msg_id bigint PRIMARY KEY,
       read_ct integer NOT NULL DEFAULT 0,
       enqueued_at timestamptz NOT NULL DEFAULT now(),
       last_read_at timestamptz,
       archived_at timestamptz NOT NULL DEFAULT now(),
       vt timestamptz NOT NULL,
       message jsonb,
       headers jsonb)', atable);
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON pgmq.%I (vt ASC)', qtable || '_vt_idx', qtable);
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON pgmq.%I (archived_at)',
                 'archived_at_idx_' || queue_name, atable);
  INSERT INTO pgmq.meta (queue_name, is_partitioned, is_unlogged)
  VALUES (create_unlogged.queue_name, false, true)
  ON CONFLICT ON CONSTRAINT meta_queue_name_key DO NOTHING;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.drop_queue(queue_name text)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
DECLARE
  qtable text := pgmq.format_table_name(queue_name, 'q');
  atable text := pgmq.format_table_name(queue_name, 'a');
  partitioned boolean;
  partman_schema text;
BEGIN
  PERFORM pgmq.acquire_queue_lock(queue_name);
  IF to_regclass(format('pgmq.%I', qtable)) IS NULL THEN
    RAISE NOTICE 'pgmq queue `%` does not exist', queue_name;
    RETURN false;
  END IF;
  SELECT m.is_partitioned INTO partitioned FROM pgmq.meta m WHERE m.queue_name = drop_queue.queue_name;
  IF coalesce(partitioned, false) AND pgmq._extension_exists('pg_partman') THEN
    partman_schema := pgmq._get_pg_partman_schema();
    EXECUTE format('DELETE FROM %I.part_config WHERE parent_table IN ($1, $2)', partman_schema)
      USING 'pgmq.' || qtable, 'pgmq.' || atable;
  END IF;
  EXECUTE format('DROP TABLE IF EXISTS pgmq.%I', qtable);
  EXECUTE format('DROP TABLE IF EXISTS pgmq.%I', atable);
  DELETE FROM pgmq.meta m WHERE m.queue_name = drop_queue.queue_name;
  RETURN true;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.drop_queue(queue_name text, partitioned boolean)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
BEGIN
  RAISE WARNING 'drop_queue(queue_name, partitioned) is deprecated: use drop_queue(queue_name); partitioned is ignored';
  RETURN pgmq.drop_queue(queue_name);
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.purge_queue(queue_name text)
RETURNS bigint
LANGUAGE plpgsql
AS $fn$
DECLARE
  qtable text := pgmq.format_table_name(queue_name, 'q');
  deleted bigint;
BEGIN
  EXECUTE format('SELECT count(*) FROM pgmq.%I', qtable) INTO deleted;
  EXECUTE format('TRUNCATE pgmq.%I', qtable);
  RETURN deleted;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.detach_archive(queue_name text)
RETURNS void
LANGUAGE plpgsql
AS $fn$
BEGIN
  RAISE WARNING 'detach_archive(queue_name) is deprecated and does nothing: archive tables are no longer extension members';
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.list_queues()
RETURNS SETOF pgmq.queue_record
LANGUAGE sql STABLE
AS $fn$
  SELECT m.queue_name, m.is_partitioned, m.is_unlogged, m.created_at FROM pgmq.meta m;
$fn$;

-- ---------------------------------------------------------------------------------------------
-- Send
-- ---------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION pgmq.send(queue_name text, msg jsonb, headers jsonb, delay integer)
RETURNS SETOF bigint
LANGUAGE plpgsql
AS $fn$
BEGIN
  RETURN QUERY EXECUTE format(
    'INSERT INTO pgmq.%I (vt, message, headers) VALUES (clock_timestamp() + $1 * interval ''1 second'', $2, $3) RETURNING msg_id',
    pgmq.format_table_name(queue_name, 'q')) USING delay, msg, headers;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.send(queue_name text, msg jsonb, headers jsonb, delay timestamptz)
RETURNS SETOF bigint
LANGUAGE plpgsql
AS $fn$
BEGIN
  RETURN QUERY EXECUTE format(
    'INSERT INTO pgmq.%I (vt, message, headers) VALUES ($1, $2, $3) RETURNING msg_id',
    pgmq.format_table_name(queue_name, 'q')) USING delay, msg, headers;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.send(queue_name text, msg jsonb)
RETURNS SETOF bigint
LANGUAGE plpgsql
AS $fn$
BEGIN
  RETURN QUERY EXECUTE format(
    'INSERT INTO pgmq.%I (vt, message) VALUES (clock_timestamp(), $1) RETURNING msg_id',
    pgmq.format_table_name(queue_name, 'q')) USING msg;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.send(queue_name text, msg jsonb, headers jsonb)
RETURNS SETOF bigint
LANGUAGE plpgsql
AS $fn$
BEGIN
  RETURN QUERY EXECUTE format(
    'INSERT INTO pgmq.%I (vt, message, headers) VALUES (clock_timestamp(), $1, $2) RETURNING msg_id',
    pgmq.format_table_name(queue_name, 'q')) USING msg, headers;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.send(queue_name text, msg jsonb, delay integer)
RETURNS SETOF bigint
LANGUAGE plpgsql
AS $fn$
BEGIN
  RETURN QUERY EXECUTE format(
    'INSERT INTO pgmq.%I (vt, message) VALUES (clock_timestamp() + $1 * interval ''1 second'', $2) RETURNING msg_id',
    pgmq.format_table_name(queue_name, 'q')) USING delay, msg;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.send(queue_name text, msg jsonb, delay timestamptz)
RETURNS SETOF bigint
LANGUAGE plpgsql
AS $fn$
BEGIN
  RETURN QUERY EXECUTE format(
    'INSERT INTO pgmq.%I (vt, message) VALUES ($1, $2) RETURNING msg_id',
    pgmq.format_table_name(queue_name, 'q')) USING delay, msg;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq._validate_batch_params(msgs jsonb[], headers jsonb[])
RETURNS void
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN
  IF msgs IS NULL OR cardinality(msgs) = 0 THEN
    RAISE EXCEPTION 'msgs cannot be NULL or empty';
  END IF;
  IF headers IS NOT NULL AND cardinality(headers) <> cardinality(msgs) THEN
    RAISE EXCEPTION 'headers array length (%) must match msgs array length (%)',
      cardinality(headers), cardinality(msgs);
  END IF;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq._send_batch(queue_name text, msgs jsonb[], headers jsonb[], delay timestamptz)
RETURNS SETOF bigint
LANGUAGE plpgsql
AS $fn$
BEGIN
  PERFORM pgmq._validate_batch_params(msgs, headers);
  RETURN QUERY EXECUTE format(
    'INSERT INTO pgmq.%I (vt, message, headers)
     SELECT $1, b.m, b.h FROM unnest($2::jsonb[], $3::jsonb[]) WITH ORDINALITY AS b(m, h, n) ORDER BY b.n
     RETURNING msg_id',
    pgmq.format_table_name(queue_name, 'q')) USING delay, msgs, headers;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], headers jsonb[], delay timestamptz)
RETURNS SETOF bigint
LANGUAGE sql
AS $fn$
  SELECT * FROM pgmq._send_batch(queue_name, msgs, headers, delay);
$fn$;

CREATE OR REPLACE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], headers jsonb[], delay integer)
RETURNS SETOF bigint
LANGUAGE sql
AS $fn$
  SELECT * FROM pgmq._send_batch(queue_name, msgs, headers, clock_timestamp() + delay * interval '1 second');
$fn$;

CREATE OR REPLACE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[])
RETURNS SETOF bigint
LANGUAGE sql
AS $fn$
  SELECT * FROM pgmq._send_batch(queue_name, msgs, NULL::jsonb[], clock_timestamp());
$fn$;

CREATE OR REPLACE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], headers jsonb[])
RETURNS SETOF bigint
LANGUAGE sql
AS $fn$
  SELECT * FROM pgmq._send_batch(queue_name, msgs, headers, clock_timestamp());
$fn$;

CREATE OR REPLACE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], delay integer)
RETURNS SETOF bigint
LANGUAGE sql
AS $fn$
  SELECT * FROM pgmq._send_batch(queue_name, msgs, NULL::jsonb[], clock_timestamp() + delay * interval '1 second');
$fn$;

CREATE OR REPLACE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], delay timestamptz)
RETURNS SETOF bigint
LANGUAGE sql
AS $fn$
  SELECT * FROM pgmq._send_batch(queue_name, msgs, NULL::jsonb[], delay);
$fn$;

-- ---------------------------------------------------------------------------------------------
-- Read, pop, visibility
-- ---------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION pgmq.read(queue_name text, vt integer, qty integer, conditional jsonb DEFAULT '{}')
RETURNS SETOF pgmq.message_record
LANGUAGE plpgsql
AS $fn$
BEGIN
  RETURN QUERY EXECUTE format(
    'WITH picked AS (
       SELECT msg_id FROM pgmq.%1$I
        WHERE vt <= clock_timestamp() AND ($3 = ''{}''::jsonb OR message @> $3)
        ORDER BY msg_id LIMIT $1
        FOR UPDATE SKIP LOCKED),
     updated AS (
       UPDATE pgmq.%1$I q
          SET vt = clock_timestamp() + $2 * interval ''1 second'',
              read_ct = q.read_ct + 1,
              last_read_at = clock_timestamp()
         FROM picked
        WHERE q.msg_id = picked.msg_id
       RETURNING q.msg_id, q.read_ct, q.enqueued_at, q.last_read_at, q.vt, q.message, q.headers)
     SELECT * FROM updated ORDER BY msg_id',
    pgmq.format_table_name(queue_name, 'q')) USING qty, vt, conditional;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.read_with_poll(
  queue_name text, vt integer, qty integer,
  max_poll_seconds integer DEFAULT 5, poll_interval_ms integer DEFAULT 100,
  conditional jsonb DEFAULT '{}')
RETURNS SETOF pgmq.message_record
LANGUAGE plpgsql
AS $fn$
DECLARE
  stop_at timestamptz := clock_timestamp() + max_poll_seconds * interval '1 second';
BEGIN
  LOOP
    RETURN QUERY SELECT * FROM pgmq.read(queue_name, vt, qty, conditional);
    IF FOUND OR clock_timestamp() >= stop_at THEN
      RETURN;
    END IF;
    PERFORM pg_sleep(poll_interval_ms / 1000.0);
  END LOOP;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.pop(queue_name text, qty integer DEFAULT 1)
RETURNS SETOF pgmq.message_record
LANGUAGE plpgsql
AS $fn$
BEGIN
  RETURN QUERY EXECUTE format(
    'WITH picked AS (
       SELECT msg_id FROM pgmq.%1$I
        WHERE vt <= clock_timestamp()
        ORDER BY msg_id LIMIT $1
        FOR UPDATE SKIP LOCKED),
     deleted AS (
       DELETE FROM pgmq.%1$I q USING picked
        WHERE q.msg_id = picked.msg_id
       RETURNING q.msg_id, q.read_ct, q.enqueued_at, q.last_read_at, q.vt, q.message, q.headers)
     SELECT * FROM deleted ORDER BY msg_id',
    pgmq.format_table_name(queue_name, 'q')) USING qty;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.set_vt(queue_name text, msg_id bigint, vt integer)
RETURNS SETOF pgmq.message_record
LANGUAGE plpgsql
AS $fn$
BEGIN
  RETURN QUERY EXECUTE format(
    'UPDATE pgmq.%I SET vt = clock_timestamp() + $2 * interval ''1 second'' WHERE msg_id = $1
     RETURNING msg_id, read_ct, enqueued_at, last_read_at, vt, message, headers',
    pgmq.format_table_name(queue_name, 'q')) USING msg_id, vt;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.set_vt(queue_name text, msg_id bigint, vt timestamptz)
RETURNS SETOF pgmq.message_record
LANGUAGE plpgsql
AS $fn$
BEGIN
  RETURN QUERY EXECUTE format(
    'UPDATE pgmq.%I SET vt = $2 WHERE msg_id = $1
     RETURNING msg_id, read_ct, enqueued_at, last_read_at, vt, message, headers',
    pgmq.format_table_name(queue_name, 'q')) USING msg_id, vt;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.set_vt(queue_name text, msg_ids bigint[], vt integer)
RETURNS SETOF pgmq.message_record
LANGUAGE plpgsql
AS $fn$
BEGIN
  RETURN QUERY EXECUTE format(
    'WITH updated AS (
       UPDATE pgmq.%I SET vt = clock_timestamp() + $2 * interval ''1 second'' WHERE msg_id = ANY($1)
       RETURNING msg_id, read_ct, enqueued_at, last_read_at, vt, message, headers)
     SELECT * FROM updated ORDER BY msg_id',
    pgmq.format_table_name(queue_name, 'q')) USING msg_ids, vt;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.set_vt(queue_name text, msg_ids bigint[], vt timestamptz)
RETURNS SETOF pgmq.message_record
LANGUAGE plpgsql
AS $fn$
BEGIN
  RETURN QUERY EXECUTE format(
    'WITH updated AS (
       UPDATE pgmq.%I SET vt = $2 WHERE msg_id = ANY($1)
       RETURNING msg_id, read_ct, enqueued_at, last_read_at, vt, message, headers)
     SELECT * FROM updated ORDER BY msg_id',
    pgmq.format_table_name(queue_name, 'q')) USING msg_ids, vt;
END;
$fn$;

-- ---------------------------------------------------------------------------------------------
-- Delete and archive
-- ---------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION pgmq.delete(queue_name text, msg_id bigint)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
DECLARE
  deleted integer;
BEGIN
  EXECUTE format('DELETE FROM pgmq.%I WHERE msg_id = $1', pgmq.format_table_name(queue_name, 'q'))
    USING msg_id;
  GET DIAGNOSTICS deleted = ROW_COUNT;
  RETURN deleted > 0;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.delete(queue_name text, msg_ids bigint[])
RETURNS SETOF bigint
LANGUAGE plpgsql
AS $fn$
BEGIN
  RETURN QUERY EXECUTE format(
    'DELETE FROM pgmq.%I WHERE msg_id = ANY($1) RETURNING msg_id',
    pgmq.format_table_name(queue_name, 'q')) USING msg_ids;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.archive(queue_name text, msg_id bigint)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
DECLARE
  archived integer;
BEGIN
  EXECUTE format(
    'WITH moved AS (
       DELETE FROM pgmq.%I WHERE msg_id = $1
       RETURNING msg_id, read_ct, enqueued_at, last_read_at, vt, message, headers)
     INSERT INTO pgmq.%I (msg_id, read_ct, enqueued_at, last_read_at, vt, message, headers)
     SELECT msg_id, read_ct, enqueued_at, last_read_at, vt, message, headers FROM moved',
    pgmq.format_table_name(queue_name, 'q'), pgmq.format_table_name(queue_name, 'a')) USING msg_id;
  GET DIAGNOSTICS archived = ROW_COUNT;
  RETURN archived > 0;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.archive(queue_name text, msg_ids bigint[])
RETURNS SETOF bigint
LANGUAGE plpgsql
AS $fn$
BEGIN
  RETURN QUERY EXECUTE format(
    'WITH moved AS (
       DELETE FROM pgmq.%I WHERE msg_id = ANY($1)
       RETURNING msg_id, read_ct, enqueued_at, last_read_at, vt, message, headers)
     INSERT INTO pgmq.%I (msg_id, read_ct, enqueued_at, last_read_at, vt, message, headers)
     SELECT msg_id, read_ct, enqueued_at, last_read_at, vt, message, headers FROM moved
     RETURNING msg_id',
    pgmq.format_table_name(queue_name, 'q'), pgmq.format_table_name(queue_name, 'a')) USING msg_ids;
END;
$fn$;

-- ---------------------------------------------------------------------------------------------
-- Metrics
-- ---------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION pgmq.metrics(queue_name text)
RETURNS pgmq.metrics_result
LANGUAGE plpgsql
AS $fn$
DECLARE
  qtable text := pgmq.format_table_name(queue_name, 'q');
  atable text := pgmq.format_table_name(queue_name, 'a');
  result pgmq.metrics_result;
  partitioned boolean;
BEGIN
  EXECUTE format(
    'SELECT $1::text,
            count(*),
            extract(epoch FROM clock_timestamp() - max(enqueued_at))::integer,
            extract(epoch FROM clock_timestamp() - min(enqueued_at))::integer,
            (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM pgmq.%I),
            clock_timestamp(),
            count(*) FILTER (WHERE vt <= clock_timestamp()),
            NULL::bigint
       FROM pgmq.%I',
    qtable || '_msg_id_seq', qtable) USING queue_name INTO result;
  SELECT m.is_partitioned INTO partitioned FROM pgmq.meta m WHERE m.queue_name = metrics.queue_name;
  IF coalesce(partitioned, false) THEN
    SELECT coalesce(sum(greatest(c.reltuples, 0)), 0)::bigint
      INTO result.default_partition_length
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'pgmq' AND c.relname IN (qtable || '_default', atable || '_default');
  END IF;
  RETURN result;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.metrics_all()
RETURNS SETOF pgmq.metrics_result
LANGUAGE plpgsql
AS $fn$
DECLARE
  name text;
BEGIN
  FOR name IN SELECT m.queue_name FROM pgmq.meta m ORDER BY m.queue_name LOOP
    RETURN NEXT pgmq.metrics(name);
  END LOOP;
END;
$fn$;

-- ---------------------------------------------------------------------------------------------
-- Monitoring grants
-- ---------------------------------------------------------------------------------------------

GRANT USAGE ON SCHEMA pgmq TO pg_monitor;
GRANT SELECT ON ALL TABLES IN SCHEMA pgmq TO pg_monitor;
GRANT SELECT ON ALL SEQUENCES IN SCHEMA pgmq TO pg_monitor;
ALTER DEFAULT PRIVILEGES IN SCHEMA pgmq GRANT SELECT ON TABLES TO pg_monitor;
ALTER DEFAULT PRIVILEGES IN SCHEMA pgmq GRANT SELECT ON SEQUENCES TO pg_monitor;

-- ---------------------------------------------------------------------------------------------
-- Install record
-- ---------------------------------------------------------------------------------------------

INSERT INTO pgmq.sql_install_version AS v (id, pgmq_version, script_revision)
VALUES (1, '1.13.1', 1)
ON CONFLICT (id) DO UPDATE
  SET upgraded_from = CASE
        WHEN (v.pgmq_version, v.script_revision) IS DISTINCT FROM (excluded.pgmq_version, excluded.script_revision)
        THEN v.pgmq_version || ' r' || v.script_revision
        ELSE v.upgraded_from END,
      installed_at = CASE
        WHEN (v.pgmq_version, v.script_revision) IS DISTINCT FROM (excluded.pgmq_version, excluded.script_revision)
        THEN now() ELSE v.installed_at END,
      pgmq_version = excluded.pgmq_version,
      script_revision = excluded.script_revision;
