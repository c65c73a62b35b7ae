#!/usr/bin/env bash
# The production container, for real, on a machine without an image registry:
#  1. a private Docker daemon (Debian's docker.io: no iptables, no bridge, host networking only);
#  2. a base image made from Debian packages (debootstrap of bookworm with its python3.11, then
#     `docker import`), cached in the kept folder keyed by a hash of the package list;
#  3. the project's image built from the Dockerfile with that base (classic builder);
#  4. against the machine's PostgreSQL (a fresh database) and Redis: the release step (static files
#     published, migrations), demo content, an uploaded image with a rendition, gunicorn;
#  5. Caddy from Debian on the host with the SAME deploy/Caddyfile as compose.yaml (tls internal),
#     and checks from outside with curl: health check healthy, /nl/ over HTTPS with the forwarded
#     headers understood, static file and rendition served, private files not, body cap, no
#     Server header; the scheduler's command runs once.
# Everything is torn down at the end, also on failure. Run alone: `.ci/container.sh`.
# Settings (environment): GOEDWERK_CI_CACHE (/var/cache/goedwerk-ci), CONTAINER_WEB_PORT (18140),
# CONTAINER_HTTP_PORT (18141), CONTAINER_HTTPS_PORT (18142), CONTAINER_DB_NAME
# (goedwerk_container_ci), CONTAINER_REDIS_URL (redis://127.0.0.1:6379/5), PGHOST/PGPORT/PGUSER
# (127.0.0.1/5432/postgres), DEBIAN_MIRROR, DOCKER_STORAGE_DRIVER (daemon's choice; vfs works
# everywhere but is slow).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
started=$(date +%s)
log() { printf '[container %4ss] %s\n' "$(($(date +%s) - started))" "$*"; }
fail() { log "FAILED: $*"; exit 1; }

