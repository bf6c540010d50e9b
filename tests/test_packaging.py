"""The project as a library: `pip install .` gives the package with its data and license, and the core API
takes a publication date as the ISO string users have."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import zipfile

import pytest

from service import core
from tests.conftest import ROOT

MEETING = "Blinken met Netanyahu in Jerusalem on Monday."


@pytest.mark.parametrize("published_at", ["2024-08-20", "2024-08-20T23:30:00Z", dt.date(2024, 8, 20),
                                          dt.datetime(2024, 8, 20, 9, 30)])
def test_core_takes_the_publication_date_as_a_string_date_or_datetime(nlp, published_at):
    result = core.extract(nlp, MEETING, published_at)
    assert result["reference_date"] == {"value": "2024-08-20", "source": "request"}
    assert result["events"][0]["dates"][0]["value"] == "2024-08-19"


def test_core_rejects_a_date_it_cannot_read_with_a_clear_message(nlp):
    with pytest.raises(ValueError, match="not an ISO 8601 date"):
        core.extract(nlp, MEETING, "20 August 2024")


def test_pip_install_gives_the_package_its_data_and_license(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", ".git", "build", "*.egg-info", "__pycache__",
                                                              ".pytest_cache", ".hypothesis"))
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(tmp_path / "dist"), str(src)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("event_extraction-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {str(p.relative_to(ROOT)) for p in (ROOT / "service").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert shipped <= names, f"missing from the wheel: {sorted(shipped - names)}"
    meta = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("/METADATA"))).decode()
    assert "License-Expression: MIT" in meta and any(n.endswith("licenses/LICENSE") for n in names)
    assert "event-extraction = service.__main__:main" in zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith("entry_points.txt"))).decode()
    # Installed elsewhere, it still finds its data: the contract it builds is the committed one.
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    out = subprocess.run([sys.executable, "-m", "service", "openapi"], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout == (ROOT / "openapi.yaml").read_text()
    assert "Permission is hereby granted" in (ROOT / "LICENSE").read_text()
