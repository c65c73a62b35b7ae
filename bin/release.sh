#!/bin/sh
# One deploy step, run once per release before the web processes start (compose.yaml's "migrate"
# service; .ci/container.sh runs it the same way):
# 1. publishes the static files collected into the image to STATIC_PUBLISH_DIR (default
#    /data/static, when that folder exists), where the proxy serves them. Files of earlier
#    releases stay, so pages still cached somewhere keep their stylesheets;
# 2. applies the database migrations;
# 3. puts the default Wagtail Site on WAGTAILADMIN_BASE_URL (page links in e-mails, feeds, iCalendar).
set -eu
STATIC_PUBLISH_DIR=${STATIC_PUBLISH_DIR:-/data/static}
if [ -d "$STATIC_PUBLISH_DIR" ]; then
  cp -R "${STATIC_ROOT:-/app/var/static}/." "$STATIC_PUBLISH_DIR/"
  echo "Static files published to $STATIC_PUBLISH_DIR."
fi
python manage.py migrate --no-input
exec python manage.py set_site_address
