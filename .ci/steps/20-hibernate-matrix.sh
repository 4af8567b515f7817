#!/usr/bin/env bash
# The pgmq-jpa and pgmq-outbox suites on the Hibernate ORM lines users run (the README's test command
# already ran them on the newest, the build's default). One pair of jars for every line:
#  1. the main code (with pgmq-cdi's, which has no suite of its own: integration-tests and step 30
#     test it) compiles against the oldest supported API (Hibernate 6.6, Jakarta Persistence 3.1);
#  2. the main classes are compiled once, as published, against the build's default Hibernate;
#  3. for each line, in a copy of the tree, the test code is compiled against that line and the
#     suites run the classes of step 2 on that line's Hibernate and JPA API (maven.main.skip keeps
#     them as built); the lines run side by side.
# Versions are ones Maven Central serves with their hibernate-platform BOM and hibernate-hikaricp.
# The enforcer's convergence rule is skipped here: Hibernate's own transitive versions differ
# between lines (the default build keeps it).
# Needs PostgreSQL on 127.0.0.1:5432 (.ci/run starts it) unless PGMQ_TEST_JDBC_URL says otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."

export PGMQ_TEST_JDBC_URL="${PGMQ_TEST_JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}"

modules=pgmq-jpa,pgmq-outbox,pgmq-cdi
# hibernate.version jakarta.persistence.version (who ships it)
lines=(
  "6.6.40.Final 3.1.0" # WildFly 39 (Jakarta EE 10); Spring Boot 3.5 ships 6.6.33
  "7.1.9.Final 3.2.0"  # WildFly Preview 39 ships 7.1.11; Spring Boot 4.0.0 7.1.8
  "7.2.25.Final 3.2.0" # Spring Boot 4.0.1-4.0.7, Quarkus 3.33
)
common=(-B -ntp -Dstyle.color=never -pl "$modules" -am -Denforcer.skipRules=dependencyConvergence -Dspotless.check.skip=true)
started=$(date +%s)

echo "20-hibernate-matrix: main code against Hibernate 6.6.40.Final / Jakarta Persistence 3.1.0"
mvn "${common[@]}" -q clean compile -Dhibernate.version=6.6.40.Final -Djakarta.persistence.version=3.1.0

echo "20-hibernate-matrix: main classes as published (the build's default Hibernate)"
mvn "${common[@]}" -q clean compile

work=$(mktemp -d "${TMPDIR:-/tmp}/hibernate-matrix-XXXXXX")
trap 'rm -rf "$work"' EXIT

# each line in its own copy of the tree (with the main classes of step 2); its dependencies are
# resolved and its test code compiled one line at a time, so the parallel runs download nothing
for line in "${lines[@]}"; do
  read -r hibernate jpa <<<"$line"
  dir="$work/$hibernate"
  mkdir -p "$dir"
  tar --exclude=./.git --exclude=./target --exclude='./*/target' -cf - . | tar -xf - -C "$dir"
  for m in pgmq-jpa pgmq-outbox pgmq-cdi pgmq-test; do
    mkdir -p "$dir/$m/target"
    cp -a "$m/target/classes" "$dir/$m/target/"
  done
  echo "20-hibernate-matrix: test code against Hibernate $hibernate / Jakarta Persistence $jpa"
  (cd "$dir" && mvn "${common[@]}" -q test-compile -Dmaven.main.skip=true \
      -Dhibernate.version="$hibernate" -Djakarta.persistence.version="$jpa")
done

# the suites of all lines at once (they wait on the database far more than they compute; every
# test class has its own database)
pids=()
for line in "${lines[@]}"; do
  read -r hibernate jpa <<<"$line"
  dir="$work/$hibernate"
  (
    line_started=$(date +%s)
    status=0
    (cd "$dir" && mvn "${common[@]}" verify -Dmaven.main.skip=true \
        -Dhibernate.version="$hibernate" -Djakarta.persistence.version="$jpa") >"$dir/matrix.log" 2>&1 \
      || status=$?
    echo "$(( $(date +%s) - line_started ))" >"$dir/matrix.seconds"
    exit "$status"
  ) &
  pids+=($!)
done
echo "20-hibernate-matrix: ${#lines[@]} lines running"

failed=0
for i in "${!lines[@]}"; do
  read -r hibernate jpa <<<"${lines[$i]}"
  dir="$work/$hibernate"
  if ! wait "${pids[$i]}"; then
    tail -n 200 "$dir/matrix.log"
    echo "20-hibernate-matrix: FAILED on Hibernate $hibernate" >&2
    failed=1
    continue
  fi
  # the suites really ran on this line
  for m in pgmq-jpa pgmq-outbox; do
    if ! grep -qs "hibernate-core-$hibernate.jar" "$dir/$m"/target/surefire-reports/TEST-*.xml; then
      echo "20-hibernate-matrix: $m did not run on hibernate-core $hibernate" >&2
      failed=1
    fi
  done
  counts=$(grep -E '^\[(INFO|WARNING)\] Tests run: [0-9]+, Failures: 0, Errors: 0, Skipped: [0-9]+$' \
    "$dir/matrix.log" | sed 's/^\[[A-Z]*\] //' | paste -sd ';' -)
  echo "20-hibernate-matrix: Hibernate $hibernate / JPA $jpa: $counts ($(cat "$dir/matrix.seconds") s)"
done
[ "$failed" -eq 0 ] || exit 1

# leave no classes compiled against another line behind for later steps
mvn "${common[@]}" -q clean

echo "20-hibernate-matrix: done in $(( $(date +%s) - started )) s"
