#!/usr/bin/env bash
# Runs every measurement of the benchmarks (per-call overhead beside the peers, the Redis (Lettuce and Redisson),
# PostgreSQL and MariaDB stores beside their physical limits, sync, accuracy under load) and writes
# docs/benchmarks.md. About 32 minutes on two idle cores, the stores alone about 9 (14 with other builds running), the
# accuracy alone about 20 (with other builds running).
# Run it alone: anything else on the machine shows in the numbers.
#
# Needs Java 17+, Maven, Redis on 127.0.0.1:6379, PostgreSQL on 127.0.0.1:5432 (user postgres without password,
# database test), MariaDB on 127.0.0.1:3306 (user root without password), redis-cli, redis-benchmark, psql, pgbench,
# mysql and mysqlslap (Debian's mariadb-client). Every Redis key it writes is under a prefix of its own (wxq-bench-*)
# and every table in a schema or database of its own (wxq_bench_*); all are removed afterwards.
#
# Usage: benchmarks/run.sh [-o] [stores | accuracy | scale]
#   -o        Maven offline, once the dependencies are in ~/.m2
#   stores    section 2 only (the shared stores); docs/benchmarks.md keeps the other sections as the last full run
#             wrote them, and section 2 says when it was measured
#   accuracy  section 4 only (N processes sharing Redis against the simulator, one of them killed, across midnight,
#             with skewed clocks; about 18 minutes; needs only Java, Maven, Redis and redis-cli), spliced in the
#             same way
#   scale     section 5 only (a platform's 200,000 quotas: heap, lookup, getApiQuota calls in a day), spliced in the
#             same way
set -euo pipefail
cd "$(dirname "$0")/.."

MAVEN=(mvn -B -ntp -q)
SECTIONS=all
for arg in "$@"; do
  case "$arg" in
    -o) MAVEN+=(-o) ;;
    stores) SECTIONS=stores ;;
    accuracy) SECTIONS=accuracy ;;
    scale) SECTIONS=scale ;;
    *) echo "usage: benchmarks/run.sh [-o] [stores | accuracy | scale]" >&2; exit 2 ;;
  esac
done
RESULTS=benchmarks/target/results
JAR=benchmarks/target/benchmarks.jar
REDIS=(-h 127.0.0.1 -p 6379)
PG=(-h 127.0.0.1 -p 5432 -U postgres)
PGBENCH_SCHEMA=wxq_bench_pgbench
MARIADB=(-h 127.0.0.1 -P 3306 -u root)
MYSQLSLAP_DATABASE=wxq_bench_mysqlslap

started=$(date +%s)
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
# The store benchmarks' forks append what they counted (Redis commands, transactions per call) here.
export WXQ_BENCH_RESULTS="$PWD/$RESULTS"

# Each command is logged as run, for the report's "exact commands".
step() {
  echo "$*" >> "$RESULTS/commands.txt"
  echo "+ $*" >&2
}

TOOLS=(java mvn redis-cli)
[[ "$SECTIONS" == accuracy || "$SECTIONS" == scale ]] || TOOLS+=(redis-benchmark psql pgbench mysql mysqlslap)
for tool in "${TOOLS[@]}"; do
  command -v "$tool" > /dev/null || { echo "benchmarks/run.sh needs $tool on the PATH" >&2; exit 1; }
done
redis-cli "${REDIS[@]}" ping > /dev/null || { echo "Redis does not answer on 127.0.0.1:6379" >&2; exit 1; }
if [[ "$SECTIONS" != accuracy && "$SECTIONS" != scale ]]; then
  psql "${PG[@]}" -d test -Atqc 'SELECT 1' > /dev/null \
    || { echo "PostgreSQL does not answer on 127.0.0.1:5432 (user postgres, database test)" >&2; exit 1; }
  mysql "${MARIADB[@]}" -e 'SELECT 1' > /dev/null \
    || { echo "MariaDB does not answer on 127.0.0.1:3306 (user root, no password)" >&2; exit 1; }
fi

step "${MAVEN[*]} -pl benchmarks -am package -DskipTests"
"${MAVEN[@]}" -pl benchmarks -am package -DskipTests

