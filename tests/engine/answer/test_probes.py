"""Questions on what the user's own description of a plan says (assistant.engine.answer.probes)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.engine.answer.probes import (
    DESCRIBED_WORDS,
    MAX_PROBES,
    described_sentences,
    described_statements,
    probes,
)
from assistant.engine.bank import load_bank
from assistant.engine.framework import Framework
from assistant.engine.review.checklist import checklist
from assistant.engine.review.model import THRESHOLD

from ...conftest import SEED_CORPUS


class _Fixed:
    """A proposal model that gives each sentence the probabilities it is told to."""

    def __init__(self, rows: list[dict[str, float]], claims: frozenset[str] = frozenset()
                 ) -> None:
        ids = [i.id for i in checklist()]
        self.scores = np.array([[row.get(i, 0.0) for i in ids] for row in rows])
        self.claimed = claims

    def claims(self, vectors, texts, sections):
        assert len(sections) == len(texts) == len(vectors)
        return self.claimed

    def proba(self, vectors, texts, sections):
        assert len(sections) == len(texts) == len(vectors) == len(self.scores)
        assert all(isinstance(t, str) and t for t in texts)  # the sentences themselves
        return self.scores


# A sentence of the most words a probe quotes of the user's description.
LONGEST = "Er komen " + "heel " * (DESCRIBED_WORDS - 4) + "veel camera's."


def _probe(rows: list[dict[str, float]], lines: list[str], steps=(1, 2, 3, 4, 5)):
    return probes(_Fixed(rows), lines, np.zeros((len(lines), 4), dtype=np.float32), steps)


def test_a_sentence_from_the_threshold_gets_its_items_probe_with_itself_quoted():
    found = _probe([{"costs": 0.9, "evaluation": 0.8}, {"retention": THRESHOLD - 0.01}],
                   ["Pilot van 2 jaar, kosten € 850.000", "De beelden worden kort bewaard."])
    assert [p.item.id for p in found] == ["costs"]
    # The quote is the user's own description: "het plan" says it, not "het voorstel".
    assert found[0].text("nl").startswith("Over de kosten zegt het plan: “Pilot van 2 jaar, "
                                          "kosten € 850.000.”")
    assert found[0].text("en").startswith("On costs the plan says: “Pilot van 2 jaar, ")
    assert "{" not in found[0].text("en")


def test_a_probe_in_an_answer_names_the_plan_everywhere_but_in_its_quote():
    alternatives = next(i for i in checklist() if i.id == "alternatives")
    text = alternatives.probe_text("nl", "Het voorstel noemt geen alternatief.", plan=True)
    assert text.startswith("Over alternatieven zegt het plan: “Het voorstel noemt geen")
    assert "naast dit plan," in text and text.count("voorstel") == 1
    # The worksheet of a proposal keeps calling it the proposal.
    assert "naast dit voorstel" in alternatives.probe_text("nl", "Er is geen alternatief.")


def test_probes_are_one_per_step_figures_first_and_never_the_council_decision():
    rows = [{"decision": 0.99}, {"effects": 0.95}, {"indicators": 0.8}, {"retention": 0.75},
            {"groups": 0.9}, {"privacy": 0.8}, {"residents": 0.9}]
    lines = ["De raad besluit.", "Inwoners worden sneller geholpen.", "Doel: 30% minder bellers.",
             "Gegevens worden 24 uur bewaard.", "Ouderen merken het meest.", "Er is een DPIA.",
             "Bewoners krijgen een brief."]
    found = _probe(rows, lines)
    assert len(found) == MAX_PROBES
    assert "decision" not in {p.item.id for p in found}
    assert len({p.item.step for p in found}) == len(found)
    # Those with a figure first: step 3's indicator with its 30%, not the likelier effect.
    assert [p.item.id for p in found[:2]] == ["indicators", "retention"]


def test_a_step_without_questions_takes_no_probe_and_a_sentence_may_give_its_second_item():
    rows = [{"retention": 0.95, "costs": 0.9}, {"evaluation": 0.9}]
    lines = ["Beelden 28 dagen bewaard, kosten € 50.000 per jaar.", "Na een jaar evalueren we."]
    found = _probe(rows, lines, steps=(2, 3))
    # Retention (step 4) and the evaluation (step 5) have no questions to stand in for; the
    # sentence's costs (step 2) do.
    assert [p.item.id for p in found] == ["costs"]
    assert [p.item.id for p in _probe(rows, lines)] == ["retention", "evaluation"]


def test_a_list_number_is_neither_quoted_nor_a_figure():
    found = _probe([{"retention": 0.8}, {"costs": 0.9}],
                   ["1. De beelden worden kort bewaard.", "Het kost veel geld."])
    assert [p.item.id for p in found] == ["costs", "retention"]
    assert "“De beelden worden kort bewaard.”" in found[1].text("nl")


def test_only_statements_short_enough_to_read_out_are_quoted():
    assert len(LONGEST.split()) == DESCRIBED_WORDS
    text = ("In het raadsvoorstel staat: “Het kost veel geld. Wat vind jij? "
            + " ".join(["woord"] * (DESCRIBED_WORDS + 1)) + ". De proef duurt een jaar.” "
            + LONGEST + " Pilot: 2 jaar. "
            "Zaanstad start met onderhoud van bruggen: er komen sensoren op 42 bruggen. "
            "Kosten: De kosten zijn € 50.000 per jaar.")
    # A lead-in is left out of the quote, with the quotation marks of the passage; a label and a
    # clause before a colon are not.
    assert described_sentences(text) == [
        "Het kost veel geld.", "De proef duurt een jaar.", LONGEST, "Pilot: 2 jaar.",
        "Zaanstad start met onderhoud van bruggen: er komen sensoren op 42 bruggen.",
        "Kosten: De kosten zijn € 50.000 per jaar."]


def test_the_sentence_that_introduces_the_technology_is_quoted_only_for_a_figure():
    text = ("De gemeente wil een chatbot op de website zetten die inwoners helpt. De chatbot "
            "op de website kost € 20.000 per jaar. De chatbot op de website wordt gebouwd door "
            "een externe partij. Het detail van de uitvoering ligt bij de afdeling.")
    later = ["De chatbot op de website kost € 20.000 per jaar.",
             "De chatbot op de website wordt gebouwd door een externe partij.",
             "Het detail van de uitvoering ligt bij de afdeling."]
    # Only the first sentence that names it introduces it; later ones are quoted, with or
    # without a figure, whatever case the subject is written in.
    assert described_sentences(text, "chatbot op de website") == later
    assert described_sentences(text, "Chatbot op de website") == later
    # A figure keeps the introducing sentence; the subject counts as whole words only ("AI" is
    # not in "detail").
    figure = "Voor € 5.000 komt er een chatbot op de website. " + later[2]
    assert described_sentences(figure, "chatbot op de website") == [
        "Voor € 5.000 komt er een chatbot op de website.", later[2]]
    assert described_sentences(later[2], "AI") == [later[2]]
    assert len(described_sentences(text)) == 4


def test_every_statement_of_a_description_is_read_and_only_some_are_quoted():
    """What a description claims is read in all its statements: also the one that introduces
    the technology and one too long to quote; questions are not."""
    long = "Daarmee " + "heel " * DESCRIBED_WORDS + "veel besparing."
    text = (f"De gemeente wil een chatbot op de website. {long} Hij kost € 9.000 per jaar. "
            "Wat vind jij?")
    assert described_statements(text, "chatbot op de website") == [
        ("De gemeente wil een chatbot op de website.", False), (long, False),
        ("Hij kost € 9.000 per jaar.", True)]
    assert described_sentences(text, "chatbot op de website") == ["Hij kost € 9.000 per jaar."]


def test_a_probes_parts_are_asked_by_what_the_description_claims():
    """By default what the quoted lines claim; given, what the whole description claims (a gain
    in a sentence no probe quotes)."""
    lines = ["De licenties kosten € 9.000 per jaar."]
    for model, claimed, savings in ((_Fixed([{"costs": 0.9}]), None, False),
                                    (_Fixed([{"costs": 0.9}], frozenset({"gain"})), None, True),
                                    (_Fixed([{"costs": 0.9}]), frozenset({"gain"}), True),
                                    (_Fixed([{"costs": 0.9}], frozenset({"gain"})), frozenset(),
                                     False)):
        found = probes(model, lines, np.zeros((1, 4), dtype=np.float32), (1, 2, 3, 4, 5),
                       claimed)
        assert len(found) == 1
        assert ("besparingen" in found[0].text("nl")) is savings


def test_a_probe_in_an_answer_leaves_the_users_quote_as_written():
    """Quotation marks and "het voorstel" inside what the user wrote stay as they are."""
    costs = next(i for i in checklist() if i.id == "costs")
    sentence = "De app “BuitenBeter” kost volgens het voorstel van de wijkraad € 12.000 per jaar."
    assert costs.probe_text("nl", sentence, plan=True) == (
        f"Over de kosten zegt het plan: “{sentence}” Welke kosten per jaar horen daarbij na de "
        "eerste periode, en wat gebeurt er als de kosten tegenvallen?")
    assert costs.probe_text("en", "The proposal costs €5.", plan=True).startswith(
        "On costs the plan says: “The proposal costs €5.” ")


@pytest.mark.parametrize(("sentence", "quoted"), [
    ("“De beelden worden 28 dagen bewaard.”", "De beelden worden 28 dagen bewaard."),
    ("‘De beelden worden 28 dagen bewaard’.", "De beelden worden 28 dagen bewaard."),
    ("'s Nachts dimt de verlichting tot 20%.", "'s Nachts dimt de verlichting tot 20%."),
    ("“Slimme Check” werd na een jaar gestopt.", "“Slimme Check” werd na een jaar gestopt."),
    ("Het systeem heet “Slimme Check”.", "Het systeem heet “Slimme Check”."),
    ("Volgens het college: 'Slim' betekent hier zuinig.", "'Slim' betekent hier zuinig."),
    ("Kentekens worden binnen 24 uur verwijderd.”", "Kentekens worden binnen 24 uur verwijderd."),
    ("In de brief staat: Één camera kost € 4.000 per jaar.", "Één camera kost € 4.000 per jaar."),
])
def test_quotation_marks_of_the_passage_around_a_sentence_are_left_out(sentence, quoted):
    assert described_sentences(sentence) == [quoted]


def test_every_probe_stands_in_for_concerns_the_bank_has():
    concerns = set(load_bank(Framework.load(SEED_CORPUS)).concerns)
    for item in checklist():
        assert set(item.concerns) <= concerns, item.id
        assert item.concerns or not item.in_answers, item.id
