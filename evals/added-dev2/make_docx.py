"""Writes raadsinformatiebrief-chatbot-lotte.docx (Gemeente Lindewaarde, fictional).

Run with the project's Python: .venv/bin/python evals/added-dev2/make_docx.py
Word heading styles for the sections, one table with the monthly figures.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from docgen import write_docx  # noqa: E402

OUT = HERE / "raadsinformatiebrief-chatbot-lotte.docx"
TITLE = "Raadsinformatiebrief"

META = [
    "Aan: de gemeenteraad van Lindewaarde",
    "Datum: 19 januari 2027",
    "Kenmerk: RIB-2027-004",
    "Onderwerp: eerste resultaten van chatbot Lotte op lindewaarde.nl",
    "Portefeuillehouder: wethouder A. (Anouk) Brandsma, Dienstverlening en Digitalisering",
]

BODY = [
    ("p", "Geachte raadsleden,"),
    ("p", "In de commissie Bestuur en Middelen van 7 september 2026 hebben wij toegezegd u te "
          "informeren over de eerste resultaten van de digitale assistent op onze website. Met deze "
          "brief doen wij dat. Wij beschrijven wat de chatbot doet, hoe vaak hij wordt gebruikt, "
          "hoe we omgaan met privacy en wat de vervolgstappen zijn."),

    ("h1", "Kern van deze brief"),
    ("li", "Sinds 1 oktober 2026 staat chatbot Lotte op lindewaarde.nl, als proef van zes maanden."),
    ("li", "In de eerste drie maanden voerde Lotte ruim 21.000 gesprekken."),
    ("li", "Ongeveer twee derde van de vragen werd beantwoord zonder tussenkomst van een medewerker."),
    ("li", "In het tweede kwartaal van 2027 besluiten wij over voortzetting."),

    ("h1", "Wat doet Lotte?"),
    ("p", "Lotte beantwoordt vragen van inwoners en ondernemers over veelgevraagde onderwerpen: "
          "afval en de afvalkalender, paspoort en identiteitskaart, verhuizen, parkeervergunningen, "
          "de WOZ-waarde en openingstijden. Lotte maakt gebruik van een taalmodel, maar geeft alleen "
          "antwoorden op basis van de teksten die op lindewaarde.nl staan. Bij elk antwoord staat een "
          "link naar de pagina waar het antwoord vandaan komt."),
    ("p", "Lotte vraagt nooit om een burgerservicenummer of andere persoonlijke gegevens. Kan Lotte "
          "een vraag niet beantwoorden, dan zet zij het gesprek door naar een medewerker van het "
          "Klantcontactcentrum (KCC) via de livechat. Dat kan op werkdagen van 8.30 tot 17.00 uur. "
          "Buiten die tijden kan de inwoner een contactformulier invullen; een medewerker neemt dan "
          "binnen twee werkdagen contact op."),

    ("h1", "Resultaten van de eerste drie maanden"),
    ("p", "De onderstaande tabel toont het gebruik per maand."),
    ("table", [
        ["Maand", "Aantal gesprekken", "Door Lotte beantwoord", "Doorgezet naar medewerker"],
        ["Oktober 2026", "6.850", "61%", "1.240"],
        ["November 2026", "7.420", "66%", "1.180"],
        ["December 2026", "6.930", "71%", "980"],
        ["Totaal", "21.200", "66%", "3.400"],
    ]),
    ("p", "Het aandeel vragen dat Lotte zelf afhandelt, stijgt elke maand. Dat komt doordat wij "
          "teksten op de website hebben verbeterd waar Lotte vaak geen antwoord op vond. Het aantal "
          "telefoontjes naar het KCC daalde in het vierde kwartaal met 12 procent ten opzichte van "
          "dezelfde periode in 2025. Hoeveel daarvan door Lotte komt, is nog niet goed te zeggen; ook "
          "de nieuwe afvalkalender-app speelt mogelijk een rol."),
    ("p", "Gebruikers kunnen na elk gesprek een waardering geven. De gemiddelde waardering over de "
          "drie maanden is 3,8 op een schaal van 5."),
    ("h2", "Onjuiste antwoorden"),
    ("p", "Wij hebben een steekproef van 500 gesprekken laten nakijken door medewerkers van het KCC. "
          "In 23 gesprekken gaf Lotte een onjuist of onvolledig antwoord. De meeste fouten gingen "
          "over de afvalinzameling rond de feestdagen, toen de afvalkalender afweek van het normale "
          "schema. De betreffende webpagina's zijn inmiddels aangepast."),

    ("h1", "Privacy en informatiebeveiliging"),
    ("p", "Voor de start is een gegevensbeschermingseffectbeoordeling (DPIA) uitgevoerd, in augustus "
          "2026. Lotte staat ook in het algoritmeregister van de gemeente. De belangrijkste afspraken:"),
    ("li", "Gesprekken worden vier weken bewaard om de kwaliteit te verbeteren en daarna "
           "geanonimiseerd."),
    ("li", "De gegevens worden verwerkt in een datacentrum in Frankfurt, binnen de Europese Unie."),
    ("li", "De leverancier gebruikt de gesprekken niet om het taalmodel te trainen; dit is vastgelegd "
           "in de verwerkersovereenkomst."),
    ("li", "Typt een inwoner toch persoonsgegevens in, zoals een telefoonnummer of BSN, dan worden "
           "die automatisch uit het gespreksverslag verwijderd."),

    ("h1", "Kosten"),
    ("p", "Lotte wordt geleverd door Converso B.V. uit Amersfoort. De eenmalige kosten voor inrichting "
          "en koppeling met de website bedroegen € 18.500. Daarnaast betalen wij tijdens de proef een "
          "licentie van € 1.950 per maand. Deze kosten worden gedekt binnen het bestaande budget "
          "Dienstverlening; er is geen extra geld van de raad nodig."),

    ("h1", "Vervolg"),
    ("p", "De proef loopt tot en met 31 maart 2027. Daarna evalueren wij de chatbot met het "
          "gebruikerspanel van de gemeente en met de medewerkers van het KCC. In het tweede kwartaal "
          "van 2027 besluiten wij over voortzetting. Bij voortzetting onderzoeken wij of Lotte vanaf "
          "medio 2027 ook in het Engels, Pools en Arabisch kan antwoorden. Wij informeren u over ons "
          "besluit met een nieuwe raadsinformatiebrief."),
    ("p", "Wilt u Lotte zelf uitproberen? Ga naar lindewaarde.nl en klik rechtsonder op 'Stel je "
          "vraag aan Lotte'."),

    ("p", "Met vriendelijke groet,"),
    ("p", "Burgemeester en wethouders van Lindewaarde,"),
    ("p", "de secretaris, drs. E.M. van Rijckevorsel"),
    ("p", "de burgemeester, H. Bouwmeester"),
]

# Bullets in the List Bullet style; everything else Normal.
STYLES = {"li": "List Bullet"}


def main() -> None:
    write_docx(OUT, TITLE, META, BODY, styles=STYLES, bold_table_header=True, font=("Calibri", 11))


if __name__ == "__main__":
    main()
