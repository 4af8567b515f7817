#!/usr/bin/env bash
# `mvn install` works from a fresh clone, as the README's quick start tells users to run it: clones
# this repository's committed HEAD into a temporary directory and runs
# `mvn -B -ntp -DskipTests install` there (the README's test command already ran every test), then
# checks that every published artifact landed in the local repository.
# PGMQ_INSTALL_REPO=<dir> installs into that directory instead of ~/.m2/repository.
set -euo pipefail
cd "$(dirname "$0")/../.."

repo="${PGMQ_INSTALL_REPO:-$HOME/.m2/repository}"
work=$(mktemp -d "${TMPDIR:-/tmp}/pgmq-install-XXXXXX")
trap 'rm -rf "$work"' EXIT

git clone -q --no-hardlinks . "$work/pgmq-jpa"
cd "$work/pgmq-jpa"
version=$(sed -n '0,/<artifactId>pgmq-jpa-parent<\/artifactId>/d; s:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
started=$(date +%s)
mvn -B -ntp -DskipTests -Dmaven.repo.local="$repo" install
echo "05-install: fresh-clone install of $version done in $(( $(date +%s) - started )) s"

# what a user's pom resolves: the BOM and every published module, at the project's version
for artifact in pgmq-jpa pgmq-outbox pgmq-test; do
  file="$repo/dev/pgmq/$artifact/$version/$artifact-$version.jar"
  [ -f "$file" ] || { echo "05-install: missing $file" >&2; exit 1; }
done
echo "05-install: dev.pgmq $version installed in $repo"
