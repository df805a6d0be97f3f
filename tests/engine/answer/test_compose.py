"""Answers as composed for each kind of question, every citation checked against its passage,
over the seed index."""

import dataclasses

import pytest

from assistant.engine.answer.compose import VERDICT_VALUES, Composer
from assistant.engine.answer.model import VERDICT_MARK, Answer, ValueItem
from assistant.engine.answer.probes import DESCRIBED_WORDS
from assistant.engine.case import case_of, stakes_of
from assistant.engine.text.prose import join_words
from assistant.engine.text.words import fold
from assistant.render.markdown import render_markdown

from ...support.answers import needs, supports


def test_wifi_telling_answer(engine):
    answer = engine.ask("Wat moet ik vragen over wifi-telling?")
    assert not answer.abstained and answer.language == "nl" and answer.status == "answered"
    assert answer.kind == "ask" and answer.subject == "wifi-telling"
    assert answer.topic == "wifi-telling"
    assert [s.step for s in answer.denkraam] == [1, 2, 3, 4, 5]
    assert [s.name for s in answer.denkraam] == [
        "Doelen", "Sturing", "Gewenste effecten", "Ongewenste effecten", "Inzet van sturing"]
    questions = [q.text for s in answer.denkraam for q in s.questions]
    assert 6 <= len(questions) <= 12
    # Specific, not generic: the questions name the technology.
    assert sum("wifi-telling" in q for q in questions) >= 0.8 * len(questions)
    assert "privacy" in [v.name for v in answer.public_values]
    # At most two values at stake, the question on the first, and two sentences of the texts.
    assert 1 <= len([c for c in answer.summary if c.citations]) <= VERDICT_VALUES + 3
    assert any("wifi-telling" in c.text for c in answer.summary)
    assert "vng-technologie-ethiek-rol-van-de-raad#2" in [c.passage_id for c in answer.citations]
    supports(answer, engine)
    markdown = render_markdown(answer)
    assert "[1]" in markdown and "Bronnen" in markdown


def test_a_technology_the_texts_do_not_name_gets_the_notice_and_no_unrelated_quote(engine):
    """The texts never mention refuse trucks: a quote would be about something else, so the
    short answer is the notice saying which guidance the questions rest on, with at most the
    values at stake in the case (the assistant's own sentences, each cited), and no quote."""
    answer = engine.ask("Wat moet ik vragen over slimme vuilniswagens die containers scannen?")
    assert answer.denkraam and len(answer.notices) == 1
    assert "vuilniswagens" in answer.notices[0]
    assert all(c.bank_id and c.bank_id.startswith(VERDICT_MARK) and not c.quote
               for c in answer.summary)
    supports(answer, engine)
    assert render_markdown(answer).startswith("### Kort antwoord\n\nDe teksten gaan niet")


@pytest.mark.parametrize("question", [
    "Welke publieke waarden spelen bij cameratoezicht?",
    "Uit welke stappen bestaat het denkraam?",
    "Moet digitalisering bij één wethouder liggen?",
    "Waar moet de grens liggen bij sensoren voor druktemetingen?",
])
def test_other_answers_cite_supporting_passages(engine, question):
    answer = engine.ask(question)
    assert not answer.abstained
    supports(answer, engine)


def test_english_question_gets_an_english_answer_citing_dutch_passages(engine):
    answer = engine.ask("What should I ask about wifi tracking?")
    assert answer.language == "en" and not answer.abstained
    assert [s.name for s in answer.denkraam][0] == "Goals"
    assert "privacy" in [v.name for v in answer.public_values]
    markdown = render_markdown(answer)
    assert "Questions for the council" in markdown and "Sources" in markdown
    # What is most at stake is written in English and is the whole short answer; what the texts
    # say of the technology follows apart, quoted in Dutch: the sentences naming the framework
    # topic its phrase names (wifi-telling), though the texts never use its English words. So no
    # notice says the texts do not deal with it: "wifi tracking" is the topic's English name.
    assert not answer.notices
    assert answer.summary[0].text.startswith("Most at stake is ") and answer.summary[0].verdict
    assert answer.summary[1].text.startswith("So ask at least: ") and answer.summary[1].verdict
    assert all(c.verdict for c in answer.summary)
    assert answer.related and all(c.quote and c.citations for c in answer.related)
    assert "**What the texts say about it:** “" in markdown
    assert all("wifi-telling" in fold(c.text) for c in answer.related)
    supports(answer, engine)


