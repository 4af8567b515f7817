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
        WHERE vt <= clock_timestamp()%2$s
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
    pgmq.format_table_name(queue_name, 'q'),
    CASE WHEN conditional = '{}'::jsonb THEN '' ELSE ' AND message @> $3' END)
    USING qty, vt, conditional;
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
-- Partitioned queues (pg_partman 4.x and 5.x)
-- ---------------------------------------------------------------------------------------------

-- Registers a partitioned parent table with pg_partman unless it already is (idempotent create).
CREATE OR REPLACE FUNCTION pgmq._partman_create_parent(
  parent_table text, control text, partition_interval text, premake integer)
RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
  partman_schema text := pgmq._get_pg_partman_schema();
  partman_type text := CASE WHEN pgmq._get_pg_partman_major_version() = 5 THEN 'range' ELSE 'native' END;
  registered boolean;
BEGIN
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.part_config WHERE parent_table = $1)', partman_schema)
    INTO registered USING parent_table;
  IF registered THEN
    RETURN;
  END IF;
  IF premake IS NULL THEN
    EXECUTE format(
      'SELECT %I.create_parent(p_parent_table => $1, p_control => $2, p_interval => $3, p_type => $4)',
      partman_schema) USING parent_table, control, partition_interval, partman_type;
  ELSE
    EXECUTE format(
      'SELECT %I.create_parent(p_parent_table => $1, p_control => $2, p_interval => $3, p_type => $4, p_premake => $5)',
      partman_schema) USING parent_table, control, partition_interval, partman_type, premake;
  END IF;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.create_partitioned(
  queue_name text,
  partition_interval text DEFAULT '10000',
  retention_interval text DEFAULT '100000',
  premake integer DEFAULT 4)
RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
  qtable text := pgmq.format_table_name(queue_name, 'q');
  atable text := pgmq.format_table_name(queue_name, 'a');
  queue_col text;
  archive_col text;
