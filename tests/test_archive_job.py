"""The archive job on a local 2-worker Dask cluster: every input document accounted for, the events the HTTP
API gives for the same text, and a run killed mid-way then resumed to the output of an unbroken run."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from distributed import LocalCluster

from service import archive, archive_job, tables
from service.config import Config
from tests.conftest import ROOT
from tests.helpers import on_a_terminal

_WHO = ["The foreign minister of Norway", "A senior Kenyan diplomat", "The Chilean president",
        "Officials from the Danish defence ministry", "The prime minister of Portugal"]
_WHOM = ["his Egyptian counterpart", "the Japanese ambassador", "a delegation from Peru", "union leaders"]
_PLACES = ["Oslo", "Nairobi", "Lisbon", "Santiago", "Copenhagen"]
_ACTS = ["met {whom} in {place} on Monday.", "visited {place} on Tuesday and held talks with {whom}.",
         "said on Wednesday that the talks with {whom} in {place} would resume next week.",
         "rejected the proposal made by {whom} during the meeting in {place}."]


def _text(rnd: random.Random) -> str:
    return " ".join(f"{rnd.choice(_WHO)} {rnd.choice(_ACTS).format(whom=rnd.choice(_WHOM), place=rnd.choice(_PLACES))}"
                    for _ in range(rnd.randint(1, 4)))


def make_corpus(folder: Path, n: int = 40, seed: int = 3) -> tuple[list[dict], list[str], int]:
    """A JSONL file with good and broken lines and a Parquet file; (good documents, ids of the broken ones,
    number of input documents)."""
    rnd = random.Random(seed)
    good = [{"id": f"news-{i}", "text": _text(rnd), **({"published_at": f"2024-03-{1 + i % 28:02d}"} if i % 3 else {})}
            for i in range(n)]
    lines = [json.dumps(d) for d in good[: n // 2]]
    broken = {"not JSON": "{\"id\": \"cut", "not an object": "[1, 2]", "blank text": json.dumps({"id": "blank", "text": "  "}),
              "no text": json.dumps({"id": "no-text"}), "text a number": json.dumps({"id": "number", "text": 7}),
              "bad date": json.dumps({"id": "bad-date", "text": "Officials met.", "published_at": "March 5"}),
              "too long": json.dumps({"id": "long", "text": "word " * (Config().MAX_TEXT_CHARS // 5 + 1)})}
    for k, line in enumerate(broken.values()):
        lines.insert(3 + 2 * k, line)
    lines.insert(6, "")   # blank lines are not documents
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rest = good[n // 2:]
    table = pa.table({"id": [d["id"] for d in rest] + [None],
                      "text": [d["text"] for d in rest] + ["The envoy visited Lima on Friday."],
                      "published_at": [d.get("published_at") for d in rest] + [None]})
    pq.write_table(table, folder / "b.parquet", row_group_size=7)
    broken_ids = ["blank", "no-text", "number", "bad-date", "long", f"{folder / 'a.jsonl'}:4", f"{folder / 'a.jsonl'}:6"]
    return good, broken_ids, len(lines) - 1 + table.num_rows


OPTIONS = archive.Options(max_text_chars=Config().MAX_TEXT_CHARS)
MODEL = Config.from_env().SPACY_MODEL


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    return (folder / "in", *make_corpus(folder / "in"))


@pytest.fixture(scope="module")
def clean_run(corpus):
    """The job on a cluster given by its address, as a user's would be (the kill test runs the default, a
    LocalCluster the command starts)."""
    folder, *_ = corpus
    out = folder.parent / "out"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        manifest = archive_job.run([str(folder)], str(out), OPTIONS, MODEL, scheduler=cluster.scheduler_address,
                                   partition_size=7, jsonl=True)
    return out, manifest


def _table(out: Path, name: str) -> list[dict]:
    rows = pq.read_table(out / name).to_pylist()
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))


def test_every_input_document_is_a_row_and_the_broken_ones_say_why(corpus, clean_run):
    folder, good, broken_ids, n_inputs = corpus
    out, manifest = clean_run
    docs = pq.read_table(out / "documents").to_pylist()
    assert len(docs) == n_inputs == manifest["documents"]["input"]
    assert len({d["input"] for d in docs}) == n_inputs   # each input line or row exactly once
    failed = {d["document"]: d for d in docs if d["error"]}
    assert sorted(failed) == sorted(broken_ids)
    assert all(d["error_status"] == 422 for d in failed.values())
    assert "not JSON" in failed[f"{folder / 'a.jsonl'}:4"]["error"]
    assert "published_at" in failed["bad-date"]["error"] and "text" in failed["number"]["error"]
    # The Parquet row with no id is named by its place in the file, rows counted from 1.
    assert f"{folder / 'b.parquet'}:21" in {d["document"] for d in docs}
    assert manifest["documents"] | {"failed_by_status": None} == {
        "input": n_inputs, "extracted": n_inputs - len(broken_ids), "failed": len(broken_ids),
        "failed_by_status": None, "not_done": 0}
    assert manifest["partitions"]["done"] == manifest["partitions"]["total"] > 2
    events = pq.read_table(out / "events").to_pylist()
    assert manifest["events"]["total"] == sum(1 for e in events if not e["error"]) > len(good)
    assert {e["document"] for e in events if e["error"]} == set(broken_ids)


def test_same_events_as_the_http_api_for_the_same_text(corpus, clean_run, client):
    folder, good, _, _ = corpus
    out, _ = clean_run
    records = {r["id"]: r for f in sorted((out / "records").glob("*.jsonl")) for r in map(json.loads, f.open())}
    events = pq.read_table(out / "events").to_pylist()
    for doc in good:
        resp = client.post("/v1/extract", json=doc)
        assert resp.status_code == 200
        api = resp.get_json()
        assert records[doc["id"]] == api
        # The Parquet rows are the CLI's flat table of that answer, with actors, places and dates as structs.
        assert [e for e in events if e["document"] == doc["id"]] == tables.event_rows(api)
    assert sum(len(records[d["id"]]["events"]) for d in good) > len(good)


def _archive_cmd(corpus_dir: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "service", "archive", str(corpus_dir), str(out), "--workers", "2",
            "--partition-size", "2", "--jsonl"]


def test_a_killed_run_resumes_to_the_same_output(corpus, clean_run, tmp_path):
    folder, *_ = corpus
    clean_out, clean_manifest = clean_run
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(_archive_cmd(folder, out), cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and not list((out / "_done").glob("*.json")):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)   # the client, the cluster and its workers, mid-run
    proc.wait()
    done_before = {p.name: p.stat().st_mtime_ns for p in (out / "events").glob("*.parquet")
                   if (out / "_done" / p.name.replace(".parquet", ".json")).exists()}
    done_docs = sum(json.loads(p.read_text())["documents"] for p in (out / "_done").glob("*.json"))
    total = len(archive_job.plan(archive_job.expand([str(folder)]), 2))
    assert 0 < len(done_before) < total, proc.stderr.read().decode()[-2000:]

    status, screen = on_a_terminal(_archive_cmd(folder, out), env, ROOT)
    assert status == 1, screen[-2000:]   # 1: the broken documents are reported
    # The progress bar starts from the documents done before, and ends with all of them.
    n = clean_manifest["documents"]["input"]
    assert f"| {n}/{n} [" in screen and f"{done_docs}/{n} [" in screen, screen[-2000:]
    assert {p: (out / "events" / p).stat().st_mtime_ns for p in done_before} == done_before   # not redone
    assert not [p for p in out.rglob(".*") if p.is_file()]   # no half-written file left
    for name in ("events", "documents"):
        assert _table(out, name) == _table(clean_out, name)
    resumed_manifest = json.loads((out / "manifest.json").read_text())
    # Partitions of 2 documents here, of 7 in the clean run: the same documents and events all the same.
    for key in ("documents", "events", "model", "inputs"):
        assert resumed_manifest[key] == clean_manifest[key]


def test_an_output_folder_of_another_run_is_refused(corpus, clean_run, capsys):
    from service.__main__ import main
    folder, *_ = corpus
    out, _ = clean_run
    assert main(["archive", str(folder), str(out), "--partition-size", "5"]) == 2
    assert "output of another run" in capsys.readouterr().err
    assert main(["archive", str(folder / "nothing-*.jsonl"), str(out.parent / "new")]) == 2
    assert "no JSONL or Parquet file" in capsys.readouterr().err
    (folder.parent / "notes.txt").write_text("x")
    assert main(["archive", str(folder.parent / "notes.txt"), str(out.parent / "new")]) == 2
    assert "not JSONL" in capsys.readouterr().err


def test_folders_give_their_jsonl_and_parquet_files_but_not_bookkeeping(tmp_path):
    for name in ("a.jsonl", "sub/b.parquet", "sub/c.ndjson", "notes.txt", ".hidden.jsonl", "_done/p.json",
                 "sub/_metadata/x.parquet"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    assert archive_job.expand([str(tmp_path)]) == [tmp_path / "a.jsonl", tmp_path / "sub/b.parquet",
                                                   tmp_path / "sub/c.ndjson"]
