"""Maakt raadsinformatiebrief-drones-inspectie.docx (fictieve gemeente Brakelveen).

Gebruik: python make_raadsinformatiebrief_docx.py  (schrijft het bestand naast dit script)
Vereist python-docx.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # evals/, for docgen.py
import docgen

OUT = Path(__file__).with_name("raadsinformatiebrief-drones-inspectie.docx")

META = [
    "Aan: de gemeenteraad van Brakelveen",
    "Van: het college van burgemeester en wethouders",
    "Datum: 19 januari 2027",
    "Kenmerk: RIB-2027-004",
    "Portefeuillehouder: wethouder S. Mulder (Vastgoed en Waterbeheer)",
    "Onderwerp: Pilot inspectie van dijken en daken met drones",
]

SECTIONS = [
    ("Aanleiding", [
        "Geachte raadsleden,",
        "Met deze brief informeren wij u over een pilot waarin de gemeente samen met "
        "Waterschap Vaart en Veen drones inzet voor de inspectie van de kade langs de "
        "Brakelse Vaart en van de daken van gemeentelijke gebouwen. Tijdens de begrotings"
        "behandeling op 7 november 2026 heeft wethouder Mulder toegezegd u hierover voor de "
        "start te informeren. Met deze brief komen wij die toezegging na.",
        "De kade en de daken worden nu te voet en met een hoogwerker geïnspecteerd. Voor het "
        "dijkvak van 7,5 kilometer kost dat een inspectieploeg ongeveer vijf werkdagen. Bij "
        "een proefvlucht in het najaar van 2026 bracht een drone hetzelfde traject in één dag "
        "in beeld, met beelden waarop scheurtjes van enkele millimeters zichtbaar zijn. Daarbij "
        "werden drie scheurvormingen gevonden die bij de vorige schouw niet waren opgemerkt.",
    ]),
    ("Wat gaan we doen?", [
        "Tussen 1 maart en 31 oktober 2027 worden in totaal 22 vluchten uitgevoerd. Het "
        "waterschap gebruikt de beelden voor de beoordeling van de kade. De gemeente laat de "
        "daken van 46 gemeentelijke gebouwen in beeld brengen, waaronder scholen, sporthallen "
        "en het gemeentehuis. Op de dakbeelden wordt gekeken naar lekkages, de staat van "
        "dakbedekking en de geschiktheid voor zonnepanelen. Met een warmtecamera wordt ook "
        "in beeld gebracht waar gebouwen warmte verliezen.",
        "De vluchten worden uitgevoerd door Hemelzicht Inspecties B.V. uit Zwolle. Dit bedrijf "
        "heeft de vereiste vergunning voor vluchten in de zogeheten specifieke categorie en "
        "vliegt altijd met een gecertificeerde piloot die de drone continu in het zicht houdt. "
        "Er wordt niet gevlogen boven evenementen of drukke straten.",
    ]),
    ("Kosten en planning", [
        "De pilot kost in totaal € 48.500. De gemeente betaalt 60 procent, het waterschap de "
        "overige 40 procent. Het gemeentelijke deel van € 29.100 wordt gedekt uit het "
        "bestaande budget voor planmatig onderhoud vastgoed. Er is dus geen aanvullend budget "
        "van de raad nodig. In de tabel hieronder staan de onderdelen.",
    ]),
    # de tabel wordt na deze sectie ingevoegd
    ("Privacy", [
        "Drones kunnen ongewild mensen, tuinen en ramen in beeld brengen. Daarom is vooraf een "
        "DPIA uitgevoerd. De functionaris gegevensbescherming heeft positief geadviseerd, onder "
        "drie voorwaarden, die wij alle drie overnemen:",
        "• de camera is tijdens de vlucht naar beneden gericht op de kade of het dak, en er "
        "wordt niet over achtertuinen gevlogen als daar mensen aanwezig zijn;",
        "• personen en kentekens die toch in beeld komen, worden binnen 24 uur automatisch "
        "onherkenbaar gemaakt;",
        "• de ruwe beelden worden maximaal vier weken bewaard. Daarna blijven alleen de "
        "bewerkte inspectiebeelden en de rapportages over.",
        "Omwonenden worden minimaal 48 uur voor elke vlucht geïnformeerd via een bericht op de "
        "website en een brief in de brievenbus. Ongeveer 900 adressen langs de kade ontvangen "
        "zo'n brief. Wie vragen heeft, kan terecht bij het Klantcontactcentrum.",
    ]),
    ("Risico's", [
        "Het belangrijkste risico is het weer: bij harde wind of regen kan niet worden "
        "gevlogen. In de planning is daarom rekening gehouden met uitwijkdagen. Een tweede "
        "risico is dat de kwaliteit van de beelden tegenvalt bij laag zonlicht. Tot slot kan "
        "een drone neerstorten; Hemelzicht is daarvoor verzekerd tot 2,5 miljoen euro per "
        "gebeurtenis.",
    ]),
    ("Evaluatie en vervolg", [
        "Wij evalueren de pilot samen met het waterschap. De evaluatie is gereed in het eerste "
        "kwartaal van 2028. Daarin vergelijken wij de kosten, de tijdsbesteding en de kwaliteit "
        "van de inspecties met de huidige werkwijze, en betrekken wij de ervaringen van "
        "omwonenden. Op basis daarvan besluit het college of drones structureel worden ingezet. "
        "Als dat structurele kosten meebrengt, leggen wij dat via de begroting aan u voor.",
        "Met vriendelijke groet,",
        "Burgemeester en wethouders van Brakelveen",
    ]),
]

TABLE = [
    ("Onderdeel", "Periode", "Kosten"),
    ("Voorbereiding en vliegplannen", "februari 2027", "€ 6.200"),
    ("Vluchten kade (12 vluchten)", "maart - oktober 2027", "€ 19.800"),
    ("Vluchten daken (10 vluchten)", "april - september 2027", "€ 14.300"),
    ("Verwerking beelden en rapportage", "doorlopend", "€ 8.200"),
    ("Totaal", "", "€ 48.500"),
]


def build() -> None:
    body = []
    for title, paragraphs in SECTIONS:
        body += [("h1", title), *(("p", para) for para in paragraphs)]
        if title == "Kosten en planning":
            body += [("table", TABLE), ("p", "")]
    docgen.write_docx(OUT, "Raadsinformatiebrief", META, body, font=("Calibri", 11))


if __name__ == "__main__":
    build()