BEGIN
  PERFORM pgmq.validate_queue_name(queue_name);
  IF premake IS NULL OR premake < 1 THEN
    RAISE EXCEPTION 'premake must be at least 1, got %', premake;
  END IF;
  PERFORM pgmq._ensure_pg_partman_installed();
  queue_col := pgmq._get_partition_col(partition_interval);
  archive_col := CASE WHEN queue_col = 'msg_id' THEN 'msg_id' ELSE 'archived_at' END;
  PERFORM pgmq.acquire_queue_lock(queue_name);

  EXECUTE format(
    'CREATE TABLE IF NOT EXISTS pgmq.%I (
       msg_id bigint NOT NULL GENERATED BY DEFAULT AS IDENTITY,
       read_ct integer NOT NULL DEFAULT 0,
       enqueued_at timestamptz NOT NULL DEFAULT now(),
       last_read_at timestamptz,
       vt timestamptz NOT NULL,
       message jsonb,
       headers jsonb) PARTITION BY RANGE (%I)', qtable, queue_col);
  EXECUTE format(
    'CREATE TABLE IF NOT EXISTS pgmq.%I (
       msg_id bigint NOT NULL,
       read_ct integer NOT NULL DEFAULT 0,
       enqueued_at timestamptz NOT NULL DEFAULT now(),
       last_read_at timestamptz,
       archived_at timestamptz NOT NULL DEFAULT now(),
       vt timestamptz NOT NULL,
       message jsonb,
       headers jsonb) PARTITION BY RANGE (%I)', atable, archive_col);

  PERFORM pgmq._partman_create_parent('pgmq.' || qtable, queue_col, partition_interval, premake);
  PERFORM pgmq._partman_create_parent('pgmq.' || atable, archive_col, partition_interval, premake);

  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON pgmq.%I (%I)', qtable || '_part_idx', qtable, queue_col);
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON pgmq.%I (archived_at)',
                 'archived_at_idx_' || queue_name, atable);

  EXECUTE format(
    'UPDATE %I.part_config
        SET retention = $1, retention_keep_table = false, retention_keep_index = true,
            automatic_maintenance = ''on''
      WHERE parent_table IN ($2, $3)', pgmq._get_pg_partman_schema())
    USING retention_interval, 'pgmq.' || qtable, 'pgmq.' || atable;

  INSERT INTO pgmq.meta (queue_name, is_partitioned, is_unlogged)
  VALUES (create_partitioned.queue_name, true, false)
  ON CONFLICT ON CONSTRAINT meta_queue_name_key DO NOTHING;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.convert_archive_partitioned(
  table_name text,
  partition_interval text DEFAULT '10000',
  retention_interval text DEFAULT '100000',
  leading_partition integer DEFAULT 10)
RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
  atable text := pgmq.format_table_name(table_name, 'a');
  old_table text := pgmq.format_table_name(table_name, 'a') || '_old';
  archive_col text;
  kind "char";
BEGIN
  PERFORM pgmq._ensure_pg_partman_installed();
  SELECT c.relkind INTO kind
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'pgmq' AND c.relname = atable;
  IF kind IS NULL THEN
    RAISE EXCEPTION 'relation "pgmq.%" does not exist', atable USING ERRCODE = 'undefined_table';
  END IF;
  IF kind = 'p' THEN
    RAISE NOTICE 'archive table pgmq.% is already partitioned', atable;
    RETURN;
  END IF;
  archive_col := CASE WHEN pgmq._get_partition_col(partition_interval) = 'msg_id' THEN 'msg_id' ELSE 'archived_at' END;
  PERFORM pgmq.acquire_queue_lock(table_name);

  EXECUTE format('ALTER TABLE pgmq.%I RENAME TO %I', atable, old_table);
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conname = atable || '_pkey'
               AND conrelid = format('pgmq.%I', old_table)::regclass) THEN
    EXECUTE format('ALTER TABLE pgmq.%I RENAME CONSTRAINT %I TO %I', old_table, atable || '_pkey', old_table || '_pkey');
  END IF;
  EXECUTE format('ALTER INDEX IF EXISTS pgmq.%I RENAME TO %I',
                 'archived_at_idx_' || table_name, 'archived_at_idx_' || table_name || '_old');

  EXECUTE format(
    'CREATE TABLE pgmq.%I (
       msg_id bigint NOT NULL,
       read_ct integer NOT NULL DEFAULT 0,
       enqueued_at timestamptz NOT NULL DEFAULT now(),
       last_read_at timestamptz,
       archived_at timestamptz NOT NULL DEFAULT now(),
       vt timestamptz NOT NULL,
       message jsonb,
       headers jsonb) PARTITION BY RANGE (%I)', atable, archive_col);
  PERFORM pgmq._partman_create_parent('pgmq.' || atable, archive_col, partition_interval, NULL);
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON pgmq.%I (archived_at)',
                 'archived_at_idx_' || table_name, atable);
  EXECUTE format(
    'UPDATE %I.part_config
        SET retention = $1, retention_keep_table = false, retention_keep_index = false,
            infinite_time_partitions = true
      WHERE parent_table = $2', pgmq._get_pg_partman_schema())
    USING retention_interval, 'pgmq.' || atable;
END;
$fn$;

-- ---------------------------------------------------------------------------------------------
-- FIFO (grouped) reads. Group key: header x-pgmq-group; messages without it form one group.
-- A group is eligible from its oldest message up to (not including) its first invisible one, so
-- a group whose head is invisible yields nothing. Rows another reader holds are skipped, and
-- then so are the rows after them in the same group.
-- ---------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION pgmq._read_grouped(queue_name text, vt integer, qty integer, strategy text)
RETURNS SETOF pgmq.message_record
LANGUAGE plpgsql
AS $fn$
DECLARE
  pick_filter text;
  pick_order text;
BEGIN
  CASE strategy
    WHEN 'oldest_group' THEN pick_filter := 'true'; pick_order := 'head, pos';
    WHEN 'round_robin' THEN pick_filter := 'true'; pick_order := 'pos, head';
    WHEN 'head' THEN pick_filter := 'pos = 1'; pick_order := 'msg_id';
    ELSE RAISE EXCEPTION 'unknown grouped read strategy %', strategy;
  END CASE;
  RETURN QUERY EXECUTE format(
    'WITH eligible AS (
       SELECT msg_id, grp, pos, head
         FROM (SELECT msg_id,
                      headers ->> ''x-pgmq-group'' AS grp,
                      row_number() OVER w AS pos,
                      first_value(msg_id) OVER w AS head,
                      bool_and(vt <= clock_timestamp()) OVER w AS visible_so_far
                 FROM pgmq.%1$I
               WINDOW w AS (PARTITION BY headers ->> ''x-pgmq-group'' ORDER BY msg_id)) g
        WHERE visible_so_far),
     picked AS (
       SELECT msg_id, grp, pos, row_number() OVER (ORDER BY %2$s) AS ord
         FROM eligible WHERE %3$s ORDER BY %2$s LIMIT $1),
     locked AS (
       SELECT q.msg_id FROM pgmq.%1$I q
        WHERE q.msg_id IN (SELECT msg_id FROM picked) AND q.vt <= clock_timestamp()
        FOR UPDATE SKIP LOCKED),
     usable AS (
       SELECT msg_id, ord
         FROM (SELECT p.msg_id, p.ord,
                      count(l.msg_id) OVER (PARTITION BY p.grp ORDER BY p.pos) AS locked_so_far,
                      row_number() OVER (PARTITION BY p.grp ORDER BY p.pos) AS picked_so_far
                 FROM picked p LEFT JOIN locked l ON l.msg_id = p.msg_id) c
        WHERE locked_so_far = picked_so_far),
     updated AS (
       UPDATE pgmq.%1$I q
          SET vt = clock_timestamp() + $2 * interval ''1 second'',
              read_ct = q.read_ct + 1,
              last_read_at = clock_timestamp()
         FROM usable u
        WHERE q.msg_id = u.msg_id
       RETURNING q.msg_id, q.read_ct, q.enqueued_at, q.last_read_at, q.vt, q.message, q.headers, u.ord)
     SELECT msg_id, read_ct, enqueued_at, last_read_at, vt, message, headers FROM updated ORDER BY ord',
    pgmq.format_table_name(queue_name, 'q'), pick_order, pick_filter) USING qty, vt;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq._read_grouped_with_poll(
  queue_name text, vt integer, qty integer, max_poll_seconds integer, poll_interval_ms integer, strategy text)