def test_two_technologies_get_different_questions(engine):
    camera = engine.ask("Wat moet ik vragen over gezichtsherkenning?")
    chatbot = engine.ask("Wat moet ik vragen over een chatbot voor het klantcontact?")
    texts = [{q.text.replace(a.subject, "_") for s in a.denkraam for q in s.questions}
             for a in (camera, chatbot)]
    assert not texts[0] & texts[1]
    # Each gets the questions that follow from what it does.
    assert "herkent-personen" in needs(engine, camera)
    assert "vervangt-contact" in needs(engine, chatbot)
    assert "vervangt-contact" not in needs(engine, camera)
    for answer in (camera, chatbot):
        supports(answer, engine)
    # Singular and plural read right: the technology always follows a preposition.
    lampposts = engine.ask("Wat moet ik vragen over slimme lantaarnpalen?")
    assert all("slimme lantaarnpalen" in q.text for s in lampposts.denkraam
               for q in s.questions[:1])


def test_a_technology_the_texts_do_not_name_is_said_so(engine):
    answer = engine.ask("Wat moet ik vragen over gezichtsherkenning?")
    assert answer.subject == "gezichtsherkenning"
    assert answer.notices and "gezichtsherkenning" in answer.notices[0]
    assert "individuele personen kan herkennen" in answer.notices[0]
    # It names what the questions rest on in two clauses, those with most at stake for residents
    # (framework.yaml's stakes, less for what the analyser only reads as likely), not the seven
    # things a scan car does; "onder meer" says that there are more.
    assert "onder meer" in answer.notices[0]
    characteristics = engine.index.framework.characteristics
    for message, lang, among in (
            ("Wat moet ik vragen over een scanauto die kentekens scant voor de "
             "parkeerhandhaving?", "nl", "technologie die onder meer "),
            ("What should I ask about a scan car that reads licence plates for parking "
             "enforcement?", "en", "technology that, among other things, ")):
        likely = case_of(engine.analyse(message), engine.index.matcher,
                         engine.index.analyser.implied).likely
        said = {c.name(lang): stakes_of(c.key, c.stakes, likely) for c in characteristics}
        scan = engine.ask(message)
        assert len(scan.characteristics) > 2 and among in scan.notices[0]
        named = [c for c in scan.characteristics if c in scan.notices[0]]
        assert len(named) == 2
        assert max(said[c] for c in named) <= min(
            said[c] for c in scan.characteristics if c not in named)
    # Two or fewer are named without "onder meer".
    box = engine.ask("Wat moet ik vragen over een luchtkwaliteitskastje aan de gevel?")
    assert 1 <= len(box.characteristics) <= 2 and "onder meer" not in box.notices[0]
    assert all(c in box.notices[0] for c in box.characteristics)

    # The short answer is what is at stake in the case and what to ask at least; the texts'
    # sentences follow apart only where they name a framework topic its phrase names.
    assert answer.summary and all(c.verdict or not c.citations for c in answer.summary)
    assert any(c.text.startswith("Vraag daarom in elk geval: ") for c in answer.summary)
    topics = [fold(t.nl).split()[0] for t in engine.retriever.analyse(answer.question).topics]
    assert topics and all(any(t in fold(c.text) for t in topics) for c in answer.related)
    supports(answer, engine)
    # A technology the texts do not deal with and that names no topic of theirs: no sentence
    # of the texts is offered as what they say of it (one naming "sensoren" is about counting
    # crowds, not about this box), and the short answer does not open with an empty line.
    box = engine.ask("Wat moet ik vragen over een luchtkwaliteitskastje aan de gevel?")
    assert box.notices and not box.related and box.summary
    assert not any(c.citations and not c.verdict for c in box.summary)
    supports(box, engine)
    plain = engine.ask("Wat moet ik vragen over wifi-telling?")
    assert not plain.notices and plain.related
    # A topic's English name is the topic; a word that merely points to one is not ("facial
    # recognition" to biometrics, which the texts only name in a list).
    assert not engine.ask("What should I ask about camera surveillance?").notices
    assert engine.ask("What should I ask about facial recognition?").notices


