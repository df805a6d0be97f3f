"""Maakt 03-algoritme-bijstand.docx (fictieve gemeente Kalverdijk).

Gebruik: /work/main/.venv/bin/python make_03_docx.py  (schrijft het bestand naast dit script)
Koppen gebruiken de Word-stijlen "Heading 1" en "Heading 2"; er staan twee tabellen in
(indicatoren met nulmeting en kosten per jaar) en een risicotabel.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/, for docgen.py
import docgen

HERE = Path(__file__).resolve().parent
OUT = HERE / "03-algoritme-bijstand.docx"

META = [
    "Gemeente Kalverdijk",
    "Registratienummer: RV 2027-112",
    "Onderwerp: Proef met een risicomodel bij aanvragen voor een bijstandsuitkering",
    "Portefeuillehouder: wethouder R. El Amrani (Werk en Inkomen)",
    "Datum collegebesluit: 12 oktober 2027",
    "Commissie: Sociaal Domein, 2 november 2027",
    "Raadsvergadering: 23 november 2027",
]

TABLE_INDICATOREN = [
    ["Indicator", "Nulmeting 2026", "Doel eind proef (juni 2029)"],
    ["Aanvragen afgehandeld binnen de wettelijke termijn van acht weken", "69%", "95%"],
    ["Gemiddelde behandeltijd per aanvraag", "6,5 uur", "4,5 uur"],
    ["Toegekende uitkeringen met achteraf onjuiste of onvolledige gegevens", "7%", "5%"],
    ["Aanvragen met een hoog risico die bij onderzoek in orde blijken", "niet gemeten", "minder dan 15%"],
]

TABLE_RISICO = [
    ["Risico", "Gevolg", "Maatregel"],
    ["Ongelijke behandeling van groepen",
     "Bepaalde groepen aanvragers worden vaker extra gecontroleerd zonder dat daar aanleiding voor is",
     "Halfjaarlijkse onafhankelijke toets op ongelijke behandeling; bij een afwijking wordt het gebruik stilgelegd"],
    ["Onterecht hoog risico",
     "Een aanvrager krijgt onnodig een extra gesprek en moet langer wachten op een besluit",
     "De klantmanager beslist altijd zelf; het extra gesprek vindt binnen vijf werkdagen plaats"],
    ["Afhankelijkheid van de leverancier",
     "De gemeente kan het model niet zelf aanpassen of laten doorlichten",
     "De rekenregels worden in escrow gegeven en de gemeente mag het model door een derde laten controleren"],
    ["Datalek",
     "Gevoelige gegevens van aanvragers komen bij onbevoegden terecht",
     "Het model draait binnen het gemeentelijke netwerk en de leverancier moet voldoen aan de BIO"],
]

TABLE_KOSTEN = [
    ["Kostenpost", "2028", "2029 (tot 1 juli)", "Totaal"],
    ["Licentie en hosting risicomodel", "€ 38.000", "€ 19.000", "€ 57.000"],
    ["Implementatie en koppeling met het uitkeringssysteem", "€ 42.000", "-", "€ 42.000"],
    ["DPIA en onafhankelijke toetsen op ongelijke behandeling", "€ 30.000", "€ 15.000", "€ 45.000"],
    ["Training klantmanagers inkomen", "€ 12.000", "-", "€ 12.000"],
    ["Onvoorzien", "€ 8.000", "-", "€ 8.000"],
    ["Totaal", "€ 130.000", "€ 34.000", "€ 164.000"],
]

# (soort, tekst): "h1"/"h2" = koppen, "p" = alinea, "num" = genummerd beslispunt,
# "li" = opsommingsregel,
# "table" = tabel (tekst is dan de lijst van rijen; de eerste rij vet)
BODY = [
    ("h1", "Beslispunten"),
    ("p", "De raad wordt voorgesteld te besluiten:"),
    ("num", "In te stemmen met een proef van achttien maanden, vanaf 1 januari 2028, waarin een "
           "risicomodel aanvragen voor een bijstandsuitkering indeelt in laag, midden of hoog risico "
           "op onjuiste of onvolledige gegevens."),
    ("num", "De kaders voor het gebruik van het risicomodel vast te stellen zoals beschreven in de "
           "paragraaf Kaders voor het risicomodel."),
    ("num", "Voor de proef een incidenteel budget van € 164.000 beschikbaar te stellen, te dekken uit "
           "de reserve Sociaal Domein, en de bijbehorende begrotingswijziging vast te stellen."),

    ("h1", "Aanleiding"),
    ("p", "Kalverdijk telde eind 2026 2.340 huishoudens met een bijstandsuitkering. In 2026 kwamen "
          "1.180 nieuwe aanvragen binnen, 14 procent meer dan in 2024."),
    ("p", "Elke aanvraag wordt nu volledig onderzocht door een klantmanager inkomen, gemiddeld 6,5 uur "
          "per aanvraag. Door de toename van het aantal aanvragen werd de wettelijke beslistermijn van "
          "acht weken in 2026 bij 31 procent van de aanvragen overschreden. Inwoners die op hun eerste "
          "uitkering wachten, komen daardoor soms in de schulden."),
    ("p", "Bij de controle achteraf bleek in 2026 dat bij 7 procent van de toegekende uitkeringen sprake "
          "was van onjuiste of onvolledige gegevens, met een totaal terug te vorderen bedrag van "
          "€ 410.000. Vaak gaat het om vergissingen van aanvragers, bijvoorbeeld over inkomsten van "
          "een huisgenoot."),

    ("h1", "Beoogd effect"),
    ("p", "Het doel is dat inwoners die recht hebben op bijstand sneller en met meer zekerheid hun "
          "uitkering krijgen, en dat gemeenschapsgeld terechtkomt bij wie het nodig heeft."),
    ("p", "Aanvragen met een laag risico kunnen met een lichtere toets worden afgehandeld, zodat de "
          "aanvrager sneller duidelijkheid krijgt. Klantmanagers krijgen zo meer tijd voor aanvragen "
          "waarbij wel iets mis kan zijn, en kunnen aanvragers daar beter helpen hun gegevens compleet "
          "te maken, zodat zij later geen geld hoeven terug te betalen."),
    ("p", "Wij hanteren de volgende indicatoren, met de cijfers over 2026 als nulmeting:"),
    ("table", TABLE_INDICATOREN),

    ("h1", "Argumenten"),
    ("h2", "Het model helpt de klantmanager, maar beslist niet"),
    ("p", "Het risicomodel bepaalt alleen hoe zwaar een aanvraag wordt gecontroleerd. Of iemand recht "
          "heeft op bijstand, beoordeelt de klantmanager zoals nu aan de hand van de Participatiewet."),
    ("h2", "Het model is getest op eerdere aanvragen"),
    ("p", "Bij een test op 2.900 afgehandelde aanvragen uit 2023 tot en met 2025 wees het model 71 "
          "procent van de latere terugvorderingen vooraf aan als midden of hoog risico."),
    ("h2", "Welke gegevens gebruikt het model?"),
    ("p", "Het model gebruikt twaalf kenmerken uit de aanvraag en de Basisregistratie Personen, zoals "
          "de samenstelling van het huishouden, de woonsituatie, de hoogte van eerdere inkomsten en "
          "het aantal eerdere aanvragen in de afgelopen vijf jaar."),

    ("h1", "Kaders voor het risicomodel"),
    ("p", "Voor het gebruik van het risicomodel gelden de volgende kaders:"),
    ("li", "Het risicomodel geeft alleen een advies; een klantmanager beslist altijd zelf over de "
           "aanvraag en legt vast waarom hij of zij het advies volgt of ervan afwijkt."),
    ("li", "Nationaliteit, geboorteland, postcode en leeftijd worden niet als kenmerk gebruikt, ook niet "
           "via afgeleide gegevens."),
    ("li", "Een hoog risico leidt tot een extra gesprek en controle van bewijsstukken, nooit tot een "
           "huisbezoek zonder aanleiding of tot een automatische afwijzing."),
    ("li", "Het model wordt elk halfjaar door een onafhankelijke partij getoetst op ongelijke "
           "behandeling van groepen aanvragers."),
    ("li", "Wijzigingen in de kenmerken of rekenregels van het model worden pas ingevoerd na een "
           "nieuwe toets en advies van de functionaris gegevensbescherming."),

    ("h1", "Privacy en gegevensbescherming"),
    ("p", "Het model verwerkt persoonsgegevens van aanvragers, waaronder financiële gegevens en "
          "gegevens over het huishouden. De grondslag is de Participatiewet, die de gemeente verplicht "
          "het recht op bijstand vast te stellen en de juistheid van de verstrekte gegevens te "
          "controleren (artikel 6, lid 1, onder c en e AVG)."),
    ("p", "In september 2027 is een DPIA uitgevoerd. De functionaris gegevensbescherming heeft op "
          "28 september 2027 positief geadviseerd, mits het model niet zelfstandig beslist en de "
          "halfjaarlijkse toets op ongelijke behandeling daadwerkelijk plaatsvindt."),
    ("p", "De risicoscore wordt bewaard in het dossier van de aanvrager zolang de uitkering loopt en "
          "daarna vijf jaar, gelijk aan de bewaartermijn van het dossier. De score wordt alleen "
          "gebruikt voor de beoordeling van de aanvraag en niet voor andere doelen, zoals controles "
          "bij andere regelingen. Alleen klantmanagers inkomen, hun teamleider en de functioneel "
          "beheerder kunnen de score inzien."),

    ("h1", "Kanttekeningen"),
    ("p", "Een risicomodel kan groepen inwoners ongelijk behandelen, ook als gevoelige kenmerken zoals "
          "nationaliteit niet worden gebruikt, bijvoorbeeld via de woonsituatie of het aantal eerdere "
          "aanvragen. Uit de test blijkt dat alleenstaande ouders 1,4 keer zo vaak als hoog risico "
          "worden ingedeeld als gemiddeld. Wij laten onderzoeken of dit verschil te verklaren is en "
          "passen het model zo nodig aan voordat de proef begint."),
    ("p", "Het model maakt fouten. Bij de test werd 18 procent van de aanvragen die achteraf in orde "
          "bleken, toch als hoog risico aangemerkt. Die aanvragers krijgen dan onnodig een extra "
          "gesprek."),
    ("p", "De belangrijkste risico's en de maatregelen die wij nemen, staan in de tabel hieronder."),
    ("table", TABLE_RISICO),

    ("h1", "Financiën"),
    ("p", "De incidentele kosten van de proef zijn als volgt over de jaren verdeeld:"),
    ("table", TABLE_KOSTEN),
    ("p", "De incidentele kosten van € 164.000 worden gedekt uit de reserve Sociaal Domein, die per "
          "1 januari 2027 € 1,9 miljoen bedraagt. Bij structurele inzet na de proef verwachten wij "
          "jaarlijkse kosten van € 68.000 voor licentie, hosting en toetsing. Daartegenover staat een "
          "verwachte besparing van 2,2 fte aan onderzoekstijd, die wij inzetten om de beslistermijn "
          "weer te halen."),

    ("h1", "Uitvoering"),
    ("p", "Het risicomodel wordt geleverd door Rekenhuis Analytica B.V., dat het model heeft "
          "ontwikkeld op basis van geanonimiseerde gegevens van drie gemeenten. Het model draait op "
          "servers van de gemeente Kalverdijk; de leverancier heeft geen toegang tot persoonsgegevens "
          "van aanvragers. De gemeente is eigenaar van alle gegevens en van de risicoscores; het team "
          "Werk en Inkomen beheert het model functioneel."),
    ("p", "Planning:"),
    ("li", "november 2027: besluit gemeenteraad;"),
    ("li", "december 2027: koppeling met het uitkeringssysteem en training van de klantmanagers;"),
    ("li", "1 januari 2028: start van de proef;"),
    ("li", "juli 2028: eerste onafhankelijke toets op ongelijke behandeling;"),
    ("li", "januari 2029: evaluatie;"),
    ("li", "30 juni 2029: einde van de proef."),

    ("h1", "Evaluatie"),
    ("p", "Na twaalf maanden, in januari 2029, evalueren wij de proef aan de hand van de indicatoren "
          "uit de tabel onder Beoogd effect en de uitkomsten van de toetsen op ongelijke behandeling. "
          "Ook vragen wij klantmanagers naar hun ervaringen met het model."),
    ("p", "Blijkt uit een halfjaarlijkse toets dat een groep aanvragers meer dan 1,25 keer zo vaak als "
          "hoog risico wordt ingedeeld als gemiddeld, dan stoppen wij direct met het gebruik van het "
          "model totdat het is aangepast. Stoppen wij definitief, dan worden het model en alle "
          "risicoscores verwijderd en worden aanvragen weer volledig door klantmanagers beoordeeld."),

    ("p", "Burgemeester en wethouders van Kalverdijk,"),
    ("p", "de secretaris, drs. M.A. Hofstede"),
    ("p", "de burgemeester, ing. T.F. van Lingen"),
]


def build() -> None:
    docgen.write_docx(OUT, "Raadsvoorstel", META, BODY, bold_table_header=True)


if __name__ == "__main__":
    build()
