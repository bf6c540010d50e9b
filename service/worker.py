"""The gunicorn worker: gevent's, taking part in service.balance (the least loaded worker accepts)."""
from __future__ import annotations

import gevent
from gevent.server import StreamServer
from gunicorn.workers import ggevent

from . import balance

# How often a worker reads the others' counts, which change without telling it. An idle worker accepts
# whatever the others hold, so it only looks now and then (each look costs a wake-up of the hub).
POLL_S = 0.005
IDLE_POLL_S = 0.1


class _BalancedServer(StreamServer):
    def start(self):
        super().start()
        balance.serve(self)
        balance.update()


def _poll() -> None:
    while True:
        gevent.sleep(POLL_S if balance.in_hand() else IDLE_POLL_S)
        balance.update()


class BalancedGeventWorker(ggevent.GeventWorker):
    def run(self):
        # GeventWorker.run builds its servers from the module's StreamServer: in this (forked) worker, ours.
        ggevent.StreamServer = _BalancedServer
        gevent.spawn(_poll)
        super().run()
