"""Maakt h-luchtfoto-analyse-bag-woz.docx (fictief raadsvoorstel, gemeente Lindevoorde).

Gebruik: /work/main/.venv/bin/python make_h_docx.py
Koppen krijgen Word-kopstijlen (Title, Heading 1, Heading 2); lijsten de stijlen List Number en
List Bullet; de kosten staan in een tabel.
"""
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
OUT = HERE / "h-luchtfoto-analyse-bag-woz.docx"

META = [
    "Raadsvoorstel: RV 2027-044",
    "Datum collegebesluit: 17 augustus 2027",
    "Commissie Bestuur en Middelen: 6 september 2027",
    "Raadsvergadering: 23 september 2027",
    "Portefeuillehouder: wethouder M. Terpstra-Ouali (Financiën en Dienstverlening)",
    "Steller: R. Hoogendijk, team Basisregistraties en Belastingen",
    "Bijlagen: 1. Spelregels beeldanalyse luchtfoto's; 2. DPIA beeldanalyse luchtfoto's "
    "(vertrouwelijk ter inzage); 3. Rapportage proefproject 2026",
]

# (soort, tekst): h1/h2 = kop, p = alinea, n = genummerd, b = opsomming, table = kostentabel
BODY = [
    ("h1", "Samenvatting"),
    ("p", "Door de Omgevingswet hoeven veel kleine bouwwerken geen vergunning meer, waardoor de "
          "Basisregistratie Adressen en Gebouwen (BAG) en de WOZ-administratie achterlopen op de "
          "werkelijkheid."),
    ("p", "Wij stellen voor om vanaf 1 januari 2028 structureel software in te zetten die jaarlijkse "
          "luchtfoto's vergelijkt en veranderingen aan gebouwen signaleert. Een medewerker beoordeelt "
          "ieder signaal voordat er iets in een registratie verandert."),

    ("h1", "Beslispunten"),
    ("p", "De raad besluit:"),
    ("n", "In te stemmen met de structurele inzet van beeldherkenning op luchtfoto's voor het "
          "bijhouden van de BAG, de Basisregistratie Grootschalige Topografie (BGT) en de "
          "WOZ-administratie, met ingang van 1 januari 2028."),
    ("n", "De Spelregels beeldanalyse luchtfoto's (bijlage 1) vast te stellen als kader voor deze "
          "inzet."),
    ("n", "Voor de eenmalige kosten van € 110.000 en het tijdelijke tekort van € 28.500 in 2028 in "
          "totaal € 138.500 te onttrekken aan de algemene reserve."),
    ("n", "De structurele lasten van € 95.500 per jaar vanaf 2028 en de structurele baten van "
          "€ 109.000 per jaar vanaf 2029 in de begroting te verwerken en daartoe de 9e "
          "begrotingswijziging 2027 en de meerjarenraming 2028-2031 vast te stellen."),
    ("h2", "Bevoegdheid"),
    ("p", "Uw raad besluit over dit voorstel op grond van zijn budgetrecht en stelt met de "
          "spelregels kaders voor het gebruik van de beelden. Het bijhouden van de "
          "basisregistraties en de waardering voor de WOZ zijn taken van het college; ook het "
          "sluiten van het contract is een bevoegdheid van het college. Het college heeft de "
          "opdracht op 10 augustus 2027 voorlopig gegund, onder voorbehoud van uw besluit over het "
          "budget."),

    ("h1", "Aanleiding"),
    ("p", "Lindevoorde telt 54.300 inwoners en 25.870 WOZ-objecten, waarvan 23.410 woningen. De "
          "gemeente is wettelijk verplicht de BAG en de WOZ-administratie actueel en juist te "
          "houden. Sinds de invoering van de Omgevingswet is een groot deel van de "
          "aanbouwen, bijgebouwen en dakkapellen vergunningvrij, en die wijzigingen komen niet meer "
          "vanzelf binnen."),
    ("p", "Bij een steekproef in 2026 in drie wijken vonden wij op 9 procent van de percelen een "
          "bouwwerk dat niet of niet goed in de BAG stond. Voor de hele gemeente schatten wij het "
          "aantal ontbrekende of onjuiste bouwwerken op ongeveer 2.100. De WOZ-waarde van deze "
          "objecten ligt daardoor naar schatting € 64 miljoen te laag, wat neerkomt op ongeveer "
          "€ 63.000 aan gemiste onroerendezaakbelasting per jaar. Dat geld wordt nu betaald door de "
          "inwoners en bedrijven van wie de gegevens wel kloppen."),
    ("p", "De Waarderingskamer, die toezicht houdt op de uitvoering van de Wet WOZ, beoordeelde "
          "Lindevoorde in 2026 nog als voldoende, maar noemde de actualiteit van de objectkenmerken "
          "een aandachtspunt. Nu controleren twee taxateurs elke wijk eens in de vijf jaar door er "
          "doorheen te rijden en te lopen; dat kost samen 1,2 fte per jaar en vindt lang niet alles "
          "wat vanaf de straat niet zichtbaar is."),
    ("h2", "Proefproject 2026"),
    ("p", "In het najaar van 2026 hebben wij de software van drie leveranciers getest in de wijk De "
          "Heuvelrand en het buitengebied rond Oosteinde. De software van Zenitscan gaf daar 1.960 "
          "signalen, waarvan na controle 71 procent een echte wijziging bleek. Van de wijzigingen "
          "die de taxateurs in hetzelfde gebied te voet vonden, had de software 93 procent ook "
          "gevonden (bijlage 3)."),

    ("h1", "Wat willen we bereiken"),
    ("p", "Het doel is dat de WOZ-waarde van iedere woning en ieder bedrijfspand klopt, zodat "
          "iedereen een eerlijk deel van de lokale belastingen betaalt. Daarnaast kunnen "
          "hulpdiensten, netbeheerders en de gemeente zelf alleen goed werken met een juiste "
          "registratie van gebouwen en adressen."),
    ("h2", "Beoogde effecten"),
    ("p", "Voor inwoners en bedrijven betekent dit dat de lasten eerlijker worden verdeeld en dat er "
          "minder vaak een taxateur langs de deur komt. Voor de gemeente betekent het een actuelere "
          "BAG, minder veldwerk en een betere kwaliteit van de WOZ-waardering."),
    ("h2", "Waaraan meten we het"),
    ("p", "Wij volgen de volgende indicatoren, met de stand van 2026 als nulmeting:"),
    ("b", "bouwwerken die niet of niet goed in de BAG staan: van naar schatting 2.100 naar minder "
          "dan 300 eind 2029;"),
    ("b", "gemiddelde tijd tussen het ontstaan van een vergunningvrije wijziging en de verwerking in "
          "de BAG: van ongeveer drie jaar naar hooguit veertien maanden;"),
    ("b", "aandeel signalen dat na controle een echte wijziging blijkt: minimaal 70 procent, zoals "
          "in het proefproject;"),
    ("b", "gegronde bezwaren tegen de WOZ-waarde die over objectkenmerken gaan: niet meer dan de 86 "
          "van 2026;"),
    ("b", "oordeel van de Waarderingskamer over de actualiteit van de objectkenmerken: minimaal "
          "goed vanaf 2029."),

    ("h1", "Argumenten"),
    ("h2", "1. De software vindt wijzigingen die vanaf de straat niet te zien zijn"),
    ("p", "Vooral bijgebouwen in achtertuinen en uitbreidingen op erven in het buitengebied worden "
          "bij de huidige controles gemist."),
    ("h2", "2. Een medewerker blijft beslissen"),
    ("p", "De software wijzigt zelf niets in de BAG of de WOZ-administratie; zij geeft alleen een "
          "signaal met de foto's van voor en na."),

    ("h1", "Kanttekeningen"),
    ("h2", "1. Niet ieder signaal klopt"),
    ("p", "In het proefproject was 29 procent van de signalen onterecht, bijvoorbeeld door schaduw, "
          "een zwembad met een overkapping of een tijdelijke partytent. Dat kost beoordelingstijd, "
          "die wij in de formatie van 0,4 fte hebben meegerekend."),
    ("h2", "2. Meer vragen en bezwaren"),
    ("p", "Een hogere WOZ-waarde leidt naar verwachting tot meer vragen en bezwaarschriften, vooral "
          "in het eerste jaar."),
    ("h2", "3. Afhankelijkheid van de leverancier"),
    ("p", "Wij worden voor de analyse afhankelijk van één leverancier. Het contract bepaalt dat "
          "Zenitscan alle signalen, beoordelingen en analyseresultaten bij het einde van het "
          "contract in een open formaat overdraagt en daarna haar kopieën verwijdert."),
    ("h2", "4. Informatiebeveiliging"),
    ("p", "Zenitscan verwerkt de gegevens in een datacenter in Nederland, is gecertificeerd volgens "
          "ISO 27001 en heeft de eisen van de Baseline Informatiebeveiliging Overheid in het "
          "contract aanvaard."),

    ("h1", "Alternatieven"),
    ("p", "Wij hebben twee alternatieven overwogen."),
    ("p", "Meer taxateurs inzetten voor veldcontroles, zonder software. Om iedere wijk eens in de "
          "twee jaar te controleren is 1,8 fte extra nodig, ongeveer € 140.000 per jaar, en ook "
          "dan blijven achtertuinen en erven grotendeels buiten beeld."),
    ("p", "Eigenaren vragen om wijzigingen zelf te melden. Een oproep in 2025 leverde 37 meldingen "
          "op; wij verwachten daarvan geen structurele verbetering."),

    ("h1", "Financiën"),
    ("p", "De kosten en de dekking per jaar staan in de tabel hieronder (bedragen in euro's; een "
          "min is een bate)."),
    ("table", None),
    ("p", "De hogere OZB-opbrengst komt in 2028 voor een deel binnen, doordat de signalen uit het "
          "proefproject al in de WOZ-beschikkingen van 2028 worden verwerkt, en vanaf 2029 volledig. "
          "De eenmalige kosten en het tekort in 2028 dekken wij uit de algemene reserve, samen "
          "€ 138.500. Vanaf 2029 levert de inzet per saldo € 13.500 per jaar op."),
    ("p", "De opbrengst is een schatting op basis van het proefproject; valt zij lager uit, dan "
          "melden wij dat in de bestuursrapportage. De software wordt als dienst afgenomen en niet "
          "geactiveerd, zodat er geen afschrijvingslasten zijn."),

    ("h1", "Uitvoering en contract"),
    ("p", "Zenitscan B.V. uit Zwolle levert de software en voert ieder voorjaar de analyse uit op de "
          "nieuwe luchtfoto's. Zenitscan is gekozen na een meervoudig onderhandse aanbesteding, "
          "waarop drie partijen hebben ingeschreven. Het contract loopt van 1 januari 2028 tot en "
          "met 31 december 2031, met twee opties van elk één jaar verlenging."),
    ("p", "Het team Basisregistraties en Belastingen beoordeelt de signalen en verwerkt ze in de BAG, "
          "de BGT en de WOZ-administratie. De gemeente is eigenaar van de signalen, de beoordelingen "
          "en alle gegevens die daaruit voortkomen; de schuine luchtfoto's koopt de gemeente onder "
          "een gebruikslicentie."),
    ("p", "De eerste analyse vindt plaats in april 2028."),

    ("h1", "Privacy en gegevensgebruik"),
    ("p", "Luchtfoto's zelf bevatten weinig persoonsgegevens: personen zijn op de beelden met een "
          "resolutie van 8 centimeter niet herkenbaar en kentekens zijn niet leesbaar. Een signaal "
          "wordt wel gekoppeld aan een adres en daarmee aan de eigenaar, en is dan een "
          "persoonsgegeven."),
    ("p", "Wij verwerken per signaal het adres, het kadastrale perceel, de foto's van voor en na, "
          "het soort wijziging en de beoordeling door de medewerker. De grondslag is de wettelijke "
          "taak van de gemeente op grond van de Wet basisregistratie adressen en gebouwen en de Wet "
          "waardering onroerende zaken."),
    ("p", "In juni 2027 is een gegevensbeschermingseffectbeoordeling (DPIA) uitgevoerd; de "
          "functionaris gegevensbescherming adviseerde op 5 juli 2027 positief. Op zijn advies "
          "worden de schuine luchtfoto's alleen gebruikt om een signaal te beoordelen en niet om "
          "zelfstandig tuinen te bekijken. Zenitscan is verwerker en mag de gegevens niet voor "
          "eigen doeleinden gebruiken."),
    ("h2", "Spelregels beeldanalyse luchtfoto's"),
    ("p", "De spelregels die uw raad vaststelt, bevatten onder meer:"),
    ("b", "de signalen worden alleen gebruikt voor het bijhouden van de BAG, de BGT en de "
          "WOZ-administratie;"),
    ("b", "de signalen worden niet gebruikt voor toezicht en handhaving op de bouwregels of voor "
          "andere controles;"),
    ("b", "geen registratie wordt gewijzigd zonder beoordeling door een medewerker, en de eigenaar "
          "kan die beoordeling altijd laten toelichten;"),
    ("b", "signalen die geen echte wijziging blijken, worden na twee jaar verwijderd;"),
    ("b", "signalen die tot een wijziging leiden, maken deel uit van het WOZ-dossier en worden "
          "bewaard zolang dat dossier wordt bewaard;"),
    ("b", "alleen de medewerkers van het team Basisregistraties en Belastingen hebben toegang tot de "
          "signalen."),
    ("p", "Wil het college de signalen in de toekomst ook gebruiken voor toezicht en handhaving, dan "
          "legt het eerst een voorstel aan uw raad voor."),

    ("h1", "Communicatie"),
    ("p", "Wij maken de inzet bekend via de gemeentelijke website, de gemeentepagina in het "
          "Lindevoords Weekblad en een tekst bij de WOZ-beschikking van 2029. Eigenaren van wie "
          "een gegeven wordt aangepast, krijgen vooraf een brief met de foto's en kunnen binnen "
          "vier weken reageren. Tegen de WOZ-waarde kunnen zij zoals altijd bezwaar maken."),

    ("h1", "Evaluatie en informatie aan de raad"),
    ("p", "Wij informeren uw raad jaarlijks in de paragraaf lokale heffingen van de jaarstukken over "
          "het aantal signalen, de verwerkte wijzigingen en de opbrengst. Bij een datalek "
          "informeren wij uw raad direct."),
    ("p", "In het najaar van 2029, na twee analyses, evalueren wij de inzet aan de hand van de "
          "indicatoren hierboven, de kosten en opbrengsten en de naleving van de spelregels. De "
          "evaluatie sturen wij in het eerste kwartaal van 2030 met een raadsinformatiebrief aan "
          "uw raad."),
    ("p", "Namens het college van burgemeester en wethouders van Lindevoorde,"),
    ("p", "de secretaris, drs. P.J. van Amerongen          de burgemeester, H. Dekker-Vos"),
]

