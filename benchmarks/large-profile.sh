#!/bin/sh
# Issue 14's large profile of the fan-out benchmark: 4 backends x 10M actions with 500,000 players each on
# MariaDB and PostgreSQL, 1 backend x 10M on SQLite, each measured without and then with Ledger's time index.
# The databases are written once (prefix lnscale_big_, completion marker ledgernet_bench_done) and reused.
#
#   mvn -B -q -o -pl common,benchmarks -am package -DskipTests
#   benchmarks/large-profile.sh [mariadb postgresql sqlite]     # dialects, in this order by default
#
# MariaDB: the run raises innodb_buffer_pool_size to 4 GiB (dynamic on MariaDB 10.11; 128 MiB by default, far
# below one 10M-action backend's 2.5 GB) and puts the old value back at the end. It runs niced so that other
# work on the machine keeps its CPU. Reports: benchmarks/target/lnscale-big/<dialect>.md and .svg.
set -eu
cd "$(dirname "$0")/.."
JAR=${JAR:-benchmarks/target/benchmarks.jar}
OUT=benchmarks/target/lnscale-big
MYSQL="mysql -h127.0.0.1 -uroot"
mkdir -p "$OUT"
[ $# -gt 0 ] || set -- mariadb postgresql sqlite
for d in "$@"; do
  case $d in
    sqlite) backends=1 ;;
    *) backends=4 ;;
  esac
  restore=""
  if [ "$d" = mariadb ]; then
    restore=$($MYSQL -N -e "SELECT @@innodb_buffer_pool_size")
    $MYSQL -e "SET GLOBAL innodb_buffer_pool_size = 4294967296"
  fi
  echo "$d: $(uptime)"
  nice -n 10 java -Xmx3g -cp "$JAR" net.ledgernet.benchmarks.FanOutBenchmark --dialects "$d" \
      --backends $backends --actions 10000000 --players 500000 --prefix lnscale_big_ --dir "$OUT" \
      --time-index both --budget 10 --out "$OUT/$d.md" --svg "$OUT/$d.svg" || status=$?
  if [ -n "$restore" ]; then
    $MYSQL -e "SET GLOBAL innodb_buffer_pool_size = $restore"
  fi
  [ "${status:-0}" -eq 0 ] || exit "$status"
done
