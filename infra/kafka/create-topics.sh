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
#   compaction   hearth.applicants only. Erasure cannot rewrite Kafka's history, so the topic keeps
#                the latest event of each household (key = household id) and drops older ones
#                within 7 days of being superseded; an erased household ends as its ApplicantErased,
#                which carries no personal data. The latest event is enough for its consumers: the
#                events that put a household in matching's pool carry all its attributes.
# Re-running it changes nothing (--if-not-exists); change a live topic with kafka-configs.sh.
set -euo pipefail

BOOTSTRAP_SERVERS="${BOOTSTRAP_SERVERS:?set BOOTSTRAP_SERVERS}"
KAFKA_BIN="${KAFKA_BIN:-/opt/kafka/bin}"
THIRTY_DAYS_MS=2592000000
SEVEN_DAYS_MS=604800000
ONE_DAY_MS=86400000

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
create hearth.applicants 12 cleanup.policy=compact max.compaction.lag.ms=$SEVEN_DAYS_MS segment.ms=$ONE_DAY_MS min.cleanable.dirty.ratio=0.1
create hearth.applicants.dlq 3 cleanup.policy=delete retention.ms=$THIRTY_DAYS_MS
create hearth.matching 12 cleanup.policy=delete retention.ms=-1
create hearth.matching.dlq 3 cleanup.policy=delete retention.ms=$THIRTY_DAYS_MS
create hearth.leases 12 cleanup.policy=delete retention.ms=-1
create hearth.leases.dlq 3 cleanup.policy=delete retention.ms=$THIRTY_DAYS_MS
create hearth.mediation 12 cleanup.policy=delete retention.ms=-1
create hearth.mediation.dlq 3 cleanup.policy=delete retention.ms=$THIRTY_DAYS_MS

"$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" --list
