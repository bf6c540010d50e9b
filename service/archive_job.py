"""The archive job: the extraction core over a corpus on Dask (`python -m service archive INPUT... OUT`).

    inputs --plan--> partitions: runs of documents (lines of a JSONL file, rows of a Parquet file)
           --dask--> on a worker, with the pipeline it loaded once (PipelinePlugin): the partition read,
                     extracted through one nlp.pipe a batch (archive.extract_batch), its Parquet files
                     written, then its marker, each file atomically (written aside, then renamed)
           --here--> manifest.json, the counts of all partitions

With no scheduler address a LocalCluster sized to this machine runs it; with one (tcp://host:8786) the
same code runs on that cluster, whose workers need this package (`pip install .[archive]`) and the input
and output paths (a filesystem they all mount at the same place).

Resumable: a partition is done when its marker exists. A rerun skips those and redoes the others, whose
files are replaced whole, so a run killed and resumed leaves what an unbroken run leaves.
"""
from __future__ import annotations

import contextlib
import glob
import json
import logging
import os
import sys
import uuid
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterator

import dask
import pyarrow.parquet as pq
from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from . import archive, tables, writers
from .nlp import describe
from .schemas import ExtractRequestSchema
from .sources import Source, manifest_line

# Documents per partition, unless given: enough partitions that the workers finish together (at the end
# a worker idles while the others do their last one), few enough that files and tasks stay large. 250 news
# articles are about half a minute of one worker's time.
PARTITIONS_AT_LEAST = 64
PARTITION_SIZE = (10, 250)
BATCH = 64             # documents through one nlp.pipe (one memory zone)
PLUGIN = "event-extraction-pipeline"
_PARQUET = (".parquet", ".pq")
_JSONL = (".jsonl", ".ndjson", ".json")


class InputError(Exception):
    """The command cannot run as given (no input, an unreadable file, an output folder of another run)."""


@dataclass(frozen=True)
class Partition:
    name: str
    path: str
    kind: str        # "jsonl" or "parquet"
    start: int       # byte offset of its first line, or its first row
    stop: int        # byte offset past its last line, or past its last row
    first: int       # line number (1-based) of its first line, or 1 + its first row
    documents: int


# ---- plan -------------------------------------------------------------------------------------------

def expand(args: list[str]) -> list[Path]:
    """JSONL and Parquet files from paths, folders (every such file under them) and glob patterns."""
    files: list[Path] = []
    for arg in args:
        p = Path(arg)
        if p.is_dir():   # hidden and _-prefixed names are other tools' bookkeeping (_SUCCESS, _metadata)
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in _PARQUET + _JSONL
                           and not any(part.startswith((".", "_")) for part in f.relative_to(p).parts))
        elif p.exists() or not glob.has_magic(arg):
            found = [p]
        else:
            found = sorted(Path(m) for m in glob.glob(arg, recursive=True) if Path(m).is_file())
        if not found:
            raise InputError(f"{arg}: no JSONL or Parquet file here")
        for f in found:
            if not f.is_file():
                raise InputError(f"{f}: no such file")
            if f.suffix not in _PARQUET + _JSONL:
                raise InputError(f"{f}: not JSONL (.jsonl, .ndjson, .json) or Parquet (.parquet, .pq)")
        files += [f.resolve() for f in found]
    return list(dict.fromkeys(files))


def _jsonl_partitions(n: int, path: Path, size: int) -> list[Partition]:
    """Cut at every `size`-th document (non-blank line); one pass over the file, reading nothing else."""
    cuts, offset, docs = [], 0, 0
    with open(path, "rb") as f:
        for line_no, line in enumerate(f, 1):
            if line.strip():
                if docs % size == 0:
                    cuts.append((offset, line_no))
                docs += 1
            offset += len(line)
    bounds = [c[0] for c in cuts[1:]] + [offset]
    return [Partition(f"part-{n:05d}-{k:06d}", str(path), "jsonl", start, stop, first, min(size, docs - k * size))
            for k, ((start, first), stop) in enumerate(zip(cuts, bounds))]


def _parquet(path: Path) -> pq.ParquetFile:
    try:
        pf = pq.ParquetFile(path)
    except OSError:
        raise
    except Exception as exc:
        raise InputError(f"{path}: not a Parquet file pyarrow can read: {exc}") from None
    if "text" not in pf.schema_arrow.names:
        raise InputError(f"{path}: no 'text' column (it has {', '.join(pf.schema_arrow.names)})")
    return pf


def _parquet_partitions(n: int, path: Path, size: int) -> list[Partition]:
    rows = _parquet(path).metadata.num_rows
    return [Partition(f"part-{n:05d}-{k:06d}", str(path), "parquet", start, min(start + size, rows), start + 1,
                      min(size, rows - start)) for k, start in enumerate(range(0, rows, size))]


def _documents(path: Path) -> int:
    if path.suffix in _PARQUET:
        return _parquet(path).metadata.num_rows
    with open(path, "rb") as f:
        return sum(1 for line in f if line.strip())


