"""gunicorn settings: the app is preloaded so the spaCy pipeline loads once and forked workers share it."""
import json
import os

from service.config import Config

_config = Config.from_env()

bind = f"0.0.0.0:{_config.PORT}"
workers = _config.WORKERS
worker_class = "sync"
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))   # a backstop; requests are bounded well below it
graceful_timeout = 30
keepalive = 5
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
