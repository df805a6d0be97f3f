"""Maakt b-slimme-watermeters.docx: een dun raadsvoorstel van de fictieve gemeente Hoogmeerle.

Gebruik: /work/main/.venv/bin/python make_b_docx.py  (schrijft het bestand naast dit script)
Koppen gebruiken de Word-stijl "Heading 1". Bewust kort (ongeveer een pagina): het voorstel
behandelt maar een paar punten van de checklist. Alle namen zijn verzonnen.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # evals/, for docgen.py
import docgen

HERE = Path(__file__).resolve().parent
OUT = HERE / "b-slimme-watermeters.docx"

META = [
    "Gemeente Hoogmeerle",
    "Onderwerp: Bijdrage aan slimme watermeters voor alle huishoudens",
    "Kenmerk: 2027/RV/088",
    "Raadsvergadering: 23 september 2027",
    "Portefeuillehouder: wethouder T. Bakkenes (Klimaat en Water)",
]

# (soort, tekst): "h1" = kop (Heading 1), "p" = alinea, "li" = genummerd beslispunt
BODY = [
    ("h1", "Voorgesteld besluit"),
    ("p", "De raad wordt voorgesteld:"),
    ("li", "1. In te stemmen met de vervanging van alle watermeters in Hoogmeerle door slimme "
           "watermeters met uitlezing op afstand, in samenwerking met Drinkwaterbedrijf Meerstroom."),
    ("li", "2. Hiervoor een eenmalige bijdrage van EUR 310.000 beschikbaar te stellen en deze te "
           "dekken uit de reserve Klimaatadaptatie."),

    ("h1", "Aanleiding"),
    ("p", "In Hoogmeerle wonen ongeveer 17.800 huishoudens. Zij geven hun meterstand nu eens per "
          "jaar zelf door, en in 2026 deed 23 procent van de huishoudens dat niet of te laat. "
          "Lekkages achter de meter blijven daardoor vaak maandenlang onopgemerkt; Meerstroom "
          "schat het verlies in Hoogmeerle op 140.000 kubieke meter drinkwater per jaar. In de "
          "droge zomers van 2025 en 2026 moest Meerstroom inwoners oproepen zuinig te zijn met "
          "water."),

    ("h1", "Wat willen we bereiken"),
    ("p", "Het doel is een zuinig en toekomstbestendig gebruik van drinkwater in Hoogmeerle, zodat "
          "er ook in droge jaren genoeg water is voor iedereen."),

    ("h1", "Uitvoering"),
    ("p", "Meerstroom koopt, plaatst en beheert de nieuwe meters en is eigenaar van de "
          "meetgegevens. De meters worden tussen maart 2028 en december 2029 wijk voor wijk "
          "geplaatst. Over privacy heeft Meerstroom ons verzekerd dat dit goed geregeld is."),

    ("h1", "Financiën"),
    ("p", "De uitrol kost in totaal EUR 3,1 miljoen, waarvan Meerstroom 90 procent betaalt. De "
          "gemeentelijke bijdrage van EUR 310.000 is eenmalig; voor de gemeente zijn er geen "
          "jaarlijkse kosten."),

    ("p", "Burgemeester en wethouders van Hoogmeerle,"),
    ("p", "de secretaris, drs. E. Wolters-Baan          de burgemeester, C.M. Riemersma"),
]


def build() -> None:
    # de beslispunten zijn met de hand genummerd: "List Paragraph" in plaats van "List Bullet"
    docgen.write_docx(OUT, "Raadsvoorstel", META, BODY, styles={"li": "List Paragraph"})


if __name__ == "__main__":
    build()
