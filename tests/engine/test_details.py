"""The details a text states, in the forms texts write them (assistant/engine/details.py)."""

import pytest

from assistant.engine import details
from assistant.errors import UnderstandingDataError


@pytest.mark.parametrize("text, kind", [
    # Amounts: figures with a currency, words for numbers, "een ton", millions in a money sentence.
    ("De kosten bedragen € 115.000 per jaar.", "amount"),
    ("Het project kost 115 duizend euro.", "amount"),
    ("De investering is 1,2 miljoen.", "amount"),
    ("Een abonnement kost EUR 50.", "amount"),
    ("De proef kost ruim een ton.", "amount"),
    ("The pilot costs 2 million euros.", "amount"),
    ("De gemeente betaalt achtduizend euro.", "amount"),
    # Periods: figures or words with a unit of time, halves, a period that ends with an event.
    ("De beelden worden 48 uur bewaard.", "duration"),
    ("De meetgegevens worden achtenveertig uur bewaard.", "duration"),
    ("De gegevens worden twee weken bewaard.", "duration"),
    ("De proef duurt een half jaar.", "duration"),
    ("De pilot loopt anderhalf jaar.", "duration"),
    ("Het contract loopt tweeënhalf jaar.", "duration"),
    ("De opnamen blijven bewaard tot de bezwaartermijn is verstreken.", "duration"),
    ("Data are kept for forty-eight hours.", "duration"),
    ("De melding wordt binnen drie werkdagen afgehandeld.", "duration"),
    ("De pilot loopt van 1 april 2026 tot en met 31 maart 2027.", "duration"),
    # Dates.
    ("De plaatsing start op 1 maart 2027.", "date"),
    ("Medio 2028 volgt de evaluatie.", "date"),
    ("In het eerste kwartaal van 2027 begint de proef.", "date"),
    ("Dit najaar komt de wethouder met een voorstel.", "date"),
    ("Op 01-03-2027 start de pilot.", "date"),
    ("The council is informed in March 2027.", "date"),
    # Percentages and shares.
    ("15 procent van de meldingen komt via de app.", "percentage"),
    ("Een kwart van de inwoners gebruikt de app.", "percentage"),
    ("Twee op de drie boa's voelt zich veiliger.", "percentage"),
    ("Drie vijfde daarvan betaalt de provincie.", "percentage"),
    ("Seven in ten reports came in through the app.", "percentage"),
    ("15 per cent of the reports came in through the app.", "percentage"),
    # Counts.
    ("Twaalf sensoren hangen in het centrum.", "count"),
    ("1.400 huishoudens doen mee.", "count"),
    ("Tientallen gemeenten experimenteren ermee.", "count"),
    # A time of day says when.
    ("De camera's gaan om 22:00 uur aan.", "date"),
    ("Om 14.00 uur begint de rondleiding.", "date"),
    ("De beelden worden 48.00 uur bewaard.", "duration"),  # no time of day
])
def test_forms_texts_write_details_in(text, kind):
    assert kind in details.stated(text)