{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit=$(git rev-parse --short HEAD 2> /dev/null || echo unknown)$(git diff --quiet HEAD 2> /dev/null || echo ' (with uncommitted changes)')"
  echo "nproc=$(nproc)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "java=$(java -version 2>&1 | sed -n 2p)"
  echo "kernel=$(uname -sr)"
  echo "redis=$(redis-cli "${REDIS[@]}" info server | tr -d '\r' | sed -n 's/^redis_version://p')"
  if [[ "$SECTIONS" != accuracy && "$SECTIONS" != scale ]]; then
    echo "postgres=$(psql "${PG[@]}" -d test -Atqc 'SHOW server_version')"
    echo "mariadb=$(mysql "${MARIADB[@]}" -Ne 'SELECT VERSION()')"
  fi
  echo "sections=$SECTIONS"
  echo "load=$(cut -d' ' -f1-3 /proc/loadavg)"
} > "$RESULTS/env.properties"

jmh() {
  step "java -jar $JAR $*"
  java -jar "$JAR" "$@"
}

# 1. Per-call overhead, local store: avgt and thrpt, 1 and 2 threads, bytes/op.
if [[ "$SECTIONS" == all ]]; then
  for threads in 1 2; do
    jmh OverheadBenchmark -bm thrpt,avgt -t "$threads" -prof gc -rf json -rff "$RESULTS/overhead-$threads.json"
  done
fi

if [[ "$SECTIONS" == all || "$SECTIONS" == stores ]]; then
  # 2a. Redis: the physical limit by redis-benchmark (one connection, then 16), then the store from 16 threads and 1,
  # on Lettuce and on Redisson.
  for clients in 1 16; do
    step "redis-benchmark ${REDIS[*]} -c $clients -n $((clients * 20000)) -t get,set --csv"
    redis-benchmark "${REDIS[@]}" -c "$clients" -n $((clients * 20000)) -t get,set --csv \
      > "$RESULTS/redis-benchmark-c$clients.csv"
  done
  jmh RedisStoreBenchmark -bm thrpt,sample -t 16 -rf json -rff "$RESULTS/redis-16.json"
  jmh RedisStoreBenchmark -bm sample -t 1 -p keys=1 -rf json -rff "$RESULTS/redis-1.json"

  # 2b. PostgreSQL: pgbench running the store's transaction (lock the row, write it, commit), then the store.
  cleanup_pgbench() {
    psql "${PG[@]}" -d test -Atqc "DROP SCHEMA IF EXISTS $PGBENCH_SCHEMA CASCADE" > /dev/null 2>&1 || true
  }
  cleanup_mysqlslap() {
    mysql "${MARIADB[@]}" -e "DROP DATABASE IF EXISTS $MYSQLSLAP_DATABASE" > /dev/null 2>&1 || true
  }
  trap 'cleanup_pgbench; cleanup_mysqlslap' EXIT
  cleanup_pgbench
  psql "${PG[@]}" -d test -Atq > /dev/null << SQL
CREATE SCHEMA $PGBENCH_SCHEMA;
CREATE TABLE $PGBENCH_SCHEMA.bucket (id INT PRIMARY KEY, state BYTEA, expires_at BIGINT);
INSERT INTO $PGBENCH_SCHEMA.bucket SELECT g, decode(repeat('00', 72), 'hex'), 0 FROM generate_series(1, 1000) g;
SQL
  cat > "$RESULTS/pgbench-transaction.sql" << SQL
\set id random(1, :keys)
BEGIN;
SELECT state FROM $PGBENCH_SCHEMA.bucket WHERE id = :id FOR UPDATE;
UPDATE $PGBENCH_SCHEMA.bucket SET state = state, expires_at = :id WHERE id = :id;
COMMIT;
SQL
  for run in "1 1" "16 1" "16 1000"; do
    read -r clients keys <<< "$run"
    step "pgbench ${PG[*]} -n -M prepared -c $clients -j 2 -T 5 -D keys=$keys -f $RESULTS/pgbench-transaction.sql test"
    pgbench "${PG[@]}" -n -M prepared -c "$clients" -j 2 -T 5 -D keys="$keys" -f "$RESULTS/pgbench-transaction.sql" test \
      > "$RESULTS/pgbench-c$clients-k$keys.txt" 2>&1
  done
  cleanup_pgbench
  jmh PostgresStoreBenchmark -bm thrpt,sample -t 16 -rf json -rff "$RESULTS/postgres-16.json"
  jmh PostgresStoreBenchmark -bm sample -t 1 -p keys=1 -rf json -rff "$RESULTS/postgres-1.json"

  # 2c. MariaDB: mysqlslap running the store's transaction 10,000 times, then the store. mysqlslap binds no parameters:
  # each transaction draws its row into a user variable first (five statements; the report divides by five).
  cleanup_mysqlslap
  mysql "${MARIADB[@]}" << SQL