CACHE=${GOEDWERK_CI_CACHE:-/var/cache/goedwerk-ci}
WEB_PORT=${CONTAINER_WEB_PORT:-18140}
HTTP_PORT=${CONTAINER_HTTP_PORT:-18141}
HTTPS_PORT=${CONTAINER_HTTPS_PORT:-18142}
DB_NAME=${CONTAINER_DB_NAME:-goedwerk_container_ci}
REDIS_URL=${CONTAINER_REDIS_URL:-redis://127.0.0.1:6379/5}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
IMAGE=goedwerk:ci
BASE_PACKAGES="python3 python3.11 python3.11-venv python3-distutils python3-lib2to3
  python3-pip-whl python3-setuptools-whl ca-certificates tzdata"
SITE=https://localhost:$HTTPS_PORT

# --- Host packages ------------------------------------------------------------------------------
missing=""
command -v dockerd >/dev/null 2>&1 || missing="$missing docker.io"
command -v debootstrap >/dev/null 2>&1 || missing="$missing debootstrap"
command -v caddy >/dev/null 2>&1 || missing="$missing caddy"
command -v curl >/dev/null 2>&1 || missing="$missing curl"
command -v psql >/dev/null 2>&1 || missing="$missing postgresql-client"
if [ -n "$missing" ]; then
  log "installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# --- Work folder, kept cache, teardown ------------------------------------------------------------
RUN_DIR=$(mktemp -d /tmp/goedwerk-container.XXXXXX)
chmod 0755 "$RUN_DIR"
DOCKERD_PID="" CADDY_PID="" WEB_CONTAINER="goedwerk-ci-web-$$" DB_CREATED=""
teardown() {
  status=$?
  set +e
  if [ "$status" -ne 0 ] && [ -n "$DOCKERD_PID" ]; then
    log "web container log (last 40 lines):"
    docker logs --tail 40 "$WEB_CONTAINER" 2>&1 | sed 's/^/    /'
    [ -f "$RUN_DIR/caddy.log" ] && { log "caddy log (last 20 lines):"; tail -20 "$RUN_DIR/caddy.log"; }
  fi
  [ -n "$CADDY_PID" ] && kill "$CADDY_PID" 2>/dev/null && wait "$CADDY_PID" 2>/dev/null
  if [ -n "$DOCKERD_PID" ]; then
    log "teardown: web container, dangling images, dockerd"
    docker rm -f "$WEB_CONTAINER" >/dev/null 2>&1
    docker image prune -f >/dev/null 2>&1  # dangling images of earlier builds
    kill "$DOCKERD_PID" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$DOCKERD_PID" 2>/dev/null
  fi
  [ -n "$DB_CREATED" ] && dropdb --if-exists "$DB_NAME"
  # dockerd leaves its network namespace mounted under the exec root.
  grep -o " $RUN_DIR/[^ ]*" /proc/mounts | sort -r | xargs -r umount -l
  rm -rf "$RUN_DIR"
  log "$([ "$status" -eq 0 ] && echo "passed" || echo "failed (exit $status)") in $(($(date +%s) - started)) s"
  exit "$status"
}
trap teardown EXIT
trap 'exit 130' INT TERM

# The kept folder holds the daemon's data (image layers) and the base image's tarball. One daemon
# at a time can use it: a second run waits for the first (up to 10 minutes, still cheaper than a
# cold build), then falls back to a throw-away folder.
lock_kept_folder() {
  mkdir -p "$CACHE" 2>/dev/null && exec 9>"$CACHE/lock" || return 1
  flock -n 9 && return 0
  log "waiting for another run that uses $CACHE"
  flock -w 600 9
}
if lock_kept_folder; then
  DOCKER_ROOT=$CACHE/docker
else
  log "kept folder $CACHE busy or not writable: building from scratch in $RUN_DIR"
  CACHE=$RUN_DIR/cache
  mkdir -p "$CACHE"
  DOCKER_ROOT=$RUN_DIR/docker
fi
mkdir -p "$DOCKER_ROOT" "$CACHE/base" "$CACHE/debs"

# --- 1. Docker daemon ---------------------------------------------------------------------------
export DOCKER_HOST="unix://$RUN_DIR/docker.sock" DOCKER_BUILDKIT=0
start_dockerd() {
  dockerd --iptables=false --ip6tables=false --bridge=none --data-root "$DOCKER_ROOT" \
    --exec-root "$RUN_DIR/exec" --pidfile "$RUN_DIR/dockerd.pid" --host "$DOCKER_HOST" \
    ${1:+--storage-driver="$1"} >"$RUN_DIR/dockerd.log" 2>&1 &
  DOCKERD_PID=$!
  for _ in $(seq 1 60); do
    docker version >/dev/null 2>&1 && return 0
    kill -0 "$DOCKERD_PID" 2>/dev/null || break
    sleep 1
  done
  log "dockerd did not start (storage driver: ${1:-default}); its log ends with:"
  tail -15 "$RUN_DIR/dockerd.log" | sed 's/^/    /'
  kill "$DOCKERD_PID" 2>/dev/null
  wait "$DOCKERD_PID" 2>/dev/null
  DOCKERD_PID=""
  return 1
}
if ! start_dockerd "${DOCKER_STORAGE_DRIVER:-}"; then
  log "retrying with the vfs storage driver (no overlay needed) in a fresh data folder"
  DOCKER_ROOT=$RUN_DIR/docker-vfs
  start_dockerd vfs || fail "dockerd will not start on this machine (see its log above)"
fi
log "dockerd $(docker version --format '{{.Server.Version}}') up ($(docker info --format '{{.Driver}}'))"

# --- 2. Base image from Debian packages -----------------------------------------------------------
base_key=$(printf 'bookworm minbase v1 %s' "$(echo $BASE_PACKAGES)" | sha256sum | cut -c1-12)
BASE_IMAGE=goedwerk-base:bookworm-$base_key
if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  log "base image $BASE_IMAGE cached"
else
  tarball=$CACHE/base/bookworm-$base_key.tar
  if [ ! -s "$tarball" ]; then
    log "debootstrap bookworm (minbase + $(echo $BASE_PACKAGES | tr ' ' ','))"
    debootstrap --variant=minbase --cache-dir="$CACHE/debs" \
      --include="$(echo $BASE_PACKAGES | tr ' ' ',')" bookworm "$RUN_DIR/rootfs" "$DEBIAN_MIRROR" \
      >"$RUN_DIR/debootstrap.log" 2>&1 || {
      tail -20 "$RUN_DIR/debootstrap.log"
      fail "debootstrap"
    }
    rm -rf "$RUN_DIR"/rootfs/var/cache/apt/archives/*.deb "$RUN_DIR"/rootfs/var/lib/apt/lists/*
    tar -C "$RUN_DIR/rootfs" -c . >"$tarball.tmp" && mv "$tarball.tmp" "$tarball"
    rm -rf "$RUN_DIR/rootfs"
  fi
  # An imported image has no environment: PATH and LANG as in the official Python image.
  docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    "$tarball" "$BASE_IMAGE" >/dev/null
  log "base image $BASE_IMAGE imported"
fi
# The machine may reach the package registries through a TLS-inspecting proxy whose authority
# it trusts locally (/usr/local/share/ca-certificates). The base image then trusts the same, for
# pip and uv during the build. Without such certificates the base image is used as it is.
certificates=(/usr/local/share/ca-certificates/*.crt)
if [ -e "${certificates[0]}" ]; then
  mkdir -p "$RUN_DIR/base-ctx"
  cp "${certificates[@]}" "$RUN_DIR/base-ctx/"
  printf '%s\n' "FROM $BASE_IMAGE" \
    "COPY *.crt /usr/local/share/ca-certificates/" \
    "RUN update-ca-certificates >/dev/null 2>&1" \
    "ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt PIP_CERT=/etc/ssl/certs/ca-certificates.crt" \
    >"$RUN_DIR/base-ctx/Dockerfile"
  docker build -q -t "$BASE_IMAGE-localca" "$RUN_DIR/base-ctx" >/dev/null 2>&1 ||
    fail "base image with the local certificate authorities"
  BASE_IMAGE=$BASE_IMAGE-localca
  log "base image trusts the machine's local certificate authorities (${#certificates[@]})"
fi
docker tag "$BASE_IMAGE" goedwerk-base:bookworm

# --- 3. The project's image -------------------------------------------------------------------------
# The build stage gets a tag of its own, so that it (the dependency layer above all) stays in the
# layer cache when the dangling images of earlier builds are pruned at the end.
log "docker build (base $BASE_IMAGE)"
for target in build runtime; do
  tag=$IMAGE-$target
  [ "$target" = runtime ] && tag=$IMAGE
  docker build --network host --build-arg PYTHON_IMAGE="$BASE_IMAGE" --target "$target" \
    -t "$tag" . >>"$RUN_DIR/build.log" 2>&1 || {
    tail -40 "$RUN_DIR/build.log"
    fail "docker build"
  }
done
cached=$(grep -c -- '---> Using cache' "$RUN_DIR/build.log" || true)
size=$(docker image inspect "$IMAGE" --format '{{.Size}}' | awk '{printf "%d MB", $1/1e6}')
log "image built ($size; $cached steps from the layer cache)"

# The app folder belongs to root and nothing in it is writable for the app user; /data is.
docker run --rm --network none "$IMAGE" sh -c '
  set -e
  [ "$(id -un)" = goedwerk ] || { echo "runs as $(id -un), not goedwerk"; exit 1; }
  [ "$(stat -c %U /app)" = root ] || { echo "/app is not owned by root"; exit 1; }
  writable=$(find /app -writable -print -quit)
  [ -z "$writable" ] || { echo "writable for the app user: $writable"; exit 1; }
  touch /data/media/.probe /data/private/.probe
  # The build wrote its own release name, part of every page-cache key (README, "Caching").
  [ -s /app/var/release ] || { echo "no /app/var/release"; exit 1; }' || fail "image permissions"
log "image: runs as goedwerk, /app read-only, /data writable, release $(docker run --rm --network none "$IMAGE" cat /app/var/release)"

# --- 4. Database, release step, demo content, an image, gunicorn ------------------------------
dropdb --if-exists "$DB_NAME"
createdb "$DB_NAME"
DB_CREATED=1
DATA=$RUN_DIR/data
mkdir -p "$DATA/media" "$DATA/private" "$DATA/static"
chown -R "$(docker run --rm --network none "$IMAGE" id -u):$(docker run --rm --network none "$IMAGE" id -g)" "$DATA"
echo "secret evidence" >"$DATA/private/evidence.txt"

run_env=(
  --network host
  -e "SECRET_KEY=ci-$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')"
  -e ALLOWED_HOSTS=localhost
  -e "CSRF_TRUSTED_ORIGINS=$SITE"
  -e "WAGTAILADMIN_BASE_URL=$SITE"
  # The URL is assembled from the parts; a password full of URL syntax proves the escaping
  # (trust authentication ignores it, but a broken URL would point at the wrong host).
  -e "DATABASE_HOST=$PGHOST" -e "DATABASE_PORT=$PGPORT" -e "DATABASE_NAME=$DB_NAME"
  -e "DATABASE_USER=$PGUSER" -e "DATABASE_PASSWORD=p@ss/w:rd#?"
  -e "REDIS_URL=$REDIS_URL"
  -e "PORT=$WEB_PORT" -e GUNICORN_WORKERS=2
  -e EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
  -v "$DATA/media:/data/media" -v "$DATA/private:/data/private" -v "$DATA/static:/data/static"
)
docker run --rm "${run_env[@]}" "$IMAGE" sh bin/release.sh >"$RUN_DIR/release.log" 2>&1 || {
  tail -30 "$RUN_DIR/release.log"
  fail "release step (bin/release.sh)"
}
log "release step: $(grep -c '  Applying ' "$RUN_DIR/release.log") migrations applied, static files published"

# The demo loader refuses production settings (by design), so it runs with the development
# settings against the same database; the site is then served with production settings.
docker run --rm "${run_env[@]}" -e DJANGO_SETTINGS_MODULE=goedwerk.settings.dev "$IMAGE" \
  python manage.py load_demo >"$RUN_DIR/demo.log" 2>&1 || {
  tail -30 "$RUN_DIR/demo.log"
  fail "load_demo"
}
log "demo content loaded"

# An editor's upload: a Wagtail image and a rendition, written by the production settings.
rendition_url=$(docker run --rm -i "${run_env[@]}" "$IMAGE" python manage.py shell -v 0 <<'PY'
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image

buffer = BytesIO()
PILImage.new("RGB", (640, 480), (200, 30, 60)).save(buffer, "PNG")
image = Image(title="CI upload")
image.file.save("ci-upload.png", ImageFile(buffer, name="ci-upload.png"), save=False)
image.save()
print(image.get_rendition("fill-120x80").url)
PY
) || fail "creating an image and its rendition"
rendition_url=$(printf '%s\n' "$rendition_url" | tail -1)
case "$rendition_url" in /media/images/*) ;; *) fail "unexpected rendition URL: $rendition_url" ;; esac
log "image uploaded, rendition at $rendition_url"

docker run -d --name "$WEB_CONTAINER" "${run_env[@]}" --health-interval 3s --health-start-period 30s \
  "$IMAGE" >/dev/null
for _ in $(seq 1 60); do
  health=$(docker inspect --format '{{.State.Health.Status}}' "$WEB_CONTAINER")
  [ "$health" = healthy ] && break
  [ "$(docker inspect --format '{{.State.Running}}' "$WEB_CONTAINER")" = true ] || fail "web exited"
  sleep 1
done
[ "$health" = healthy ] || fail "HEALTHCHECK: $health"
log "web container healthy (image HEALTHCHECK on /healthz)"

# --- 5. The proxy, and the checks from outside ----------------------------------------------------
SITE_ADDRESS=localhost CADDY_TLS="tls internal" CADDY_GLOBAL_OPTIONS="skip_install_trust" \
  CADDY_HTTP_PORT=$HTTP_PORT CADDY_HTTPS_PORT=$HTTPS_PORT UPSTREAM_HOST=127.0.0.1 UPSTREAM_PORT=$WEB_PORT \
  STATIC_DIR=$DATA/static MEDIA_DIR=$DATA/media \
  HOME=$RUN_DIR XDG_DATA_HOME=$RUN_DIR/caddy-data XDG_CONFIG_HOME=$RUN_DIR/caddy-config \
  caddy run --config deploy/Caddyfile --adapter caddyfile >"$RUN_DIR/caddy.log" 2>&1 &
CADDY_PID=$!
for _ in $(seq 1 30); do
  curl -ksf -o /dev/null "$SITE/healthz" && break
  kill -0 "$CADDY_PID" 2>/dev/null || fail "caddy exited"
  sleep 1
done
log "caddy up on $SITE (tls internal)"

CURL=(curl -ks --max-time 30)
# status CODE URL [curl options]: the response's status must be CODE; headers in $RUN_DIR/h
expect() {
  code=$1 url=$2
  shift 2
  got=$("${CURL[@]}" -o "$RUN_DIR/body" -D "$RUN_DIR/h" -w '%{http_code}' "$@" "$url") || true
  [ "$got" = "$code" ] || fail "$url answered $got, expected $code"
  if grep -qi '^server:' "$RUN_DIR/h"; then fail "$url sends a Server header"; fi
}
header() { grep -i "^$1:" "$RUN_DIR/h" | head -1 | cut -d' ' -f2- | tr -d '\r'; }

expect 200 "$SITE/healthz"
expect 200 "$SITE/readyz"
grep -q '"database": "ok", "cache": "ok"' "$RUN_DIR/body" || fail "/readyz: $(cat "$RUN_DIR/body")"
expect 200 "$SITE/nl/"
# Django saw HTTPS through X-Forwarded-Proto, or it would redirect and send no HSTS header.
[ -n "$(header Strict-Transport-Security)" ] || fail "/nl/ has no HSTS header: X-Forwarded-Proto lost?"
stylesheet=$(grep -o '/static/[^"]*\.css' "$RUN_DIR/body" | head -1)
[ -n "$stylesheet" ] || fail "/nl/ links no stylesheet"
log "/nl/ 200 over HTTPS, HSTS set; /healthz and /readyz 200; no Server header"

expect 200 "$SITE$stylesheet"
case "$(header Cache-Control)" in *immutable*) ;; *) fail "$stylesheet is not cached as immutable" ;; esac
expect 200 "$SITE$rendition_url"
[ "$(header Content-Type)" = image/png ] || fail "rendition served as $(header Content-Type)"
[ "$(header X-Content-Type-Options)" = nosniff ] || fail "media without nosniff"
log "static file $stylesheet and rendition $rendition_url served by the proxy"

for probe in /media/../private/evidence.txt /media/%2e%2e/private/evidence.txt \
  /private/evidence.txt /media/evidence.txt; do
  got=$("${CURL[@]}" --path-as-is -o "$RUN_DIR/body" -D "$RUN_DIR/h" -w '%{http_code}' "$SITE$probe") || true
  if grep -q "secret evidence" "$RUN_DIR/body"; then fail "$probe leaks a private file ($got)"; fi
  [ "$got" = 404 ] || fail "$probe answered $got, expected 404"
  if grep -qi '^server:' "$RUN_DIR/h"; then fail "$probe sends a Server header"; fi
done
head -c $((13 * 1024 * 1024)) /dev/zero >"$RUN_DIR/big"
# The proxy answers 413 from the Content-Length, before reading the body. Over HTTP/1.1 with
# "Expect: 100-continue" curl waits for that answer instead of reporting a failed send.
expect 413 "$SITE/nl/" --http1.1 -H 'Expect: 100-continue' -X POST \
  -H 'Content-Type: application/octet-stream' --data-binary "@$RUN_DIR/big"
got=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://localhost:$HTTP_PORT/nl/") || true
case "$got" in 30[178]\ https://localhost*) ;; *) fail "plain HTTP answered: $got" ;; esac
log "private files unreachable, 13 MB body refused (413), HTTP redirects to HTTPS"

docker run --rm "${run_env[@]}" "$IMAGE" sh bin/scheduler.sh --once >"$RUN_DIR/scheduler.log" 2>&1 || {
  tail -20 "$RUN_DIR/scheduler.log"
  fail "bin/scheduler.sh --once"
}
log "scheduler: one round of its commands ran"
