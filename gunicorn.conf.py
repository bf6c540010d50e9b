"""gunicorn settings: the app is preloaded so the spaCy pipeline loads once and forked workers share it."""
import os
import shutil
import tempfile
from pathlib import Path

from service.config import Config
from service.logs import gunicorn_config

_config = Config.from_env()

# Every worker keeps its metrics in files here, and /metrics sums them. Set before the app (and so
# prometheus_client) is imported; a directory we create lives in /tmp, a tmpfs in the container.
_own_metrics_dir = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if _own_metrics_dir:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="event-extraction-metrics-")
else:   # counts of an earlier run would be added to this one's
    Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).mkdir(parents=True, exist_ok=True)
    for _stale in Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).glob("*.db"):
        _stale.unlink()

bind = f"[{_config.HOST}]:{_config.PORT}" if ":" in _config.HOST else f"{_config.HOST}:{_config.PORT}"
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
loglevel = _config.LOG_LEVEL.lower()
logconfig_dict = gunicorn_config(_config.LOG_LEVEL)   # JSON lines on stderr, the access log's numbers as numbers
access_log_format = "%(m)s %(U)s %(s)s"                # the message; the fields come from service.logs
wsgi_app = "service.wsgi:app"
control_socket_disable = True   # no gunicornc here, and the root filesystem is read-only in the container


def when_ready(server):
    # Move everything loaded so far (pipeline, gazetteer) out of the garbage collector's sight: its passes
    # would write to every object header and un-share the pages the forked workers inherit.
    import gc
    gc.collect()
    gc.freeze()


def child_exit(server, worker):
    from prometheus_client import multiprocess
    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if _own_metrics_dir:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
