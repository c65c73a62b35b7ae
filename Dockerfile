# syntax=docker/dockerfile:1
# Production image: gunicorn serving goedwerk with whitenoise for static files.
# Build: docker build -t goedwerk .   Run: see compose.yaml for the variables it needs.

# --- Stage 1: build the virtual environment from the lock file ---------------------------------
FROM python:3.11-slim-bookworm AS build
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never
RUN pip install --no-cache-dir uv
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
RUN uv sync --frozen --no-dev
# Collect static files at build time; the key only exists for this one command.
RUN SECRET_KEY="build-only-$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')" \
    DJANGO_SETTINGS_MODULE=goedwerk.settings.production STATIC_ROOT=/app/var/static \
    /app/.venv/bin/python manage.py collectstatic --no-input --verbosity 0

# --- Stage 2: the runtime image ----------------------------------------------------------------
FROM python:3.11-slim-bookworm AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    PATH="/app/.venv/bin:$PATH" \
    DJANGO_SETTINGS_MODULE=goedwerk.settings.production \
    STATIC_ROOT=/app/var/static MEDIA_ROOT=/data/media PRIVATE_MEDIA_ROOT=/data/private \
    PORT=8000
RUN groupadd --system goedwerk && useradd --system --gid goedwerk --home /app goedwerk \
    && mkdir -p /data/media /data/private && chown -R goedwerk:goedwerk /data
WORKDIR /app
COPY --from=build --chown=goedwerk:goedwerk /app /app
USER goedwerk
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD python -c "import urllib.request,os; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/nl/', timeout=4)" || exit 1
# Migrations run as a separate one-off step (compose: the "migrate" service); the web process only serves.
CMD ["sh", "-c", "exec gunicorn goedwerk.wsgi --bind 0.0.0.0:${PORT} --workers ${GUNICORN_WORKERS:-3} --access-logfile - --forwarded-allow-ips='*'"]
