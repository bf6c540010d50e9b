"""Helpers for the extraction tests: run the core on a sentence and pick out events and actors."""
from __future__ import annotations

import datetime as dt
import fcntl
import os
import pty
import struct
import termios
from pathlib import Path

from service.core import extract

REF = dt.date(2024, 8, 20)   # a Tuesday


def events(nlp, text, ref=REF):
    return extract(nlp, text, ref)["events"]


def one(nlp, text, type_, ref=REF):
    """The one event of `type_` in `text` (fails when there are none or several)."""
    found = [e for e in events(nlp, text, ref) if e["type"] == type_]
    assert len(found) == 1, (text, [(e["type"], e["trigger"]["text"]) for e in events(nlp, text, ref)])
    return found[0]


def actors(ev, role=None):
    return {a["name"] for a in ev["actors"] if role is None or a["role"] == role}


def types_of(nlp, text):
    return {e["type"] for e in events(nlp, text)}


def on_a_terminal(cmd: list[str], env: dict, cwd: Path) -> tuple[int, str]:
    """Exit status and screen of a command whose stdout and stderr are a 100-column terminal."""
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        os.execve(cmd[0], cmd, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    screen = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), screen.decode("utf-8", "replace")
