#!/usr/bin/env bash
# Runs every benchmark against the local PostgreSQL or MariaDB, each in a fresh JVM, and prints one
# table.
#
#   event-starter-benchmarks/run.sh                 # the full run, about 15 minutes on 2 cores
#   QUICK=1 event-starter-benchmarks/run.sh         # a smoke run of a couple of minutes
#   W=8 N=50000 ROUNDS=5 BIG=true PROFILE=1 event-starter-benchmarks/run.sh
#   JDBC_URL=jdbc:mariadb://127.0.0.1:3306/events_bench event-starter-benchmarks/run.sh   # on MariaDB
#
# W writer threads (4), N transactions per write phase (20,000) after WARM_UP uncounted ones
# (10,000: fewer leave the JIT compiling through the measured phase), ROUNDS of the write
# variants (5: single JVMs vary by 10% and more), JVM_OPTIONS for every JVM but the memory one
# (a fixed 2 GB heap, so that heap sizing does not add to the noise), BIG=true adds the delivery
# of a 1,000,000-event backlog, FLOOR_PIPELINED=1 adds a variant that sends the floor's insert with
# the COMMIT (an experiment: how far one round trip less would go), PROFILE=1 records the delivery runs with JFR under target/bench/.
# VARIANTS picks the write variants (all by default: plain floor capture emit dispatch, then the peers
# modulith namastack namastack-tuned; on PostgreSQL also capture-wal and dispatch-wal, the WAL store
# mode, which needs wal_level=logical); those that deliver also run the latency workload. WORKLOADS
# picks the sections (write delivery latency memory). A delivering variant waits DRAIN_SECONDS (300)
# for its backlog once the writers stop, Namastack with its defaults SLOW_DRAIN_SECONDS (30): it
# delivers a few events a second, so the wait only measures that rate.
#   VARIANTS="plain modulith namastack namastack-tuned" WORKLOADS="write latency" QUICK=1 event-starter-benchmarks/run.sh
# JDBC_URL picks the database, PostgreSQL's events_bench by default: on PostgreSQL its public schema
# is emptied before every JVM (the database is created when missing), on MariaDB (jdbc:mariadb:) the
# database is dropped and created. The user is postgres or root, with an empty password, unless
# JDBC_USERNAME names another. MariaDB's counters are the whole server's: run nothing else on it.
set -euo pipefail
cd "$(dirname "$0")/.."

W=${W:-4}
N=${N:-20000}
WARM_UP=${WARM_UP:-10000}
ROUNDS=${ROUNDS:-5}
JVM_OPTIONS=${JVM_OPTIONS:--Xms2g -Xmx2g}
BIG=${BIG:-false}
BACKLOG=${BACKLOG:-100000}
DELIVERY_WARM_UP=${DELIVERY_WARM_UP:-20000}
LATENCY_SECONDS=${LATENCY_SECONDS:-30}
MEMORY_BACKLOG=${MEMORY_BACKLOG:-1000000}
JDBC_URL=${JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/events_bench}
case "$JDBC_URL" in
  jdbc:postgresql:*) VARIANTS=${VARIANTS:-plain floor capture emit dispatch capture-wal dispatch-wal modulith namastack namastack-tuned} ;;
  *) VARIANTS=${VARIANTS:-plain floor capture emit dispatch modulith namastack namastack-tuned} ;;
esac
WORKLOADS=${WORKLOADS:-write delivery latency memory}
DRAIN_SECONDS=${DRAIN_SECONDS:-300}
SLOW_DRAIN_SECONDS=${SLOW_DRAIN_SECONDS:-30}
if [ "${QUICK:-0}" = "1" ]; then
  N=3000; WARM_UP=2000; ROUNDS=1; BACKLOG=20000; DELIVERY_WARM_UP=5000; LATENCY_SECONDS=5; MEMORY_BACKLOG=100000; SLOW_DRAIN_SECONDS=15
fi

./mvnw -q -B -pl event-starter-benchmarks -am -DskipTests package
jar=event-starter-benchmarks/target/event-starter-benchmarks-0.1.0-SNAPSHOT.jar
out=event-starter-benchmarks/target/bench
mkdir -p "$out"
results="$out/results-$(date +%Y%m%d-%H%M%S).jsonl"

bench() {
  local jvm_options=()
  [ "${1:-}" = "--fixed-heap" ] && { read -r -a jvm_options <<< "$JVM_OPTIONS"; shift; }
  while [ "$1" != "--" ]; do jvm_options+=("$1"); shift; done
  shift
  echo "  $*" >&2
  java "${jvm_options[@]}" -jar "$jar" --spring.datasource.url="$JDBC_URL" \
      ${JDBC_USERNAME:+--spring.datasource.username="$JDBC_USERNAME"} --bench.results="$results" "$@" \
    > "$out/last-run.log" 2>&1 || {
      echo "    failed with exit code $?; the end of its output:" >&2
      tail -5 "$out/last-run.log" >&2
      return 1
    }
}

profile() {
  if [ "${PROFILE:-0}" = "1" ]; then echo "-XX:StartFlightRecording=filename=$out/$1.jfr,settings=profile"; else echo "-Dno.profile"; fi
}