RETURNS SETOF pgmq.message_record
LANGUAGE plpgsql
AS $fn$
DECLARE
  stop_at timestamptz := clock_timestamp() + max_poll_seconds * interval '1 second';
BEGIN
  LOOP
    RETURN QUERY SELECT * FROM pgmq._read_grouped(queue_name, vt, qty, strategy);
    IF FOUND OR clock_timestamp() >= stop_at THEN
      RETURN;
    END IF;
    PERFORM pg_sleep(poll_interval_ms / 1000.0);
  END LOOP;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.read_grouped(queue_name text, vt integer, qty integer)
RETURNS SETOF pgmq.message_record
LANGUAGE sql
AS $fn$
  SELECT * FROM pgmq._read_grouped(queue_name, vt, qty, 'oldest_group');
$fn$;

CREATE OR REPLACE FUNCTION pgmq.read_grouped_with_poll(
  queue_name text, vt integer, qty integer,
  max_poll_seconds integer DEFAULT 5, poll_interval_ms integer DEFAULT 100)
RETURNS SETOF pgmq.message_record
LANGUAGE sql
AS $fn$
  SELECT * FROM pgmq._read_grouped_with_poll(queue_name, vt, qty, max_poll_seconds, poll_interval_ms, 'oldest_group');
$fn$;

CREATE OR REPLACE FUNCTION pgmq.read_grouped_rr(queue_name text, vt integer, qty integer)
RETURNS SETOF pgmq.message_record
LANGUAGE sql
AS $fn$
  SELECT * FROM pgmq._read_grouped(queue_name, vt, qty, 'round_robin');
$fn$;

CREATE OR REPLACE FUNCTION pgmq.read_grouped_rr_with_poll(
  queue_name text, vt integer, qty integer,
  max_poll_seconds integer DEFAULT 5, poll_interval_ms integer DEFAULT 100)
RETURNS SETOF pgmq.message_record
LANGUAGE sql
AS $fn$
  SELECT * FROM pgmq._read_grouped_with_poll(queue_name, vt, qty, max_poll_seconds, poll_interval_ms, 'round_robin');
$fn$;

CREATE OR REPLACE FUNCTION pgmq.read_grouped_head(queue_name text, vt integer, qty integer)
RETURNS SETOF pgmq.message_record
LANGUAGE sql
AS $fn$
  SELECT * FROM pgmq._read_grouped(queue_name, vt, qty, 'head');
