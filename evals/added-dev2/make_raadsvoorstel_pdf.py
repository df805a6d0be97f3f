"""Writes raadsvoorstel-camera-beeldherkenning-containers.pdf (Gemeente Lindewaarde, fictional).

Run with the project's Python: .venv/bin/python evals/added-dev2/make_raadsvoorstel_pdf.py
The core PDF font is latin-1 only, so amounts are written with "EUR" and plain dashes.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from docgen import write_pdf  # noqa: E402

OUT = HERE / "raadsvoorstel-camera-beeldherkenning-containers.pdf"
HEADER = "Gemeente Lindewaarde - Raadsvoorstel camera's bij ondergrondse containers"
HEADER_RIGHT = "Kenmerk RV-2026-087"

CONTENT = [
    ("title", "Raadsvoorstel: camera's met beeldherkenning bij ondergrondse containers"),
    ("meta", "Kenmerk: RV-2026-087"),
    ("meta", "Datum collegebesluit: 10 november 2026"),
    ("meta", "Raadsvergadering: 17 december 2026"),
    ("meta", "Portefeuillehouder: wethouder J.H. (Jeroen) Dekkers, Openbare Ruimte en Afval"),
    ("meta", "Afdeling: Stadsbeheer, team Afval en Reiniging"),
    ("meta", "Informatie: S. Kuipers, s.kuipers@lindewaarde.nl"),
    ("space", 4),

    ("h2", "Beslispunten"),
    ("p", "De raad wordt voorgesteld te besluiten:"),
    ("li", "1. In te stemmen met een proef van achttien maanden met camera's met beeldherkenning "
           "bij twaalf ondergrondse containerlocaties in de wijken Kraaiendal, Molenwijk en Oosterhaven."),
    ("li", "2. Een eenmalig krediet van EUR 185.000 beschikbaar te stellen voor de aanschaf en "
           "plaatsing van 24 camera's."),
    ("li", "3. De exploitatielasten van EUR 42.000 per jaar gedurende de proef te dekken uit de "
           "egalisatiereserve afvalstoffenheffing."),
    ("li", "4. Kennis te nemen van de gegevensbeschermingseffectbeoordeling (DPIA) en de daarin "
           "opgenomen maatregelen."),
    ("li", "5. De bijgevoegde begrotingswijziging 2027-03 vast te stellen."),
    ("space", 2),

    ("h2", "1. Aanleiding"),
    ("p", "Afval dat naast ondergrondse containers wordt gezet (bijplaatsingen) is al jaren een "
          "grote ergernis van bewoners. In 2025 ontving de gemeente ruim 400 meldingen over afval "
          "naast containers; in de eerste negen maanden van 2026 waren dat er al 371. Ruim een derde "
          "van alle meldingen betreft slechts twaalf locaties, vooral rond het Kraaiendalplein en de "
          "Molenstraat."),
    ("p", "Het opruimen kost de gemeente ruim een ton per jaar. In 2025 ging het om EUR 104.300 "
          "aan extra inzet van de veegploeg, extra ritten van de kraanwagen en stortkosten. Dit "
          "bedrag komt ten laste van de afvalstoffenheffing en wordt dus door alle huishoudens "
          "betaald."),
    ("p", "Op 3 juli 2025 nam de raad de motie 'Schoon is gewoon' aan. Daarin vraagt de raad het "
          "college te onderzoeken hoe de handhaving op bijplaatsingen slimmer en effectiever kan. "
          "Dit voorstel is de uitwerking van die motie."),
    ("p", "De gemeente zet nu al af en toe een tijdelijke camera in. Het handmatig terugkijken van "
          "de beelden kost de boa's echter veel tijd: gemiddeld twee uur per incident. Camera's met "
          "beeldherkenning signaleren automatisch wanneer er iets naast een container wordt "
          "neergezet. Alleen dan wordt een korte beeldreeks doorgestuurd naar een boa."),

    ("h2", "2. Wat willen we bereiken?"),
    ("li", "- Minder bijplaatsingen op de twaalf proeflocaties: een daling van 30 procent ten "
           "opzichte van 2025."),
    ("li", "- Snellere afhandeling: een boa beoordeelt elke melding van het systeem binnen 48 uur."),
    ("li", "- Vaker een overtreder kunnen aanspreken of beboeten, in plaats van alleen opruimen."),
    ("space", 2),

    ("h2", "3. Argumenten"),
    ("h3", "3.1 Beeldherkenning beperkt de inbreuk op de privacy"),
    ("p", "Het systeem analyseert de beelden continu, maar slaat alleen iets op na een detectie. "
          "Gezichten en kentekens worden automatisch onherkenbaar gemaakt. Alleen een daartoe "
          "aangewezen boa kan bij een vastgestelde overtreding de vervaging opheffen. "
          "Beelden zonder incident worden na 72 uur automatisch overschreven. "
          "Beelden van een vastgestelde "
          "overtreding worden bewaard tot de bezwaartermijn is verstreken, en bij bezwaar of beroep "
          "tot de zaak onherroepelijk is afgerond."),
    ("h3", "3.2 De capaciteit van de boa's wordt beter benut"),
    ("p", "Doordat boa's alleen nog relevante fragmenten zien, verwachten we dat de tijd per "
          "incident daalt van twee uur naar ongeveer twintig minuten. De vrijgekomen tijd wordt "
          "ingezet voor toezicht in de wijken."),
    ("h3", "3.3 Ervaringen elders zijn positief"),
    ("p", "In de gemeente Oudervelde daalde het aantal bijplaatsingen op cameralocaties in het "
          "eerste jaar met een kwart. Ook daar werd vooraf gecommuniceerd met borden en een brief "
          "aan omwonenden; het preventieve effect bleek groter dan het aantal boetes."),
    ("h3", "3.4 De proef is omkeerbaar"),
    ("p", "De camera's worden op mobiele masten geplaatst. Als de proef niet werkt of het probleem "
          "zich verplaatst, kunnen ze eenvoudig worden weggehaald of verplaatst."),

    ("h2", "4. Kanttekeningen"),
    ("h3", "4.1 Waterbedeffect"),
    ("p", "Dumpen kan verschuiven naar locaties zonder camera. Daarom monitoren we tijdens de proef "
          "ook de meldingen in omliggende straten binnen 200 meter van elke cameralocatie."),
    ("h3", "4.2 Beeldherkenning maakt fouten"),
    ("p", "In de testfase van de leverancier was ongeveer een op de tien detecties onterecht, "
          "bijvoorbeeld door een geparkeerde kinderwagen of een vuilniszak die iemand even neerzet "
          "om de klep te openen. Daarom beoordeelt altijd een boa de beelden: het systeem legt zelf "
          "geen boetes op."),
    ("h3", "4.3 Juridisch kader en proportionaliteit"),
    ("p", "De inzet gebeurt op basis van de Afvalstoffenverordening Lindewaarde 2024 en de AVG. "
          "Cameratoezicht voor afvalhandhaving is alleen proportioneel als lichtere middelen "
          "onvoldoende werken. De DPIA concludeert dat dit op de twaalf gekozen locaties het geval "
          "is: voorlichting, extra ledigingen en afvalcoaches hebben daar de afgelopen twee jaar "
          "onvoldoende effect gehad."),
    ("h3", "4.4 Hoogte van de boete"),
    ("p", "Voor een bijplaatsing geldt een boete van EUR 150, vermeerderd met EUR 9 "
          "administratiekosten. De gemeente kan dit bedrag niet zelf aanpassen."),

    ("h2", "5. Financiën"),
    ("p", "Na een meervoudig onderhandse aanbesteding is Vistrada Security B.V. uit Apeldoorn als "
          "leverancier gekozen. De aanschafkosten bedragen circa EUR 7.700 per camera, inclusief "
          "mast, plaatsing en aansluiting. De proef loopt negen maanden in 2027 en negen maanden in "
          "2028. De kosten van de proef zijn als volgt:"),
    ("table", [
        ["Onderdeel", "2027", "2028"],
        ["Aanschaf en plaatsing 24 camera's (eenmalig)", "EUR 185.000", "-"],
        ["Licentie beeldherkenning en dataverbinding", "EUR 23.250", "EUR 23.250"],
        ["Onderhoud en verplaatsingen", "EUR 8.250", "EUR 8.250"],
        ["Totaal", "EUR 216.500", "EUR 31.500"],
    ]),
    ("p", "Het eenmalige krediet wordt in 2027 beschikbaar gesteld. De exploitatielasten worden "
          "gedekt uit de egalisatiereserve afvalstoffenheffing, die per 1 januari 2026 een stand "
          "had van EUR 1,3 miljoen. De afvalstoffenheffing hoeft voor deze proef niet omhoog. Als "
          "het aantal bijplaatsingen met 30 procent daalt, besparen we naar verwachting ruim "
          "EUR 30.000 per jaar op opruimkosten."),

    ("h2", "6. Communicatie"),
    ("p", "Omwonenden van de twaalf locaties krijgen in januari 2027 een brief. Bij elke container "
          "komt een bord met de tekst 'Let op: camera met beeldherkenning'. Op lindewaarde.nl/afval "
          "komt een pagina met vragen en antwoorden, en de camera's worden opgenomen in het "
          "algoritmeregister van de gemeente."),

    ("h2", "7. Planning"),
    ("li", "- 17 december 2026: besluit gemeenteraad."),
    ("li", "- Januari 2027: brief aan omwonenden en plaatsing van borden."),
    ("li", "- Eerste kwartaal van 2027: plaatsing en test van de camera's."),
    ("li", "- 1 april 2027: start van de proef."),
    ("li", "- Oktober 2027: tussenrapportage aan de raad, na een half jaar proef."),
    ("li", "- 30 september 2028: einde van de proef."),
    ("li", "- Vierde kwartaal van 2028: evaluatie en voorstel over het vervolg."),
    ("space", 3),

    ("h2", "8. Bijlagen"),
    ("li", "1. Gegevensbeschermingseffectbeoordeling (DPIA) camera's ondergrondse containers"),
    ("li", "2. Kaart met de twaalf proeflocaties"),
    ("li", "3. Begrotingswijziging 2027-03"),
    ("space", 4),
    ("p", "Burgemeester en wethouders van Lindewaarde,"),
    ("meta", "de secretaris, drs. E.M. (Esther) van Rijckevorsel"),
    ("meta", "de burgemeester, H. (Hans) Bouwmeester"),
]


def main() -> None:
    write_pdf(OUT, CONTENT, HEADER, HEADER_RIGHT)


if __name__ == "__main__":
    main()
