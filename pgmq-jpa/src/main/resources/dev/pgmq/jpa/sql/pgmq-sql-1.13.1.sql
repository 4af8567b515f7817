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
    CONSTRAINT notify_insert_throttle_meta_queue_name_fk
      REFERENCES pgmq.meta (queue_name) ON DELETE CASCADE,
  throttle_interval_ms integer NOT NULL DEFAULT 0,
  last_notified_at timestamptz NOT NULL DEFAULT to_timestamp(0)
);

CREATE INDEX IF NOT EXISTS idx_notify_throttle_active
  ON pgmq.notify_insert_throttle (queue_name, last_notified_at)
  WHERE throttle_interval_ms > 0;

-- A topic pattern compiles to a POSIX regular expression matched against the whole routing key:
-- '.' is a literal dot, '*' one or more characters other than a dot, '#' any characters (dots
-- included, possibly none). The dots written around '#' stay literal, so 'orders.#' needs at
-- least one character after 'orders.'.
CREATE TABLE IF NOT EXISTS pgmq.topic_bindings (
  pattern text NOT NULL,
  queue_name text NOT NULL
    CONSTRAINT topic_bindings_meta_queue_name_fk
      REFERENCES pgmq.meta (queue_name) ON DELETE CASCADE,
  bound_at timestamptz NOT NULL DEFAULT now(),
  compiled_regex text GENERATED ALWAYS AS (
    '^' || replace(replace(replace(pattern, '.', '\.'), '*', '[^.]+'), '#', '.*') || '$'
  ) STORED,
  CONSTRAINT topic_bindings_unique_pattern_queue UNIQUE (pattern, queue_name)
);

-- Installs made by earlier revisions: constraint names and the pattern translation of 1.13.1.
DO $tables$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint
              WHERE conrelid = 'pgmq.notify_insert_throttle'::regclass
                AND conname = 'notify_insert_throttle_queue_name_fkey') THEN
    ALTER TABLE pgmq.notify_insert_throttle
      RENAME CONSTRAINT notify_insert_throttle_queue_name_fkey TO notify_insert_throttle_meta_queue_name_fk;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint
              WHERE conrelid = 'pgmq.topic_bindings'::regclass
                AND conname = 'topic_bindings_queue_name_fkey') THEN
    ALTER TABLE pgmq.topic_bindings
      RENAME CONSTRAINT topic_bindings_queue_name_fkey TO topic_bindings_meta_queue_name_fk;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_attrdef d
               JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
              WHERE d.adrelid = 'pgmq.topic_bindings'::regclass AND a.attname = 'compiled_regex'
                AND pg_get_expr(d.adbin, d.adrelid) LIKE '%CASE%') THEN
    ALTER TABLE pgmq.topic_bindings DROP COLUMN compiled_regex;
    ALTER TABLE pgmq.topic_bindings ADD COLUMN compiled_regex text GENERATED ALWAYS AS (
      '^' || replace(replace(replace(pattern, '.', '\.'), '*', '[^.]+'), '#', '.*') || '$'
    ) STORED;
  END IF;
END
$tables$;

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
    -- the extension's text, backslash included
    RAISE EXCEPTION 'queue name contains invalid characters: $, ;, --, or \''';
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
BEGIN
  PERFORM pgmq.acquire_queue_lock(queue_name);
  SELECT m.is_partitioned INTO partitioned FROM pgmq.meta m WHERE m.queue_name = drop_queue.queue_name;
  -- the queue exists when a table has exactly the (untruncated) name the queue maps to
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c
                  WHERE c.relnamespace = 'pgmq'::regnamespace AND c.relname = qtable
                    AND c.relkind IN ('r', 'p')) THEN
    RAISE NOTICE 'pgmq queue `%` does not exist', queue_name;
    RETURN false;
  END IF;
  EXECUTE format('DROP TABLE IF EXISTS pgmq.%I', qtable);
  EXECUTE format('DROP TABLE IF EXISTS pgmq.%I', atable);
  DELETE FROM pgmq.meta m WHERE m.queue_name = drop_queue.queue_name;
  IF partitioned THEN
    EXECUTE format('DELETE FROM %I.part_config WHERE parent_table IN ($1, $2)', pgmq._get_pg_partman_schema())
      USING 'pgmq.' || qtable, 'pgmq.' || atable;
  END IF;
  RETURN true;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.drop_queue(queue_name text, partitioned boolean)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
