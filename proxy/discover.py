"""The proxy container's entry point: nginx, with the replicas of the extractor service as its upstream.

nginx 1.22 (Debian bookworm) resolves an upstream's server names once, when it loads its configuration:
replicas added later by `docker compose up --scale extractor=N` would never get a request, and one that
came back at a new address would be called at the old one. So this process asks Docker's DNS for the
service's addresses every RESOLVE_EVERY_S seconds, writes them as the upstream's servers, and reloads nginx
when the set changed (a graceful reload: requests in flight finish on the old workers).

Settings (environment): UPSTREAM (host:port of the replicas, default extractor:8000), RESOLVE_EVERY_S,
MAX_CONTENT_LENGTH (the body limit, the service's own).
"""
from __future__ import annotations

import ipaddress
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

CONF = Path("/tmp/nginx")
NGINX = "/usr/sbin/nginx"


def addresses(host: str, port: int) -> list[str] | None:
    """The IPv4 addresses the name has now (all replicas of a compose service), in a stable order; None
    when the DNS could not say (the last answer then stands)."""
    try:
        infos = socket.getaddrinfo(host, port, socket.AF_INET, socket.SOCK_STREAM)
    except socket.gaierror as exc:
        return [] if exc.errno == socket.EAI_NONAME else None   # no such name: no replica is running
    return sorted({info[4][0] for info in infos}, key=ipaddress.ip_address)


def upstream(addrs: list[str], port: int) -> str:
    """The upstream block. A replica that fails twice within 5 s (connection refused or reset, timeout) gets
    no request for 5 s; the next resolve drops it if its container is gone. The zone shares connection
    counts and failures between nginx's workers, so least_conn sees every request."""
    servers = [f"    server {a}:{port} max_fails=2 fail_timeout=5s;" for a in addrs]
    # No replica yet: a server that is down makes nginx answer 502, which nginx.conf turns into a 503.
    servers = servers or ["    server 127.0.0.1:9 down;"]
    return "upstream extractor {\n    least_conn;\n    zone extractor 64k;\n" + "\n".join(servers) + "\n}\n"


def limits(max_content_length: int) -> str:
    return f"client_max_body_size {max_content_length};\n"


def log(event: str, **fields) -> None:
    print(json.dumps({"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "event": event, **fields}),
          file=sys.stderr, flush=True)


def main() -> int:
    host, _, port = os.environ.get("UPSTREAM", "extractor:8000").rpartition(":")
    every = float(os.environ.get("RESOLVE_EVERY_S", "2"))
    for sub in ("", "body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (CONF / sub).mkdir(parents=True, exist_ok=True)
    (CONF / "limits.conf").write_text(limits(int(os.environ.get("MAX_CONTENT_LENGTH", "1048576"))))
    current = addresses(host, int(port)) or []
    (CONF / "upstream.conf").write_text(upstream(current, int(port)))
    log("replicas", upstream=host, addresses=current)
    nginx = subprocess.Popen([NGINX, "-g", "daemon off;"])

    def stop(signum, frame):   # docker stop: let nginx finish the requests it has (SIGQUIT is its graceful stop)
        nginx.send_signal(signal.SIGQUIT)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    while nginx.poll() is None:
        time.sleep(every)
        found = addresses(host, int(port))
        if found is not None and found != current and nginx.poll() is None:
            (CONF / "upstream.conf").write_text(upstream(found, int(port)))
            nginx.send_signal(signal.SIGHUP)   # reload
            log("replicas", upstream=host, addresses=found, was=current)
            current = found
    return nginx.returncode


if __name__ == "__main__":
    sys.exit(main())
