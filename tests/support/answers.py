"""Checks of an Answer against the index it came from, shared by the engine's tests."""


def entry(engine, bank_id):
    return next(e for e in engine.index.selector.bank.entries if e.id == bank_id)


def needs(engine, answer):
    """Everything the answer's questions needed of the case."""
    return {n for s in answer.denkraam for q in s.questions
            for n in entry(engine, q.bank_id).needs}


def supports(answer, engine):
    """Check every citation against what it is attached to."""
    idx = engine.index
    for claim in answer.summary + answer.related:
        # What is most at stake (the short answer's opening): a value with the case's reason,
        # cited as the values section cites that value (checked below).
        if claim.verdict and "/" in claim.bank_id:
            # The question that asks about the first of them (or, when the case gives no
            # reasons, about the first value the opening line names that a question serves): one
            # of the answer's own questions, from a bank entry that serves that value, cited as
            # it is.
            key, _, bank_id = claim.bank_id.removeprefix("value:").partition("/")
            first = next((v for v in answer.public_values if v.reason), None)
            if first is None:  # of the values the opening line names
                first = next(v for v in answer.public_values[:3] if v.key == key)
                assert first.name in answer.summary[0].text, answer.summary[0].text
            shown = next(q for s in answer.denkraam for q in s.questions if q.bank_id == bank_id)
            assert key == first.key and key in entry(engine, bank_id).values
            assert claim.citations == shown.citations and claim.text.endswith("?")
            continue
        if claim.verdict:
            value = next(v for v in answer.public_values if f"value:{v.key}" == claim.bank_id)
            assert claim in answer.summary and value.reason and value.reason in claim.text
            assert value.name in claim.text and claim.citations == value.citations, claim.text
            continue
        for n in claim.citations:
            cited = answer.citation(n)
            assert claim.text in cited.text, (claim.text, cited.passage_id)
    for section in answer.denkraam:
        assert section.questions
        for q in section.questions:
            assert len(q.citations) == 1, (section.step, q.text)
            cited = idx.passage(answer.citation(q.citations[0]).passage_id)
            bank_entry = entry(engine, q.bank_id)
            # The cited passage speaks to the question's grounding: its step or one of its values.
            assert bank_entry.step == section.step
            assert any(section.step in cited.steps if g == "step" else g in cited.values
                       for g in bank_entry.grounds), (q.text, cited.id)
            assert "{" not in q.text and q.text.endswith("?")
    for value in answer.public_values:
        concept = idx.framework.value(value.key)
        for n in value.citations:
            text = answer.citation(n).text
            assert idx.matcher.matches(idx.matcher.stems(text), "v:" + value.key, concept.terms)
    for c in answer.citations:
        passage = idx.passage(c.passage_id)
        assert passage.text == c.text and passage.doc == c.doc
        assert c.title == idx.documents[c.doc]["title"]
