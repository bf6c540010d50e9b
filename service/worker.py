"""The gunicorn worker: gevent's, taking part in service.balance (the least loaded worker accepts)."""
from __future__ import annotations

import gevent
from gevent.server import StreamServer
from gunicorn.workers import ggevent

from . import balance

POLL_S = 0.005   # how often a worker reads the others' counts, which change without telling it


class _BalancedServer(StreamServer):
    def start(self):
        super().start()
        balance.serve(self)
        balance.update()


def _poll() -> None:
    while True:
        gevent.sleep(POLL_S)
        balance.update()


class BalancedGeventWorker(ggevent.GeventWorker):
    def run(self):
        # GeventWorker.run builds its servers from the module's StreamServer: in this (forked) worker, ours.
        ggevent.StreamServer = _BalancedServer
        gevent.spawn(_poll)
        super().run()