def test_a_bare_topic_without_reasons_is_answered_by_what_the_texts_say_of_it(engine):
    answer = engine.ask("algoritmen en transparantie")
    assert answer.kind == "topic" and answer.denkraam
    assert not any(v.reason for v in answer.public_values)
    assert answer.summary and not any(c.verdict for c in answer.summary)
    assert "transparantie" in answer.summary[0].text and answer.summary[0].citations
    supports(answer, engine)


def test_a_factual_question_gets_the_answer_without_a_denkraam_block(engine):
    answer = engine.ask("Met wie organiseert de VNG workshops begeleidingsethiek?")
    assert answer.kind == "factual" and not answer.denkraam
    assert any("ECP" in c.text for c in answer.summary)
    supports(answer, engine)


def test_two_publishers_named_are_both_quoted_on_the_subject(engine):
    answer = engine.ask("Hoe kijken de VNG en het Rathenau Instituut naar privacy?")
    assert answer.kind == "compare"
    publishers = {engine.index.documents[answer.citation(c.citations[0]).doc]["publisher"]
                  for c in answer.summary if c.citations}
    assert publishers == {"Vereniging van Nederlandse Gemeenten (VNG)", "Rathenau Instituut"}
    # The publisher's name picks the texts; it does not pull in the line that names it.
    assert not any("schreef deze publicatie" in c.text for c in answer.summary)
    for publisher in publishers:  # each says something about privacy itself
        assert any("privacy" in c.text for c in answer.summary if c.citations and engine.index
                   .documents[answer.citation(c.citations[0]).doc]["publisher"] == publisher)
    supports(answer, engine)


def test_a_topic_the_description_mentions_is_not_quoted_as_the_case(engine):
    """A plan that only uses sensor data is no question about counting sensors: the sentences
    naming "sensoren" speak of another case, so none is quoted. A topic the technology's own
    phrase names does introduce it ("slimme camera's" is camera surveillance)."""
    plan = ("Wat moet ik vragen over een digitale tweeling van de stad? Die combineert 3D-kaarten, "
            "energieverbruik per gebouw en gegevens van sensoren.")
    retrieval, answer = engine.ask_with_retrieval(plan, use_llm=False)
    assert answer.denkraam and answer.subject and "sensor" not in answer.subject
    assert any(t.key == "sensoren" for t in retrieval.query.topics)
    # Retrieval does offer sentences naming sensors: the short answer leaves them out.
    assert any("sensor" in fold(s.text) for s in retrieval.sentences)
    quoted = [c.text for c in [*answer.summary, *answer.related] if not c.verdict]
    assert not any("sensor" in fold(t) for t in quoted), quoted
    supports(answer, engine)
    cameras = engine.ask("Wat moet ik vragen over slimme camera's bij het station?")
    assert any("cameratoezicht" in fold(c.text) for c in cameras.related)


