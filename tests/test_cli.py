"""The command line on an archive: files, folders, globs, a manifest; every format; failing documents reported
as error records while the others are written; the exit status; progress only on a terminal."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from service import writers
from service.__main__ import main
from tests.conftest import ROOT
from tests.helpers import on_a_terminal

MEETING = "Blinken met Netanyahu in Jerusalem on Monday, the ministry said."


@pytest.fixture()
def archive(tmp_path):
    """A small archive as data users have them: UTF-8, Latin-1, an empty file, a binary file, a subfolder."""
    (tmp_path / "news" / "2024").mkdir(parents=True)
    (tmp_path / "news" / "a.txt").write_text(MEETING, encoding="utf-8")
    (tmp_path / "news" / "2024" / "b.txt").write_bytes(
        "Le ministre fran\u00e7ais a d\u00e9clar\u00e9 lundi: the envoy visited Cairo on Tuesday, "
        "officials said.".encode("latin-1"))
    (tmp_path / "news" / "empty.txt").write_bytes(b"")
    (tmp_path / "news" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\xff\xfe")
    (tmp_path / "news" / ".hidden").write_text(MEETING)
    return tmp_path / "news"


def run(capsys, *args):
    status = main(["extract", *map(str, args)])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_folder_with_bad_files_writes_the_good_ones_and_reports_the_bad(capsys, archive):
    status, out, err = run(capsys, archive, "--published-at", "2024-08-20")
    records = {r["id"]: r for r in map(json.loads, out.splitlines())}
    assert status == 1, "some documents failed: the exit status says so"
    assert set(records) == {str(archive / n) for n in ("a.txt", "2024/b.txt", "empty.txt", "photo.png")}
    assert [e["type"] for e in records[str(archive / "a.txt")]["events"]][:1] == ["meeting"]
    latin = records[str(archive / "2024" / "b.txt")]
    assert "events" in latin and any(e["type"] == "visit" for e in latin["events"])
    assert any("fran\u00e7ais" in e["sentence"]["text"] for e in latin["events"])
    empty = records[str(archive / "empty.txt")]["error"]
    assert empty["status"] == 422 and "empty" in empty["detail"]
    assert "not text" in records[str(archive / "photo.png")]["error"]["detail"]
    assert "Traceback" not in err and "empty.txt: The file is empty." in err and "2 of 4 documents failed" in err


def test_offsets_index_the_decoded_text(capsys, tmp_path):
    text = "Caf\u00e9 talk: Blinken met Netanyahu in Jerusalem."
    (tmp_path / "doc.txt").write_bytes(text.encode("cp1252"))
    status, out, _ = run(capsys, tmp_path / "doc.txt")
    trigger = json.loads(out)["events"][0]["trigger"]
    assert status == 0 and text[trigger["start"]:trigger["end"]] == trigger["text"] == "met"


def test_globs_and_missing_paths(capsys, archive):
    status, out, err = run(capsys, str(archive / "**" / "*.txt"), archive / "nope.txt", str(archive / "*.xml"))
    ids = [json.loads(line)["id"] for line in out.splitlines()]
    assert sorted(ids[:3]) == sorted(str(archive / n) for n in ("a.txt", "2024/b.txt", "empty.txt"))
    errors = {r["id"]: r["error"]["detail"] for r in map(json.loads, out.splitlines()) if "error" in r}
    assert errors[str(archive / "nope.txt")] == "No such file or folder."
    assert errors[str(archive / "*.xml")] == "No file matches this pattern."
    assert status == 1


def test_manifest_gives_each_document_its_id_and_date(capsys, tmp_path):
    manifest = tmp_path / "docs.jsonl"
    lines = [{"id": "d1", "text": MEETING, "published_at": "2024-08-20", "url": "ignored"},
             {"id": "d2", "text": MEETING, "published_at": "2024-03-05"},
             "not json",
             {"id": "d4", "text": MEETING, "published_at": "20 August"},
             {"text": "   "}]
    manifest.write_text("\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines) + "\n\n")
    status, out, err = run(capsys, "--manifest", manifest)
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["d1", "d2", f"{manifest}:3", "d4", f"{manifest}:5"]
    assert [r["events"][0]["dates"][0]["value"] for r in records[:2]] == ["2024-08-19", "2024-03-04"]
    assert "not JSON" in records[2]["error"]["detail"]
    assert records[3]["error"]["errors"][0]["pointer"] == "/published_at"
    assert records[4]["error"]["errors"][0]["pointer"] == "/text"
    assert status == 1 and "3 of 5 documents failed" in err


def test_types_option_filters_events(capsys, tmp_path):
    (tmp_path / "a.txt").write_text(MEETING)
    status, out, _ = run(capsys, tmp_path / "a.txt", "--types", "statement")
    assert status == 0 and {e["type"] for e in json.loads(out)["events"]} == {"statement"}
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(tmp_path / "a.txt"), "--types", "party"])
    assert exc.value.code == 2 and "unknown event type party" in capsys.readouterr().err


@pytest.mark.parametrize("fmt, delimiter", [("csv", ","), ("tsv", "\t")])
def test_flat_event_table(capsys, archive, fmt, delimiter):
    status, out, _ = run(capsys, archive / "a.txt", archive / "empty.txt", "--format", fmt, "--published-at", "2024-08-20")
    rows = list(csv.DictReader(io.StringIO(out), delimiter=delimiter))
    assert tuple(rows[0]) == writers.COLUMNS
    meeting = next(r for r in rows if r["type"] == "meeting")
    assert meeting["document"] == str(archive / "a.txt") and meeting["document_date"] == "2024-08-20"
    assert (meeting["cameo"], meeting["plover"], meeting["modality"]) == ("040", "CONSULT", "asserted")
    assert meeting["agent"] == "Blinken; Netanyahu" or set(meeting["agent"].split("; ")) >= {"Netanyahu"}
    assert meeting["place"] == "Jerusalem" and meeting["event_date"] == "2024-08-19"
    assert MEETING[int(meeting["trigger_start"]):int(meeting["trigger_end"])] == meeting["trigger"] == "met"
    assert 0 < float(meeting["confidence"]) <= 1
    failed = [r for r in rows if r["error"]]
    assert [r["document"] for r in failed] == [str(archive / "empty.txt")] and failed[0]["type"] == ""
    assert status == 1


def test_event_rows_group_roles_into_fixed_columns():
    actor = {"kind": "person", "title": None, "affiliation": None, "start": 0, "end": 1, "text": "x"}
    event = {"id": "e1", "type": "accusation", "cameo": "112", "plover": "ACCUSE", "modality": "asserted",
             "confidence": 0.8, "trigger": {"text": "accused", "start": 5, "end": 12},
             "actors": [{**actor, "name": "A", "role": "agent", "code": "ISRGOV"},
                        {**actor, "name": "B", "role": "target", "code": "PSEREBHMS"},
                        {**actor, "name": "C", "role": "target", "code": None},
                        {**actor, "name": "B", "role": "target", "code": "PSEREBHMS"}],
             "places": [{"name": "Cairo", "country_code": "EG"}, {"name": "Middle East", "country_code": None}],
             "dates": [{"value": "2024-08-19"}, {"value": None}]}
    record = {"id": "d", "events": [event], "reference_date": {"value": "2024-08-20", "source": "request"}}
    (row,) = writers.event_rows(record)
    assert (row["agent"], row["target"], row["mediator"]) == ("A", "B; C", "")
    assert (row["agent_code"], row["target_code"]) == ("ISRGOV", "PSEREBHMS")
    assert (row["place"], row["country"], row["event_date"]) == ("Cairo; Middle East", "EG", "2024-08-19")
    failed = writers.event_rows({"id": "d", "error": {"detail": "boom"}})
    assert failed == [dict.fromkeys(writers.COLUMNS) | {"document": "d", "error": "boom"}]


def test_html_output_embeds_each_document_for_the_view(capsys, tmp_path):
    (tmp_path / "a.txt").write_text(MEETING + " </script><script>alert(1)</script>")
    status, out, _ = run(capsys, tmp_path / "a.txt", "--format", "html")
    assert status == 0 and out.startswith("<!doctype html>") and out.rstrip().endswith("</html>")
    assert "var EventView" in out and ".evx-trigger" in out   # the page's own script and style, inlined
    assert out.count("<script") == 2 and "alert(1)</script>" not in out   # the text cannot close its block
    block = out.split('class="evx-document">')[1].split("</script>")[0]
    doc = json.loads(block)
    assert doc["text"].startswith(MEETING) and doc["result"]["events"][0]["type"] == "meeting"


def _cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "service", "extract", *map(str, args)], cwd=ROOT, text=True,
                          capture_output=True, timeout=300, **kw)


def test_processes_stream_every_record_and_failures_never_end_the_run(archive, tmp_path):
    for i in range(6):
        (archive / f"n{i}.txt").write_text(f"Officials met in Cairo on day {i}, the ministry said.")
    out = tmp_path / "out.jsonl"
    proc = _cli(archive, "--processes", "2", "-o", out)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert len(records) == 10 and sum("error" in r for r in records) == 2
    assert proc.stderr.count("documents failed") == 1 and "\r" not in proc.stderr   # piped: no progress bar


def test_an_extraction_error_is_a_record_not_a_traceback(tmp_path):
    """A bug in a rule (here: the core raising on one text) fails that document only."""
    (tmp_path / "a.txt").write_text(MEETING)
    (tmp_path / "b.txt").write_text("Officials met in Cairo, the ministry said.")
    script = ("import sys, service.core as core; real = core.extract_many\n"
              "def extract_many(nlp, requests, *a, **k):\n"
              "    if any('Monday' in r['text'] for r in requests): raise ValueError('a rule broke')\n"
              "    return real(nlp, requests, *a, **k)\n"
              "core.extract_many = extract_many\n"
              "from service.__main__ import main; sys.exit(main(sys.argv[1:]))\n")
    proc = subprocess.run([sys.executable, "-c", script, "extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")],
                          cwd=ROOT, text=True, capture_output=True, timeout=300)
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert records[0]["error"]["status"] == 500 and "a rule broke" in records[0]["error"]["detail"]
    assert records[1]["events"]


def test_progress_bar_on_a_terminal(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(MEETING)
    out = tmp_path / "out.jsonl"
    status, screen = on_a_terminal([sys.executable, "-m", "service", "extract", str(tmp_path), "-o", str(out)],
                                   dict(os.environ), ROOT)
    assert status == 0
    assert "3/3 documents, 0 failed" in screen and "\r[" in screen
    assert len(out.read_text().splitlines()) == 3


def test_ctrl_c_stops_a_parallel_run_cleanly(tmp_path):
    for i in range(200):
        (tmp_path / f"{i:03}.txt").write_text(MEETING + " Officials met in Cairo, the ministry said." * 20)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "service", "extract", str(tmp_path), "--processes", "2",
                             "-o", str(out)], cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or len(out.read_text().splitlines()) < 3):
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGINT)   # what a terminal's Ctrl-C does: the whole process group
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("the run hung after Ctrl-C")
    assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err
    written = out.read_text().splitlines()
    assert 3 <= len(written) < 200 and all(json.loads(line)["events"] for line in written)


def test_a_closed_pipe_ends_the_run_quietly(tmp_path):
    for i in range(20):
        (tmp_path / f"{i}.txt").write_text(MEETING)
    proc = subprocess.run(f"'{sys.executable}' -m service extract '{tmp_path}' | head -c 10 >/dev/null; "
                          "echo \"${PIPESTATUS[0]}\" >&2", shell=True, executable="/bin/bash", cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.stderr.strip() == "0", proc.stderr
