"""The least loaded gunicorn worker accepts (service/balance.py): the rule, the board's life cycle, the gate."""
from __future__ import annotations

import pytest

from service import balance
from service.balance import FREE, accepts


def test_a_worker_accepts_unless_another_has_fewer_in_hand():
    assert accepts([0, 0], 0) and accepts([0, 0], 1)           # equal: both accept
    assert not accepts([2, 1], 0) and accepts([2, 1], 1)        # the busier one waits
    assert accepts([3, FREE, FREE], 0)                           # free slots are no workers
    assert not accepts([1, 0, FREE], 0)


def test_some_worker_always_accepts():
    for board in ([0, 0], [5, 2, 2], [1, 3, FREE, 0], [7, 7, 7]):
        live = [i for i, n in enumerate(board) if n != FREE]
        assert any(accepts(board, i) for i in live)


class FakeServer:
    closed = False

    def __init__(self):
        self.accepting = True

    def full(self):
        return False

    def start_accepting(self):
        self.accepting = True

    def stop_accepting(self):
        self.accepting = False


@pytest.fixture
def board(monkeypatch):
    monkeypatch.setattr(balance, "_servers", [])
    monkeypatch.setattr(balance, "_slot", None)
    board = balance.create_board(4)
    yield board
    monkeypatch.setattr(balance, "_board", None)


def test_slots_are_given_freed_and_reused(board):
    first = balance.free_slot([])
    second = balance.free_slot([first])
    assert (first, second) == (0, 1)
    balance.join(second)
    assert list(board) == [FREE, 0, FREE, FREE]
    balance.release(second)
    assert board[second] == FREE and balance.free_slot([first]) == 1


def test_enter_and_leave_start_and_stop_accepting(board):
    server = FakeServer()
    balance.join(0)
    board[1] = 0                      # another worker, idle
    balance.serve(server)
    balance.enter()                   # this one now has a request in hand: the idle one should take the next
    assert board[0] == 1 and balance.in_hand() == 1 and not server.accepting
    board[1] = 2                      # the other got busier: the next poll lets this one accept again
    balance.update()
    assert server.accepting
    board[1] = 0
    balance.leave()
    assert board[0] == 0 and server.accepting


def test_outside_gunicorn_nothing_is_counted(monkeypatch):
    monkeypatch.setattr(balance, "_slot", None)
    balance.enter()
    assert balance.in_hand() == 0
    balance.leave()                   # no board, no slot: no error, nothing to count