def test_a_technology_no_sentence_names_gets_a_lead_instead_of_unrelated_quotes(engine):
    """The texts know the words of "risicomodel" but no sentence names one: the short answer
    says what follows and what is most at stake in this case, and quotes nothing about
    "risico's" in general."""
    answer = engine.ask("Wat moet ik vragen over een risicomodel voor bijstandsfraude?")
    assert answer.denkraam and not answer.notices
    # The plan asked about is named as one plan: "het risicomodel" for "een risicomodel".
    assert answer.summary[0].text == ("Hieronder staan vragen voor de raad over het risicomodel "
                                      "voor bijstandsfraude.")
    assert not answer.summary[0].citations
    # Then the values most at stake, each with the case's reason and the value's own citation.
    reasoned = [v for v in answer.public_values if v.reason][:VERDICT_VALUES]
    assert len(reasoned) == VERDICT_VALUES
    # The first value is followed by the question of the answer that asks about it.
    lead, first, key, second = answer.summary
    assert key.text.startswith("Vraag daarom in elk geval: ") and key.verdict
    assert key.bank_id.startswith(f"value:{reasoned[0].key}/")
    for claim, value in zip((first, second), reasoned, strict=True):
        assert claim.text.endswith(f"{value.name}: {value.reason}.") or \
            claim.text.startswith(f"Ook {value.name} staat op het spel: {value.reason}")
        assert claim.bank_id == f"value:{value.key}" and claim.verdict
        assert claim.citations == value.citations and not claim.quote
    assert first.text.startswith("Wat vooral op het spel staat, is ")
    assert second.text.startswith("Ook ")
    supports(answer, engine)
    # A technology a sentence does name: the short answer is what is at stake when the case gives
    # reasons for its values, and that sentence follows apart, as what the texts say of it.
    camera = engine.ask("Wat moet ik vragen over cameratoezicht?")
    assert camera.summary[0].text.startswith("Wat vooral op het spel staat, is ")
    assert len(camera.summary) == VERDICT_VALUES + 1
    assert any("cameratoezicht" in c.text for c in camera.related)
    assert "**Wat de teksten erover zeggen:** " in render_markdown(camera)
    supports(camera, engine)


def test_a_case_without_reasons_keeps_the_values_in_its_lead(engine, monkeypatch):
    """Without a value that has a reason for the case (a bank without reasons), the lead names
    the values at stake, and the question to ask at least follows: one of the answer's questions
    that serves the first of them, marked as what is most at stake; no value is."""
    selector = engine.index.selector
    monkeypatch.setattr(selector, "bank", dataclasses.replace(selector.bank, reasons=()))
    answer = engine.ask("Wat moet ik vragen over een risicomodel voor schuldhulpverlening?")
    assert answer.denkraam and answer.public_values
    assert not any(v.reason for v in answer.public_values)
    lead, key = answer.summary
    assert lead.text == (
        "Hieronder staan vragen voor de raad over het risicomodel voor schuldhulpverlening. Op "
        "het spel staan vooral " + join_words([v.name for v in answer.public_values[:3]], "nl")
        + ".") and not lead.verdict
    first = answer.public_values[0]
    assert key.verdict and key.bank_id.startswith(f"value:{first.key}/")
    assert key.text.startswith("Vraag daarom in elk geval: ") and key.text.endswith("?")
    supports(answer, engine)


@pytest.mark.parametrize(("reason", "sentence"), [
    ("wie gevolgd wordt, voelt zich minder vrij",
     "Most at stake is autonomy: wie gevolgd wordt, voelt zich minder vrij."),
    ("is wie gevolgd wordt nog vrij?", "Most at stake is autonomy: is wie gevolgd wordt nog vrij?"),
    ("de leverancier is Acme B.V.", "Most at stake is autonomy: de leverancier is Acme B.V."),
])
def test_what_is_most_at_stake_ends_as_one_sentence(reason, sentence):
    answer = Answer(question="q", language="en", kind="ask", abstained=False, public_values=[
        ValueItem(key="privacy", name="privacy"),
        ValueItem(key="autonomie", name="autonomy", reason=reason, citations=[2]),
        ValueItem(key="inclusie", name="inclusion", reason="few can use it", citations=[3]),
        ValueItem(key="veiligheid", name="safety", reason="it may fail", citations=[1])])
    verdict = Composer._verdict(answer, "en")
    assert [c.text for c in verdict] == [
        sentence, "Also at stake is inclusion: few can use it."][:VERDICT_VALUES]
    assert [c.bank_id for c in verdict] == ["value:autonomie", "value:inclusie"][:VERDICT_VALUES]
    assert [c.citations for c in verdict] == [[2], [3]][:VERDICT_VALUES]