$fn$;

CREATE OR REPLACE FUNCTION pgmq.read_grouped_head_with_poll(
  queue_name text, vt integer, qty integer,
  max_poll_seconds integer DEFAULT 5, poll_interval_ms integer DEFAULT 100)
RETURNS SETOF pgmq.message_record
LANGUAGE sql
AS $fn$
  SELECT * FROM pgmq._read_grouped_with_poll(queue_name, vt, qty, max_poll_seconds, poll_interval_ms, 'head');
$fn$;

CREATE OR REPLACE FUNCTION pgmq._create_fifo_index_if_not_exists(queue_name text)
RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
  qtable text := pgmq.format_table_name(queue_name, 'q');
BEGIN
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON pgmq.%I USING gin (headers)', qtable || '_fifo_idx', qtable);
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.create_fifo_index(queue_name text)
RETURNS void
LANGUAGE sql
AS $fn$
  SELECT pgmq._create_fifo_index_if_not_exists(queue_name);
$fn$;

CREATE OR REPLACE FUNCTION pgmq.create_fifo_indexes_all()
RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
  name text;
BEGIN
  FOR name IN SELECT m.queue_name FROM pgmq.meta m ORDER BY m.queue_name LOOP
    PERFORM pgmq._create_fifo_index_if_not_exists(name);
  END LOOP;
END;
$fn$;

-- ---------------------------------------------------------------------------------------------
-- Insert notifications: a throttled, deferred constraint trigger NOTIFYing
-- channel 'pgmq.q_<queue name as in meta>.INSERT' (empty payload).
-- ---------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION pgmq.notify_queue_listeners()
RETURNS trigger
LANGUAGE plpgsql
AS $fn$
DECLARE
  name text := TG_ARGV[0];
BEGIN
  UPDATE pgmq.notify_insert_throttle t
     SET last_notified_at = clock_timestamp()
   WHERE t.queue_name = name
     AND (t.throttle_interval_ms = 0
          OR t.last_notified_at <= clock_timestamp() - t.throttle_interval_ms * interval '1 millisecond');
  IF FOUND THEN
    PERFORM pg_notify('pgmq.q_' || name || '.' || TG_OP, NULL);
  END IF;
  RETURN NULL;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq._queue_must_exist(queue_name text)
RETURNS void
LANGUAGE plpgsql
AS $fn$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pgmq.meta m WHERE m.queue_name = _queue_must_exist.queue_name) THEN
    RAISE EXCEPTION 'Queue "%" does not exist. Create it first with pgmq.create()', queue_name;
  END IF;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.enable_notify_insert(queue_name text, throttle_interval_ms integer DEFAULT 250)
RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
  qtable text := pgmq.format_table_name(queue_name, 'q');
BEGIN
  PERFORM pgmq._queue_must_exist(queue_name);
  IF throttle_interval_ms IS NULL OR throttle_interval_ms < 0 THEN
    RAISE EXCEPTION 'throttle_interval_ms must be 0 or more, got %', throttle_interval_ms;
  END IF;
  INSERT INTO pgmq.notify_insert_throttle AS t (queue_name, throttle_interval_ms)
  VALUES (enable_notify_insert.queue_name, enable_notify_insert.throttle_interval_ms)
  ON CONFLICT ON CONSTRAINT notify_insert_throttle_queue_name_key
  DO UPDATE SET throttle_interval_ms = excluded.throttle_interval_ms;
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger
              WHERE tgrelid = format('pgmq.%I', qtable)::regclass
                AND tgname = 'trigger_notify_queue_insert_listeners') THEN
    EXECUTE format('DROP TRIGGER trigger_notify_queue_insert_listeners ON pgmq.%I', qtable);
  END IF;
  EXECUTE format(
    'CREATE CONSTRAINT TRIGGER trigger_notify_queue_insert_listeners
       AFTER INSERT ON pgmq.%I
       DEFERRABLE INITIALLY DEFERRED
       FOR EACH ROW EXECUTE FUNCTION pgmq.notify_queue_listeners(%L)', qtable, queue_name);
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.disable_notify_insert(queue_name text)
RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
  qtable text := pgmq.format_table_name(queue_name, 'q');
BEGIN
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger
              WHERE tgrelid = to_regclass(format('pgmq.%I', qtable))
                AND tgname = 'trigger_notify_queue_insert_listeners') THEN
    EXECUTE format('DROP TRIGGER trigger_notify_queue_insert_listeners ON pgmq.%I', qtable);
  END IF;
  DELETE FROM pgmq.notify_insert_throttle t WHERE t.queue_name = disable_notify_insert.queue_name;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.update_notify_insert(queue_name text, throttle_interval_ms integer)
