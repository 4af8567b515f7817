#!/usr/bin/env bash
# Measures two builds of this repository in alternating full benchmark runs on the same machine and
# prints, per scenario, each build's median ratio over its runs (RunComparison).
#
#   benchmarks/compare-builds.sh BEFORE_REV [AFTER_REV] [RUNS]
#
# AFTER_REV defaults to HEAD, RUNS to 3. Each revision is checked out into a temporary worktree and
# built with a Maven repository of its own (both have the same version number). Every run uses the
# embedded PostgreSQL; set PGMQ_JDBC_URL_BEFORE and PGMQ_JDBC_URL_AFTER (two different databases,
# so that each build installs its own PGMQ) to measure a server too. Results: benchmarks/results/
# compare-<before>-<after>/{before,after}/run-N/{embedded,server}.json.
set -euo pipefail
cd "$(dirname "$0")/.."
before_rev=$(git rev-parse --short "${1:?usage: compare-builds.sh BEFORE_REV [AFTER_REV] [RUNS]}")
after_rev=$(git rev-parse --short "${2:-HEAD}")
runs=${3:-3}
out="benchmarks/results/compare-${before_rev}-${after_rev}"
work=$(mktemp -d)
trap 'git worktree remove --force "$work/before" 2>/dev/null || true; git worktree remove --force "$work/after" 2>/dev/null || true; rm -rf "$work"' EXIT

build() { # name rev -> prints the benchmark class path
  local name=$1 rev=$2 repo="$work/m2-$1"
  git worktree add -q --detach "$work/$name" "$rev"
  mkdir -p "$repo"
  [ -d "$HOME/.m2/repository" ] && cp -r "$HOME/.m2/repository/." "$repo/" && rm -rf "$repo/dev/pgmq"
  (cd "$work/$name" && mvn -B -ntp -q install -DskipTests -Dspotless.check.skip=true \
      -Dmaven.repo.local="$repo" >&2 \
    && cd benchmarks && mvn -B -ntp -q dependency:build-classpath -Dmaven.repo.local="$repo" \
      -Dmdep.outputFile="$work/cp-$name.txt" >&2)
  echo "$(cat "$work/cp-$name.txt"):$work/$name/benchmarks/target/classes"
}

cp_before=$(build before "$before_rev")
cp_after=$(build after "$after_rev")
for i in $(seq 1 "$runs"); do
  for side in before after; do
    if [ "$side" = before ]; then cp=$cp_before; url=${PGMQ_JDBC_URL_BEFORE:-}; else cp=$cp_after; url=${PGMQ_JDBC_URL_AFTER:-}; fi
    echo "compare: run $i of $runs, $side"
    PGMQ_JDBC_URL="$url" java -cp "$cp" dev.pgmq.bench.BenchmarkMain --out-dir "$out/$side/run-$i" \
      > "$work/$side-$i.log" 2>&1 || { cat "$work/$side-$i.log"; exit 1; }
  done
done
java -cp "$cp_after" dev.pgmq.bench.RunComparison "$out/before" "$out/after" | tee "$out/comparison.md"