DECLARE
  qtable text := pgmq.format_table_name(queue_name, 'q');
BEGIN
  RAISE WARNING 'drop_queue(queue_name, partitioned) is deprecated and will be removed in PGMQ v2.0. Use drop_queue(queue_name) instead';
  PERFORM pgmq.drop_queue(queue_name);
  RETURN true;
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
DECLARE
  atable text := pgmq.format_table_name(queue_name, 'a');
BEGIN
  RAISE WARNING 'detach_archive(queue_name) is deprecated and is a no-op. It will be removed in PGMQ v2.0. Archive tables are no longer member objects.';
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
  -- rows come back in the order the update meets them, not sorted (as the extension's do)
  RETURN QUERY EXECUTE format(
    'WITH picked AS (
       SELECT msg_id FROM pgmq.%1$I
        WHERE vt <= clock_timestamp()%2$s
        ORDER BY msg_id LIMIT $1
        FOR UPDATE SKIP LOCKED)
     UPDATE pgmq.%1$I q
        SET vt = clock_timestamp() + $2 * interval ''1 second'',
            read_ct = q.read_ct + 1,
            last_read_at = clock_timestamp()
       FROM picked
      WHERE q.msg_id = picked.msg_id
     RETURNING q.msg_id, q.read_ct, q.enqueued_at, q.last_read_at, q.vt, q.message, q.headers',
    pgmq.format_table_name(queue_name, 'q'),
    CASE WHEN conditional IS NULL OR conditional = '{}'::jsonb THEN '' ELSE ' AND message @> $3' END)
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
        FOR UPDATE SKIP LOCKED)
     DELETE FROM pgmq.%1$I q USING picked
      WHERE q.msg_id = picked.msg_id
     RETURNING q.msg_id, q.read_ct, q.enqueued_at, q.last_read_at, q.vt, q.message, q.headers',
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
    'UPDATE pgmq.%I SET vt = clock_timestamp() + $2 * interval ''1 second'' WHERE msg_id = ANY($1)
     RETURNING msg_id, read_ct, enqueued_at, last_read_at, vt, message, headers',
    pgmq.format_table_name(queue_name, 'q')) USING msg_ids, vt;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.set_vt(queue_name text, msg_ids bigint[], vt timestamptz)
