"""The engine inside LlamaIndex tooling: its retrieval as a LlamaIndex retriever that
LlamaIndex's own retrieval evaluator scores, and its Answer as a LlamaIndex response."""

from __future__ import annotations

from assistant.llamaindex import HybridRetriever, as_response

WIFI = "Wat moet ik vragen over wifi-telling?"


def test_the_retriever_returns_the_engines_ranking(engine):
    nodes = HybridRetriever(engine, top_k=5).retrieve(WIFI)
    ranked = [h.passage.id for h in engine.retrieve(WIFI).hits[:5]]
    assert [n.node.node_id for n in nodes] == ranked
    assert nodes[0].node.metadata["title"] and nodes[0].score is not None


def test_a_question_the_texts_do_not_cover_retrieves_nothing(engine):
    assert HybridRetriever(engine).retrieve("Hoe laat begint de voetbalwedstrijd?") == []


def test_llamaindexs_retrieval_evaluator_scores_it(engine):
    import asyncio

    from llama_index.core.evaluation import RetrieverEvaluator

    evaluator = RetrieverEvaluator.from_metric_names(
        ["hit_rate", "mrr"], retriever=HybridRetriever(engine, top_k=5))
    result = asyncio.run(evaluator.aevaluate(
        WIFI, expected_ids=["vng-technologie-ethiek-rol-van-de-raad#2"]))
    scores = dict(result.metric_vals_dict)
    assert scores == {"hit_rate": 1.0, "mrr": 1.0}, scores


def test_an_answer_is_a_response_with_its_cited_passages(engine):
    answer = engine.ask(WIFI)
    response = as_response(answer)
    assert "Vragen voor de raad" in str(response)
    assert [n.node.node_id for n in response.source_nodes] == [
        c.passage_id for c in answer.citations]
    assert response.metadata and response.metadata["status"] == "answered"