@pytest.mark.parametrize("text, kind", [
    ("Er wordt ruim een ton afval per week opgehaald.", "amount"),  # a weight, not money
    ("Het gaat om 1,2 miljoen inwoners.", "amount"),  # millions, but not of money
    ("De raad wordt twee keer per jaar geïnformeerd.", "duration"),  # how often, not how long
    ("Toegang tot de beelden hebben alleen medewerkers die dat nodig hebben.", "duration"),
    ("Tot nu toe is de proef zonder incidenten voorbij gegaan.", "duration"),
    ("Een van de sensoren is kapot.", "count"),  # "een" is an article
    ("De gemeente gebruikt algoritmes voor de bijstand.", "date"),
    ("Het college wil de raad informeren.", "percentage"),
    ("In 2024 startte de proef.", "count"),  # a year is a date, not a number of things
    # A figure that is part of another detail numbers no things.
    ("De meting loopt sinds 1 mei 2027.", "count"),
    ("Het scheelt per jaar ongeveer 45 duizend euro.", "count"),
    ("De aanbieders betalen leges van € 45 per scooter.", "count"),
    ("De beelden worden 48 uur bewaard.", "count"),
    ("15 procent van de meldingen komt via de app.", "count"),
    ("The data are kept from May 3 onwards.", "count"),
    ("Op 01-03-2027 start de proef.", "count"),
    ("In Q3 2027 start de proef.", "count"),
    ("De sensoren kosten samen € 1,2 miljoen.", "count"),
    ("Het scheelt € 45 duizend.", "count"),
    # A time of day is no period.
    ("De camera's gaan om 22:00 uur aan.", "duration"),
    ("Om 14.00 uur begint de rondleiding.", "duration"),
    ("Het spreekuur is van 9:30 tot 12:00 uur.", "duration"),
    # A law's article or a scale is no moment.
    ("De burgemeester wijst op grond van artikel 2:77 APV de cameragebieden aan.", "date"),
    ("Op grond van artikel 4:84 Awb kan het college afwijken.", "date"),
])
def test_words_that_are_not_the_detail(text, kind):
    assert kind not in details.stated(text)


def test_a_figure_beside_another_detail_still_counts_what_it_numbers():
    assert "count" in details.stated("Sinds 1 mei 2027 hangen er 12 sensoren.")
    assert "count" in details.stated("Voor € 45.000 plaatsen we 450 parkeersensoren.")
    assert "duration" in details.stated("Vanaf 22:00 uur filmen de camera's; de beelden worden "
                                        "72 uur bewaard.")
    # A figure after a month is a day only when a year or nothing follows it.
    assert "count" in details.stated("Maart: 40 meldingen.")
    assert "count" in details.stated("In mei kwamen er 12 nieuwe camera's.")


@pytest.mark.parametrize("text, rates", [
    ("De kosten bedragen € 115.000 per jaar.", {"year"}),
    ("Jaarlijkse kosten: € 12.000.", {"year"}),
    ("Bij structurele voortzetting kost het € 11.000.", {"recurring"}),
    ("De licentie kost € 4.500/jaar.", {"year"}),
    ("De leges zijn € 45 per scooter.", {"per scooter"}),
    ("Per saldo is de proef goedkoper; de gemeente meldt het per e-mail.", set()),
    ("The trial runs for a year and costs € 40,000.", set()),  # "a year" after no figure
    ("Eenmalig is € 86.000 nodig.", {"once"}),
    ("Het incidentele budget is EUR 86.000.", {"once"}),
    ("Een rit kost 25 cent per minuut.", {"minute"}),
    ("Elke maand betaalt de aanbieder € 200.", {"month"}),
    ("It costs 5 euros a month.", {"month"}),
    ("The annual licence fee is € 9,000.", {"year"}),
    ("A one-off investment of € 40,000.", {"once"}),
    ("De pilot kost in totaal een half miljoen euro.", set()),
])
def test_how_often_an_amount_recurs(text, rates):
    assert details.rates(text) == rates


@pytest.mark.parametrize(("asked", "stated", "answers"), [
    ("Wat kost het per jaar?", "Het kost € 4.500 per jaar.", True),
    ("Wat kost het per jaar?", "Het kost eenmalig € 86.000.", False),
    ("Wat zijn de eenmalige kosten?", "De aanschaf kost € 86.000.", True),  # no rate: once
    ("Wat zijn de eenmalige kosten?", "Het beheer kost € 500 per maand.", False),
    ("Wat zijn de structurele kosten?", "Het beheer kost € 500 per maand.", True),
    ("Wat kost het per lichtmast?", "De uitbreiding kost € 1,6 miljoen.", False),
    ("Wat kost het per lichtmast?", "Dat is € 900 per lichtmasten.", True),
    ("Hoeveel leges per scooter?", "De leges zijn € 45 per deelscooter per jaar.", True),
])
def test_an_amount_answers_what_it_is_asked_per(asked, stated, answers):
    assert details.rate_answers(details.rates(asked), details.rates(stated)) is answers


