"""Maakt raadsvoorstel-geluidssensoren.pdf (fictieve gemeente Brakelveen).

Gebruik: python make_raadsvoorstel_pdf.py  (schrijft de PDF naast dit script)
Vereist fpdf2. Core font "helvetica" kent alleen latin-1: geen euroteken,
geen gedachtestreepjes of gekrulde aanhalingstekens in de tekst.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # evals/, for docgen.py
import docgen

OUT = Path(__file__).with_name("raadsvoorstel-geluidssensoren.pdf")

HEADER_LEFT = "Gemeente Brakelveen - Raadsvoorstel pilot geluidssensoren Havenkwartier"
HEADER_RIGHT = "RV-2026-118"

# (kop, [alinea's]); een alinea die met "- " of "n. " begint wordt ingesprongen.
BLOCKS = [
    ("1. Beslispunten", [
        "De raad wordt voorgesteld:",
        "1. In te stemmen met een pilot van 18 maanden met geluidssensoren in het "
        "uitgaansgebied Havenkwartier.",
        "2. Voor de aanschaf en plaatsing van twaalf sensoren een krediet beschikbaar te "
        "stellen van EUR 86.400.",
        "3. De structurele lasten van 14.750 euro per jaar gedurende de pilot te dekken uit "
        "het budget Leefbaarheid Binnenstad.",
        "4. De bijbehorende begrotingswijziging 2027 vast te stellen.",
    ]),
    ("2. Aanleiding", [
        "Het Havenkwartier is met 38 horecabedrijven het belangrijkste uitgaansgebied van "
        "Brakelveen. Rond de 650 huishoudens wonen op minder dan 200 meter van de Kadestraat "
        "en de Vismarkt. Het aantal meldingen over geluidsoverlast is de afgelopen jaren sterk "
        "gestegen: van 241 in 2023 naar 312 in 2025, een stijging van bijna 30 procent.",
        "Bewoners melden vooral harde muziek na sluitingstijd en groepen bezoekers op straat "
        "tussen 01.00 en 04.00 uur. Handhavers komen nu vaak pas ter plaatse als het alweer "
        "stil is, waardoor een overtreding niet kan worden vastgesteld. Op 9 maart 2026 nam de "
        "raad de motie 'Rust in het Havenkwartier' aan. Daarin vraagt de raad het college te "
        "onderzoeken hoe technologie kan helpen de overlast beter in beeld te brengen.",
    ]),
    ("3. Beoogd effect", [
        "Met de pilot wil het college:",
        "- objectief vaststellen waar en wanneer geluidsoverlast optreedt;",
        "- handhavers sneller en gerichter laten optreden;",
        "- het aantal meldingen over geluidsoverlast met een kwart terugbrengen ten opzichte "
        "van 2025;",
        "- bewoners en ondernemers een gedeeld beeld geven via een openbaar dashboard.",
    ]),
    ("4. Argumenten", [
        "4.1 Meten geeft een objectief beeld. De sensoren meten continu het geluidsniveau in "
        "dB(A) en dB(C). Daardoor worden ook de lage bastonen van versterkte muziek zichtbaar, "
        "die bewoners als het meest hinderlijk ervaren.",
        "4.2 Handhaving wordt gerichter. Blijft het geluidsniveau langer dan 10 minuten boven "
        "de 85 dB(A), dan krijgt de dienstdoende boa automatisch een signaal op de "
        "diensttelefoon. De boa kan dan gaan kijken terwijl de overlast nog gaande is.",
        "4.3 De inzet is tijdelijk en omkeerbaar. De sensoren worden op bestaande lichtmasten "
        "bevestigd, op ongeveer 4 meter hoogte, en kunnen na de pilot zonder extra kosten "
        "worden verwijderd.",
        "4.4 Het voorstel geeft uitvoering aan de motie. Met de pilot krijgt de raad de "
        "gevraagde informatie om over een structurele aanpak te besluiten.",
    ]),
    ("5. Kanttekeningen", [
        "5.1 Horeca vreest stigmatisering. Koninklijke Horeca Nederland, afdeling Brakelveen, "
        "is bang dat een openbaar dashboard het beeld geeft dat het Havenkwartier onveilig is. "
        "Het college heeft met de afdeling afgesproken dat het dashboard alleen uurgemiddelden "
        "per straat toont en nooit gegevens per horecabedrijf.",
        "5.2 Niet elk geluid is goed te herkennen. De indeling in muziek, stemmen en verkeer "
        "is niet foutloos. De leverancier schat het aandeel onterechte signalen op ongeveer "
        "8 procent. Een boa beoordeelt daarom altijd ter plaatse of er sprake is van een "
        "overtreding; er volgt nooit automatisch een boete.",
        "5.3 Bewoners kunnen zich afgeluisterd voelen. Hoewel de sensoren geen gesprekken "
        "opslaan, kan het idee van 'luisterende palen' onrust geven. Bewoners worden daarom "
        "vooraf per brief geïnformeerd en op elke mast komt een sticker met een QR-code die "
        "naar uitleg op de website verwijst.",
    ]),
    ("6. Financiën", [
        "De eenmalige kosten voor aanschaf, plaatsing en aansluiting van de twaalf sensoren "
        "bedragen EUR 86.400. Daarnaast zijn er jaarlijkse kosten van 14.750 euro voor "
        "licenties, de dataverbinding, het dashboard en onderhoud. Over de volledige looptijd "
        "van de pilot komen de totale kosten daarmee uit op ruim een ton.",
        "Het krediet wordt in drie jaar afgeschreven. De lasten worden gedekt uit het budget "
        "Leefbaarheid Binnenstad, dat in 2027 een vrije ruimte heeft van 61.000 euro. Er is "
        "geen beroep op de algemene reserve nodig.",
    ]),
    ("7. Privacy", [
        "Geluid kan tot personen herleidbaar zijn, bijvoorbeeld als gesprekken verstaanbaar "
        "worden vastgelegd. De gekozen sensoren slaan daarom geen audio op. Het geluid wordt "
        "op de sensor zelf geanalyseerd in fragmenten van maximaal drie seconden, die direct "
        "daarna worden overschreven. Alleen het geluidsniveau en de geluidscategorie per "
        "minuut gaan naar de server.",
        "Deze minuutwaarden worden 13 weken bewaard. Daarna blijven alleen uurgemiddelden per "
        "straat over; die worden maximaal vijf jaar bewaard voor onderzoek naar trends.",
        "In september 2026 is een gegevensbeschermingseffectbeoordeling (DPIA) uitgevoerd. De "
        "functionaris gegevensbescherming concludeert dat het restrisico laag is, op "
        "voorwaarde dat elke vorm van opslag van audio contractueel wordt uitgesloten. Die "
        "voorwaarde is opgenomen in de verwerkersovereenkomst met de leverancier.",
    ]),
    ("8. Uitvoering", [
        "De sensoren worden geleverd door Akoestiq B.V. uit Eindhoven, die in een meervoudig "
        "onderhandse aanbesteding de beste prijs-kwaliteitverhouding bood. Plaatsing staat "
        "gepland in maart 2027; de pilot start op 1 april 2027 en loopt tot en met "
        "30 september 2028.",
        "De afdeling Veiligheid en Handhaving is opdrachtgever en levert de projectleider. De "
        "afdeling Informatievoorziening beheert de koppeling met het meldingensysteem. Binnen "
        "twee weken na het raadsbesluit ontvangen de bewoners van het Havenkwartier een brief. "
        "Het openbare dashboard staat op de website van de gemeente en wordt elk uur "
        "bijgewerkt.",
    ]),
    ("9. Evaluatie", [
        "Na 12 maanden ontvangt de raad een tussenrapportage. De eindevaluatie volgt in het "
        "vierde kwartaal van 2028 en bevat in elk geval: het aantal meldingen, het aantal keren "
        "dat een boa na een signaal ter plaatse was, het aantal vastgestelde overtredingen, de "
        "ervaringen van bewoners en ondernemers en een advies over het vervolg.",
        "Op basis daarvan besluit de raad of de sensoren blijven hangen, worden uitgebreid naar "
        "andere straten of worden verwijderd.",
    ]),
]

META = [
    ("Onderwerp", "Pilot geluidssensoren uitgaansgebied Havenkwartier"),
    ("Registratienummer", "RV-2026-118"),
    ("Raadsvergadering", "17 december 2026"),
    ("Commissie", "Bestuur en Veiligheid"),
    ("Portefeuillehouders", "burgemeester A.C. Kalsbeek (openbare orde) en "
                            "wethouder R. Demir (economie en horeca)"),
    ("Bijlagen", "1. DPIA geluidssensoren; 2. Begrotingswijziging 2027-04"),
]

# Secties die op een nieuwe pagina beginnen (zodat het voorstel 3+ pagina's beslaat).
NEW_PAGE_BEFORE = {"4. Argumenten", "7. Privacy"}

SIGNATURE = ("Burgemeester en wethouders van Brakelveen,\n"
             "de secretaris, drs. M.P. Hoekstra\n"
             "de burgemeester, A.C. Kalsbeek")

STYLES = {
    "title": docgen.Style(16, 10, "B", after=2),
    "field": docgen.Style(10, 6, label=42),
    "h2": docgen.Style(12, 8, "B"),
    "p": docgen.Style(10.5, 6, after=1.5),
    "li": docgen.Style(10.5, 6, indent=6, after=1.5),
}


def kind(para: str) -> str:
    """Opsommingen ("- ") en genummerde beslispunten ("1. ") worden ingesprongen."""
    numbered = para[:2] in {"1.", "2.", "3.", "4."} and para[2] == " "
    return "li" if para.startswith("- ") or numbered else "p"


def build() -> None:
    content = [("title", "Raadsvoorstel"), *(("field", kv) for kv in META), ("space", 4)]
    for title, paragraphs in BLOCKS:
        if title in NEW_PAGE_BEFORE:
            content.append(("page", ""))
        content += [("h2", title), *((kind(p), p) for p in paragraphs), ("space", 2)]
    content += [("space", 4), ("p", SIGNATURE)]
    docgen.write_pdf(OUT, content, HEADER_LEFT, HEADER_RIGHT, STYLES)


if __name__ == "__main__":
    build()