TABLE = [
    ["Post", "2027", "2028", "2029", "2030", "2031"],
    ["Inrichting software en koppeling BAG- en WOZ-systeem (eenmalig)", "38.000", "-", "-", "-",
     "-"],
    ["Tijdelijke medewerker achterstand, 1 fte gedurende een jaar (eenmalig)", "18.000",
     "54.000", "-", "-", "-"],
    ["Licentie en jaarlijkse analyse Zenitscan", "-", "46.500", "46.500", "46.500", "46.500"],
    ["Schuine luchtfoto's (gebruikslicentie)", "-", "18.000", "18.000", "18.000", "18.000"],
    ["Beoordelen signalen, 0,4 fte", "-", "31.000", "31.000", "31.000", "31.000"],
    ["Totaal lasten", "56.000", "149.500", "95.500", "95.500", "95.500"],
    ["Minder veldcontroles, 0,6 fte", "-", "-46.000", "-46.000", "-46.000", "-46.000"],
    ["Extra OZB-opbrengst door bijgewerkte WOZ-waarden", "-", "-21.000", "-63.000", "-63.000",
     "-63.000"],
    ["Saldo (2027 en 2028 gedekt uit de algemene reserve)", "56.000", "82.500", "-13.500",
     "-13.500", "-13.500"],
]


def build() -> None:
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_paragraph("Gemeente Lindevoorde")
    doc.add_heading("Structurele inzet van beeldherkenning op luchtfoto's voor de BAG en de WOZ",
                    level=0)
    for line in META:
        doc.add_paragraph(line)
    for kind, text in BODY:
        if kind == "h1":
            doc.add_heading(text, level=1)
        elif kind == "h2":
            doc.add_heading(text, level=2)
        elif kind == "p":
            doc.add_paragraph(text)
        elif kind == "n":
            doc.add_paragraph(text, style="List Number")
        elif kind == "b":
            doc.add_paragraph(text, style="List Bullet")
        elif kind == "table":
            table = doc.add_table(rows=len(TABLE), cols=len(TABLE[0]))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for r, row in enumerate(TABLE):
                for c, value in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = value
                    if r == 0 or row[0].startswith(("Totaal", "Saldo")):
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
        else:
            raise ValueError(kind)
    doc.core_properties.title = "Raadsvoorstel RV 2027-044 beeldherkenning luchtfoto's"
    doc.core_properties.author = "Gemeente Lindevoorde (fictief)"
    doc.save(OUT)
    print(f"geschreven: {OUT.name}")


if __name__ == "__main__":
    build()
