"""`make bench-scale`: answer time and index load as the library grows.

Builds synthetic Dutch corpora in a temporary folder (the seed texts plus generated documents
whose paragraphs recombine the seed texts' sentences; generated, never committed), indexes each
through the normal `assistant index` path and prints, per size: build time and passages/s, index
size on disk, load time, resident memory, and answer p50/p95 with 1 and 4 callers.

    python benchmarks/scale_bench.py [--sizes 1000 10000 30000]

Figures only, no assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench import QUESTIONS  # noqa: E402

SENTENCES_PER_PARAGRAPH = 5
PARAGRAPHS_PER_DOCUMENT = 40


def seed_sentences() -> list[str]:
    from assistant.engine.textproc import split_sentences

    out: list[str] = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            if len(paragraph.split()) > 12 and not paragraph.startswith("#"):
                out.extend(s for s in split_sentences(paragraph) if len(s.split()) > 6)
    return out


def make_corpus(folder: Path, passages: int) -> None:
    """The seed corpus plus generated documents of about ``passages`` paragraphs in all."""
    folder.mkdir(parents=True)
    for path in (ROOT / "corpus").iterdir():
        shutil.copy2(path, folder / path.name)
    rng = random.Random(passages)
    sentences = seed_sentences()
    documents = max(1, passages // PARAGRAPHS_PER_DOCUMENT)
    for d in range(documents):
        lines = [f"# Raadsnotitie {d + 1}: digitalisering in de gemeente", ""]
        for p in range(PARAGRAPHS_PER_DOCUMENT):
            if p % 8 == 0:
                lines += [f"## Onderdeel {p // 8 + 1}", ""]
            lines += [" ".join(rng.sample(sentences, SENTENCES_PER_PARAGRAPH)), ""]
        (folder / f"raadsnotitie-{d + 1:05d}.txt").write_text("\n".join(lines), encoding="utf-8")


def measure(corpus: Path, index: Path) -> dict[str, object]:
    """In a fresh process: load time, memory and answer times with 1 and 4 callers."""
    from assistant.config import Settings
    from assistant.engine import Engine

    started = time.perf_counter()
    engine = Engine.load(Settings(corpus_dir=corpus, index_dir=index))
    load_s = time.perf_counter() - started
    for q in QUESTIONS:
        engine.ask(q)
    result: dict[str, object] = {"load_s": round(load_s, 2),
                                 "passages": len(engine.index.passages)}
    for callers in (1, 4):
        times: list[float] = []

        rounds = 120 // callers

        def work(offset: int, times: list[float] = times, rounds: int = rounds) -> None:
            for i in range(rounds):
                t = time.perf_counter()
                engine.ask(QUESTIONS[(offset + i) % len(QUESTIONS)])
                times.append((time.perf_counter() - t) * 1000)

        with ThreadPoolExecutor(callers) as pool:
            list(pool.map(work, range(callers)))
        times.sort()
        result[f"p50_{callers}"] = round(statistics.median(times), 1)
        result[f"p95_{callers}"] = round(times[int(len(times) * 0.95)], 1)
    result["rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def main() -> None:
    if len(sys.argv) > 3 and sys.argv[1] == "--measure":
        print(json.dumps(measure(Path(sys.argv[2]), Path(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 30000])
    args = parser.parse_args()
    print("| passages | build | passages/s | index on disk | load | memory | p50 1 caller | "
          "p95 1 caller | p50 4 callers | p95 4 callers |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="raadsgids-scale-") as tmp:
        for size in args.sizes:
            corpus, index = Path(tmp) / f"corpus-{size}", Path(tmp) / f"index-{size}"
            make_corpus(corpus, size)
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "assistant.cli", "index", "--quiet"],
                           check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
                           env={**os.environ, "ASSISTANT_CORPUS_DIR": str(corpus),
                                "ASSISTANT_INDEX_DIR": str(index)})
            build_s = time.perf_counter() - started
            disk = sum(f.stat().st_size for f in index.resolve().rglob("*") if f.is_file())
            out = subprocess.run([sys.executable, __file__, "--measure", str(corpus), str(index)],
                                 check=True, cwd=ROOT, capture_output=True, text=True).stdout
            r = json.loads(out.strip().splitlines()[-1])
            print(f"| {r['passages']:,} | {build_s:.0f} s | {r['passages'] / build_s:.0f} | "
                  f"{disk / 1e6:.0f} MB | {r['load_s']} s | {r['rss_mb']} MB | "
                  f"{r['p50_1']} ms | {r['p95_1']} ms | {r['p50_4']} ms | {r['p95_4']} ms |",
                  flush=True)


if __name__ == "__main__":
    main()
