"""`make bench-scale`: answer time and index load as the library grows.

Builds synthetic Dutch corpora in a temporary folder (the seed texts plus generated documents
whose paragraphs recombine the seed texts' sentences; generated, never committed), indexes each
through the normal `assistant index` path and prints, per size: build time, passages/s and peak
memory, texts embedded, index size on disk, load time, resident memory, answer p50/p95 with 1
and 4 callers, and where the answer time goes.

The generated paragraphs come from a pool of :data:`POOL` (1,000) distinct ones, and every size
is built into the same index folder, smallest first: the embeddings cache carries the pool's
vectors from one size to the next, so only the first size pays for embedding (its row gives the
real build rate for text never seen) and the whole run stays within minutes. Retrieval still
works on every passage of each size: FAISS and BM25 hold one row per passage, repeated or not.

    python benchmarks/scale_bench.py [--sizes 1000 10000 30000] [--unique]

``--unique`` makes every paragraph and sentence new instead, for the build rate of text never
seen (it embeds everything: about 3 minutes per 1,000 passages on 2 cores).

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
POOL = 1000


def seed_sentences() -> list[str]:
    from assistant.engine.text.sentences import split_sentences

    out: list[str] = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            if len(paragraph.split()) > 12 and not paragraph.startswith("#"):
                out.extend(s for s in split_sentences(paragraph) if len(s.split()) > 6)
    return out


def make_corpus(folder: Path, passages: int, unique: bool = False) -> None:
    """The seed corpus plus generated documents of about ``passages`` paragraphs in all, drawn
    from the pool (one title for all: the embedded text of a passage is its title and text).
    ``unique``: every paragraph and sentence new instead (each sentence numbered), so that
    nothing repeats and the build embeds everything, as with a library of real reports."""
    folder.mkdir(parents=True)
    for path in (ROOT / "corpus").iterdir():
        shutil.copy2(path, folder / path.name)
    sentences = seed_sentences()
    pool_rng = random.Random(0)
    pool = [" ".join(pool_rng.sample(sentences, SENTENCES_PER_PARAGRAPH)) for _ in range(POOL)]
    rng = random.Random(passages)
    for d in range(max(1, passages // PARAGRAPHS_PER_DOCUMENT)):
        lines = ["# Raadsnotitie: digitalisering in de gemeente", ""]
        for p in range(PARAGRAPHS_PER_DOCUMENT):
            if unique:
                lines += [" ".join(f"In notitie {d + 1}.{p + 1}.{i + 1}: {s[0].lower()}{s[1:]}"
                                   for i, s in enumerate(rng.sample(
                                       sentences, SENTENCES_PER_PARAGRAPH))), ""]
            else:
                lines += [rng.choice(pool), ""]
        (folder / f"raadsnotitie-{d + 1:05d}.txt").write_text("\n".join(lines), encoding="utf-8")


def measure(corpus: Path, index: Path) -> dict[str, object]:
    """In a fresh process: load time, memory, answer times with 1 and 4 callers and, with one
    caller, the median of each part of an answer."""
    from assistant.config import Settings
    from assistant.engine import Engine

    started = time.perf_counter()
    # As the chat serves: one thread per question (ASSISTANT_ENGINE_THREADS=one).
    engine = Engine.load(Settings.of(corpus_dir=corpus, index_dir=index, engine_threads="one"))
    load_s = time.perf_counter() - started
    for q in QUESTIONS:
        engine.ask(q)
    result: dict[str, object] = {"load_s": round(load_s, 2),
                                 "passages": len(engine.index.passages)}
    parts: dict[str, list[float]] = {}
    for callers in (1, 4):
        times: list[float] = []
        rounds = 120 // callers

        def work(offset: int, times: list[float] = times, rounds: int = rounds,
                 callers: int = callers) -> None:
            for i in range(rounds):
                t = time.perf_counter()
                retrieval, answer = engine.ask_with_retrieval(
                    QUESTIONS[(offset + i) % len(QUESTIONS)])
                times.append((time.perf_counter() - t) * 1000)
                if callers == 1:
                    timings = retrieval.timings_ms | {"compose": answer.timings_ms["compose"]}
                    for name, ms in timings.items():
                        parts.setdefault(name, []).append(ms)

        with ThreadPoolExecutor(callers) as pool:
            list(pool.map(work, range(callers)))
        times.sort()
        result[f"p50_{callers}"] = round(statistics.median(times), 1)
        result[f"p95_{callers}"] = round(times[int(len(times) * 0.95)], 1)
    median = {name: statistics.median(ms) for name, ms in parts.items()}
    # The parts of retrieval that are not the question's embedding, BM25 or FAISS: fusion,
    # relevance and the choice of sentences.
    rest = median["retrieve"] - median["lexical"] - median["dense"]
    result["parts"] = (f"embed {median['embed']:.1f}, FAISS {median['dense'] - median['embed']:.1f}"
                       f", BM25 {median['lexical']:.1f}, rank {rest:.1f}, "
                       f"compose {median['compose']:.1f}")
    result["rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def main() -> None:
    if len(sys.argv) > 3 and sys.argv[1] == "--measure":
        print(json.dumps(measure(Path(sys.argv[2]), Path(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 30000])
    parser.add_argument("--unique", action="store_true",
                        help="no repeated text: the build rate of a library never indexed before")
    args = parser.parse_args()
    print("| passages | build: time, passages/s, peak memory | texts embedded | index on disk | "
          "load | memory | p50 1 caller | p95 1 caller | p50 4 callers | p95 4 callers | "
          "median ms, 1 caller |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="raadsgids-scale-") as tmp:
        index = Path(tmp) / "index"  # one folder: each build reuses the vectors of the one before
        for size in sorted(args.sizes):
            corpus = Path(tmp) / f"corpus-{size}"
            make_corpus(corpus, size, args.unique)
            started = time.perf_counter()
            build = subprocess.Popen([sys.executable, "-m", "assistant.cli", "index", "--quiet"],
                                     cwd=ROOT, stdout=subprocess.DEVNULL,
                                     env={**os.environ, "ASSISTANT_CORPUS_DIR": str(corpus),
                                          "ASSISTANT_INDEX_DIR": str(index)})
            _, status, usage = os.wait4(build.pid, 0)  # the build's own peak memory
            build.returncode = os.waitstatus_to_exitcode(status)
            if build.returncode:
                raise SystemExit(f"assistant index failed with exit code {build.returncode}")
            build_s = time.perf_counter() - started
            manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
            embeddings = manifest["embeddings"]
            new = embeddings["embedded"]
            disk = sum(f.stat().st_size for f in index.resolve().rglob("*")
                       if f.is_file() and f.name != "embeddings.npz")
            out = subprocess.run([sys.executable, __file__, "--measure", str(corpus), str(index)],
                                 check=True, cwd=ROOT, capture_output=True, text=True).stdout
            r = json.loads(out.strip().splitlines()[-1])
            print(f"| {r['passages']:,} | {build_s:.0f} s, {r['passages'] / build_s:.0f}/s, "
                  f"{usage.ru_maxrss / 1024:.0f} MB | {new:,} of {embeddings['count']:,} | "
                  f"{disk / 1e6:.0f} MB | {r['load_s']} s | {r['rss_mb']} MB | "
                  f"{r['p50_1']} ms | {r['p95_1']} ms | {r['p50_4']} ms | {r['p95_4']} ms | "
                  f"{r['parts']} |", flush=True)


if __name__ == "__main__":
    main()