@pytest.mark.parametrize(("text", "says"), [
    ("De commissie komt elk kwartaal bijeen.", True),
    ("De raad wordt twee keer per jaar geïnformeerd.", True),
    ("De camera is één keer uitgevallen.", True),
    ("The system failed twice.", True),
    ("De sensor viel 3x uit.", True),
    ("Er zijn 17 algoritmes beschreven.", False),
    ("De leges zijn € 45 per scooter.", False),
    ("De gemeente wil de camera's structureel inzetten.", False),
    ("The trial runs for a year.", False),
])
def test_how_often_a_text_says_something_happens(text, says):
    assert details.frequency(text) is says


@pytest.mark.parametrize(("question", "lang", "asked"), [
    ("Hoeveel leges betalen de aanbieders?", "nl", ["amount"]),
    ("Hoeveel sensoren komen er?", "nl", ["count"]),
    # Fines are counted as well as paid: "hoeveel boetes" asks how many.
    ("Hoeveel boetes zijn er uitgedeeld?", "nl", ["count"]),
    ("How many fees were paid?", "en", ["count"]),
    ("Hoeveel minuten moet het geluid te hard zijn?", "nl", ["duration"]),
    ("How many minutes are the recordings kept?", "en", ["duration"]),
    ("How much rent does the municipality pay?", "en", ["amount"]),
    # A comparative after "hoeveel" asks for a difference in what it measures: time, money, or
    # (a count of) anything.
    ("Hoeveel sneller wordt een aanvraag afgehandeld?", "nl", ["duration"]),
    ("Hoeveel goedkoper is de nieuwe licentie?", "nl", ["amount"]),
    ("Hoeveel dagen korter is de wachttijd?", "nl", ["duration"]),
    ("hoe veel sneller is het?", "nl", ["duration"]),
    # A question that also asks for a number of things keeps the count.
    ("Hoeveel sensoren komen er, en hoeveel eerder zijn ze klaar?", "nl", ["count", "duration"]),
    # Money named besides: an amount, whatever the comparative measures.
    ("Hoeveel hoger worden de kosten?", "nl", ["amount"]),
    ("How much more does the licence cost?", "en", ["amount"]),
])
def test_what_is_counted_says_which_detail_is_asked(question, lang, asked):
    assert details.asked(question, lang) == asked


@pytest.mark.parametrize(("question", "difference"), [
    ("Hoeveel sneller wordt een aanvraag afgehandeld?", "duration"),
    ("hoeveel korter moet je wachten?", "duration"),
    ("Hoeveel goedkoper is de nieuwe licentie?", "amount"),
    ("Hoeveel minder telefoontjes kwamen er?", "count"),
    ("Hoeveel ritten meer werden er gemaakt?", "count"),
    ("Hoeveel dagen sneller gaat het?", "duration"),
    ("How many more complaints came in?", "count"),
    ("How much cheaper is the new licence?", "amount"),
    ("Hoeveel hoger worden de kosten?", "count"),
    ("Hoeveel sensoren komen er?", None),
    ("Hoeveel kost het?", None),
    ("Is de app sneller dan het formulier?", None),
])
def test_a_comparative_after_hoeveel_asks_for_a_difference(question, difference):
    assert details.compared(question) == difference


@pytest.mark.parametrize(("text", "precision"), [
    ("De proef begint op 1 september 2027.", "day"),
    ("Op 01-03-2027 gaat het loket open.", "day"),
    ("The trial starts on May 3, 2027.", "day"),
    ("Na besluitvorming start in december 2026 een Europese aanbesteding.", "month"),
    ("In mei 2027 volgt een evaluatie.", "month"),
    ("Eerste kwartaal van 2027: plaatsing en test van de camera's.", "month"),
    ("In het derde kwartaal van 2027 volgt de evaluatie.", "month"),
    ("Wij adviseren het meetnet in 2028 uit te breiden.", None),
    ("In het voorjaar van 2027 volgt een evaluatie.", None),
    # Ordinal days, short month names in a sentence with a year, quarters in words.
    ("Op 1e maart 2027 gaat het loket open.", "day"),
    ("The service starts on the 3rd of March 2027.", "day"),
    ("In 2027 start de proef in juni.", "month"),
    ("In the third quarter of 2027 the evaluation follows.", "month"),
    # A figure beside a month that numbers something else, and a rule's number, are no day.
    ("In maart 12 meldingen over de app.", "month"),
    ("In 2027, 3 may be installed.", "month"),
    ("Zie artikel 2.3.10 van de APV.", None),
])
def test_how_precise_a_date_a_text_states(text, precision):
    assert details.date_precision(text) == precision


