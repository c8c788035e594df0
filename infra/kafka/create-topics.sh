#!/usr/bin/env bash
# Creates Hearth's topics on the cluster (run once by the kafka-topics service of docker-compose.yml;
# topic auto-creation is off). One topic per producing service, keyed by aggregate id, and its DLQ.
#
#   partitions   12 per event topic: up to 12 instances of a consumer share its load (one
#                consumer group per service); 3 per DLQ (little traffic).
#   replication  3, min.insync.replicas 2: an acknowledged event is on two brokers at least.
#   retention    event topics keep every event (retention.ms=-1): a consumer group starting from
#                scratch rebuilds its read models from the beginning. DLQs keep 30 days, for
#                operators to inspect and replay.
#   compaction   none: events carry no personal data (a household's sensitive reasons stay in
#                applicants), and reporting reads each household's whole journey from its topic.
#                A read model is rebuilt from snapshot events (npm run rebuild-read-models), not by
#                relying on a compacted topic.
# Re-running it changes nothing (--if-not-exists); change a live topic with kafka-configs.sh.
set -euo pipefail

BOOTSTRAP_SERVERS="${BOOTSTRAP_SERVERS:?set BOOTSTRAP_SERVERS}"
KAFKA_BIN="${KAFKA_BIN:-/opt/kafka/bin}"
THIRTY_DAYS_MS=2592000000

create() {
  local topic="$1" partitions="$2"
  shift 2
  local configs=()
  for config in "$@"; do configs+=(--config "$config"); done
  "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor 3 --config min.insync.replicas=2 "${configs[@]}"
}

create hearth.landlords 12 cleanup.policy=delete retention.ms=-1
create hearth.landlords.dlq 3 cleanup.policy=delete retention.ms=$THIRTY_DAYS_MS
create hearth.units 12 cleanup.policy=delete retention.ms=-1
create hearth.units.dlq 3 cleanup.policy=delete retention.ms=$THIRTY_DAYS_MS
create hearth.inspections 12 cleanup.policy=delete retention.ms=-1
create hearth.inspections.dlq 3 cleanup.policy=delete retention.ms=$THIRTY_DAYS_MS
create hearth.applicants 12 cleanup.policy=delete retention.ms=-1
create hearth.applicants.dlq 3 cleanup.policy=delete retention.ms=$THIRTY_DAYS_MS
create hearth.matching 12 cleanup.policy=delete retention.ms=-1
create hearth.matching.dlq 3 cleanup.policy=delete retention.ms=$THIRTY_DAYS_MS
create hearth.leases 12 cleanup.policy=delete retention.ms=-1
create hearth.leases.dlq 3 cleanup.policy=delete retention.ms=$THIRTY_DAYS_MS
create hearth.mediation 12 cleanup.policy=delete retention.ms=-1
create hearth.mediation.dlq 3 cleanup.policy=delete retention.ms=$THIRTY_DAYS_MS
create hearth.gateway 12 cleanup.policy=delete retention.ms=-1
create hearth.gateway.dlq 3 cleanup.policy=delete retention.ms=$THIRTY_DAYS_MS
# reporting publishes nothing: only its dead letters (hearth.reporting is created empty so every service has its topic)
create hearth.reporting 12 cleanup.policy=delete retention.ms=-1
create hearth.reporting.dlq 3 cleanup.policy=delete retention.ms=$THIRTY_DAYS_MS

"$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" --list
