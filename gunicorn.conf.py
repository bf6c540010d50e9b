"""gunicorn settings: the app is preloaded so the spaCy pipeline loads once and forked workers share it."""
import json
import os

from service.config import Config

_config = Config.from_env()

bind = f"0.0.0.0:{_config.PORT}"
workers = _config.WORKERS
# Threads take requests while one extraction per worker runs; the app sheds the rest with a 503.
worker_class = "gthread"
threads = _config.THREADS
worker_connections = _config.THREADS * 4   # accepted connections waiting for a thread stay bounded
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", str(int(_config.REQUEST_TIMEOUT_S * 2 + 30))))  # backstop only
graceful_timeout = 30
# Each request on a fresh connection: a kept-alive connection would pin its client to one worker while the
# other idles, and the worker with a free core accepts first.
keepalive = 0
max_requests = 0           # memory zones keep workers flat; no recycling needed
limit_request_line = 8190
accesslog = "-"
errorlog = "-"
loglevel = _config.LOG_LEVEL.lower()
access_log_format = json.dumps({"time": "%(t)s", "request_id": "%({x-request-id}o)s", "method": "%(m)s",
                                "path": "%(U)s", "status": "%(s)s", "bytes": "%(B)s", "duration_ms": "%(M)s",
                                "remote": "%(h)s"})
wsgi_app = "service.wsgi:app"
control_socket_disable = True   # no gunicornc here, and the root filesystem is read-only in the container


def when_ready(server):
    # Move everything loaded so far (pipeline, gazetteer) out of the garbage collector's sight: its passes
    # would write to every object header and un-share the pages the forked workers inherit.
    import gc
    gc.collect()
    gc.freeze()
