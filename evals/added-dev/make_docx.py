"""Maakt raadsinformatiebrief-deelscooters-data.docx (fictieve gemeente Oosterveld-aan-Zee).

Gebruik: python make_docx.py  (schrijft het bestand naast dit script)
Koppen gebruiken de Word-stijlen "Heading 1" en "Heading 2"; er staat een kleine tabel in.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/, for docgen.py
import docgen

HERE = Path(__file__).resolve().parent
OUT = HERE / "raadsinformatiebrief-deelscooters-data.docx"

META = [
    "Aan: de gemeenteraad van Oosterveld-aan-Zee",
    "Van: het college van burgemeester en wethouders",
    "Datum: 16 februari 2027",
    "Kenmerk: RIB 2027-009",
    "Onderwerp: Convenant datadeling met aanbieders van deelscooters",
    "Portefeuillehouder: wethouder J. de Graaf (Mobiliteit)",
]

TABLE = [
    ["Kerncijfer (januari 2027)", "Zoem Mobility", "Voltrit"],
    ["Aantal ingezette scooters", "140", "115"],
    ["Aantal ritten", "6.820", "4.310"],
    ["Gemiddelde ritduur", "11 minuten", "13 minuten"],
    ["Ritten buiten toegestane plek beëindigd", "6%", "9%"],
]

# (soort, tekst): "h1"/"h2" = koppen, "p" = alinea, "li" = opsommingsregel, "table" = kerncijfers
BODY = [
    ("h1", "Aanleiding"),
    ("p", "Sinds april 2025 rijden er in Oosterveld-aan-Zee elektrische deelscooters van twee "
          "aanbieders: Zoem Mobility en Voltrit. Volgens de vergunning mag elke aanbieder maximaal "
          "150 scooters inzetten. In 2026 ontving de gemeente ruim 300 klachten over verkeerd "
          "geparkeerde scooters, vooral op de boulevard en rond het station."),
    ("p", "Bij de behandeling van de begroting 2027 vroegen meerdere fracties hoe de gemeente "
          "beter zicht kan krijgen op het gebruik van deelscooters en op overlast. Met deze brief "
          "informeren wij u over het convenant dat wij op 2 februari 2027 met beide aanbieders "
          "hebben gesloten."),

    ("h1", "Kern van het convenant"),
    ("h2", "Welke gegevens delen de aanbieders?"),
    ("p", "De aanbieders leveren hun gegevens aan volgens de internationale standaard MDS "
          "(Mobility Data Specification). Het gaat om:"),
    ("li", "de actuele positie van beschikbare scooters, die iedere minuut wordt bijgewerkt;"),
    ("li", "het begin- en eindpunt, het tijdstip en de duur van iedere rit;"),
    ("li", "meldingen van schade en van verkeerd parkeren."),
    ("p", "Gegevens over de gebruikers zelf, zoals naam, telefoonnummer en betaalgegevens, worden "
          "niet gedeeld. De gemeente ontvangt dus geen gegevens waarmee zij een gebruiker direct "
          "kan identificeren."),
    ("h2", "Hoe gaat de gemeente met de gegevens om?"),
    ("p", "De gegevens komen binnen op het Dashboard Deelmobiliteit van MobiData Noord, dat de "
          "gemeente beheert. Ritgegevens worden na 30 dagen geanonimiseerd: begin- en eindpunten "
          "worden dan afgerond op 100 meter en de exacte tijdstippen worden vervangen door het "
          "uur. Geanonimiseerde ritgegevens worden twee jaar bewaard en daarna verwijderd. De "
          "actuele posities van scooters worden niet bewaard."),
    ("p", "Begin- en eindpunten van ritten kunnen samen met tijdstippen herleidbaar zijn tot "
          "personen, bijvoorbeeld tot iemands woonadres. Daarom hebben wij een DPIA laten "
          "uitvoeren, die in december 2026 is afgerond. Op advies van de functionaris "
          "gegevensbescherming is de termijn waarna ritgegevens worden geanonimiseerd verkort van "
          "90 naar 30 dagen."),
    ("h2", "Afspraken over parkeren"),
    ("li", "Op de boulevard geldt van 1 mei tot en met 30 september een parkeerverbod voor "
           "deelscooters. Dit wordt technisch afgedwongen met geofencing: een rit kan daar niet "
           "worden beëindigd."),
    ("li", "Rond het station mogen deelscooters het hele jaar alleen in de drie aangewezen "
           "parkeervakken (hubs) worden neergezet."),
    ("li", "Een verkeerd geparkeerde scooter moet tussen 7.00 en 22.00 uur binnen vier uur worden "
           "weggehaald; 's nachts gemelde scooters moeten vóór 10.00 uur de volgende ochtend weg "
           "zijn."),
    ("li", "Krijgt een aanbieder binnen één kwartaal drie schriftelijke waarschuwingen, dan kan de "
           "gemeente het maximumaantal scooters verlagen of de vergunning intrekken."),

    ("h1", "Kosten"),
    ("p", "De aanbieders betalen leges van € 45 per scooter per jaar. Het dashboard kost de "
          "gemeente € 12.000 per jaar; die kosten worden gedekt uit de leges. Het convenant zelf "
          "brengt voor de gemeente geen extra kosten met zich mee."),

    ("h1", "Eerste cijfers"),
    ("p", "De eerste maand levert het volgende beeld op:"),
    ("table", TABLE),
    ("p", "Een rit met een deelscooter duurt dus gemiddeld ruim tien minuten. Het aandeel ritten "
          "dat buiten een toegestane plek eindigt, ligt bij Voltrit hoger dan bij Zoem Mobility. "
          "Wij hebben Voltrit daarop aangesproken."),

    ("h1", "Vervolg"),
    ("li", "Het convenant loopt tot en met 31 december 2028, gelijk aan de looptijd van de "
           "vergunningen."),
    ("li", "Na de zomer van 2027 evalueren wij het convenant, met bijzondere aandacht voor het "
           "parkeerverbod op de boulevard. U ontvangt de evaluatie uiterlijk in november 2027."),
    ("li", "Uw raad heeft gevraagd om ook gegevens over het gebruik door verschillende "
           "leeftijdsgroepen. De aanbieders zijn daar tot nu toe terughoudend in; wij blijven "
           "hierover met hen in gesprek."),
    ("li", "Bij de nieuwe vergunningsronde vanaf 2029 willen wij datadeling als harde voorwaarde "
           "in de vergunning opnemen, zodat een convenant niet meer nodig is."),
    ("p", "Wij vertrouwen erop u hiermee voldoende te hebben geïnformeerd."),
    ("p", "Burgemeester en wethouders van Oosterveld-aan-Zee,"),
    ("p", "de secretaris, drs. P.L. Brouwer"),
    ("p", "de burgemeester, M.J. van Dijk-Hoekstra"),
]


def build() -> None:
    docgen.write_docx(OUT, "Raadsinformatiebrief", META, BODY)


if __name__ == "__main__":
    build()
