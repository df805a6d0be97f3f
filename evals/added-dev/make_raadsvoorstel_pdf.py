"""Maakt raadsvoorstel-bodycams-handhaving.pdf (fictieve gemeente Oosterveld-aan-Zee).

Gebruik: python make_raadsvoorstel_pdf.py  (schrijft het bestand naast dit script)
De core font "helvetica" van fpdf2 kent alleen latin-1; daarom staat er
"EUR" in plaats van het euroteken en gewone streepjes in plaats van gedachtestreepjes.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/, for docgen.py
import docgen

HERE = Path(__file__).resolve().parent
OUT = HERE / "raadsvoorstel-bodycams-handhaving.pdf"

HEADER = "Gemeente Oosterveld-aan-Zee  |  Raadsvoorstel RV 2026-117  |  Proef bodycams handhaving"

# (soort, tekst): "title" = titel, "h2" = sectiekop, "p" = alinea, "li" = opsommingsregel,
# "meta" = kenmerkregel
CONTENT = [
    ("title", "RAADSVOORSTEL"),
    ("meta", "Onderwerp: Proef met bodycams voor boa's van team Toezicht en Handhaving"),
    ("meta", "Registratienummer: RV 2026-117"),
    ("meta", "Portefeuillehouder: burgemeester M.J. van Dijk-Hoekstra"),
    ("meta", "Datum collegebesluit: 3 november 2026"),
    ("meta", "Commissie: Bestuur en Veiligheid, 19 november 2026"),
    ("meta", "Raadsvergadering: 10 december 2026"),

    ("h2", "Beslispunten"),
    ("p", "De raad wordt voorgesteld te besluiten:"),
    ("li", "1. In te stemmen met een proef van achttien maanden waarin de boa's van team Toezicht "
           "en Handhaving bodycams dragen, met ingang van 1 maart 2027."),
    ("li", "2. Voor de proef een incidenteel budget van EUR 86.000 beschikbaar te stellen en dit "
           "te dekken uit de algemene reserve."),
    ("li", "3. De structurele kosten na afloop van de proef pas te betrekken bij de kadernota "
           "2029, als de eindevaluatie positief is."),
    ("li", "4. De bijbehorende begrotingswijziging 2027-04 vast te stellen."),

    ("h2", "Aanleiding"),
    ("p", "De boa's van Oosterveld-aan-Zee krijgen steeds vaker te maken met agressie. In 2025 "
          "registreerde het team 37 incidenten van fysieke agressie of bedreiging, tegen 22 "
          "incidenten in 2023. Daarnaast kwamen er in 2025 ruim 140 meldingen van verbale agressie "
          "binnen, vooral tijdens avonddiensten op de boulevard en bij controles in het "
          "duingebied."),
    ("p", "Op 26 juni 2025 nam de raad de motie 'Veilig werken in de openbare ruimte' (M2025-08) "
          "aan. Daarin vraagt de raad het college om de inzet van bodycams te onderzoeken en "
          "uiterlijk eind 2026 met een voorstel te komen. Met dit raadsvoorstel geven wij "
          "uitvoering aan die motie."),
    ("p", "Team Toezicht en Handhaving bestaat uit zestien boa's (13,4 fte). Zij werken in "
          "tweetallen en zijn in het zomerseizoen ook 's avonds tot 23.00 uur op straat."),

    ("h2", "Beoogd effect"),
    ("p", "Met de proef willen wij bereiken dat:"),
    ("li", "- het aantal incidenten van fysieke en verbale agressie tegen boa's met minimaal "
           "30 procent daalt ten opzichte van 2025;"),
    ("li", "- boa's zich veiliger voelen tijdens hun werk;"),
    ("li", "- er beter bewijs beschikbaar is bij aangiftes en klachten."),

    ("h2", "Argumenten"),
    ("p", "1.1 Een bodycam werkt de-escalerend. Een boa zet de camera pas aan nadat hij of zij de "
          "betrokkene heeft gewaarschuwd met de zin 'Let op, vanaf nu wordt u gefilmd'. Op de "
          "voorkant van de camera zit een klein scherm, zodat de betrokkene ziet dat er wordt "
          "opgenomen."),
    ("p", "1.2 Ervaringen in andere gemeenten zijn positief. In de buurgemeente Duinhoven dragen "
          "boa's sinds 2024 een bodycam. Daar daalde het aantal geregistreerde incidenten in het "
          "eerste jaar met een kwart."),
    ("p", "1.3 De boa's vragen er zelf om. In een enquête onder het team in het voorjaar van 2026 "
          "gaven twee op de drie boa's aan dat zij zich veiliger zouden voelen met een bodycam. De "
          "ondernemingsraad heeft op 14 oktober 2026 positief geadviseerd."),
    ("p", "1.4 Beelden ondersteunen aangifte en klachtbehandeling. Opnamen kunnen worden "
          "overgedragen aan de politie als bewijs bij een aangifte."),

    ("h2", "Kanttekeningen"),
    ("p", "1. Een bodycam is geen oplossing voor alle agressie. De training 'Omgaan met agressie' "
          "en het werken in tweetallen blijven onverminderd nodig."),
    ("p", "2. De camera heeft een zogenoemde pre-recordfunctie. Het apparaat houdt steeds de "
          "laatste 30 seconden vast in een buffer, die wordt overschreven zolang de boa niet op "
          "opnemen drukt. Pas bij activeren worden die seconden bewaard. Dit raakt de privacy van "
          "omstanders; in de DPIA is dit risico uitgebreid gewogen."),
    ("p", "3. Niet iedereen zal een camera als de-escalerend ervaren. Sommige inwoners kunnen de "
          "aanwezigheid van een camera juist als provocerend zien."),
    ("p", "4. De accu gaat ongeveer tien uur mee. Bij lange evenementendiensten, zoals tijdens het "
          "Zeefestival, moet een boa halverwege de dienst een reservecamera ophalen."),
    ("p", "5. Er is geen sprake van continue opname en er wordt geen gezichtsherkenning gebruikt. "
          "Ook de leverancier mag de beelden niet voor eigen doeleinden gebruiken."),

    ("h2", "Financiën"),
    ("p", "De incidentele kosten van de proef bedragen EUR 86.000. Deze zijn als volgt opgebouwd:"),
    ("li", "- aanschaf van veertien bodycams, waarvan twee reservecamera's, à EUR 1.150 per stuk: "
           "EUR 16.100;"),
    ("li", "- dockingstations, software en implementatie: EUR 27.400;"),
    ("li", "- training van alle boa's in twee dagdelen: EUR 12.500;"),
    ("li", "- projectleiding en uitvoering van de DPIA: EUR 24.000;"),
    ("li", "- onvoorzien: EUR 6.000."),
    ("p", "Omdat boa's in tweetallen werken en niet iedereen tegelijk dienst heeft, zijn twaalf "
          "camera's tegelijk in gebruik. De structurele kosten na de proef worden geraamd op "
          "EUR 21.500 per jaar: EUR 14.000 voor licenties en beveiligde opslag en EUR 7.500 voor "
          "functioneel beheer."),

    ("h2", "Privacy"),
    ("p", "Wij hebben in september 2026 een gegevensbeschermingseffectbeoordeling (DPIA) laten "
          "uitvoeren. De functionaris gegevensbescherming (FG) heeft op 2 oktober 2026 positief "
          "geadviseerd, onder drie voorwaarden: een strikte bewaartermijn, een vier-ogenprincipe "
          "bij het bekijken van beelden en jaarlijkse controle van de logbestanden. Deze "
          "voorwaarden nemen wij over."),
    ("p", "De verwerking van beelden valt onder de Wet politiegegevens (Wpg), omdat boa's de "
          "beelden maken in het kader van hun opsporingstaak."),
    ("p", "Beelden worden na 28 dagen automatisch verwijderd. Alleen als beelden nodig zijn voor "
          "een aangifte, een klacht of een bezwaarprocedure, worden zij langer bewaard, tot die "
          "procedure is afgerond."),
    ("p", "Alleen de teamleider Toezicht en Handhaving en de privacy officer mogen beelden "
          "bekijken, en altijd samen. Elke keer dat beelden worden bekeken, gekopieerd of "
          "verwijderd, wordt dat gelogd. Boa's kunnen hun eigen opnamen niet wissen of bewerken. "
          "De beelden worden versleuteld opgeslagen in een datacenter in Nederland."),

    ("h2", "Uitvoering"),
    ("p", "De bodycams worden geleverd door VeiligZicht B.V. uit Apeldoorn. Deze leverancier is in "
          "oktober 2026 geselecteerd via een meervoudig onderhandse aanbesteding, waarvoor drie "
          "partijen een offerte indienden."),
    ("p", "Planning:"),
    ("li", "- december 2026: besluit gemeenteraad;"),
    ("li", "- januari 2027: ondertekening contract en levering;"),
    ("li", "- februari 2027: training van alle boa's;"),
    ("li", "- 1 maart 2027: start van de proef;"),
    ("li", "- 31 augustus 2028: einde van de proef."),
    ("p", "De burgemeester is bestuurlijk verantwoordelijk. De teamleider Toezicht en Handhaving "
          "is verantwoordelijk voor de dagelijkse uitvoering. Inwoners worden geïnformeerd via de "
          "gemeentelijke website, de Kustkrant en een herkenbare sticker 'Bodycam' op het "
          "uniform."),

    ("h2", "Evaluatie"),
    ("p", "Na negen maanden, in december 2027, volgt een tussenevaluatie. De eindevaluatie "
          "ontvangt uw raad medio 2028, ruim voor het einde van de proef, zodat u tijdig kunt "
          "besluiten over structurele inzet. In de evaluatie kijken wij in ieder geval naar:"),
    ("li", "- het aantal incidenten van agressie tegen boa's;"),
    ("li", "- het aantal keren dat een camera is geactiveerd;"),
    ("li", "- het aantal verzoeken om inzage en het aantal klachten;"),
    ("li", "- de ervaringen van boa's en inwoners."),
    ("p", "Als de tussenevaluatie laat zien dat de camera's vaker dan verwacht ongewenste effecten "
          "hebben, kan de burgemeester de proef eerder beëindigen."),

    ("h2", "Ondertekening"),
    ("p", "Burgemeester en wethouders van Oosterveld-aan-Zee,"),
    ("p", "de secretaris, drs. P.L. Brouwer          de burgemeester, M.J. van Dijk-Hoekstra"),
]


def build() -> None:
    docgen.write_pdf(OUT, CONTENT, HEADER)


if __name__ == "__main__":
    build()