@pytest.mark.parametrize(("question", "precision", "answered_by"), [
    ("Op welke datum wordt de aanbesteding gegund?", "day",
     "In december 2026 start de aanbesteding."),
    ("In welke maand van 2028 worden de sensoren geplaatst?", "month",
     "Het meetnet wordt in 2028 uitgebreid."),
    ("Which month will the cameras be installed?", "month", "The cameras are installed in 2027."),
])
def test_a_date_asked_to_the_day_or_month_is_not_answered_by_a_coarser_one(question, precision,
                                                                             answered_by):
    assert details.date_asked(question) == precision
    assert details.asked(question, "en" if question.startswith("Which") else "nl") == ["date"]
    assert not details.precise_enough(answered_by, precision)
    assert details.precise_enough("Op 3 maart 2028 is het zover.", precision)
    assert details.date_asked("Wanneer wordt de aanbesteding gegund?") is None
    # "welke dag" mostly asks for a day of the week; a hyphen does not end a cue.
    assert details.date_asked("Op welke dag van de week is het loket open?") is None
    assert details.date_asked("Which day-care centres use it, and since when?") is None


def test_every_detail_a_question_can_ask_for_has_its_sentence_when_missing():
    from assistant.engine.understanding.language import DETAILS
    from assistant.messages import of

    for lang in ("nl", "en"):
        assert set(of(lang).MISSING) == set(DETAILS)
        # Where a missing detail is usually written down: for details only, in both languages.
        assert set(of(lang).FOUND_IN) <= set(DETAILS)
        assert {k: len(v) for k, v in of(lang).FOUND_IN.items()} == {
            k: len(v) for k, v in of("nl").FOUND_IN.items()}


@pytest.mark.parametrize("text", [
    "Ten behoeve van de sensoren is een kastje nodig.",
    "Ten minste de helft van de palen krijgt een sensor.",
    "De gemeente neemt de wensen van bewoners in acht.",
])
def test_idioms_with_a_number_word_count_nothing(text):
    assert "count" not in details.stated(text)


def test_number_words_become_figures_but_articles_stay():
    assert details.figures("twaalf sensoren en een app") == "12 sensoren en een app"
    assert details.tokens("De beelden worden achtenveertig uur bewaard.")[3:5] == ["48", "uur"]


def test_a_damaged_forms_file_is_one_sentence(tmp_path, monkeypatch):
    broken = tmp_path / "details.yaml"
    broken.write_text("nl:\n  currency: [euro]\nen: {}\n", encoding="utf-8")
    monkeypatch.setattr(details, "FILE", broken)
    details._words.cache_clear()
    try:
        with pytest.raises(UnderstandingDataError, match="details.yaml is not valid at"):
            details.stated("€ 5")
    finally:
        details._words.cache_clear()


@pytest.mark.parametrize("name, text, month", [
    ("March", "How many e-bikes were added in March 2025?", True),
    ("March", "What did the council decide in March?", True),
    ("Maart", "Wat gebeurde er op 3 Maart?", True),
    ("Jan", "Hoeveel meldingen kwamen er in Jan. 2026?", True),
    ("Okt", "Wat gebeurde er op 12 Okt?", True),
    ("Jan", "Wat zei Jan over de camera's?", False),  # a name, though a month's short form
    ("Kustwallet", "Wat kost de Kustwallet in 2026?", False)])
def test_a_month_is_part_of_a_date_not_a_name(name, text, month):
    assert details.names_a_month(name, text) is month