@pytest.mark.parametrize(("head", "word", "names"), [
    ("camera's", "cameratoezicht", True),
    ("datawaardeketen", "datawaardenketens", True),
    ("sensoren", "sensor", True),
    ("anpr", "anpr-camera", True),
    ("risicomodel", "risico's", False),
    ("anpr", "anders", False),
    ("ai", "ai-toepassingen", True),
    ("app", "apps", True),
    ("app", "apparatuur", False),
    ("5g", "5g", True),
])
def test_a_word_names_a_technology_by_most_of_its_start(head, word, names):
    from assistant.engine.answer.compose import _names

    assert _names(head, word) is names


def test_a_detail_the_texts_lack_gets_where_it_is_written_down_and_no_filler(engine):
    cost = engine.ask("Hoeveel kost een wifi-sensor?")
    assert cost.status == "not_in_texts"
    assert cost.notices[1] == ("Zoiets staat meestal in de begroting, het raadsvoorstel of het "
                               "contract met de leverancier; u kunt het college ernaar vragen.")
    # What the texts do say shares a distinctive word with the question ("kost" asks for the
    # detail and does not count: "Maar de kost gaat vóór de baat" is not about it).
    assert cost.related and all("wifi" in fold(c.text) or "sensor" in fold(c.text)
                                for c in cost.related)
    # The scan car and its number plates occur nowhere in the texts: nothing is quoted instead.
    scan = engine.ask("Hoe lang mag de scanauto de kentekens bewaren die geen hit opleveren?")
    assert scan.status == "not_in_texts" and "duration" in scan.missing
    assert "DPIA" in scan.notices[1] and scan.related == []
    # Several details: the likeliest place of each first, three places at most.
    english = engine.ask("Which company supplies the body cams for the enforcement officers in "
                         "Den Bosch, and what does the contract cost per year?")
    assert english.notices[1] == ("Such details are usually found in the budget, the contract or "
                                  "the council proposal; you can ask the executive.")
    # Names alone have no usual place; several are said in the plural.
    assert "ANPR en Arnhem komen er niet in voor" in engine.ask(
        "Welke leverancier levert de ANPR-camera's in Arnhem?").notices[0]
    names = engine.ask("Welke gemeenten gebruiken al wifi-telling?")
    assert names.status == "not_in_texts" and names.missing == ["place"]
    assert len(names.notices) == 1


def test_later_questions_refer_back_to_the_technology_the_first_one_names(engine):
    """Read out one after another, the questions name the technology once in full and then
    refer back to it; the values at stake keep the full name, as they are read on their own."""
    answer = engine.ask("Wat moet ik vragen over een camera met microfoons op de Stationsweg?")
    questions = [q.text for s in answer.denkraam for q in s.questions]
    assert answer.named == "de camera met microfoons"
    full = [i for i, q in enumerate(questions) if "camera met microfoons" in q]
    back = [i for i, q in enumerate(questions) if "deze camera" in q]
    assert len(full) == 1 and back and full[0] < back[0]
    assert any("camera met microfoons" in (v.reason or "") for v in answer.public_values)
    # The short answer is read before the questions: its question names the technology in full,
    # and, after the colon, opens with a small letter.
    key = next(c for c in answer.summary if "/" in (c.bank_id or ""))
    assert key.text.startswith("Vraag daarom in elk geval: ") and key.text[27:28].islower()
    assert "deze camera" not in key.text and "camera met microfoons" in key.text
    supports(answer, engine)


def test_the_first_question_shown_names_the_technology_even_where_a_probe_takes_a_place(engine):
    """A question on what the plan's description says may take the place of a bank question:
    the full name goes to the first question as shown, whichever that is."""
    answer = engine.ask("De gemeente wil bodycams voor boa's inzetten omdat handhavers steeds "
                        "vaker worden bedreigd. Een andere werkwijze, zoals in tweetallen "
                        "surveilleren, is niet overwogen. Wat moet ik vragen?")
    questions = [q for s in answer.denkraam for q in s.questions]
    assert answer.named and any(q.bank_id.startswith("probe:") for q in questions)
    named = [i for i, q in enumerate(questions) if answer.named in q.text]
    back = [i for i, q in enumerate(questions) if "deze bodycams" in q.text]
    assert named and back and named[0] < back[0]