CREATE DATABASE $MYSQLSLAP_DATABASE;
CREATE TABLE $MYSQLSLAP_DATABASE.bucket (id INT PRIMARY KEY, state BLOB, expires_at BIGINT) ENGINE=InnoDB;
INSERT INTO $MYSQLSLAP_DATABASE.bucket SELECT seq, REPEAT(CHAR(0), 72), 0 FROM $MYSQLSLAP_DATABASE.seq_1_to_1000;
SQL
  for run in "1 1" "16 1" "16 1000"; do
    read -r clients keys <<< "$run"
    transaction="$RESULTS/mysqlslap-transaction-k$keys.sql"
    printf '%s' "SET @id = FLOOR(1 + RAND() * $keys);BEGIN;SELECT state FROM bucket WHERE id = @id FOR UPDATE;UPDATE bucket SET state = state, expires_at = expires_at + 1 WHERE id = @id;COMMIT" \
      > "$transaction"
    step "mysqlslap ${MARIADB[*]} --create-schema=$MYSQLSLAP_DATABASE --no-drop -c $clients -i 1 --number-of-queries=50000 --delimiter=';' -q $transaction"
    mysqlslap "${MARIADB[@]}" --create-schema="$MYSQLSLAP_DATABASE" --no-drop -c "$clients" -i 1 \
      --number-of-queries=50000 --delimiter=';' -q "$transaction" > "$RESULTS/mysqlslap-c$clients-k$keys.txt" 2>&1
  done
  cleanup_mysqlslap
  jmh MariaDbStoreBenchmark -bm thrpt,sample -t 16 -rf json -rff "$RESULTS/mariadb-16.json"
  jmh MariaDbStoreBenchmark -bm sample -t 1 -p keys=1 -rf json -rff "$RESULTS/mariadb-1.json"
fi

if [[ "$SECTIONS" == all ]]; then
  # 3. Sync of 1,000 quotas against the simulator at 20 ms a call: one at a time, then 8 and 32 in parallel.
  step "java -cp $JAR io.github.wechatquota.benchmarks.SyncMeasurement $RESULTS/sync.json"
  java -cp "$JAR" io.github.wechatquota.benchmarks.SyncMeasurement "$RESULTS/sync.json"
fi

if [[ "$SECTIONS" == all || "$SECTIONS" == accuracy ]]; then
  # 4. Accuracy: N = 1, 4, 16 processes sharing Redis use up a day's quota with WeChat counting exactly and
  # over-counting by 1%; 4, one of them killed (SIGKILL) half-way, about 2.5 minutes of it; 4 call across WeChat's
  # midnight, their clocks with it, 3 s ahead and 3 s behind.
  step "java -cp $JAR io.github.wechatquota.benchmarks.AccuracyMeasurement $RESULTS/accuracy.json $RESULTS/accuracy-logs"
  java -cp "$JAR" io.github.wechatquota.benchmarks.AccuracyMeasurement "$RESULTS/accuracy.json" "$RESULTS/accuracy-logs"
fi

if [[ "$SECTIONS" == all || "$SECTIONS" == scale ]]; then
  # 5. A platform's scale: the heap of 200,000 quotas, a call among 1,000 to 200,000 of them, getApiQuota in a day.
  step "java -Xmx2g -cp $JAR io.github.wechatquota.benchmarks.ScaleMeasurement $RESULTS/scale-memory.json"
  java -Xmx2g -cp "$JAR" io.github.wechatquota.benchmarks.ScaleMeasurement "$RESULTS/scale-memory.json"
  jmh LookupBenchmark -bm avgt -t 1 -rf json -rff "$RESULTS/lookup.json"
  step "java -Xmx3g -cp $JAR io.github.wechatquota.benchmarks.SyncLoadMeasurement $RESULTS/scale-sync.json"
  java -Xmx3g -cp "$JAR" io.github.wechatquota.benchmarks.SyncLoadMeasurement "$RESULTS/scale-sync.json"
fi

echo "elapsed=$(($(date +%s) - started))" >> "$RESULTS/env.properties"
step "java -cp $JAR io.github.wechatquota.benchmarks.Report $RESULTS docs/benchmarks.md"
java -cp "$JAR" io.github.wechatquota.benchmarks.Report "$RESULTS" docs/benchmarks.md
echo "Wrote docs/benchmarks.md in $(($(date +%s) - started)) s" >&2
