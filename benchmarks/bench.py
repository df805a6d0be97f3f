"""Print index build time, model load time and answer latency (p50/p95) on this machine.

Figures only; no assertions (machines are noisy). Targets: index build of the seed corpus at most
60 s on 2 cores, model preparation included; answer p50 at most 50 ms with the model loaded. Both
embedding models are measured, each in a fresh index.
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.config import PROJECT_ROOT, Settings
from assistant.engine import Engine
from assistant.engine.index.build import build_index
from assistant.engine.index.latent import question_latent

# Each answer is measured as a fresh question: the analyser's cache of question vectors is emptied
# before it, so the embeddings that analysis needs are counted.
QUESTIONS = [
    "Wat moet ik vragen over wifi-telling?",
    "Welke publieke waarden spelen bij cameratoezicht?",
    "Uit welke stappen bestaat het denkraam?",
    "Moet digitalisering bij één wethouder liggen?",
    "What should I ask about wifi tracking?",
    "Wat is de hoofdstad van Australië?",
    "Wat moet ik vragen over een algoritme dat bijstandsfraude voorspelt?",
    "Hoeveel kost een wifi-sensor?",
    "Met wie organiseert de VNG workshops begeleidingsethiek?",
    "Als raadslid wil ik weten welke kritische vragen ik kan stellen over slimme camera's met "
    "gezichtsherkenning",
    "Het college wil camera's ophangen die afvaldumpingen herkennen, zodat een handhaver de "
    "dumper een boete kan geven. Waar moet ik op letten?",
]
ROUNDS = 30


def main() -> None:
    for model in ("e5", "minilm"):
        print(f"--- embedding model {model}")
        run(model)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory (both models loaded): {rss:.0f} MB")


def run(model: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.of(corpus_dir=PROJECT_ROOT / "corpus", index_dir=Path(tmp) / "index",
                            embedding_model=model)  # type: ignore[arg-type]
        started = time.perf_counter()
        report = build_index(settings, progress=False)
        print(f"index build (incl. model load): {time.perf_counter() - started:.2f} s for "
              f"{report.passages} passages from {report.documents} documents "
              f"(embedding {report.embed_seconds:.2f} s)")
        started = time.perf_counter()
        engine = Engine.load(settings)
        print(f"index load: {(time.perf_counter() - started) * 1000:.0f} ms")
        engine.ask(QUESTIONS[0])  # warm-up
        analyser = engine.retriever.analyser
        totals: list[float] = []
        retrieve: list[float] = []
        analyse: list[float] = []
        for _ in range(ROUNDS):
            for q in QUESTIONS:
                analyser.forget_vectors()
                answer = engine.ask(q)
                totals.append(answer.timings_ms["total"])
                retrieve.append(answer.timings_ms["retrieve"])
                analyse.append(answer.timings_ms["analyse"])
        # What analysis adds to an answer: its time less the embeddings that retrieval reads
        # (the question's vector, or a what-to-ask question's subject), which it would make anyway.
        added = [added_by_analysis(engine, q) for _ in range(ROUNDS) for q in QUESTIONS]
        added_ask = [ms for kind, ms in added if kind == "ask"]
        added_other = [ms for kind, ms in added if kind != "ask"]
        # The learned models alone (kind, subject, technology, characteristics), on vectors made
        # beforehand: what analysis costs beyond the e5 embeddings it shares with retrieval.
        models: list[float] = []
        embed: list[float] = []
        learned = engine.index.analyser
        for _ in range(ROUNDS):
            for q in QUESTIONS:
                t0 = time.perf_counter()
                vector = analyser.embed.get_query_embedding(q)
                t1 = time.perf_counter()
                learned.kind_probabilities(q, vector)
                learned.subjects(q)
                learned.technology_probability(vector)
                learned.characteristics(q, vector)
                models.append((time.perf_counter() - t1) * 1000)
                embed.append((t1 - t0) * 1000)
        # A question's latent terms, made only for one in another language than the texts that
        # the words and the dense floor leave out of scope (engine/index/latent.py).
        latents: list[float] = []
        if engine.retriever.latent_floors:
            for _ in range(ROUNDS):
                for q in QUESTIONS:
                    t0 = time.perf_counter()
                    question_latent(engine.index.embed_model, q)
                    latents.append((time.perf_counter() - t0) * 1000)
        for name, values in (("answer", totals), ("retrieval", retrieve),
                             ("analysis (with its embeddings)", analyse),
                             ("one question embedding", embed),
                             ("analysis beyond the embeddings retrieval reads",
                              [ms for _, ms in added]),
                             ("the same, what-to-ask questions (their subject embedded too)",
                              added_ask),
                             ("the same, other questions", added_other),
                             ("analysis models alone", models),
                             ("a question's latent terms (scope across languages)", latents)):
            if not values:
                continue
            values.sort()
            p95 = values[int(0.95 * (len(values) - 1))]
            print(f"{name}: p50 {statistics.median(values):.1f} ms, p95 {p95:.1f} ms "
                  f"over {len(values)} questions")
        if model == "e5":
            worksheets(engine)


# Proposals read along the denkraam (assistant review): a 24-page PDF and a Markdown proposal of
# the development set. Target: a 20-page PDF in at most 10 s on two cores.
PROPOSALS = ("04-cameratoezicht-binnenstad.pdf", "01-slimme-verkeerslichten.md")


def worksheets(engine: Engine) -> None:
    from assistant.engine.review import Reviewer
    from assistant.engine.review.proposal import read_proposal

    reviewer = Reviewer(engine)
    for name in PROPOSALS:
        path = PROJECT_ROOT / "evals" / "worksheets" / name
        proposal = read_proposal(path)
        runs = []
        for _ in range(3):
            engine.retriever.analyser.forget_vectors()
            runs.append(reviewer.review(path).timings_ms)
        median = sorted(runs, key=lambda t: t["total"])[1]
        print(f"worksheet of {name} ({proposal.pages or '-'} pages, {len(proposal.lines)} "
              f"sentences): {median['total'] / 1000:.2f} s median of 3 (read "
              f"{median['read']:.0f} ms, sentences to checklist {median['map']:.0f} ms, "
              f"questions {median['questions']:.0f} ms)")
    scanned_worksheet(reviewer)


def scanned_worksheet(reviewer: Any) -> None:
    """The 24-page PDF as a scan (its pages' text typed into page images, no text layer), read
    by OCR where tesseract-ocr-nld is installed."""
    import textwrap

    from pypdf import PdfReader

    from assistant.engine.review import ocr

    if not ocr.available():
        print("worksheet of a scanned proposal: skipped (tesseract-ocr-nld is not installed)")
        return
    sys.path.insert(0, str(PROJECT_ROOT))
    from tests.support.scans import scanned_pdf

    source = PROJECT_ROOT / "evals" / "worksheets" / PROPOSALS[0]
    pages = [[wrapped for line in (page.extract_text() or "").splitlines()
              for wrapped in textwrap.wrap(line, 80) or [""]]
             for page in PdfReader(str(source)).pages]
    with tempfile.TemporaryDirectory() as tmp:
        scan = scanned_pdf(Path(tmp) / "scan.pdf", pages, size=18)
        sheet = reviewer.review(scan)
    t = sheet.timings_ms
    print(f"worksheet of {PROPOSALS[0]} as a {len(pages)}-page scan read by OCR: "
          f"{t['total'] / 1000:.2f} s (OCR and reading {t['read'] / 1000:.2f} s, sentences to "
          f"checklist {t['map']:.0f} ms, questions {t['questions']:.0f} ms)")


def added_by_analysis(engine: Engine, question: str) -> tuple[str, float]:
    """The kind of ``question`` and the milliseconds one fresh analysis of it takes beyond the
    embedding that retrieval then reads from the analyser's cache."""
    analyser = engine.retriever.analyser
    analyser.forget_vectors()
    embed = analyser.embed
    made: dict[str, float] = {}

    class Timed:
        """The analyser's embedding model, timing each question it embeds (a stand-in, since
        LlamaIndex's embedding objects are pydantic models that refuse a patched method)."""

        def get_query_embedding(self, text: str) -> list[float]:
            t0 = time.perf_counter()
            vector = embed.get_query_embedding(text)
            made[text] = (time.perf_counter() - t0) * 1000
            return vector

    analyser.embed = Timed()
    try:
        t0 = time.perf_counter()
        query = engine.retriever.analyse(question)
        spent = (time.perf_counter() - t0) * 1000
    finally:
        analyser.embed = embed
    read = _read(engine, query) or query.question or query.text
    return query.kind, spent - made.get(read, 0.0)


def _read(engine: Engine, query: object) -> str | None:
    """The text whose vector retrieval reads for ``query`` (None: the vector of the part that
    asks, kept on the query)."""
    texts: list[str] = []
    analyser = engine.retriever.analyser
    original = analyser.vector

    def seen(text: str) -> object:
        texts.append(text)
        return original(text)

    analyser.vector = seen  # type: ignore[method-assign,assignment]
    try:
        engine.retriever.query_vector(query)  # type: ignore[arg-type]
    finally:
        del analyser.vector
    return texts[0] if texts else None


if __name__ == "__main__":
    main()
