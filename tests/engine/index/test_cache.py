"""The embeddings cache on its own, with the fake embedding model (the build with the real model
is tested in test_build.py)."""

import numpy as np
import pytest

from assistant.engine.index import cache as cache_module
from assistant.engine.index.cache import EmbeddingCache, key

from ...support.fake_embedding import FakeEmbedding

TEXTS = [f"De gemeente telt bezoekers in straat {i} met sensor {i}." for i in range(150)]


def _keys(texts):
    return [key("fake", "passage", t) for t in texts]


def test_each_distinct_text_is_embedded_once_and_known_ones_are_reused(tmp_path):
    model = FakeEmbedding()
    texts = [*TEXTS[:10], TEXTS[0], TEXTS[1]]  # two texts twice
    vectors, reused, embedded = EmbeddingCache().embed(model, texts, _keys(texts))
    assert (reused, embedded) == (0, 10) and len(model.embedded) == 10
    np.testing.assert_array_equal(vectors[10], vectors[0])
    EmbeddingCache.save(tmp_path, _keys(texts), vectors)

    again = FakeEmbedding()
    more = [*TEXTS[:10], TEXTS[10]]
    vectors2, reused, embedded = EmbeddingCache.load(tmp_path).embed(again, more, _keys(more))
    assert (reused, embedded) == (10, 1) and again.embedded == [TEXTS[10]]
    np.testing.assert_array_equal(vectors2[:10], vectors[:10])


def test_an_interrupted_embedding_is_kept_and_the_next_one_carries_on(tmp_path, monkeypatch):
    checkpoint = tmp_path / "partial.npz"
    monkeypatch.setattr(cache_module, "CHECKPOINT_SECONDS", 0.0)  # write after every batch

    def stop(done, total, chars_done, chars_total):
        if done >= cache_module.BATCH:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        EmbeddingCache().embed(FakeEmbedding(), TEXTS, _keys(TEXTS), progress=stop,
                               checkpoint=checkpoint)
    with np.load(checkpoint) as kept:
        assert len(kept["keys"]) == cache_module.BATCH

    model = FakeEmbedding()
    cache = EmbeddingCache.load(tmp_path / "no-index-yet", checkpoint)
    vectors, reused, embedded = cache.embed(model, TEXTS, _keys(TEXTS))
    assert (reused, embedded) == (cache_module.BATCH, len(TEXTS) - cache_module.BATCH)
    assert model.embedded == TEXTS[cache_module.BATCH:]
    fresh, _, _ = EmbeddingCache().embed(FakeEmbedding(), TEXTS, _keys(TEXTS))
    np.testing.assert_allclose(vectors, fresh)


@pytest.mark.parametrize("content", [b"", b"not a zip file", b"PK\x03\x04 broken"])
def test_an_unreadable_cache_file_means_embedding_afresh(tmp_path, content):
    (tmp_path / cache_module.FILE).write_bytes(content)
    cache = EmbeddingCache.load(tmp_path)
    assert cache.vectors == {}
    _, reused, embedded = cache.embed(FakeEmbedding(), TEXTS[:3], _keys(TEXTS[:3]))
    assert (reused, embedded) == (0, 3)


def test_another_model_never_reuses_a_vector():
    assert key("e5-a", "passage", "tekst") != key("e5-b", "passage", "tekst")
    assert key("e5-a", "passage", "tekst") != key("e5-a", "sentence", "tekst")
