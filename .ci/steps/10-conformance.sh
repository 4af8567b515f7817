#!/usr/bin/env bash
# PGMQ 1.13.1 conformance of the SQL-only install: runs the scenario corpus in
# pgmq-jpa/src/test/conformance/ (1,563 statements with the output the real pgmq extension gave)
# against the bundled script, first on a fresh database, then on a database that got the previous
# script revision (r2) first and the current one over it (upgrade in place). Fails on any difference.
# Needs PostgreSQL 15 on 127.0.0.1:5432 (user postgres, superuser, trust), pg_partman and dblink.
set -euo pipefail
cd "$(dirname "$0")/../.."

PG_VERSION=15
corpus=pgmq-jpa/src/test/conformance
script=pgmq-jpa/src/main/resources/dev/pgmq/jpa/sql/pgmq-sql-1.13.1.sql

if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  pg_ctlcluster --skip-systemctl-redirect "${PG_VERSION}" main start || true
  for _ in $(seq 1 60); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432

install_pkg() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "$@" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "$@" >/dev/null; }
}
sharedir=$(pg_config --sharedir 2>/dev/null || echo "/usr/share/postgresql/${PG_VERSION}")
[ -f "/usr/share/postgresql/${PG_VERSION}/extension/dblink.control" ] || [ -f "${sharedir}/extension/dblink.control" ] \
  || install_pkg postgresql-contrib
dpkg -s "postgresql-${PG_VERSION}-partman" >/dev/null 2>&1 || install_pkg "postgresql-${PG_VERSION}-partman"

export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
work=$(mktemp -d "${TMPDIR:-/tmp}/pgmq-conformance-ci.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "conformance: fresh install of ${script}"
OUT_DIR="$work/fresh" "$corpus/run.sh" sql "$script"

echo "conformance: revision 2, then the current script over it"
cat "$corpus/upgrade/pgmq-sql-1.13.1-r2.sql" "$script" > "$work/upgrade.sql"
OUT_DIR="$work/upgrade" "$corpus/run.sh" sql "$work/upgrade.sql"