runs() { case " $WORKLOADS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# what each variant's JVM is told besides its name: which mechanism runs, and who receives
variant_options() {
  case "$1" in
    plain|floor|floor-pipelined) echo "--events.enabled=false" ;;
    capture) echo "--events.dispatch.enabled=false" ;;
    emit) echo "--events.dispatch.enabled=false --events.capture.enabled=false" ;;
    dispatch) echo "--bench.subscribers=1 --bench.drain-seconds=$DRAIN_SECONDS" ;;
    capture-wal) echo "--events.dispatch.enabled=false --events.store.mode=wal" ;;
    dispatch-wal) echo "--bench.subscribers=1 --bench.drain-seconds=$DRAIN_SECONDS --events.store.mode=wal" ;;
    modulith|namastack-tuned) echo "--events.enabled=false --bench.subscribers=1 --bench.drain-seconds=$DRAIN_SECONDS" ;;
    namastack) echo "--events.enabled=false --bench.subscribers=1 --bench.drain-seconds=$SLOW_DRAIN_SECONDS" ;;
    *) echo "unknown variant $1" >&2; return 1 ;;
  esac
}

# a backlog filled with dispatch off, then delivered by a fresh JVM: the first $warm_up events
# uncounted while the JIT compiles, then the $events measured
delivery() {
  local events=$1 subscribers=$2 audit=$3 heap=$4 warm_up=${5:-$DELIVERY_WARM_UP} store=${6:-table}
  local mode=(--events.store.mode="$store")
  bench -- --bench.workload=fill --bench.events="$((events + warm_up))" --events.dispatch.enabled=false "${mode[@]}"
  local options=("$(profile "drain-$events-$subscribers-$audit")")
  if [ -n "$heap" ]; then options+=("-Xmx$heap"); else options=(--fixed-heap "${options[@]}"); fi
  bench "${options[@]}" -- --bench.workload=drain --bench.reset=false --bench.subscribers="$subscribers" \
      --bench.audit="$audit" --bench.warm-up-events="$warm_up" --events.audit.enabled=$([ "$audit" = on ] && echo true || echo false) \
      ${heap:+--bench.heap=$heap} --bench.store="$store" "${mode[@]}" \
    || echo "{\"workload\":\"drain\",\"subscribers\":\"$subscribers\",\"audit\":\"$audit\",\"heap\":\"$heap\",\"figures\":{\"events\":$events,\"finished\":false,\"error\":\"the JVM failed, see $out/last-run.log\"}}" >> "$results"
}

write_variants=()
for variant in $VARIANTS; do
  write_variants+=("$variant")
  if [ "$variant" = "floor" ] && [ "${FLOOR_PIPELINED:-0}" = "1" ]; then write_variants+=(floor-pipelined); fi
done

if runs write; then
  echo "Write overhead: $ROUNDS rounds of ${write_variants[*]}, alternately; $W writers, $N transactions a phase" >&2
  for round in $(seq 1 "$ROUNDS"); do
    for variant in "${write_variants[@]}"; do
      read -r -a options <<< "$(variant_options "$variant")"
      bench --fixed-heap -- --bench.workload=write --bench.variant="$variant" --bench.round="$round" \
        --bench.writers="$W" --bench.transactions="$N" --bench.warm-up="$WARM_UP" "${options[@]}"
    done
  done
fi

if runs delivery; then
  echo "Delivery throughput" >&2
  delivery "$BACKLOG" 1 off ""
  delivery "$BACKLOG" 4 off ""
  delivery "$BACKLOG" 1 on ""
  case " $VARIANTS " in *" dispatch-wal "*) delivery "$BACKLOG" 1 off "" "$DELIVERY_WARM_UP" wal ;; esac
  if [ "$BIG" = "true" ]; then
    delivery 1000000 1 off ""
  fi
fi

if runs latency; then
  echo "Latency" >&2
  for variant in $VARIANTS; do
    case "$variant" in dispatch|dispatch-wal|modulith|namastack|namastack-tuned) ;; *) continue ;; esac
    read -r -a options <<< "$(variant_options "$variant")"
    for rate in 500 2000; do
      bench --fixed-heap -- --bench.workload=latency --bench.variant="$variant" --bench.rate="$rate" \
        --bench.seconds="$LATENCY_SECONDS" --bench.writers="$W" "${options[@]}"
    done
  done
fi

if runs memory; then
  echo "Memory" >&2
  delivery "$MEMORY_BACKLOG" 1 off 256m 0
fi

# a replication slot left behind keeps WAL forever: drop the WAL variants' slot
case "$JDBC_URL" in
  jdbc:postgresql:*) psql "${JDBC_URL#jdbc:}" -U "${JDBC_USERNAME:-postgres}" -qAtc "select count(pg_drop_replication_slot(slot_name))
      from pg_replication_slots where slot_name like 'event\_starter\_%' and database = current_database() and not active" \
      > /dev/null 2>&1 || echo "could not drop the WAL variants' replication slot: drop it by hand" >&2 ;;
esac

case "$JDBC_URL" in
  jdbc:postgresql:*) database=$(psql --version 2>/dev/null | head -1 || echo PostgreSQL) ;;
  *) database=$(java -jar "$jar" --bench.workload=database --spring.datasource.url="$JDBC_URL" \
       ${JDBC_USERNAME:+--spring.datasource.username="$JDBC_USERNAME"}) ;;
esac
report="$out/results.md"
{
  echo "$(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(free -g | awk '/Mem:/ {print $2}') GB;" \
    "$database on the same host; $(java -version 2>&1 | head -1)"
  echo
  java -jar "$jar" --bench.workload=report --bench.results="$results" --spring.datasource.url="$JDBC_URL"
} > "$report"
echo >&2
cat "$report"
echo >&2
echo "Raw figures: $results; this table: $report" >&2