RETURNS void
LANGUAGE plpgsql
AS $fn$
BEGIN
  PERFORM pgmq._queue_must_exist(queue_name);
  IF throttle_interval_ms IS NULL OR throttle_interval_ms < 0 THEN
    RAISE EXCEPTION 'throttle_interval_ms must be 0 or more, got %', throttle_interval_ms;
  END IF;
  UPDATE pgmq.notify_insert_throttle t
     SET throttle_interval_ms = update_notify_insert.throttle_interval_ms
   WHERE t.queue_name = update_notify_insert.queue_name;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'Queue "%" does not have insert notifications enabled. Enable them first with pgmq.enable_notify_insert()', queue_name;
  END IF;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.list_notify_insert_throttles()
RETURNS TABLE (queue_name text, throttle_interval_ms integer, last_notified_at timestamptz)
LANGUAGE sql STABLE
AS $fn$
  SELECT t.queue_name::text, t.throttle_interval_ms, t.last_notified_at
    FROM pgmq.notify_insert_throttle t
   ORDER BY t.queue_name;
$fn$;

-- ---------------------------------------------------------------------------------------------
-- Topics: routing keys and patterns
-- ---------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION pgmq.validate_routing_key(routing_key text)
RETURNS boolean
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN
  IF routing_key IS NULL OR routing_key = '' THEN
    RAISE EXCEPTION 'routing key must not be NULL or empty';
  END IF;
  IF length(routing_key) > 255 THEN
    RAISE EXCEPTION 'routing key is too long (% characters), maximum length is 255', length(routing_key);
  END IF;
  IF routing_key !~ '^[a-zA-Z0-9._-]+$' THEN
    RAISE EXCEPTION 'routing key "%" contains invalid characters: only letters, digits, ''.'', ''_'' and ''-'' are allowed', routing_key;
  END IF;
  IF left(routing_key, 1) = '.' OR right(routing_key, 1) = '.' OR strpos(routing_key, '..') > 0 THEN
    RAISE EXCEPTION 'routing key "%" must not start or end with a dot or contain consecutive dots', routing_key;
  END IF;
  RETURN true;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.validate_topic_pattern(pattern text)
RETURNS boolean
LANGUAGE plpgsql IMMUTABLE
AS $fn$
BEGIN
  IF pattern IS NULL OR pattern = '' THEN
    RAISE EXCEPTION 'topic pattern must not be NULL or empty';
  END IF;
  IF length(pattern) > 255 THEN
    RAISE EXCEPTION 'topic pattern is too long (% characters), maximum length is 255', length(pattern);
  END IF;
  IF pattern !~ '^[a-zA-Z0-9._*#-]+$' THEN
    RAISE EXCEPTION 'topic pattern "%" contains invalid characters: only letters, digits, ''.'', ''_'', ''-'', ''*'' and ''#'' are allowed', pattern;
  END IF;
  IF left(pattern, 1) = '.' OR right(pattern, 1) = '.' OR strpos(pattern, '..') > 0 THEN
    RAISE EXCEPTION 'topic pattern "%" must not start or end with a dot or contain consecutive dots', pattern;
  END IF;
  IF pattern ~ '\*\*|##|\*#|#\*' THEN
    RAISE EXCEPTION 'topic pattern "%" must not contain adjacent wildcards (**, ##, *#, #*)', pattern;
  END IF;
  RETURN true;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.bind_topic(pattern text, queue_name text)
RETURNS void
LANGUAGE plpgsql
AS $fn$
BEGIN
  PERFORM pgmq.validate_topic_pattern(pattern);
  PERFORM pgmq._queue_must_exist(queue_name);
  INSERT INTO pgmq.topic_bindings (pattern, queue_name)
  VALUES (bind_topic.pattern, bind_topic.queue_name)
  ON CONFLICT ON CONSTRAINT topic_bindings_unique_pattern_queue DO NOTHING;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.unbind_topic(pattern text, queue_name text)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
