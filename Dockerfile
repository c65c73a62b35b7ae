# Production image: gunicorn (deploy/gunicorn.conf.py) serving goedwerk; static files collected
# at build time (whitenoise serves them; the proxy in compose.yaml serves them from a volume).
#   docker build -t goedwerk .
#   docker build --build-arg PYTHON_IMAGE=goedwerk-base:bookworm -t goedwerk .   (any image with a
#     Python 3.11 as `python3` and its venv module, e.g. Debian's python3.11 + python3.11-venv;
#     .ci/container.sh builds one with debootstrap)
# Works with the classic builder as well as BuildKit. Migrations are a separate step
# (`python manage.py migrate`, the "migrate" service in compose.yaml); the web process only serves.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- Stage 1: the virtual environment from the lock file, and the collected static files ------
FROM ${PYTHON_IMAGE} AS build
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never UV_PYTHON=python3 \
    UV_NO_CACHE=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
# uv, pinned in .uv-version (the one place its version is written), in a virtual environment
# of its own: works where the system pip refuses to
# install (PEP 668, Debian's own Python) as well as on the official Python image.
COPY .uv-version ./
RUN python3 -m venv /opt/uv && /opt/uv/bin/pip install --quiet "uv==$(cat .uv-version)"
WORKDIR /app
# The dependencies first, in a layer of their own that only a change of the lock rebuilds.
COPY pyproject.toml uv.lock ./
RUN /opt/uv/bin/uv sync --frozen --no-dev --no-install-project
COPY . .
RUN /opt/uv/bin/uv sync --frozen --no-dev \
    && /app/.venv/bin/python -m compileall -q home events partners site \
    && mkdir -p /app/var && head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' > /app/var/release
# Collect static files at build time (the key only exists for this one command); then nothing
# may stay writable for others (uv leaves its lock file writable for everyone).
RUN SECRET_KEY="build-only-$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')" \
    DJANGO_SETTINGS_MODULE=goedwerk.settings.production STATIC_ROOT=/app/var/static \
    /app/.venv/bin/python manage.py collectstatic --no-input --verbosity 0 \
    && rm -f /app/.venv/.lock \
    && find /app ! -type l -perm /022 -exec chmod go-w {} +

# --- Stage 2: the runtime image ----------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    PATH="/app/.venv/bin:$PATH" \
    DJANGO_SETTINGS_MODULE=goedwerk.settings.production \
    STATIC_ROOT=/app/var/static MEDIA_ROOT=/data/media PRIVATE_MEDIA_ROOT=/data/private \
    PORT=8000
# The application belongs to root and is read-only for the user it runs as; only /data (uploads,
# private evidence, and the static files published for the proxy) is writable. The folders exist
# in the image so that fresh named volumes mounted on them inherit the owner.
RUN groupadd --system goedwerk \
    && useradd --system --gid goedwerk --home-dir /data --no-create-home \
       --shell /usr/sbin/nologin goedwerk \
    && mkdir -p /data/media /data/private /data/static \
    && chown -R goedwerk:goedwerk /data && chmod 0750 /data/private
WORKDIR /app
# Without --chown the copy belongs to root (files 0644, folders 0755): .ci/container.sh checks
# that nothing under /app is writable for the app user.
COPY --from=build /app /app
USER goedwerk
VOLUME ["/data/media", "/data/private"]
EXPOSE 8000
# Liveness only (/healthz needs neither the database nor the Host header); orchestrators that
# route traffic use /readyz, which also checks the database and the cache.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4)"]
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "goedwerk.wsgi"]
