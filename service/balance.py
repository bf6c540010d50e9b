"""Which gunicorn worker accepts the next connection: one with the fewest extractions in hand.

Every worker of the gevent server waits on the same listening socket, and a worker busy with an extraction
accepts as eagerly as an idle one (the extraction runs in a thread; the hub goes on accepting). With a few
clients one worker then holds two or three requests in its queue while the other idles: `make bench` saw
one worker of two idle a fifth of the time at concurrency 4. Here each worker posts how many extraction
requests it has in hand (waiting for or holding its slot) on a board in shared memory, and stops accepting
while another worker has fewer; the workers with the fewest always accept, so a connection never waits for
all of them, and the overload path (503 past QUEUE_WAIT_S) is unchanged. Only the gevent worker of
gunicorn.conf.py takes part; anywhere else (tests, `flask run`, a script) `enter` and `leave` do nothing.
"""
from __future__ import annotations

import ctypes
import multiprocessing
from typing import Sequence

FREE = -1      # a board entry with no worker

_board = None  # shared counts, one entry per worker slot, made in the master before it forks
_slot: int | None = None
_servers: list = []


def create_board(size: int):
    """In the master, before any worker forks: every slot free. Workers beyond `size` at once (gunicorn's
    TTIN signal adds some) do not take part: they always accept."""
    global _board
    _board = multiprocessing.RawArray(ctypes.c_int, [FREE] * size)
    return _board


def free_slot(taken: Sequence[int | None]) -> int | None:
    """The lowest slot no live worker holds (the master gives it before forking), None when all are taken."""
    if _board is None:
        return None
    return next((i for i in range(len(_board)) if i not in taken), None)


def join(slot: int | None) -> None:
    """In a new worker: take `slot` with nothing in hand."""
    global _slot
    if _board is not None and slot is not None:
        _slot = slot
        _board[slot] = 0


def release(slot: int | None) -> None:
    """In the master, when a worker has exited: its slot is free and no longer counts as least loaded."""
    if _board is not None and slot is not None:
        _board[slot] = FREE


def serve(server) -> None:
    """A listening server (gevent's StreamServer) of this worker, to start and stop accepting."""
    _servers.append(server)


def accepts(board: Sequence[int], slot: int) -> bool:
    """Whether the worker in `slot` should accept: no other worker has fewer requests in hand."""
    mine = board[slot]
    return all(n == FREE or n >= mine for i, n in enumerate(board) if i != slot)


def update() -> None:
    """Start or stop accepting on this worker's servers, by the board as it is now."""
    if _slot is None:
        return
    accept = accepts(_board[:], _slot)   # one read of the shared array, not one per entry
    for server in _servers:
        if server.closed:
            continue
        if not accept:
            server.stop_accepting()
        elif not server.full():   # a full pool restarts accepting by itself when a connection ends
            server.start_accepting()


def in_hand() -> int:
    """This worker's extraction requests, waiting or running (0 outside gunicorn)."""
    return _board[_slot] if _slot is not None else 0


def enter() -> None:
    if _slot is not None:
        _board[_slot] += 1
        update()


def leave() -> None:
    if _slot is not None:
        _board[_slot] -= 1
        update()