BEGIN
  DELETE FROM pgmq.topic_bindings b
   WHERE b.pattern = unbind_topic.pattern AND b.queue_name = unbind_topic.queue_name;
  RETURN FOUND;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.list_topic_bindings()
RETURNS TABLE (pattern text, queue_name text, bound_at timestamptz, compiled_regex text)
LANGUAGE sql STABLE
AS $fn$
  SELECT b.pattern, b.queue_name, b.bound_at, b.compiled_regex
    FROM pgmq.topic_bindings b
   ORDER BY b.bound_at, b.pattern, b.queue_name;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.list_topic_bindings(queue_name text)
RETURNS TABLE (pattern text, queue_name text, bound_at timestamptz, compiled_regex text)
LANGUAGE sql STABLE
AS $fn$
  SELECT b.pattern, b.queue_name, b.bound_at, b.compiled_regex
    FROM pgmq.topic_bindings b
   WHERE b.queue_name = $1
   ORDER BY b.bound_at, b.pattern;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.test_routing(routing_key text)
RETURNS TABLE (pattern text, queue_name text, compiled_regex text)
LANGUAGE plpgsql STABLE
AS $fn$
BEGIN
  PERFORM pgmq.validate_routing_key(routing_key);
  RETURN QUERY
    SELECT b.pattern, b.queue_name, b.compiled_regex
      FROM pgmq.topic_bindings b
     WHERE test_routing.routing_key ~ b.compiled_regex
     ORDER BY b.pattern, b.queue_name;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.send_topic(routing_key text, msg jsonb, headers jsonb, delay integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
  name text;
  matched integer := 0;
BEGIN
  PERFORM pgmq.validate_routing_key(routing_key);
  FOR name IN
    SELECT DISTINCT b.queue_name FROM pgmq.topic_bindings b
     WHERE send_topic.routing_key ~ b.compiled_regex
     ORDER BY b.queue_name
  LOOP
    PERFORM pgmq.send(name, msg, headers, delay);
    matched := matched + 1;
  END LOOP;
  RETURN matched;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.send_topic(routing_key text, msg jsonb)
RETURNS integer
LANGUAGE sql
AS $fn$
  SELECT pgmq.send_topic(routing_key, msg, NULL::jsonb, 0);
$fn$;

CREATE OR REPLACE FUNCTION pgmq.send_topic(routing_key text, msg jsonb, delay integer)
RETURNS integer
LANGUAGE sql
AS $fn$
  SELECT pgmq.send_topic(routing_key, msg, NULL::jsonb, delay);
$fn$;

CREATE OR REPLACE FUNCTION pgmq._send_batch_topic(routing_key text, msgs jsonb[], headers jsonb[], delay timestamptz)
RETURNS TABLE (queue_name text, msg_id bigint)
LANGUAGE plpgsql
AS $fn$
DECLARE
  name text;
BEGIN
  PERFORM pgmq.validate_routing_key(routing_key);
  PERFORM pgmq._validate_batch_params(msgs, headers);
  FOR name IN
    SELECT DISTINCT b.queue_name FROM pgmq.topic_bindings b
     WHERE _send_batch_topic.routing_key ~ b.compiled_regex
     ORDER BY b.queue_name
  LOOP
    RETURN QUERY SELECT name, s.id FROM pgmq._send_batch(name, msgs, headers, delay) AS s(id);
  END LOOP;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.send_batch_topic(routing_key text, msgs jsonb[])
RETURNS TABLE (queue_name text, msg_id bigint)
LANGUAGE sql
AS $fn$
  SELECT * FROM pgmq._send_batch_topic(routing_key, msgs, NULL::jsonb[], clock_timestamp());
$fn$;

CREATE OR REPLACE FUNCTION pgmq.send_batch_topic(routing_key text, msgs jsonb[], headers jsonb[])
RETURNS TABLE (queue_name text, msg_id bigint)
LANGUAGE sql
AS $fn$
  SELECT * FROM pgmq._send_batch_topic(routing_key, msgs, headers, clock_timestamp());
$fn$;

CREATE OR REPLACE FUNCTION pgmq.send_batch_topic(routing_key text, msgs jsonb[], delay integer)
RETURNS TABLE (queue_name text, msg_id bigint)
LANGUAGE sql
AS $fn$
  SELECT * FROM pgmq._send_batch_topic(routing_key, msgs, NULL::jsonb[], clock_timestamp() + delay * interval '1 second');
$fn$;

CREATE OR REPLACE FUNCTION pgmq.send_batch_topic(routing_key text, msgs jsonb[], delay timestamptz)
RETURNS TABLE (queue_name text, msg_id bigint)
LANGUAGE sql
AS $fn$
  SELECT * FROM pgmq._send_batch_topic(routing_key, msgs, NULL::jsonb[], delay);
$fn$;

CREATE OR REPLACE FUNCTION pgmq.send_batch_topic(routing_key text, msgs jsonb[], headers jsonb[], delay integer)
RETURNS TABLE (queue_name text, msg_id bigint)
LANGUAGE sql
AS $fn$
  SELECT * FROM pgmq._send_batch_topic(routing_key, msgs, headers, clock_timestamp() + delay * interval '1 second');
$fn$;

CREATE OR REPLACE FUNCTION pgmq.send_batch_topic(routing_key text, msgs jsonb[], headers jsonb[], delay timestamptz)
RETURNS TABLE (queue_name text, msg_id bigint)
LANGUAGE sql
AS $fn$
  SELECT * FROM pgmq._send_batch_topic(routing_key, msgs, headers, delay);
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
-- Existing queues (upgrade in place): columns added by later PGMQ versions, identity mode of
-- partitioned queues, and insert-notification triggers re-created in their current form.
-- ---------------------------------------------------------------------------------------------

DO $queues$
DECLARE
  q record;
  qtable text;
  atable text;
  tbl text;
  col text;
  coltype text;
BEGIN
  FOR q IN SELECT m.queue_name, m.is_partitioned FROM pgmq.meta m LOOP
    qtable := pgmq.format_table_name(q.queue_name, 'q');
    atable := pgmq.format_table_name(q.queue_name, 'a');
    FOREACH tbl IN ARRAY ARRAY[qtable, atable] LOOP
      CONTINUE WHEN to_regclass(format('pgmq.%I', tbl)) IS NULL;
      FOR col, coltype IN VALUES ('last_read_at', 'timestamptz'), ('headers', 'jsonb') LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
                        WHERE attrelid = format('pgmq.%I', tbl)::regclass
                          AND attname = col AND NOT attisdropped) THEN
          EXECUTE format('ALTER TABLE pgmq.%I ADD COLUMN %I %s', tbl, col, coltype);
        END IF;
      END LOOP;
    END LOOP;
    IF q.is_partitioned AND EXISTS (
         SELECT 1 FROM pg_catalog.pg_attribute
          WHERE attrelid = to_regclass(format('pgmq.%I', qtable))
            AND attname = 'msg_id' AND attidentity = 'a') THEN
      EXECUTE format('ALTER TABLE pgmq.%I ALTER COLUMN msg_id SET GENERATED BY DEFAULT', qtable);
    END IF;
  END LOOP;
  FOR q IN SELECT t.queue_name FROM pgmq.notify_insert_throttle t LOOP
    qtable := pgmq.format_table_name(q.queue_name, 'q');
    CONTINUE WHEN to_regclass(format('pgmq.%I', qtable)) IS NULL;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger
                WHERE tgrelid = format('pgmq.%I', qtable)::regclass
                  AND tgname = 'trigger_notify_queue_insert_listeners') THEN
      EXECUTE format('DROP TRIGGER trigger_notify_queue_insert_listeners ON pgmq.%I', qtable);
    END IF;
    EXECUTE format(
      'CREATE CONSTRAINT TRIGGER trigger_notify_queue_insert_listeners
         AFTER INSERT ON pgmq.%I
         DEFERRABLE INITIALLY DEFERRED
         FOR EACH ROW EXECUTE FUNCTION pgmq.notify_queue_listeners(%L)', qtable, q.queue_name);
  END LOOP;
END
$queues$;

-- ---------------------------------------------------------------------------------------------
-- Install record
-- ---------------------------------------------------------------------------------------------

INSERT INTO pgmq.sql_install_version AS v (id, pgmq_version, script_revision)
VALUES (1, '1.13.1', 2)
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
