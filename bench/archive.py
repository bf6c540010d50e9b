"""`make archive-bench`: articles/s of the archive job (`python -m service archive`) on the development texts
repeated to ~2,000 documents, against spaCy's stock pipeline through nlp.pipe(n_process=2) on the same
texts, measured just before and just after it in the same run (the machine's speed moves; the ratio is
taken against the mean of the two). Both end to end: processes started, pipeline loaded, every text
parsed; the archive job also extracts and writes its Parquet tables.

Reads ../shared/eval/dev/texts.jsonl (SHARED=... elsewhere); says so and stops when it is absent.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 0.85


def pipe_rate(model: str, texts: list[str], batch_size: int) -> float:
    import spacy
    nlp = spacy.load(model)   # spaCy's, untouched
    t0 = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts, n_process=2, batch_size=batch_size))
    return n / (time.perf_counter() - t0)


def archive_rate(model: str, corpus: Path, out: Path) -> tuple[float, dict]:
    from service import archive, archive_job
    from service.config import Config
    options = archive.Options(max_text_chars=Config.from_env().MAX_TEXT_CHARS)
    t0 = time.perf_counter()
    manifest = archive_job.run([str(corpus)], str(out), options, model, workers=2, progress=False)
    return manifest["documents"]["input"] / (time.perf_counter() - t0), manifest


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--documents", type=int, default=2000, help="about this many (whole repeats of the texts)")
    ap.add_argument("--batch-size", type=int, default=64, help="nlp.pipe's batch_size (spaCy's default of 1000 "
                                                               "would give one process most of 2,000 texts)")
    a = ap.parse_args(argv)
    source = Path(os.environ.get("SHARED", ROOT.parent / "shared")) / "eval" / "dev" / "texts.jsonl"
    if not source.exists():
        print(f"archive-bench skipped: {source} is absent (the development texts live in ../shared)")
        return 0
    from service.config import Config
    model = Config.from_env().SPACY_MODEL
    dev = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    repeats = max(1, round(a.documents / len(dev)))
    docs = [{"id": f"{d['id']}#{k}", "text": d["text"], "published_at": d.get("published")}
            for k in range(repeats) for d in dev]
    with tempfile.TemporaryDirectory(prefix="archive-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        texts = [d["text"] for d in docs]
        print(f"archive bench: {len(docs):,} documents (the {len(dev)} development texts x {repeats}), "
              f"{sum(map(len, texts)):,} characters; model {model}; 2 workers / 2 processes, {os.cpu_count()} cores")
        before = pipe_rate(model, texts, a.batch_size)
        print(f"  limit: nlp.pipe(n_process=2, batch_size={a.batch_size}), stock pipeline   {before:6.2f} articles/s")
        rate, manifest = archive_rate(model, corpus, Path(tmp) / "out")
        print(f"  archive job, local cluster of 2 workers                  {rate:6.2f} articles/s  "
              f"({manifest['partitions']['total']} partitions, {manifest['events']['total']:,} events, "
              f"{manifest['documents']['failed']} failed)")
        after = pipe_rate(model, texts, a.batch_size)
        print(f"  limit again                                              {after:6.2f} articles/s")
    ratio = rate / ((before + after) / 2)
    print(f"archive job: {rate:.2f} articles/s = {ratio:.2f} x nlp.pipe(n_process=2) (against the mean of the "
          f"limit before and after; the limit moved {min(before, after) / max(before, after):.2f} x between them); "
          f"target >= {TARGET} x: {'met' if ratio >= TARGET else 'NOT met'}")
    return 0 if ratio >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
