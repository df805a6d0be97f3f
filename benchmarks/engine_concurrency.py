"""The engine alone under concurrent callers: answers per second and latency with 1, 2, 4 and 8
threads asking at once, for each thread setting of the native libraries (FAISS's OpenMP pool,
torch's intra-op pool), each measured in a fresh process so that one setting does not leak into
the next.

    python benchmarks/engine_concurrency.py            # both settings (about two minutes)

Figures only; `assistant chat` uses ``one`` and the command line ``library`` unless
ASSISTANT_ENGINE_THREADS says otherwise (see docs/settings.md and docs/benchmarks.md).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench import QUESTIONS  # noqa: E402

CALLERS = (1, 2, 4, 8)
SECONDS = 8.0


def measure(threads: str) -> dict[str, object]:
    from assistant.config import Settings
    from assistant.engine import Engine

    settings = Settings.of(engine_threads=threads)  # type: ignore[arg-type]
    engine = Engine.load(settings)
    for q in QUESTIONS:
        engine.ask(q)  # warm-up
    results = {}
    for callers in CALLERS:
        latencies: list[float] = []
        stop = time.monotonic() + SECONDS

        def work(offset: int, stop: float = stop, latencies: list[float] = latencies) -> None:
            i = offset
            while time.monotonic() < stop:
                started = time.perf_counter()
                engine.ask(QUESTIONS[i % len(QUESTIONS)])
                latencies.append((time.perf_counter() - started) * 1000)
                i += 1

        started = time.monotonic()
        with ThreadPoolExecutor(callers) as pool:
            list(pool.map(work, range(callers)))
        elapsed = time.monotonic() - started
        latencies.sort()
        results[callers] = {"answers_per_s": round(len(latencies) / elapsed, 1),
                            "p50_ms": round(statistics.median(latencies), 1),
                            "p95_ms": round(latencies[int(len(latencies) * 0.95)], 1)}
    return results


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(measure(sys.argv[2])))
        return
    print(f"engine alone, {SECONDS:.0f} s per row, questions from benchmarks/bench.py")
    print("| threads setting | callers | answers/s | p50 ms | p95 ms |")
    print("|---|---|---|---|---|")
    for setting in ("one", "library"):
        out = subprocess.run([sys.executable, __file__, "--one", setting], capture_output=True,
                             text=True, check=True, cwd=ROOT).stdout.strip().splitlines()[-1]
        for callers, row in json.loads(out).items():
            print(f"| {setting} | {callers} | {row['answers_per_s']} | {row['p50_ms']} | "
                  f"{row['p95_ms']} |")


if __name__ == "__main__":
    main()
