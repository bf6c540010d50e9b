"""gunicorn settings: the app is preloaded so the spaCy pipeline loads once and forked workers share it."""
# gevent's patches come first, before the app is imported: preloading builds it here, in the master, and the
# locks it makes (the extraction slots, logging's) must be gevent's in the workers that inherit them.
from gevent import monkey

monkey.patch_all()

import os  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

from service import balance  # noqa: E402
from service.config import Config  # noqa: E402
from service.logs import gunicorn_config  # noqa: E402

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
# A greenlet per connection: a client that is slow to send its request costs a socket, not a thread. The
# extraction itself runs in a thread (service/api.py), MAX_CONCURRENT at a time; the app sheds the rest with a 503.
# gevent's worker, where the worker with the fewest extractions in hand accepts (service/balance.py).
worker_class = "service.worker.BalancedGeventWorker"
balance.create_board(2 * workers + 2)
worker_connections = _config.MAX_CONNECTIONS
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", str(int(_config.REQUEST_TIMEOUT_S * 2 + 30))))  # backstop only
graceful_timeout = 30
# The gevent worker reads every request line and headers under `keepalive` (gunicorn's base_async): that makes
# it the header deadline; a connection that has not sent a whole head by then is closed without an answer.
keepalive = _config.HEADER_TIMEOUT_S
max_requests = 0           # memory zones keep workers flat; no recycling needed
limit_request_line = 8190
loglevel = _config.LOG_LEVEL.lower()
logconfig_dict = gunicorn_config(_config.LOG_LEVEL)   # JSON lines on stderr, the access log's numbers as numbers
access_log_format = "%(m)s %(U)s %(s)s"                # the message; the fields come from service.logs
wsgi_app = "service.wsgi:app"
control_socket_disable = True   # no gunicornc here, and the root filesystem is read-only in the container


def pre_request(worker, req):
    # Each request on a fresh connection: a kept-alive connection would pin its client to one worker while the
    # other idles, and the worker with a free core accepts first.
    req.force_close()


def when_ready(server):
    # Move everything loaded so far (pipeline, gazetteer) out of the garbage collector's sight: its passes
    # would write to every object header and un-share the pages the forked workers inherit.
    import gc
    gc.collect()
    gc.freeze()


def pre_fork(server, worker):
    worker.balance_slot = balance.free_slot([getattr(w, "balance_slot", None) for w in server.WORKERS.values()])


def post_fork(server, worker):
    balance.join(worker.balance_slot)


def child_exit(server, worker):
    balance.release(getattr(worker, "balance_slot", None))
    from prometheus_client import multiprocess
    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if _own_metrics_dir:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
