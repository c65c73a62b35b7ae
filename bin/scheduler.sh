#!/bin/sh
# Runs the periodic management commands once a minute, for ever. Used by the "scheduler" service
# in compose.yaml; any cron-like scheduler can run the same commands instead.
set -u
INTERVAL=${SCHEDULER_INTERVAL:-60}
while true; do
  python manage.py publish_scheduled || echo "publish_scheduled failed" >&2
  sleep "$INTERVAL"
done
