#!/bin/sh
# Runs the periodic management commands for ever: Wagtail's publish_scheduled every minute (so
# scheduled pages go live on time), the covenant report reminders every hour (they are sent
# once each, however often the command runs) and the retention rules once a day
# (apply_retention; idempotent), and the translation digest to Eindredactie once a week
# (send_translation_digest; the first one a week after the scheduler starts). Used by the "scheduler" service in compose.yaml;
# any cron-like scheduler can run the same commands instead.
#   sh bin/scheduler.sh          loop for ever (SCHEDULER_INTERVAL seconds between rounds)
#   sh bin/scheduler.sh --once   one round of every command, then exit; non-zero if one failed
#                                (for cron, and for the container check in CI)
set -u
INTERVAL=${SCHEDULER_INTERVAL:-60}
REMINDER_EVERY=${SCHEDULER_REMINDER_EVERY:-60}
RETENTION_EVERY=${SCHEDULER_RETENTION_EVERY:-1440}
DIGEST_EVERY=${SCHEDULER_DIGEST_EVERY:-10080}

case "${1:-}" in
  --once)
    status=0
    python manage.py publish_scheduled || { echo "publish_scheduled failed" >&2; status=1; }
    python manage.py send_report_reminders || { echo "send_report_reminders failed" >&2; status=1; }
    python manage.py apply_retention || { echo "apply_retention failed" >&2; status=1; }
    exit "$status"
    ;;
  "") ;;
  *) echo "usage: $0 [--once]" >&2; exit 2 ;;
esac

tick=0
while true; do
  python manage.py publish_scheduled || echo "publish_scheduled failed" >&2
  if [ $((tick % REMINDER_EVERY)) -eq 0 ]; then
    python manage.py send_report_reminders || echo "send_report_reminders failed" >&2
  fi
  if [ $((tick % RETENTION_EVERY)) -eq 0 ]; then
    python manage.py apply_retention || echo "apply_retention failed" >&2
  fi
  # Not at start-up: a restart must not send the digest again.
  if [ $((tick % DIGEST_EVERY)) -eq $((DIGEST_EVERY - 1)) ]; then
    python manage.py send_translation_digest || echo "send_translation_digest failed" >&2
  fi
  tick=$((tick + 1))
  sleep "$INTERVAL"
done