def test_a_costs_probe_asks_about_savings_only_where_the_description_claims_a_gain(engine):
    """The costs' probe on the user's own description asks about savings where the description
    claims a gain anywhere, also in a sentence it does not quote, and not where it does not."""
    # The gain is claimed in a sentence too long to quote (over 25 words), read all the same.
    plan = ("De gemeente wil alle lantaarnpalen vervangen door slimme ledlampen die dimmen als er "
            "niemand is.{saving} De lampen en de software kosten € 38.000 per jaar. Wat moet ik "
            "vragen?")
    asked = {}
    long = (" Dat bespaart de gemeente veel geld op stroom, omdat de lampen 's nachts alleen nog "
            "op volle sterkte branden als er iemand langs komt en de rest van de tijd op een "
            "kwart van het vermogen staan.")
    assert len(long.split()) > DESCRIBED_WORDS
    for name, saving in (("zonder", ""), ("met", long)):
        answer = engine.ask(plan.format(saving=saving))
        asked[name] = [q.text for s in answer.denkraam for q in s.questions
                       if q.text.startswith("Over de kosten zegt het plan")]
    assert len(asked["zonder"]) == len(asked["met"]) == 1
    assert "€ 38.000" in asked["met"][0]
    assert "besparingen" not in asked["zonder"][0]
    assert "besparingen of opbrengsten" in asked["met"][0]


def test_a_short_name_that_took_in_a_place_is_repeated_rather_than_referred_to(engine):
    """ "deze huurwoningen" would misname sensors in rented homes: where the words before the
    first function word of the short name do not name a technology, no question refers back."""
    answer = engine.ask("De gemeente wil in 300 huurwoningen van woningcorporatie Woonstad "
                        "sensoren plaatsen die vocht en temperatuur meten. Wat moet ik vragen?")
    questions = " ".join(q.text for s in answer.denkraam for q in s.questions)
    assert answer.denkraam and "deze huurwoningen" not in questions


def test_a_later_question_refers_back_only_with_words_that_name_a_technology(engine):
    """A short name that took in a place or people before the technology is not referred back
    to by those ("deze huurwoningen"): the questions then repeat the name."""
    composer = engine.composer
    assert composer._refers_to_technology("deze chatbot")
    assert composer._refers_to_technology("deze slimme camera's")
    assert not composer._refers_to_technology("deze huurwoningen")
    assert not composer._refers_to_technology("these residents")


@pytest.mark.parametrize("question", [
    "Wat moet ik vragen over wifi-telling?",
    "Wat moet ik vragen over slimme lantaarnpalen?",
    "What should I ask about parking sensors?",
    "Wat zegt het Rathenau Instituut over privacy?",
])
def test_citations_are_numbered_in_the_order_they_are_read(engine, question):
    """[1] is the first mark a reader meets, then [2]...: the short answer, what the texts say
    beside it, the questions per step, the values; every passage listed is cited."""
    answer = engine.ask(question)
    read = [*answer.summary, *answer.related,
            *(q for s in answer.denkraam for q in s.questions), *answer.public_values]
    first = list(dict.fromkeys(n for c in read for n in c.citations))
    assert first == list(range(1, len(answer.citations) + 1))
    assert [c.n for c in answer.citations] == first
    supports(answer, engine)


def test_clauses_joined_keep_apart_where_one_holds_a_comma():
    assert join_words(["a", "b"], "nl", clauses=True) == "a en b"
    assert join_words(["de fysieke omgeving meet, niet mensen", "jarenlang staat"], "nl",
                      clauses=True) == "de fysieke omgeving meet, niet mensen, en jarenlang staat"
    assert join_words(["signals and alerts", "is fixed"], "en", clauses=True) \
        == "signals and alerts, and is fixed"
    assert join_words(["de fysieke omgeving meet, niet mensen", "x"], "nl") \
        == "de fysieke omgeving meet, niet mensen en x"
