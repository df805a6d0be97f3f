"""Writes raadsvoorstel-parkeersensoren.pdf, a three-page council proposal with a running header
and footer, as a municipality's PDF would have (run with the dev extras installed: fpdf2)."""

from pathlib import Path

from fpdf import FPDF

SECTIONS = [
    ("1. Inleiding",
     "Het college stelt de raad voor om in het centrum van Weststad 450 parkeersensoren te "
     "plaatsen. De sensoren melden of een parkeervak bezet is, zodat automobilisten via borden en "
     "een app sneller een vrije plek vinden en minder rondrijden."),
    ("2. Beslispunten",
     "De raad wordt gevraagd een krediet van 180.000 euro beschikbaar te stellen voor de aanschaf "
     "en plaatsing van de sensoren, en in te stemmen met jaarlijkse beheerkosten van 35.000 euro "
     "vanaf 2026."),
    ("3. Aanleiding",
     "Uit tellingen in 2024 blijkt dat een derde van het autoverkeer in het centrum op zoek is "
     "naar een parkeerplaats. Dat zoekverkeer veroorzaakt files, uitstoot en onveilige situaties "
     "voor fietsers. Ondernemers vragen al jaren om een beter verwijssysteem."),
    ("4. Privacy",
     "De sensoren liggen in het wegdek en registreren alleen of een parkeervak bezet is. Er "
     "worden geen kentekens, camerabeelden of gegevens van telefoons vastgelegd. De leverancier "
     "mag de gegevens niet voor andere doelen gebruiken; dat staat in de "
     "verwerkersovereenkomst. De functionaris gegevensbescherming heeft het voorstel beoordeeld "
     "en ziet geen bezwaren."),
    ("5. Leverancier en eigendom",
     "De gemeente blijft eigenaar van de gegevens over de bezetting. De sensoren worden voor "
     "zeven jaar geleased van een marktpartij die via een openbare aanbesteding is gekozen. Na "
     "afloop van het contract kan de gemeente een andere leverancier kiezen zonder de gegevens "
     "kwijt te raken."),
    ("6. Evaluatie",
     "Na achttien maanden evalueert het college of het zoekverkeer in het centrum met ten minste "
     "twintig procent is afgenomen. Is dat niet het geval, dan stelt het college de raad voor om "
     "het contract na drie jaar te beëindigen."),
    ("7. Planning",
     "Na instemming van de raad start de plaatsing in maart 2026. De sensoren zijn naar "
     "verwachting in juni 2026 volledig in gebruik."),
]


class Proposal(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, "Gemeente Weststad - Raadsvoorstel 2025/031", align="R")
        self.ln(10)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, f"Pagina {self.page_no()} van {{nb}}", align="C")


def main() -> None:
    pdf = Proposal(format=(148, 210))
    pdf.alias_nb_pages()
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 7, "Raadsvoorstel parkeersensoren in het centrum", new_x="LMARGIN",
                   new_y="NEXT")
    pdf.ln(3)
    for i, (heading, text) in enumerate(SECTIONS):
        if i in (3, 5):
            pdf.add_page()
        pdf.set_font("Helvetica", "B", 11)
        pdf.multi_cell(0, 6, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    out = Path(__file__).with_name("raadsvoorstel-parkeersensoren.pdf")
    pdf.output(str(out))


if __name__ == "__main__":
    main()
