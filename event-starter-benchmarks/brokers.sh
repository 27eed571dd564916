#!/usr/bin/env bash
# Externalization to the brokers: a backlog of events goes out to Kafka and to RabbitMQ through a
# route of event-starter-kafka / event-starter-amqp, and, in the same run, through what a user writes
# without them (a durable @OnEvent method that sends each event and waits for the broker). Then a
# 1,000,000-event backlog through each route under -Xmx256m. Prints one table.
#
#   event-starter-benchmarks/brokers.sh              # about 15 minutes on 2 cores
#   QUICK=1 event-starter-benchmarks/brokers.sh      # a smoke run
#   EVENTS=100000 BIG_BACKLOG=1000000 event-starter-benchmarks/brokers.sh
#
# WARM_UP (20000) more events go first, uncounted, while the JIT compiles the delivery path,
# as in run.sh's delivery workload; the rate with them is reported too.
#
# RabbitMQ is the local server (127.0.0.1:5672, guest/guest; ../shared/scripts/rabbitmq-ensure);
# Kafka is a single-node KRaft broker that this script starts in a JVM of its own on port 19092.
# The events sit in PostgreSQL's events_bench (JDBC_URL picks another database, as in run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

EVENTS=${EVENTS:-100000}
WARM_UP=${WARM_UP:-20000}
BIG_BACKLOG=${BIG_BACKLOG:-1000000}
KAFKA_PORT=${KAFKA_PORT:-19092}
JDBC_URL=${JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/events_bench}
if [ "${QUICK:-0}" = "1" ]; then
  EVENTS=10000; BIG_BACKLOG=50000; WARM_UP=2000
fi

./mvnw -q -B -pl event-starter-benchmarks -am -DskipTests package
jar=event-starter-benchmarks/target/event-starter-benchmarks-0.1.0-SNAPSHOT.jar
out=event-starter-benchmarks/target/bench
mkdir -p "$out"
results="$out/brokers-$(date +%Y%m%d-%H%M%S).jsonl"

if (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null; then
  echo "port $KAFKA_PORT is taken, by a broker an earlier run left behind?" \
    "(pkill -f bench.workload=kafka-broker); KAFKA_PORT picks another" >&2
  exit 1
fi
java -Xmx1g -jar "$jar" --bench.workload=kafka-broker --bench.kafka-port="$KAFKA_PORT" > "$out/kafka-broker.log" 2>&1 &
broker_pid=$!
# the broker's shutdown hook can hang: give it a few seconds, then make sure the port is free for
# the next run
stop_broker() {
  kill "$broker_pid" 2>/dev/null || return 0
  for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$broker_pid" 2>/dev/null || return 0; sleep 1; done
  kill -9 "$broker_pid" 2>/dev/null || true
}
trap stop_broker EXIT
for _ in $(seq 1 120); do
  grep -q "Kafka broker ready" "$out/kafka-broker.log" && break
  kill -0 $broker_pid 2>/dev/null || { echo "the Kafka broker JVM died:" >&2; tail -20 "$out/kafka-broker.log" >&2; exit 1; }
  sleep 1
done

bench() {
  echo "  $*" >&2
  java "${jvm_options[@]}" -jar "$jar" --spring.datasource.url="$JDBC_URL" \
      ${JDBC_USERNAME:+--spring.datasource.username="$JDBC_USERNAME"} --bench.results="$results" "$@" \
    > "$out/last-run.log" 2>&1 || {
      echo "    failed with exit code $?; the end of its output:" >&2
      tail -5 "$out/last-run.log" >&2
      return 1
    }
}

# a backlog filled with dispatch off, then externalized by a fresh JVM
externalize() {
  local broker=$1 variant=$2 events=$3 heap=$4 warm_up=${5:-0}
  jvm_options=(-Xms2g -Xmx2g)
  bench --bench.workload=fill --bench.events="$((events + warm_up))" --events.dispatch.enabled=false
  local settings=(--spring.kafka.bootstrap-servers="127.0.0.1:$KAFKA_PORT")
  case "$broker-$variant" in
    kafka-route) settings+=(--events.kafka.routes[0].name=orders --events.kafka.routes[0].events=orders.*
                            --events.kafka.routes[0].topic=bench.orders) ;;
    rabbit-route) settings+=(--events.amqp.routes[0].name=orders --events.amqp.routes[0].events=orders.*
                             --events.amqp.routes[0].exchange=bench.orders) ;;
    rabbit-hand-written) settings+=(--spring.rabbitmq.publisher-confirm-type=simple) ;;
  esac
  if [ -n "$heap" ]; then jvm_options=("-Xmx$heap"); fi
  bench --bench.workload=externalize --bench.reset=false --bench.broker="$broker" --bench.variant="$variant" \
      --bench.warm-up-events="$warm_up" ${heap:+--bench.heap=$heap} "${settings[@]}" \
    || echo "{\"workload\":\"externalize\",\"broker\":\"$broker\",\"variant\":\"$variant\",\"heap\":\"$heap\",\"figures\":{\"events\":$events,\"finished\":false}}" >> "$results"
}

echo "Externalization of $EVENTS events" >&2
for broker in kafka rabbit; do
  externalize "$broker" route "$EVENTS" "" "$WARM_UP"
  externalize "$broker" hand-written "$EVENTS" "" "$WARM_UP"
done
echo "A backlog of $BIG_BACKLOG events under -Xmx256m" >&2
for broker in kafka rabbit; do
  externalize "$broker" route "$BIG_BACKLOG" 256m
done

case "$JDBC_URL" in
  jdbc:postgresql:*) database=$(psql --version 2>/dev/null | head -1 || echo PostgreSQL) ;;
  *) database=$(java -jar "$jar" --bench.workload=database --spring.datasource.url="$JDBC_URL") ;;
esac
report="$out/brokers.md"
{
  echo "$(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(free -g | awk '/Mem:/ {print $2}') GB;" \
    "$database, RabbitMQ $(rabbitmqctl version 2>/dev/null || echo '(local)') and a Kafka KRaft broker on the same host;" \
    "$(java -version 2>&1 | head -1)"
  echo
  java -jar "$jar" --bench.workload=report --bench.results="$results" --spring.datasource.url="$JDBC_URL"
} > "$report"
echo >&2
cat "$report"
echo >&2
echo "Raw figures: $results; this table: $report" >&2