def default_partition_size(files: list[Path]) -> int:
    """The default: as many documents as give about PARTITIONS_AT_LEAST partitions, within PARTITION_SIZE,
    so the same inputs give the same plan."""
    low, high = PARTITION_SIZE
    return min(high, max(low, -(-sum(map(_documents, files)) // PARTITIONS_AT_LEAST)))


def plan(files: list[Path], size: int) -> list[Partition]:
    return [p for n, f in enumerate(files)
            for p in (_parquet_partitions if f.suffix in _PARQUET else _jsonl_partitions)(n, f, size)]


# ---- one partition, on a worker ----------------------------------------------------------------------

class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline once per worker, when the worker starts or joins, for all its tasks."""

    def __init__(self, model: str, max_text_chars: int):
        self.model, self.max_text_chars = model, max_text_chars

    def setup(self, worker):
        from .nlp import load_pipeline
        self.nlp = load_pipeline(self.model)
        self.schema = ExtractRequestSchema(max_text_chars=self.max_text_chars)


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def read_partition(part: Partition) -> Iterator[tuple[Source, str]]:
    """(source, where: path:line or path:row) of each document of the partition, in order."""
    if part.kind == "jsonl":
        with open(part.path, "rb") as f:
            f.seek(part.start)
            offset, line_no = part.start, part.first
            for raw in f:
                if offset >= part.stop:
                    break
                offset += len(raw)
                if raw.strip():
                    where = f"{part.path}:{line_no}"
                    yield manifest_line(raw.decode("utf-8-sig" if line_no == 1 else "utf-8", "replace"), where), where
                line_no += 1
        return
    pf = pq.ParquetFile(part.path)
    columns = [c for c in ("id", "text", "published_at", "types") if c in pf.schema_arrow.names]
    row = 0
    for g in range(pf.metadata.num_row_groups):
        rows = pf.metadata.row_group(g).num_rows
        if row + rows > part.start and row < part.stop:
            group = pf.read_row_group(g, columns=columns).slice(max(part.start - row, 0),
                                                                part.stop - max(part.start, row))
            for k, values in enumerate(group.to_pylist(), max(part.start, row) + 1):
                where = f"{part.path}:{k}"
                doc_id = values.pop("id", None)
                fields = {key: _iso(v) for key, v in values.items() if v is not None}
                yield Source(str(doc_id) if doc_id is not None else where, fields=fields), where
        row += rows


def _atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Write aside and rename: a reader, or a rerun after a kill, sees the whole file or none."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _write_jsonl(records: list[dict]) -> Callable[[Path], None]:
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8") as f, writers.open_writer("jsonl", f) as out:
            for r in records:
                out.write(r)
    return write


def run_partition(part: Partition, out: str, options: archive.Options, jsonl: bool) -> dict:
    """Extract one partition and write its files and marker; its counts."""
    plugin = get_worker().plugins[PLUGIN]
    docs = list(read_partition(part))
    records = []
    for i in range(0, len(docs), BATCH):
        batch = [source for source, _ in docs[i:i + BATCH]]
        records += [r for r, _ in archive.extract_batch(plugin.nlp, plugin.schema, options, batch)]
    root = Path(out)
    _atomic(root / "events" / f"{part.name}.parquet",
            lambda p: pq.write_table(tables.events_table(records), p))
    _atomic(root / "documents" / f"{part.name}.parquet",
            lambda p: pq.write_table(tables.documents_table(records, [w for _, w in docs]), p))
    if jsonl:
        _atomic(root / "records" / f"{part.name}.jsonl", _write_jsonl(records))
    failed = Counter(str(r["error"]["status"]) for r in records if "error" in r)
    counts = {"partition": part.name, "documents": len(records), "failed": sum(failed.values()),
              "failed_by_status": dict(sorted(failed.items())),
              "events": sum(len(r.get("events", ())) for r in records),
              "events_by_type": dict(sorted(Counter(e["type"] for r in records for e in r.get("events", ())).items())),
              "model": describe(plugin.nlp)}
    _atomic(root / "_done" / f"{part.name}.json", lambda p: p.write_text(json.dumps(counts)))
    return counts


# ---- the run, from the client ------------------------------------------------------------------------

@contextlib.contextmanager
def connect(scheduler: str | None, workers: int | None) -> Iterator[Client]:
    """A client of the given scheduler, or of a LocalCluster: one single-threaded worker process per core
    (spaCy holds the GIL while it parses, so threads would not add speed)."""
    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            yield client
        return
    n = workers or len(os.sched_getaffinity(0))
    # Dask's default environment for worker processes minus MALLOC_TRIM_THRESHOLD_: returning every freed
    # 64 KiB to the system cost 5% more CPU a document here, and a worker's memory is bounded by its
    # partition anyway.
    environ = {k: v for k, v in dask.config.get("distributed.nanny.pre-spawn-environ").items()
               if k != "MALLOC_TRIM_THRESHOLD_"}
    with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}), \
            LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                         silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        yield client


def _check_output(out: Path, identity: dict) -> None:
    """The output folder is new, or holds this same run (same inputs, partitions and options)."""
    marker = out / "_plan.json"
    if marker.exists():
        if json.loads(marker.read_text()) != identity:
            raise InputError(f"{out} holds the output of another run (other inputs, partition size or options): "
                             "give another folder, or remove it to start over")
    elif out.exists() and any(out.iterdir()):
        raise InputError(f"{out} is not empty and not the output of an archive run: give a new folder")
    for sub in ("events", "documents", "_done") + (("records",) if identity["jsonl"] else ()):
        (out / sub).mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out)
    _atomic(marker, lambda p: p.write_text(json.dumps(identity, indent=1)))


def _remove_leftovers(out: Path) -> None:
    """Files half written by a worker that was killed (no writer may be running)."""
    for tmp in out.glob("*/.*.tmp"):
        tmp.unlink()


def run(inputs: list[str], out: str, options: archive.Options, model: str, scheduler: str | None = None,
        workers: int | None = None, partition_size: int | None = None, jsonl: bool = False,
        progress: bool | None = None) -> dict:
    """Run (or resume) the job; the manifest it writes. InputError when it cannot start."""
    root = Path(out).resolve()
    files = [f for f in expand(inputs) if not f.is_relative_to(root)]   # an output folder inside an input one
    if not files:
        raise InputError("no input outside the output folder")
    try:
        partition_size = partition_size or default_partition_size(files)
        parts = plan(files, partition_size)
    except OSError as exc:
        raise InputError(f"{exc.filename}: cannot be read: {exc.strerror or exc}") from None
    identity = json.loads(json.dumps({   # as _plan.json will read back (tuples as lists)
        "inputs": [{"path": str(f), "bytes": f.stat().st_size, "modified_ns": f.stat().st_mtime_ns} for f in files],
        "partition_size": partition_size, "model": model, "jsonl": jsonl,
        "options": {k: v for k, v in asdict(options).items() if k != "keep_text"}}))
    _check_output(root, identity)
    todo = [p for p in parts if not (root / "_done" / f"{p.name}.json").exists()]
    failures = {}
    if todo:
        from tqdm import tqdm
        total = sum(p.documents for p in parts)
        bar = tqdm(total=total, initial=total - sum(p.documents for p in todo), unit="doc", file=sys.stderr,
                   disable=not (sys.stderr.isatty() if progress is None else progress), dynamic_ncols=True)
        with connect(scheduler, workers) as client, bar:
            client.register_plugin(PipelinePlugin(model, options.max_text_chars), name=PLUGIN)
            run_id = uuid.uuid4().hex[:8]
            futures = client.map(run_partition, todo, out=str(root), options=options, jsonl=jsonl, pure=False,
                                 retries=1, key=[f"archive-{p.name}-{run_id}" for p in todo])
            by_key = {f.key: p for f, p in zip(futures, todo)}
            for future in as_completed(futures):
                part = by_key[future.key]
                try:
                    bar.update(future.result()["documents"])
                except Exception as exc:   # the partition could not be read or written: a rerun retries it
                    failures[part.name] = f"{type(exc).__name__}: {exc}"
        _remove_leftovers(root)
    return _manifest(root, parts, files, failures)


def _manifest(root: Path, parts: list[Partition], files: list[Path], failures: dict[str, str]) -> dict:
    done = [json.loads((root / "_done" / f"{p.name}.json").read_text()) for p in parts
            if (root / "_done" / f"{p.name}.json").exists()]
    failed_by_status, by_type = Counter(), Counter()
    for d in done:
        failed_by_status.update(d["failed_by_status"])
        by_type.update(d["events_by_type"])
    undone = [{"partition": p.name, "input": f"{p.path}:{p.first}", "documents": p.documents,
               "error": failures.get(p.name, "not run")}
              for p in parts if not (root / "_done" / f"{p.name}.json").exists()]
    manifest = {
        "inputs": [str(f) for f in files],
        "documents": {"input": sum(p.documents for p in parts),
                      "extracted": sum(d["documents"] - d["failed"] for d in done),
                      "failed": sum(d["failed"] for d in done),
                      "failed_by_status": dict(sorted(failed_by_status.items())),
                      "not_done": sum(u["documents"] for u in undone)},
        "events": {"total": sum(d["events"] for d in done), "by_type": dict(sorted(by_type.items()))},
        "partitions": {"total": len(parts), "done": len(done), "not_done": undone},
        "model": done[0]["model"] if done else None,
        "tables": {"events": "events/*.parquet", "documents": "documents/*.parquet"},
    }
    _atomic(root / "manifest.json", lambda p: p.write_text(json.dumps(manifest, indent=1) + "\n"))
    return manifest