RETURNS SETOF pgmq.message_record
LANGUAGE plpgsql
AS $fn$
BEGIN
  RETURN QUERY EXECUTE format(
    'UPDATE pgmq.%I SET vt = $2 WHERE msg_id = ANY($1)
     RETURNING msg_id, read_ct, enqueued_at, last_read_at, vt, message, headers',
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

-- Hands a partitioned parent table to pg_partman (4.x: type 'native', 5.x: 'range'), with premake
-- (create_partitioned) or without it (convert_archive_partitioned: pg_partman's default). A parent
-- registered already makes pg_partman raise, as with the extension.
CREATE OR REPLACE FUNCTION pgmq._partman_create_parent(
  parent_table text, control text, partition_interval text, premake integer, with_premake boolean)
RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
  partman_type text := CASE WHEN pgmq._get_pg_partman_major_version() = 5 THEN 'range' ELSE 'native' END;
BEGIN
  IF with_premake THEN
    -- premake is spliced in as text: a NULL premake is a syntax error, as on the extension
    EXECUTE format(
      'SELECT %I.create_parent(p_parent_table := %L, p_control := %L, p_interval := %L, p_premake := %s, p_type := %L)',
      pgmq._get_pg_partman_schema(), parent_table, control, partition_interval, premake, partman_type);
  ELSE
    EXECUTE format(
      'SELECT %I.create_parent(p_parent_table := %L, p_control := %L, p_interval := %L, p_type := %L)',
      pgmq._get_pg_partman_schema(), parent_table, control, partition_interval, partman_type);
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
  PERFORM pgmq.acquire_queue_lock(queue_name);
  PERFORM pgmq._ensure_pg_partman_installed();
  IF premake < 1 THEN
    RAISE EXCEPTION 'premake must be at least 1, got %', premake;
  END IF;
  queue_col := pgmq._get_partition_col(partition_interval);

  EXECUTE format(
    'CREATE TABLE IF NOT EXISTS pgmq.%I (
       msg_id bigint GENERATED BY DEFAULT AS IDENTITY,
       read_ct integer DEFAULT 0 NOT NULL,
       enqueued_at timestamptz DEFAULT now() NOT NULL,
       last_read_at timestamptz,
       vt timestamptz NOT NULL,
       message jsonb,
       headers jsonb) PARTITION BY RANGE (%I)', qtable, queue_col);
  PERFORM pgmq._partman_create_parent('pgmq.' || qtable, queue_col, partition_interval, premake, true);
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON pgmq.%I (%I)', qtable || '_part_idx', qtable, queue_col);
  EXECUTE format(
    'UPDATE %I.part_config
        SET retention = $1, retention_keep_table = false, retention_keep_index = true,
            automatic_maintenance = ''on''
      WHERE parent_table = $2', pgmq._get_pg_partman_schema())
    USING retention_interval, 'pgmq.' || qtable;

  INSERT INTO pgmq.meta (queue_name, is_partitioned, is_unlogged)
  VALUES (create_partitioned.queue_name, true, false)
  ON CONFLICT DO NOTHING;

  archive_col := CASE WHEN queue_col = 'enqueued_at' THEN 'archived_at' ELSE queue_col END;
  EXECUTE format(
    'CREATE TABLE IF NOT EXISTS pgmq.%I (
       msg_id bigint NOT NULL,
       read_ct integer DEFAULT 0 NOT NULL,
       enqueued_at timestamptz DEFAULT now() NOT NULL,
       last_read_at timestamptz,
       archived_at timestamptz DEFAULT now() NOT NULL,
       vt timestamptz NOT NULL,
       message jsonb,
       headers jsonb) PARTITION BY RANGE (%I)', atable, archive_col);
  PERFORM pgmq._partman_create_parent('pgmq.' || atable, archive_col, partition_interval, premake, true);
  EXECUTE format(
    'UPDATE %I.part_config
        SET retention = $1, retention_keep_table = false, retention_keep_index = true,
            automatic_maintenance = ''on''
      WHERE parent_table = $2', pgmq._get_pg_partman_schema())
    USING retention_interval, 'pgmq.' || atable;
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON pgmq.%I (archived_at)',
                 'archived_at_idx_' || queue_name, atable);
END;
$fn$;

-- Replaces a plain archive by a partitioned one of the same shape; the plain archive is kept,
-- with its rows, as a_<name>_old. A missing or already partitioned archive only gives a NOTICE
-- (texts as the extension's, "s" included).
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
  kind "char";
  archive_col text;
BEGIN
  SELECT c.relkind INTO kind
    FROM pg_catalog.pg_class c
   WHERE c.relname = atable AND c.relkind IN ('p', 'r')
   ORDER BY c.relkind LIMIT 1;
  IF kind = 'p' THEN
    RAISE NOTICE 'Table %s is already partitioned', atable;
    RETURN;
  END IF;
  IF kind IS NULL THEN
    RAISE NOTICE 'Table %s does not exists', atable;
    RETURN;
  END IF;
  archive_col := CASE WHEN pgmq._get_partition_col(partition_interval) = 'enqueued_at'
                      THEN 'archived_at' ELSE 'msg_id' END;

  EXECUTE format('ALTER TABLE pgmq.%I RENAME TO %I', atable, old_table);
  EXECUTE format('CREATE TABLE pgmq.%I (LIKE pgmq.%I INCLUDING ALL%s) PARTITION BY RANGE (%I)',
                 atable, old_table,
                 CASE WHEN archive_col = 'msg_id' THEN '' ELSE ' EXCLUDING INDEXES' END, archive_col);
  EXECUTE format('ALTER INDEX pgmq.%I RENAME TO %I',
                 lower('archived_at_idx_' || table_name), lower('archived_at_idx_' || table_name || '_old'));
  EXECUTE format('CREATE INDEX %I ON pgmq.%I (archived_at)', lower('archived_at_idx_' || table_name), atable);
  PERFORM pgmq._partman_create_parent('pgmq.' || atable, archive_col, partition_interval, NULL, false);
  EXECUTE format(
    'UPDATE %I.part_config
        SET retention = $1, retention_keep_table = false, retention_keep_index = false,
            infinite_time_partitions = true
      WHERE parent_table = $2', pgmq._get_pg_partman_schema())
    USING retention_interval, 'pgmq.' || atable;
END;
$fn$;

-- ---------------------------------------------------------------------------------------------
-- FIFO (grouped) reads. The group of a message is the text of header x-pgmq-group (messages
-- without it share one group). Groups are taken in the order of their oldest message, and a group
-- is skipped while that oldest message is invisible or locked by another transaction; invisible
-- messages after it do not block the group.
--   fill (read_grouped):  locks the visible head of every group, then takes the visible messages
--                         of those groups, oldest group first, waiting for rows another reader
--                         holds; rows come back by msg_id.
--   round_robin:          takes a transaction advisory lock per group (skipping groups another
--                         reader holds), ranks the visible messages one per group per round, and
--                         takes the first qty of them that no other transaction has locked; rows
--                         come back round by round.
--   head:                 the visible unlocked oldest message of at most qty groups; rows come
--                         back as the update meets them.
-- ---------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION pgmq._read_grouped(queue_name text, vt integer, qty integer, strategy text)
RETURNS SETOF pgmq.message_record
LANGUAGE plpgsql
AS $fn$
DECLARE
  qtable text := pgmq.format_table_name(queue_name, 'q');
  picked_id bigint;
  locked_groups text[];
  default_group_locked boolean;
  heads constant text :=
    'heads AS (
       SELECT DISTINCT ON (headers ->> ''x-pgmq-group'') msg_id, vt, headers ->> ''x-pgmq-group'' AS grp
         FROM pgmq.%1$I
        ORDER BY headers ->> ''x-pgmq-group'', msg_id)';
  touch constant text :=
    'UPDATE pgmq.%1$I q
        SET vt = clock_timestamp() + $2 * interval ''1 second'',
            read_ct = q.read_ct + 1,
            last_read_at = clock_timestamp()
       FROM picked p
      WHERE q.msg_id = p.msg_id
     RETURNING q.msg_id, q.read_ct, q.enqueued_at, q.last_read_at, q.vt, q.message, q.headers';
BEGIN
  CASE strategy
    WHEN 'fill' THEN
      RETURN QUERY EXECUTE format(
        'WITH ' || heads || ',
         open_groups AS (
           SELECT q.msg_id AS head, q.headers ->> ''x-pgmq-group'' AS grp
             FROM pgmq.%1$I q
            WHERE q.msg_id IN (SELECT h.msg_id FROM heads h WHERE h.vt <= clock_timestamp())
              AND q.vt <= clock_timestamp()
            ORDER BY q.msg_id
              FOR UPDATE SKIP LOCKED),
         picked AS (
           SELECT q.msg_id
             FROM pgmq.%1$I q
             JOIN open_groups g ON g.grp IS NOT DISTINCT FROM q.headers ->> ''x-pgmq-group''
            WHERE q.vt <= clock_timestamp()
            ORDER BY g.head, q.msg_id
            LIMIT $1
              FOR UPDATE OF q),
         touched AS (' || touch || ')
         SELECT * FROM touched ORDER BY msg_id', qtable) USING qty, vt;
    WHEN 'round_robin' THEN
      -- 1. a transaction advisory lock on every group whose oldest message is visible, skipping
      --    groups another round-robin reader holds
      EXECUTE format(
        'WITH ' || heads || '
         SELECT coalesce(array_agg(h.grp), ''{}'') , bool_or(h.grp IS NULL AND locked)
           FROM (SELECT h.grp,
                        pg_try_advisory_xact_lock(hashtext(''pgmq.group.'' || coalesce(h.grp, ''''))::bigint) AS locked
                   FROM heads h
                  WHERE h.vt <= clock_timestamp()) h
          WHERE h.locked', qtable)
        INTO locked_groups, default_group_locked;
      -- 2. with a snapshot taken after those locks: ranks the visible messages of the locked groups
      --    whose oldest message is still visible, one per group per round, and takes the first qty
      --    of them that no other transaction has locked; they are updated and returned one by one
      --    in that order
      FOR picked_id IN EXECUTE format(
        'WITH ' || heads || ',
         open_groups AS (
           SELECT h.msg_id AS head, h.grp
             FROM heads h
            WHERE h.vt <= clock_timestamp()
              AND (h.grp = ANY ($2) OR (h.grp IS NULL AND $3))),
         ranked AS (
           SELECT q.msg_id, g.head, row_number() OVER (PARTITION BY g.head ORDER BY q.msg_id) AS round
             FROM pgmq.%1$I q
             JOIN open_groups g ON g.grp IS NOT DISTINCT FROM q.headers ->> ''x-pgmq-group''
            WHERE q.vt <= clock_timestamp()),
         ordered AS (
           SELECT r.msg_id, row_number() OVER (ORDER BY r.round, r.head) AS n FROM ranked r)
         SELECT q.msg_id
           FROM pgmq.%1$I q
           JOIN ordered o ON o.msg_id = q.msg_id
          WHERE o.n <= $1
            AND q.vt <= clock_timestamp()
          ORDER BY o.n
            FOR UPDATE OF q SKIP LOCKED', qtable) USING qty, locked_groups, coalesce(default_group_locked, false)
      LOOP
        RETURN QUERY EXECUTE format(
          'UPDATE pgmq.%1$I q
              SET vt = clock_timestamp() + $2 * interval ''1 second'',
                  read_ct = q.read_ct + 1,
                  last_read_at = clock_timestamp()
            WHERE q.msg_id = $1
           RETURNING q.msg_id, q.read_ct, q.enqueued_at, q.last_read_at, q.vt, q.message, q.headers',
          qtable) USING picked_id, vt;
      END LOOP;
    WHEN 'head' THEN
      RETURN QUERY EXECUTE format(
        'WITH ' || heads || ',
         picked AS (
           SELECT q.msg_id
             FROM pgmq.%1$I q
            WHERE q.msg_id IN (SELECT h.msg_id FROM heads h WHERE h.vt <= clock_timestamp())
              AND q.vt <= clock_timestamp()
            ORDER BY q.msg_id
            LIMIT $1
              FOR UPDATE SKIP LOCKED) ' || touch, qtable) USING qty, vt;
    ELSE
      RAISE EXCEPTION 'unknown grouped read strategy %', strategy;
  END CASE;
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
  SELECT * FROM pgmq._read_grouped(queue_name, vt, qty, 'fill');
$fn$;

CREATE OR REPLACE FUNCTION pgmq.read_grouped_with_poll(
  queue_name text, vt integer, qty integer,
  max_poll_seconds integer DEFAULT 5, poll_interval_ms integer DEFAULT 100)
RETURNS SETOF pgmq.message_record
LANGUAGE sql
AS $fn$
  SELECT * FROM pgmq._read_grouped_with_poll(queue_name, vt, qty, max_poll_seconds, poll_interval_ms, 'fill');
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
-- Insert notifications: a throttled constraint trigger (deferrable, initially immediate) NOTIFYing
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
    RAISE EXCEPTION 'Queue "%" does not exist. Create the queue first using pgmq.create()', queue_name;
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
  IF throttle_interval_ms < 0 THEN
    RAISE EXCEPTION 'throttle_interval_ms must be non-negative';
  END IF;
  -- the queue is found by its table (any spelling of the name); the throttle row then needs the
  -- name as stored in meta
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c
                  WHERE c.relnamespace = 'pgmq'::regnamespace AND c.relname = qtable
                    AND c.relkind IN ('r', 'p')) THEN
    RAISE EXCEPTION 'Queue "%" does not exist. Create it first using pgmq.create()', queue_name;
  END IF;
  INSERT INTO pgmq.notify_insert_throttle AS t (queue_name, throttle_interval_ms)
  VALUES (enable_notify_insert.queue_name, enable_notify_insert.throttle_interval_ms)
  ON CONFLICT ON CONSTRAINT notify_insert_throttle_queue_name_key
  DO UPDATE SET throttle_interval_ms = excluded.throttle_interval_ms,
                last_notified_at = to_timestamp(0);
  EXECUTE format('DROP TRIGGER IF EXISTS trigger_notify_queue_insert_listeners ON pgmq.%I', qtable);
  EXECUTE format(
    'CREATE CONSTRAINT TRIGGER trigger_notify_queue_insert_listeners
       AFTER INSERT ON pgmq.%I
       DEFERRABLE
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
  EXECUTE format('DROP TRIGGER IF EXISTS trigger_notify_queue_insert_listeners ON pgmq.%I', qtable);
  DELETE FROM pgmq.notify_insert_throttle t WHERE t.queue_name = disable_notify_insert.queue_name;
END;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.update_notify_insert(queue_name text, throttle_interval_ms integer)
RETURNS void
LANGUAGE plpgsql
AS $fn$
BEGIN
  IF throttle_interval_ms < 0 THEN
    RAISE EXCEPTION 'throttle_interval_ms must be non-negative, got: %', throttle_interval_ms;
  END IF;
  PERFORM pgmq._queue_must_exist(queue_name);
  UPDATE pgmq.notify_insert_throttle t
     SET throttle_interval_ms = update_notify_insert.throttle_interval_ms,
         last_notified_at = to_timestamp(0)
   WHERE t.queue_name = update_notify_insert.queue_name;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'Queue "%" does not have notify_insert enabled. Enable it first using pgmq.enable_notify_insert()', queue_name;
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
    RAISE EXCEPTION 'routing_key cannot be NULL or empty';
  END IF;
  IF length(routing_key) > 255 THEN
    RAISE EXCEPTION 'routing_key length cannot exceed 255 characters, got % characters', length(routing_key);
  END IF;
  IF routing_key !~ '^[a-zA-Z0-9._-]+$' THEN
    RAISE EXCEPTION 'routing_key contains invalid characters. Only alphanumeric, dots, hyphens, and underscores are allowed. Got: %', routing_key;
  END IF;
  IF left(routing_key, 1) = '.' THEN
    RAISE EXCEPTION 'routing_key cannot start with a dot. Got: %', routing_key;
  END IF;
  IF right(routing_key, 1) = '.' THEN
    RAISE EXCEPTION 'routing_key cannot end with a dot. Got: %', routing_key;
  END IF;
  IF strpos(routing_key, '..') > 0 THEN
    RAISE EXCEPTION 'routing_key cannot contain consecutive dots. Got: %', routing_key;
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
    RAISE EXCEPTION 'pattern cannot be NULL or empty';
  END IF;
  IF length(pattern) > 255 THEN
    RAISE EXCEPTION 'pattern length cannot exceed 255 characters, got % characters', length(pattern);
  END IF;
  IF pattern !~ '^[a-zA-Z0-9._*#-]+$' THEN
    RAISE EXCEPTION 'pattern contains invalid characters. Only alphanumeric, dots, hyphens, underscores, *, and # are allowed. Got: %', pattern;
  END IF;
  IF left(pattern, 1) = '.' THEN
    RAISE EXCEPTION 'pattern cannot start with a dot. Got: %', pattern;
  END IF;
  IF right(pattern, 1) = '.' THEN
    RAISE EXCEPTION 'pattern cannot end with a dot. Got: %', pattern;
  END IF;
  IF strpos(pattern, '..') > 0 THEN
    RAISE EXCEPTION 'pattern cannot contain consecutive dots. Got: %', pattern;
  END IF;
  IF strpos(pattern, '**') > 0 THEN
    RAISE EXCEPTION 'pattern cannot contain consecutive stars (**). Use # for multi-segment matching. Got: %', pattern;
  END IF;
  IF strpos(pattern, '##') > 0 THEN
    RAISE EXCEPTION 'pattern cannot contain consecutive hashes (##). A single # already matches zero or more segments. Got: %', pattern;
  END IF;
  IF strpos(pattern, '*#') > 0 OR strpos(pattern, '#*') > 0 THEN
    RAISE EXCEPTION 'pattern cannot contain adjacent wildcards (*# or #*). Separate wildcards with dots. Got: %', pattern;
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
  IF queue_name IS NULL OR queue_name = '' THEN
    RAISE EXCEPTION 'queue_name cannot be NULL or empty';
  END IF;
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
  IF pattern IS NULL OR pattern = '' THEN
    RAISE EXCEPTION 'pattern cannot be NULL or empty';
  END IF;
  IF queue_name IS NULL OR queue_name = '' THEN
    RAISE EXCEPTION 'queue_name cannot be NULL or empty';
  END IF;
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
   ORDER BY b.queue_name, b.pattern;
$fn$;

CREATE OR REPLACE FUNCTION pgmq.list_topic_bindings(queue_name text)
RETURNS TABLE (pattern text, queue_name text, bound_at timestamptz, compiled_regex text)
LANGUAGE sql STABLE
AS $fn$
  SELECT b.pattern, b.queue_name, b.bound_at, b.compiled_regex
    FROM pgmq.topic_bindings b
   WHERE b.queue_name = $1
   ORDER BY b.pattern;
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
     ORDER BY b.pattern;
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
  IF msg IS NULL THEN
    RAISE EXCEPTION 'msg cannot be NULL';
  END IF;
  IF delay < 0 THEN
    RAISE EXCEPTION 'delay cannot be negative, got: %', delay;
  END IF;
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
         DEFERRABLE
         FOR EACH ROW EXECUTE FUNCTION pgmq.notify_queue_listeners(%L)', qtable, q.queue_name);
  END LOOP;
END
$queues$;

-- ---------------------------------------------------------------------------------------------
-- Install record: pgmq._sql_install_version() returns the PGMQ API version and script revision
-- installed (pgmq-jpa's own; the extension has no such function). Revisions up to 2 kept the
-- record in a table pgmq.sql_install_version, which the extension does not have either: its row
-- is carried over and the table dropped.
-- ---------------------------------------------------------------------------------------------

DROP FUNCTION IF EXISTS pgmq._partman_create_parent(text, text, text, integer);

DO $record$
DECLARE
  new_version constant text := '1.13.1';
  new_revision constant integer := 3;
  old_version text;
  old_revision integer;
  old_installed_at timestamptz;
  old_upgraded_from text;
  installed_at timestamptz := now();
  upgraded_from text;
BEGIN
  IF to_regprocedure('pgmq._sql_install_version()') IS NOT NULL THEN
    SELECT v.pgmq_version, v.script_revision, v.installed_at, v.upgraded_from
      INTO old_version, old_revision, old_installed_at, old_upgraded_from
      FROM pgmq._sql_install_version() v;
  ELSIF to_regclass('pgmq.sql_install_version') IS NOT NULL THEN
    EXECUTE 'SELECT pgmq_version, script_revision, installed_at, upgraded_from
               FROM pgmq.sql_install_version WHERE id = 1'
      INTO old_version, old_revision, old_installed_at, old_upgraded_from;
  END IF;
  IF old_version IS NOT NULL THEN
    IF (old_version, old_revision) IS NOT DISTINCT FROM (new_version, new_revision) THEN
      installed_at := old_installed_at;
      upgraded_from := old_upgraded_from;
    ELSE
      upgraded_from := old_version || ' r' || old_revision;
    END IF;
  END IF;
  DROP TABLE IF EXISTS pgmq.sql_install_version;
  EXECUTE format(
    'CREATE OR REPLACE FUNCTION pgmq._sql_install_version()
     RETURNS TABLE (pgmq_version text, script_revision integer, installed_at timestamptz, upgraded_from text)
     LANGUAGE sql IMMUTABLE
     AS %L',
    format('SELECT %L::text, %s::integer, %L::timestamptz, %L::text',
           new_version, new_revision, installed_at, upgraded_from));
  COMMENT ON FUNCTION pgmq._sql_install_version() IS
    'pgmq-jpa SQL-only install: the PGMQ API version and script revision installed';
END
$record$;
