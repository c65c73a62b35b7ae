#!/usr/bin/env bash
# Backup round trip: load the demo into a fresh PostgreSQL database with its own media and
# evidence folders, back it up (`manage.py backup`), restore it into another EMPTY database and
# EMPTY folders (`manage.py restore`), and check that both instances render the same public
# pages, calendars and feeds, hold the same reports and answers, and give the same evidence
# bytes (bench/backup_fingerprint.py). Exits non-zero on any difference. Loopback only.
#
#   bench/backup_roundtrip.sh            # PGHOST/PGPORT/PGUSER default to 127.0.0.1:5432 postgres
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON_ENV=${PYTHON_ENV:-.venv/bin/python}
PG="postgres://${PGUSER:-postgres}@${PGHOST:-127.0.0.1}:${PGPORT:-5432}"
NAME=${ROUNDTRIP_NAME:-goedwerk_scale_roundtrip}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/${NAME}.XXXXXX")
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export DJANGO_SETTINGS_MODULE=goedwerk.settings.dev DEMO_PASSWORD=goedwerk-demo
export TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend
unset REDIS_URL AWS_STORAGE_BUCKET_NAME AWS_PRIVATE_STORAGE_BUCKET_NAME

cleanup() {
  dropdb --if-exists "${NAME}_a" 2>/dev/null || true
  dropdb --if-exists "${NAME}_b" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
dropdb --if-exists "${NAME}_a" 2>/dev/null
dropdb --if-exists "${NAME}_b" 2>/dev/null
createdb "${NAME}_a"
createdb "${NAME}_b"

instance() {  # instance a|b COMMAND...: run with that instance's database and folders
  local which=$1; shift
  DATABASE_URL="$PG/${NAME}_$which" MEDIA_ROOT="$WORK/$which/media" \
    PRIVATE_MEDIA_ROOT="$WORK/$which/private" "$@"
}

start=$(date +%s)
echo "== A: migrate and load the demo"
instance a $PYTHON_ENV manage.py migrate --no-input -v 0
instance a $PYTHON_ENV manage.py load_demo >/dev/null
# The demo has no uploaded images: add one with a rendition, as an editor's upload would.
instance a $PYTHON_ENV manage.py shell -c "
import io
from PIL import Image as Pil
from django.core.files.images import ImageFile
from wagtail.images.models import Image
buffer = io.BytesIO(); Pil.new('RGB', (64, 48), (0, 96, 143)).save(buffer, format='PNG')
image = Image.objects.create(title='Haven', file=ImageFile(buffer, name='haven.png'))
image.get_rendition('fill-32x32')
"
instance a $PYTHON_ENV bench/backup_fingerprint.py take > "$WORK/a.json"

echo "== A: back up"
backup=$(instance a $PYTHON_ENV manage.py backup --output "$WORK/backups")
echo "   $backup ($(du -sh "$backup" | cut -f1))"
instance a $PYTHON_ENV manage.py restore --check "$backup"

echo "== B: restore into an empty database and empty folders"
instance b $PYTHON_ENV manage.py restore "$backup"
# Restoring twice is refused: the target is no longer empty.
if instance b $PYTHON_ENV manage.py restore "$backup" >/dev/null 2>&1; then
  echo "restore into a non-empty database was not refused"; exit 1
fi
instance b $PYTHON_ENV manage.py migrate --check --no-input -v 0
instance b $PYTHON_ENV bench/backup_fingerprint.py take > "$WORK/b.json"

echo "== A and B compared"
$PYTHON_ENV bench/backup_fingerprint.py compare "$WORK/a.json" "$WORK/b.json"
echo "backup round trip: identical ($(( $(date +%s) - start )) s)"
