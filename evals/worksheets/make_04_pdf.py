"""Maakt 04-cameratoezicht-binnenstad.pdf (fictieve gemeente Brederwaard).

Gebruik: /work/main/.venv/bin/python make_04_pdf.py  (schrijft het bestand naast dit script)
Een lang raadsvoorstel (ruim 20 pagina's A4) met ontwerpbesluit en acht bijlagen, zodat de
inhoud over veel pagina's verspreid staat. De core font "helvetica" van fpdf2 kent alleen
latin-1; daarom staat er "EUR" in plaats van het euroteken en gewone streepjes in plaats van
gedachtestreepjes.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/, for docgen.py
import docgen

HERE = Path(__file__).resolve().parent
OUT = HERE / "04-cameratoezicht-binnenstad.pdf"

HEADER = ("Gemeente Brederwaard  |  Raadsvoorstel RV 2027-203  |  "
          "Cameratoezicht binnenstad met beeldanalyse")

# ---------------------------------------------------------------------------------------------
# Gegevens voor de bijlagen
# ---------------------------------------------------------------------------------------------

ZONES = [
    ("A", "Grote Markt en Kerkplein"),
    ("B", "Hoogstraat en Lange Gracht"),
    ("C", "De Wal en Vismarkt"),
    ("D", "Molenpoort en Bierkade"),
    ("E", "Kruisstraat en Nieuwe Markt"),
    ("F", "Stationsstraat-Zuid en Poortplein"),
]

# geweldsincidenten per zone, 2022 t/m 2026 (bron: politie, bewerking gemeente)
GEWELD = {
    "A": [52, 55, 57, 60, 63],
    "B": [47, 49, 52, 55, 58],
    "C": [44, 48, 55, 60, 66],
    "D": [36, 40, 46, 53, 62],
    "E": [34, 33, 35, 36, 36],
    "F": [28, 27, 28, 27, 27],
}

# meldingen van overlast door personen per zone, 2022 t/m 2026
OVERLAST = {
    "A": [188, 201, 215, 224, 231],
    "B": [143, 150, 162, 171, 176],
    "C": [131, 145, 170, 192, 214],
    "D": [97, 112, 139, 161, 187],
    "E": [102, 99, 104, 108, 111],
    "F": [76, 81, 79, 84, 82],
}

# (nummer, zone, locatie, bevestiging, status, analyses)
CAMERAS = [
    ("01", "A", "Grote Markt, hoek Kerkstraat", "gevel stadhuis", "bestaand (2014), vervangen", "vechtpartij, val, drukte"),
    ("02", "A", "Grote Markt, midden, bij de muziektent", "mast 6 meter", "bestaand (2014)", "vechtpartij, val, drukte"),
    ("03", "A", "Grote Markt, noordzijde, bij de taxistandplaats", "mast 6 meter", "bestaand (2014)", "vechtpartij, drukte"),
    ("04", "A", "Kerkplein, ingang kerk", "gevel", "bestaand (2014)", "val, drukte"),
    ("05", "A", "Kerkplein, hoek Torenstraat", "lichtmast", "bestaand (2016)", "vechtpartij, val"),
    ("06", "A", "Marktsteeg, doorgang naar Hoogstraat", "gevel", "bestaand (2016), vervangen", "vechtpartij, voertuig"),
    ("07", "A", "Grote Markt, zuidzijde, toegang laad- en loszone", "mast 5 meter", "nieuw (2028)", "voertuig, drukte"),
    ("08", "B", "Hoogstraat 1-15, begin winkelgebied", "gevel", "bestaand (2014)", "vechtpartij, val, drukte"),
    ("09", "B", "Hoogstraat, bij de Kloosterpoort", "gevel", "bestaand (2014)", "vechtpartij, val, drukte"),
    ("10", "B", "Hoogstraat, hoek Lange Gracht", "lichtmast", "bestaand (2014), vervangen", "vechtpartij, val, voertuig"),
    ("11", "B", "Lange Gracht, bij de ophaalbrug", "mast 5 meter", "bestaand (2015)", "val"),
    ("12", "B", "Lange Gracht, kade bij de terrassen", "lichtmast", "bestaand (2015)", "vechtpartij, val, drukte"),
    ("13", "B", "Hoogstraat, einde winkelgebied bij de Wal", "gevel", "bestaand (2016)", "vechtpartij, drukte"),
    ("14", "B", "Kloostersteeg", "gevel", "nieuw (2028)", "vechtpartij, val"),
    ("15", "B", "Lange Gracht, hoek Bakkerstraat", "lichtmast", "nieuw (2028)", "vechtpartij, val"),
    ("16", "C", "De Wal, hoek Hoogstraat", "mast 6 meter", "bestaand (2014)", "vechtpartij, val, drukte"),
    ("17", "C", "De Wal 20-40, uitgaanszijde", "gevel", "bestaand (2014), vervangen", "vechtpartij, val, drukte"),
    ("18", "C", "Vismarkt, midden", "mast 6 meter", "bestaand (2015)", "vechtpartij, val, drukte"),
    ("19", "C", "Vismarkt, hoek Vissersgang", "gevel", "bestaand (2015)", "vechtpartij, val"),
    ("20", "C", "De Wal, bij de fietsenstalling", "lichtmast", "nieuw (2028)", "vechtpartij, val"),
    ("21", "C", "De Wal 50-70, uitgaanszijde", "gevel", "nieuw (2028)", "vechtpartij, val, drukte"),
    ("22", "C", "Vissersgang, doorgang naar Bierkade", "gevel", "nieuw (2028)", "vechtpartij, val"),
    ("23", "C", "Vismarkt, westzijde bij de fontein", "mast 5 meter", "nieuw (2028)", "val, drukte"),
    ("24", "C", "De Wal, toegang voor hulpdiensten", "lichtmast", "nieuw (2028)", "voertuig"),
    ("25", "C", "Walsteeg", "gevel", "nieuw (2028)", "vechtpartij, val"),
    ("26", "D", "Molenpoort, onder de poort", "gevel", "bestaand (2014), vervangen", "vechtpartij, val, drukte"),
    ("27", "D", "Bierkade, hoek Molenpoort", "mast 6 meter", "bestaand (2016)", "vechtpartij, val, drukte"),
    ("28", "D", "Bierkade 1-25, kadezijde", "lichtmast", "nieuw (2028)", "vechtpartij, val"),
    ("29", "D", "Bierkade 26-60, kadezijde", "lichtmast", "nieuw (2028)", "vechtpartij, val"),
    ("30", "D", "Bierkade, bij de aanlegsteiger", "mast 5 meter", "nieuw (2028)", "val, drukte"),
    ("31", "D", "Molenstraat, hoek Bierkade", "gevel", "nieuw (2028)", "vechtpartij, val"),
    ("32", "D", "Molenpoort, buitenzijde bij de bushalte", "lichtmast", "nieuw (2028)", "vechtpartij, drukte"),
    ("33", "D", "Brouwerssteeg", "gevel", "nieuw (2028)", "vechtpartij, val"),
    ("34", "D", "Bierkade, toegang voor hulpdiensten", "lichtmast", "nieuw (2028)", "voertuig"),
    ("35", "E", "Kruisstraat, hoek Grote Markt", "gevel", "bestaand (2014), vervangen", "vechtpartij, val"),
    ("36", "E", "Nieuwe Markt, midden", "mast 6 meter", "bestaand (2015)", "vechtpartij, val, drukte"),
    ("37", "E", "Nieuwe Markt, bij de ingang van de parkeergarage", "gevel", "bestaand (2015), vervangen", "vechtpartij, voertuig"),
    ("38", "E", "Kruisstraat, hoek Smalle Gang", "gevel", "bestaand (2017)", "vechtpartij, val"),
    ("39", "E", "Nieuwe Markt, oostzijde bij de bioscoop", "lichtmast", "nieuw (2028)", "drukte, val"),
    ("40", "F", "Stationsstraat-Zuid, bij het fietspad", "lichtmast", "bestaand (2014), vervangen", "vechtpartij, val"),
    ("41", "F", "Poortplein, midden", "mast 6 meter", "bestaand (2017), vervangen", "vechtpartij, val, drukte"),
    ("42", "F", "Poortplein, hoek Stationsstraat-Zuid", "gevel", "nieuw (2028)", "vechtpartij, val"),
]

BEGROTING = [
    ["Kostenpost (bedragen in EUR)", "2028", "2029", "2030", "2031", "2032"],
    ["Kapitaallasten investering", "86.000", "84.000", "82.000", "80.000", "78.000"],
    ["Licentie analysesoftware", "72.000", "72.000", "72.000", "72.000", "72.000"],
    ["Onderhoud camera's en servers", "34.000", "34.000", "34.000", "34.000", "34.000"],
    ["Functioneel beheer", "22.000", "22.000", "22.000", "22.000", "22.000"],
    ["Totaal structurele lasten", "214.000", "212.000", "210.000", "208.000", "206.000"],
    ["Dekking: budget cameratoezicht", "120.000", "120.000", "120.000", "120.000", "120.000"],
    ["Dekking: algemene middelen", "94.000", "92.000", "90.000", "88.000", "86.000"],
]


def zone_tabel(data: dict) -> list:
    rows = [["Zone", "2022", "2023", "2024", "2025", "2026"]]
    for code, naam in ZONES:
        rows.append([f"{code} - {naam}"] + [str(v) for v in data[code]])
    totals = [sum(data[c][i] for c, _ in ZONES) for i in range(5)]
    rows.append(["Totaal binnenstad"] + [str(v) for v in totals])
    return rows


def camera_blokken() -> list:
    out = []
    for code, naam in ZONES:
        out.append(("h3", f"Zone {code} - {naam}"))
        for nr, zone, locatie, bevestiging, status, analyses in CAMERAS:
            if zone != code:
                continue
            out.append(("cam", f"Camera {nr}: {locatie}"))
            out.append(("li", f"Bevestiging: {bevestiging}. Status: {status}."))
            out.append(("li", f"Actieve analyses: {analyses}."))
    return out


# ---------------------------------------------------------------------------------------------
# Inhoud
# (soort, tekst): "title" = titel, "h2" = sectiekop, "h3" = subkop, "p" = alinea,
# "li" = opsommingsregel, "meta" = kenmerkregel, "page" = nieuwe pagina,
# "table" = tabel (tekst is dan een lijst van rijen), "cam" = regel in cameralijst
# ---------------------------------------------------------------------------------------------

MAIN = [
    ("title", "RAADSVOORSTEL"),
    ("meta", "Onderwerp: Uitbreiding van het cameratoezicht in de binnenstad met slimme beeldanalyse"),
    ("meta", "Registratienummer: RV 2027-203"),
    ("meta", "Portefeuillehouder: burgemeester drs. L.C. Verhoeven-Maas"),
    ("meta", "Datum collegebesluit: 7 september 2027"),
    ("meta", "Commissie: Bestuur en Veiligheid, 23 september 2027"),
    ("meta", "Raadsvergadering: 14 oktober 2027"),
    ("meta", "Steller: afdeling Openbare Orde en Veiligheid"),
    ("p", ""),
    ("h3", "Bijlagen"),
    ("li", "1. Samenvatting gegevensbeschermingseffectbeoordeling (DPIA)"),
    ("li", "2. Kaartbeschrijving cameragebied binnenstad"),
    ("li", "3. Overzicht cameralocaties"),
    ("li", "4. Plan van aanpak"),
    ("li", "5. Incidentcijfers binnenstad 2022-2026"),
    ("li", "6. Verslag inwonersavond 21 juni 2027"),
    ("li", "7. Kader slimme camera's binnenstad"),
    ("li", "8. Meerjarenbegroting cameratoezicht"),

    ("h2", "Beslispunten"),
    ("p", "De raad wordt voorgesteld te besluiten:"),
    ("li", "1. In te stemmen met de uitbreiding van het cameratoezicht in de binnenstad van 24 naar 42 "
           "vaste camera's en met de inzet van beeldanalyse op alle 42 camera's, als proef voor de duur "
           "van twee jaar vanaf 1 april 2028."),
    ("li", "2. Het Kader slimme camera's binnenstad (bijlage 7) vast te stellen als de voorwaarden "
           "waaraan de inzet van beeldanalyse moet voldoen."),
    ("li", "3. De Algemene Plaatselijke Verordening Brederwaard 2024 te wijzigen zoals opgenomen in het "
           "ontwerpbesluit, zodat de burgemeester cameratoezicht met beeldanalyse kan inzetten op grond "
           "van artikel 151c van de Gemeentewet."),
    ("li", "4. Een investeringskrediet van EUR 1.180.000 beschikbaar te stellen en de structurele lasten "
           "van EUR 214.000 per jaar te dekken zoals beschreven onder Financiën."),
    ("li", "5. De begrotingswijziging 2027-19 vast te stellen."),

    ("h2", "Samenvatting"),
    ("p", "Het geweld in de binnenstad van Brederwaard neemt toe, vooral in de uitgaansnachten en rond "
          "De Wal en de Bierkade. De 24 camera's die er nu hangen, bestrijken die straten maar deels, en "
          "de cameratoezichthouders zien veel incidenten pas als het te laat is. Wij stellen voor 18 "
          "camera's bij te plaatsen en alle camera's te voorzien van beeldanalyse, die de "
          "toezichthouders waarschuwt bij een mogelijke vechtpartij, een val, gevaarlijke drukte of een "
          "voertuig in het voetgangersgebied. Gezichtsherkenning maakt daar uitdrukkelijk geen deel van "
          "uit. Het gaat om een proef van twee jaar, waarna de raad op basis van een onafhankelijke "
          "evaluatie opnieuw besluit."),

    ("h2", "Aanleiding"),
    ("p", "In 2026 registreerde de politie in de binnenstad 312 geweldsincidenten, tegen 241 in 2022. "
          "Ruim 60 procent daarvan vond plaats in de uitgaansnachten tussen 0.00 en 5.00 uur. De "
          "stijging is het sterkst in de zones De Wal en Vismarkt en Molenpoort en Bierkade, waar sinds "
          "2022 veel nieuwe horeca is bijgekomen. Bijlage 5 geeft de cijfers per zone."),
    ("p", "Daarnaast ontstond tijdens Koningsdag 2026 en tijdens het Kadefestival in augustus 2026 op de "
          "Vismarkt en de Bierkade twee keer gevaarlijk gedrang, waarbij in totaal 14 bezoekers gewond "
          "raakten. De organisatoren en de hulpdiensten hadden op dat moment geen goed beeld van de "
          "drukte op de verschillende pleinen."),
    ("p", "Sinds 2014 hangen in de binnenstad 24 vaste camera's. Tijdens uitgaansnachten, op "
          "koopzondagen en bij evenementen bekijken cameratoezichthouders de beelden live in de "
          "meldkamer. Een toezichthouder houdt maximaal acht schermen tegelijk in de gaten. Uit een "
          "analyse van 2026 blijkt dat de toezichthouders 38 procent van de incidenten die achteraf op "
          "beeld stonden, live hadden gemist."),
    ("p", "Gemiddeld duurde het in 2026 7,5 minuten voordat politie of boa's na een melding van geweld in "
          "de binnenstad ter plaatse waren. In de Veiligheidsmonitor 2025 gaven bewoners van de "
          "binnenstad hun veiligheidsgevoel 's avonds een 6,1, terwijl het gemiddelde voor de hele "
          "gemeente 7,2 was."),
    ("p", "Op 16 februari 2027 nam de raad de motie 'Veilige binnenstad' aan, waarin het college wordt "
          "gevraagd te onderzoeken hoe het cameratoezicht slimmer kan worden ingezet, met oog voor de "
          "persoonlijke levenssfeer van bezoekers en bewoners. Dit voorstel geeft uitvoering aan die "
          "motie."),

    ("h2", "Juridisch kader"),
    ("p", "Cameratoezicht in de openbare ruimte is geregeld in artikel 151c van de Gemeentewet. De raad "
          "kan de burgemeester in de APV de bevoegdheid geven om camera's in te zetten ter handhaving "
          "van de openbare orde. De burgemeester wijst vervolgens bij besluit de gebieden aan en bepaalt "
          "de duur van het toezicht."),
    ("p", "De live beelden en de opnamen worden verwerkt door de politie; die verwerking valt onder de "
          "Wet politiegegevens (Wpg). Voor de beeldanalyse, die de gemeente inzet om de toezichthouders "
          "te ondersteunen, is de grondslag de publieke taak van de burgemeester om de openbare orde te "
          "handhaven (artikel 6, lid 1, onder e AVG)."),
    ("p", "De beeldanalyse valt niet onder het verbod op biometrische identificatie op afstand uit de "
          "Europese AI-verordening, omdat het systeem geen personen identificeert. Wel moet de gemeente "
          "de analyse als risicovolle toepassing registreren in het gemeentelijke algoritmeregister."),

    ("h2", "Beoogd effect"),
    ("p", "Het doel van dit voorstel is een veilige en gastvrije binnenstad, waar bewoners, bezoekers en "
          "ondernemers zich ook 's avonds en 's nachts veilig voelen. Dit sluit aan bij het Integraal "
          "Veiligheidsplan Brederwaard 2027-2030, waarin een veilige binnenstad een van de vier "
          "prioriteiten is."),
    ("p", "Met beeldanalyse willen wij bereiken dat cameratoezichthouders dreigende situaties eerder "
          "zien, zodat politie, boa's en hulpdiensten sneller ter plaatse zijn. Bezoekers die gewond "
          "raken of onwel worden, krijgen daardoor sneller hulp, en gevaarlijk gedrang bij evenementen "
          "kan worden voorkomen doordat organisatoren tijdig bezoekersstromen kunnen omleiden. Voor "
          "bewoners en ondernemers in de binnenstad moet dit leiden tot minder overlast en minder "
          "schade."),
    ("p", "Wij meten het effect aan de hand van de volgende indicatoren, met het jaar 2026 als "
          "nulmeting:"),
    ("li", "- gemiddelde aanrijtijd na een melding van geweld: nulmeting 7,5 minuten, doel maximaal 5 "
           "minuten;"),
    ("li", "- aantal geweldsincidenten in de binnenstad: nulmeting 312, doel een daling van 15 procent "
           "in 2029;"),
    ("li", "- rapportcijfer voor het veiligheidsgevoel in de binnenstad: nulmeting 6,1, doel 6,8;"),
    ("li", "- aandeel onterechte meldingen van de beeldanalyse: doel minder dan 20 procent (geen "
           "nulmeting, want het systeem is nieuw)."),

    ("h2", "Argumenten"),
    ("h3", "1.1 Beeldanalyse wijst de toezichthouder op situaties die aandacht vragen"),
    ("p", "De analysesoftware bekijkt de beelden van alle 42 camera's tegelijk en geeft een melding bij "
          "vier soorten situaties: snelle, heftige bewegingen van meerdere personen die op een "
          "vechtpartij kunnen wijzen, een persoon die valt en blijft liggen, een snelle toename van de "
          "drukte boven een ingestelde grens, en een voertuig dat buiten de venstertijden het "
          "voetgangersgebied inrijdt. De toezichthouder krijgt het beeld van die camera dan groot op "
          "het scherm en beoordeelt zelf of politie of boa's moeten worden ingeschakeld."),
    ("h3", "1.2 Meer camera's waar de problemen zich nu voordoen"),
    ("p", "Van de 18 nieuwe camera's komen er 13 in de zones De Wal en Vismarkt en Molenpoort en "
          "Bierkade, waar het aantal incidenten sinds 2022 het sterkst is gestegen. Daarnaast worden "
          "negen camera's uit 2014 tot en met 2017 vervangen, omdat zij 's nachts onvoldoende scherp "
          "beeld geven. Bijlage 3 geeft het volledige overzicht."),
    ("h3", "1.3 Wij hebben alternatieven onderzocht"),
    ("p", "Alleen meer camera's plaatsen zonder beeldanalyse vergroot het probleem dat toezichthouders te "
          "veel schermen tegelijk moeten bekijken. Daarvoor zouden vier extra toezichthouders per "
          "uitgaansnacht nodig zijn, wat ongeveer EUR 260.000 per jaar kost."),
    ("p", "Extra inzet van politie en boa's op straat is wenselijk, maar de politie heeft laten weten "
          "geen extra capaciteit te kunnen leveren, en twaalf extra boa's zouden ruim EUR 900.000 per "
          "jaar kosten."),
    ("p", "Maatregelen zonder techniek, zoals betere verlichting, een horecaconvenant met afspraken over "
          "sluitingstijden en de inzet van straatcoaches, voeren wij al uit of breiden wij uit. Zij zijn "
          "een aanvulling op cameratoezicht, maar geen vervanging, omdat zij niet helpen om bij een "
          "incident snel hulp te sturen."),
    ("p", "Gezichtsherkenning hebben wij uitgesloten, omdat die wettelijk niet is toegestaan en een te "
          "grote inbreuk op de persoonlijke levenssfeer zou betekenen."),
    ("h3", "1.4 De raad legt vooraf vast wat wel en niet mag"),
    ("p", "Met het Kader slimme camera's binnenstad in bijlage 7 stelt de raad vooraf grenzen aan de "
          "inzet: welke analyses zijn toegestaan, dat er geen gezichtsherkenning plaatsvindt, hoe lang "
          "gegevens worden bewaard en wanneer de inzet stopt. Het kader geldt voor de burgemeester, de "
          "gemeentelijke organisatie en de leveranciers."),

    ("h2", "Kanttekeningen"),
    ("h3", "1. Overlast kan zich verplaatsen"),
    ("p", "Uit onderzoek naar cameratoezicht blijkt dat incidenten zich deels verplaatsen naar straten "
          "net buiten het cameragebied. Daarom volgen wij ook de incidentcijfers in de Stationsbuurt en "
          "het Havenpark, die buiten het cameragebied liggen, en bespreken wij die elk halfjaar met de "
          "politie."),
    ("h3", "2. Niet iedereen wordt even vaak in beeld gebracht"),
    ("p", "Jongeren die op pleinen samenkomen, dak- en thuislozen rond het Poortplein en straatartiesten "
          "kunnen vaker een onterechte melding veroorzaken, omdat hun gedrag afwijkt van dat van het "
          "gemiddelde winkelend publiek. Ook iemand die met een rolstoel of rollator stilstaat of valt, "
          "kan een melding opleveren. Wij laten het systeem zo instellen dat stilstaan of rondhangen op "
          "zichzelf nooit tot een melding leidt, en wij laten de meldingen elk halfjaar onderzoeken op "
          "scheve verdelingen naar locatie en tijdstip."),
    ("h3", "3. Beeldanalyse maakt fouten"),
    ("p", "Bij een test op vier camera's in de Hoogstraat in het voorjaar van 2027 was 31 procent van de "
          "meldingen onterecht, bijvoorbeeld bij omhelzingen, dansende groepen of spelende kinderen. "
          "Daarnaast mist het systeem situaties, vooral bij zware regen, buiten de goed verlichte "
          "delen van de straat en bij camera's die door bladeren of steigers worden geblokkeerd."),
    ("h3", "4. Afhankelijkheid van de leverancier"),
    ("p", "De analysesoftware is eigendom van Wachtpost Beeldanalyse B.V.; de gemeente neemt een licentie "
          "af voor vijf jaar. Om afhankelijkheid te beperken, eisen wij dat de software werkt met camera's "
          "van verschillende merken en dat alle meldingen en instellingen in een open bestandsformaat "
          "kunnen worden overgedragen aan een andere leverancier."),
    ("h3", "5. Informatiebeveiliging"),
    ("p", "Camerabeelden zijn gevoelige gegevens en kunnen doelwit zijn van een digitale aanval of van "
          "misbruik door medewerkers. De beelden worden versleuteld verzonden over een afgesloten "
          "glasvezelnetwerk, de analyse vindt plaats op servers in het gemeentelijke datacentrum, en "
          "elke handeling van een toezichthouder wordt vastgelegd in een logbestand."),
    ("h3", "6. Juridische onzekerheid"),
    ("p", "Over de inzet van beeldanalyse bij cameratoezicht op grond van artikel 151c van de Gemeentewet "
          "bestaat nog weinig rechtspraak. Het is mogelijk dat de wetgever of de rechter hier later "
          "nadere eisen aan stelt, waardoor het systeem moet worden aangepast."),
    ("h3", "7. Niet iedereen wil meer camera's"),
    ("p", "Sommige inwoners ervaren de uitbreiding van het cameratoezicht als een aantasting van hun "
          "vrijheid. Op de inwonersavond van 21 juni 2027 brachten meerdere deelnemers dit naar voren, "
          "onder wie bewoners van de Lange Gracht en een vertegenwoordiger van de jongerenraad."),

    ("h2", "Privacy en gegevensbescherming"),
    ("p", "Bij cameratoezicht worden beelden van personen in de openbare ruimte verwerkt; dat zijn "
          "persoonsgegevens. De beeldanalyse verwerkt die beelden en slaat bij iedere melding een "
          "videofragment van 30 seconden op, met het tijdstip, het nummer van de camera en de soort "
          "situatie. De software herkent geen gezichten, kentekens, kleding of andere kenmerken waarmee "
          "personen kunnen worden gevolgd of geïdentificeerd."),
    ("p", "In mei en juni 2027 is een gegevensbeschermingseffectbeoordeling (DPIA) uitgevoerd, waarvan "
          "de samenvatting in bijlage 1 staat. De functionaris gegevensbescherming heeft op 12 juli 2027 "
          "positief geadviseerd onder vier voorwaarden, die wij overnemen."),
    ("p", "Camerabeelden worden, zoals nu, na 28 dagen automatisch verwijderd, tenzij ze nodig zijn voor "
          "de opsporing van een strafbaar feit. Meldingen van de beeldanalyse met het bijbehorende "
          "fragment worden twaalf maanden bewaard, zodat de werking van het systeem kan worden "
          "geëvalueerd. Telgegevens over de drukte, zonder beelden, worden twee jaar bewaard."),
    ("p", "Alleen gecertificeerde cameratoezichthouders in de meldkamer kunnen live beelden en meldingen "
          "zien. Het terugkijken van opgeslagen beelden mag alleen door de politie of met toestemming van "
          "de burgemeester. De gegevens worden uitsluitend gebruikt voor de handhaving van de openbare "
          "orde en voor de evaluatie van de proef, en nooit voor andere doelen zoals het handhaven van "
          "parkeerregels."),

    ("h2", "Financiën"),
    ("p", "De eenmalige investering bedraagt EUR 1.180.000 en is als volgt opgebouwd:"),
    ("li", "- 18 nieuwe camera's inclusief masten, bekabeling en aansluiting op het glasvezelnetwerk: "
           "EUR 612.000;"),
    ("li", "- vervanging van negen verouderde camera's: EUR 198.000;"),
    ("li", "- inrichting van vier werkplekken in de meldkamer en servers voor de beeldanalyse: "
           "EUR 224.000;"),
    ("li", "- projectleiding, DPIA en juridisch advies: EUR 98.000;"),
    ("li", "- onvoorzien: EUR 48.000."),
    ("p", "De investering wordt gedekt uit de bestemmingsreserve Veiligheid (EUR 700.000) en een bijdrage "
          "van EUR 480.000 uit het Regionaal Veiligheidsfonds, die op 30 juni 2027 is toegezegd."),
    ("p", "De structurele lasten bedragen in 2028 EUR 214.000: EUR 86.000 kapitaallasten, EUR 72.000 "
          "voor de licentie van de analysesoftware, EUR 34.000 voor onderhoud en EUR 22.000 voor "
          "functioneel beheer. Zij worden voor EUR 120.000 gedekt uit het bestaande budget "
          "cameratoezicht en voor EUR 94.000 uit de algemene middelen. Bijlage 8 geeft de "
          "meerjarenraming."),
    ("p", "Besluit de raad na de proef om te stoppen met de beeldanalyse, dan vervallen de licentiekosten "
          "vanaf 2030; de camera's zelf blijven dan in gebruik voor gewoon cameratoezicht."),

    ("h2", "Uitvoering"),
    ("p", "De camera's worden geleverd en onderhouden door Stadsoog Beveiligingstechniek B.V., die in 2023 "
          "de Europese aanbesteding voor het cameratoezicht van de gemeente heeft gewonnen. De "
          "analysesoftware wordt geleverd door Wachtpost Beeldanalyse B.V.; het contract wordt gesloten "
          "onder voorbehoud van dit raadsbesluit."),
    ("p", "De gemeente is eigenaar van de camera's, de servers en alle meldingen; de opgenomen beelden "
          "zijn in beheer bij de politie. De leverancier van de analysesoftware heeft geen toegang tot "
          "live beelden en mag beelden of meldingen niet gebruiken om zijn software te trainen."),
    ("p", "De burgemeester is verantwoordelijk voor het cameratoezicht. De dagelijkse uitvoering ligt bij "
          "de afdeling Openbare Orde en Veiligheid en bij de cameratoezichthouders in de meldkamer. Het "
          "plan van aanpak in bijlage 4 beschrijft de fasering, van de aanleg in het eerste kwartaal "
          "van 2028 tot het raadsbesluit over voortzetting eind 2029."),

    ("h2", "Communicatie en participatie"),
    ("p", "Op 21 juni 2027 hebben wij een inwonersavond gehouden in de bibliotheek aan de Grote Markt, "
          "waar 86 bewoners en ondernemers aanwezig waren. Het verslag staat in bijlage 6."),
    ("p", "Bij alle toegangswegen van het cameragebied komen borden met de tekst 'Cameratoezicht met "
          "beeldanalyse', zoals de wet voorschrijft. Op de gemeentelijke website publiceren wij een "
          "kaart met alle cameralocaties, een uitleg over de beeldanalyse en het Kader slimme camera's."),
    ("p", "Het aanwijzingsbesluit van de burgemeester wordt gepubliceerd in het Gemeenteblad; "
          "belanghebbenden kunnen daartegen binnen zes weken bezwaar maken. Inwoners die willen weten "
          "of zij op beelden staan, kunnen een inzageverzoek indienen bij de politie of bij de "
          "gemeente."),
    ("p", "Ook richten wij een klankbordgroep op van bewoners, ondernemers en jongerenwerkers, die twee "
          "keer per jaar de meldingen en ervaringen met ons bespreekt."),

    ("h2", "Informatie aan de raad"),
    ("p", "Wij informeren de raad elk halfjaar met een voortgangsrapportage over het aantal meldingen, "
          "het aandeel onterechte meldingen, de incidentcijfers en eventuele klachten. Bij een datalek, "
          "een ernstige storing of een incident waarbij de beeldanalyse een rol speelde, informeert de "
          "burgemeester de raad direct."),

    ("h2", "Evaluatie"),
    ("p", "Na twaalf maanden, in april 2029, vindt een tussenevaluatie plaats. De eindevaluatie volgt na "
          "achttien maanden, in oktober 2029, ruim voor het einde van de proef op 31 maart 2030."),
    ("p", "Een onafhankelijk onderzoeksbureau voert de evaluatie uit en toetst aan de indicatoren onder "
          "Beoogd effect, aan het aandeel onterechte meldingen, aan de verdeling van meldingen over "
          "locaties en tijdstippen en aan de ervaringen van toezichthouders, politie, bewoners en "
          "ondernemers."),
    ("p", "De burgemeester stopt de beeldanalyse eerder als het aandeel onterechte meldingen na zes "
          "maanden boven de 35 procent ligt, als de analyse aantoonbaar tot ongelijke behandeling van "
          "groepen leidt, of als de functionaris gegevensbescherming of de Autoriteit Persoonsgegevens "
          "daartoe adviseert. In dat geval wordt de beeldanalyse uitgeschakeld, worden alle opgeslagen "
          "meldingen en fragmenten binnen een maand verwijderd en blijven de camera's in gebruik voor "
          "gewoon cameratoezicht."),
    ("p", "Blijft een indicator bij de tussenevaluatie duidelijk achter, dan stellen wij de instellingen "
          "bij of beperken wij de analyse tot de camera's waar zij aantoonbaar werkt."),

    ("h2", "Vervolg"),
    ("p", "Op basis van de eindevaluatie besluit de raad uiterlijk in december 2029 of de beeldanalyse na "
          "31 maart 2030 wordt voortgezet, en zo ja, onder welke voorwaarden. Zonder nieuw raadsbesluit "
          "eindigt de beeldanalyse automatisch op 31 maart 2030."),

    ("h2", "Ondertekening"),
    ("p", "Burgemeester en wethouders van Brederwaard,"),
    ("p", "de secretaris, mr. J.P. Hoekman          de burgemeester, drs. L.C. Verhoeven-Maas"),

    ("page", ""),
    ("title", "ONTWERPBESLUIT"),
    ("p", "De raad van de gemeente Brederwaard;"),
    ("p", "gelezen het voorstel van burgemeester en wethouders van 7 september 2027, nummer RV 2027-203;"),
    ("p", "gelet op artikel 151c van de Gemeentewet en artikel 147 van de Gemeentewet;"),
    ("p", "besluit:"),
    ("li", "I. de burgemeester de bevoegdheid te geven om in de binnenstad, binnen de grenzen van het "
           "Kader slimme camera's binnenstad, vaste camera's met beeldanalyse in te zetten, en daartoe "
           "in de Algemene Plaatselijke Verordening Brederwaard 2024 na artikel 2:77 een nieuw artikel "
           "2:77a op te nemen, luidende:"),
    ("p", "Artikel 2:77a Cameratoezicht met beeldanalyse. 1. De burgemeester kan bij de inzet van "
          "camera's als bedoeld in artikel 2:77 gebruikmaken van geautomatiseerde analyse van beelden, "
          "voor zover dat noodzakelijk is voor de handhaving van de openbare orde. 2. Geautomatiseerde "
          "identificatie van personen is niet toegestaan. 3. De burgemeester legt de toegestane "
          "analyses vast in het aanwijzingsbesluit."),
    ("li", "II. het Kader slimme camera's binnenstad vast te stellen;"),
    ("li", "III. een investeringskrediet van EUR 1.180.000 te verlenen voor de uitbreiding en "
           "vernieuwing van het cameratoezicht in de binnenstad;"),
    ("li", "IV. de begrotingswijziging 2027-19 vast te stellen;"),
    ("li", "V. dit besluit in werking te laten treden op de dag na bekendmaking."),
    ("p", "Aldus besloten in de openbare vergadering van 14 oktober 2027."),
    ("p", "de griffier,                                  de voorzitter,"),
]

BIJLAGE_1 = [
    ("page", ""),
    ("title", "Bijlage 1. Samenvatting DPIA"),
    ("p", "Deze bijlage vat de gegevensbeschermingseffectbeoordeling (DPIA) samen die in mei en juni "
          "2027 is uitgevoerd voor cameratoezicht met beeldanalyse in de binnenstad. Het volledige "
          "rapport (46 pagina's) ligt vertrouwelijk ter inzage bij de griffie, omdat het details bevat "
          "over de beveiliging van het cameranetwerk."),
    ("h2", "1. Wie heeft de DPIA uitgevoerd?"),
    ("p", "De DPIA is uitgevoerd door de privacy officer van de gemeente, samen met de politie, de "
          "leverancier van de analysesoftware en een extern adviesbureau. De functionaris "
          "gegevensbescherming heeft de uitkomsten getoetst."),
    ("h2", "2. Beschrijving van de verwerking"),
    ("p", "Verwerkte gegevens zijn live camerabeelden van personen en voertuigen in de openbare ruimte, "
          "videofragmenten van 30 seconden bij een melding, tijdstip en locatie van meldingen, en "
          "telgegevens over het aantal aanwezige personen per zone. Er worden geen biometrische gegevens "
          "afgeleid en er vindt geen koppeling plaats met andere bestanden van de gemeente of de "
          "politie."),
    ("p", "De beeldanalyse draait in het gemeentelijke datacentrum. De camera's sturen hun beelden "
          "versleuteld naar de servers, waar de software ze verwerkt zonder ze op te slaan, behalve bij "
          "een melding."),
    ("h2", "3. Doeleinden"),
    ("p", "De gegevens worden verwerkt voor de handhaving van de openbare orde, het voorkomen van "
          "gevaarlijk gedrang en de evaluatie van de proef. Gebruik voor andere doeleinden, zoals "
          "opsporing van lichte overtredingen of handhaving van parkeerregels, is uitgesloten."),
    ("h2", "4. Grondslag"),
    ("p", "Voor de live beelden en de opnamen is de grondslag artikel 151c van de Gemeentewet in "
          "samenhang met de Wet politiegegevens. Voor de beeldanalyse en de meldingen is de grondslag "
          "artikel 6, lid 1, onder e AVG: de uitoefening van een taak van algemeen belang door de "
          "burgemeester."),
    ("h2", "5. Noodzaak en evenredigheid"),
    ("p", "De DPIA concludeert dat de inzet noodzakelijk en evenredig kan zijn, mits de analyse beperkt "
          "blijft tot de vier beschreven situaties en tot de uren waarin het cameratoezicht actief is. "
          "Minder ingrijpende middelen, zoals extra toezichthouders, zijn onderzocht maar blijken niet "
          "uitvoerbaar binnen de beschikbare capaciteit van politie en gemeente."),
    ("h2", "6. Risico's voor betrokkenen"),
    ("p", "De DPIA noemt vijf risico's voor de rechten en vrijheden van betrokkenen:"),
    ("li", "Risico 1: onterechte meldingen leiden tot onnodig optreden tegen personen. Kans: gemiddeld. "
           "Impact: gemiddeld."),
    ("li", "Risico 2: bepaalde groepen, zoals jongeren en dak- en thuislozen, worden vaker onderwerp van "
           "een melding. Kans: gemiddeld. Impact: hoog."),
    ("li", "Risico 3: ongeautoriseerde toegang tot beelden door medewerkers of derden. Kans: laag. "
           "Impact: hoog."),
    ("li", "Risico 4: uitbreiding van de analyse naar andere doelen zonder nieuw besluit. Kans: laag. "
           "Impact: hoog."),
    ("li", "Risico 5: het gevoel voortdurend bekeken te worden, waardoor mensen de binnenstad minder vrij "
           "gebruiken. Kans: gemiddeld. Impact: gemiddeld."),
    ("h2", "7. Maatregelen"),
    ("p", "Om deze risico's te beperken, zijn de volgende maatregelen vastgesteld:"),
    ("li", "- een bewaartermijn van 28 dagen voor beelden en twaalf maanden voor meldingen met fragment;"),
    ("li", "- toegang tot beelden alleen voor gecertificeerde toezichthouders en de politie, met logging "
           "en een jaarlijkse controle van de logbestanden;"),
    ("li", "- geen gezichtsherkenning, geen herkenning van kentekens of kleding en geen koppeling met "
           "andere bestanden;"),
    ("li", "- halfjaarlijkse analyse van de meldingen naar locatie, tijdstip en soort situatie om scheve "
           "verdelingen op te sporen;"),
    ("li", "- iedere melding wordt door een toezichthouder beoordeeld voordat er actie volgt;"),
    ("li", "- ramen en voordeuren van woningen worden in het camerabeeld digitaal afgeschermd."),
    ("p", "Met deze maatregelen schat de DPIA het restrisico voor alle vijf risico's in als laag tot "
          "gemiddeld."),
    ("h2", "8. Advies van de functionaris gegevensbescherming"),
    ("p", "De functionaris gegevensbescherming heeft op 12 juli 2027 positief geadviseerd onder vier "
          "voorwaarden: het Kader slimme camera's wordt door de raad vastgesteld, de bewaartermijn van "
          "meldingen wordt niet verlengd, de halfjaarlijkse analyse op scheve verdelingen wordt openbaar "
          "gemaakt, en de DPIA wordt na de tussenevaluatie geactualiseerd."),
]

BIJLAGE_2 = [
    ("page", ""),
    ("title", "Bijlage 2. Kaartbeschrijving cameragebied binnenstad"),
    ("p", "Deze bijlage beschrijft in woorden de kaart die bij het aanwijzingsbesluit hoort. De kaart "
          "zelf is als los document beschikbaar bij de griffie en wordt na het raadsbesluit op de "
          "gemeentelijke website gepubliceerd."),
    ("h2", "Grenzen van het cameragebied"),
    ("p", "Het cameragebied omvat de historische binnenstad binnen de voormalige vestingwallen, met een "
          "oppervlakte van ongeveer 38 hectare. De noordgrens wordt gevormd door de Singelgracht, de "
          "oostgrens door de Bierkade en de haven, de zuidgrens door de Stationsstraat-Zuid en het "
          "Poortplein en de westgrens door de Lange Gracht en de Torenstraat."),
    ("p", "Het cameragebied is verdeeld in zes zones. De indeling sluit aan bij de indeling die de politie "
          "gebruikt voor haar incidentregistratie, zodat cijfers per zone kunnen worden vergeleken."),
    ("h2", "Zone A - Grote Markt en Kerkplein"),
    ("p", "De Grote Markt is het hart van de binnenstad, met het stadhuis, de weekmarkt op zaterdag en "
          "elf horecazaken met terrassen. Het Kerkplein ligt er direct naast. Hier vinden de meeste "
          "evenementen plaats, waaronder Koningsdag, de kermis en het nieuwjaarsfeest. In deze zone hangen "
          "nu zes camera's; er komt er een bij, bij de laad- en loszone aan de zuidzijde."),
    ("h2", "Zone B - Hoogstraat en Lange Gracht"),
    ("p", "De Hoogstraat is de belangrijkste winkelstraat en loopt van de Grote Markt naar De Wal. De Lange "
          "Gracht is een woonstraat aan het water met enkele restaurants. Overdag is het hier druk met "
          "winkelend publiek; 's nachts loopt een groot deel van de uitgaanders via de Hoogstraat naar "
          "huis. Hier hangen nu zes camera's; er komen er twee bij, in de Kloostersteeg en bij de Bakkerstraat."),
    ("h2", "Zone C - De Wal en Vismarkt"),
    ("p", "De Wal is sinds 2022 uitgegroeid tot de belangrijkste uitgaansstraat, met negen cafés en twee "
          "discotheken die tot 5.00 uur open mogen zijn. De Vismarkt is een plein met terrassen dat bij "
          "evenementen als verzamelplaats dient. In deze zone hangen nu vier camera's; er komen er zes "
          "bij. Drie daarvan komen in de smalle stegen tussen De Wal en de Bierkade, waar nu geen zicht "
          "is."),
    ("h2", "Zone D - Molenpoort en Bierkade"),
    ("p", "De Bierkade is een kade langs de haven met vooral nieuwe horeca die sinds 2023 is geopend. De "
          "Molenpoort is de historische stadspoort en vormt de verbinding met de bushalte en de "
          "parkeerplaats aan de buitenzijde. In deze zone hangen nu twee camera's; er komen er zeven bij, "
          "waaronder een camera bij de toegang voor hulpdiensten."),
    ("h2", "Zone E - Kruisstraat en Nieuwe Markt"),
    ("p", "De Nieuwe Markt is een plein met een bioscoop, een parkeergarage en enkele restaurants. De "
          "Kruisstraat verbindt de Nieuwe Markt met de Grote Markt. In deze zone hangen nu vier camera's; "
          "er komt er een bij, aan de oostzijde van de Nieuwe Markt."),
    ("h2", "Zone F - Stationsstraat-Zuid en Poortplein"),
    ("p", "Het Poortplein ligt op de looproute van het station naar de binnenstad. Overdag is het een "
          "doorgangsgebied; 's avonds verblijven er regelmatig groepen jongeren en enkele dak- en "
          "thuislozen. In deze zone hangen nu twee camera's; er komt er een bij."),
    ("h2", "Gebieden buiten het cameragebied"),
    ("p", "De Stationsbuurt en het Havenpark grenzen aan het cameragebied maar vallen er bewust buiten. In "
          "deze gebieden worden de incidentcijfers wel gevolgd, om te zien of overlast zich naar buiten "
          "het cameragebied verplaatst."),
    ("h2", "Zicht op woningen"),
    ("p", "In alle zones liggen woningen boven winkels en horeca. Bij het richten van de camera's is "
          "erop gelet dat zij zo min mogelijk zicht hebben op voordeuren en ramen. Waar dat niet te "
          "vermijden is, worden die delen van het beeld digitaal afgeschermd, zodat toezichthouders niet "
          "in woningen kunnen kijken."),
]

BIJLAGE_3 = [
    ("page", ""),
    ("title", "Bijlage 3. Overzicht cameralocaties"),
    ("p", "Dit overzicht bevat alle 42 camera's in het cameragebied na de uitbreiding, per zone. Bij "
          "iedere camera staan de plaats, de manier van bevestigen, of het een bestaande of een nieuwe "
          "camera is, en welke analyses actief zijn. De analyse 'voertuig' is alleen actief buiten de "
          "venstertijden voor bevoorrading (7.00 tot 11.00 uur). De analyse 'drukte' meet alleen het "
          "aantal personen per vierkante meter en slaat geen beelden op zolang de grens niet wordt "
          "overschreden."),
] + camera_blokken() + [
    ("p", ""),
    ("p", "Totaal: 42 camera's, waarvan 24 bestaand (negen daarvan worden in 2028 vervangen) en 18 nieuw."),
]

BIJLAGE_4 = [
    ("page", ""),
    ("title", "Bijlage 4. Plan van aanpak"),
    ("h2", "1. Organisatie"),
    ("p", "De burgemeester is opdrachtgever. Een projectgroep onder leiding van een projectleider van de "
          "afdeling Openbare Orde en Veiligheid voert het project uit. In de projectgroep zitten verder "
          "de teamleider van de cameratoezichthouders, een adviseur informatievoorziening, de privacy "
          "officer, een medewerker communicatie en een vertegenwoordiger van de politie. Een stuurgroep "
          "met de burgemeester, de gemeentesecretaris en de teamchef van de politie komt eens per "
          "kwartaal bijeen."),
    ("h2", "2. Fasering"),
    ("h3", "Fase 0 - Voorbereiding (oktober 2027 tot en met januari 2028)"),
    ("li", "- raadsbesluit op 14 oktober 2027;"),
    ("li", "- sluiten van het contract met Wachtpost Beeldanalyse B.V. en opdracht aan Stadsoog "
           "Beveiligingstechniek B.V. voor de nieuwe camera's;"),
    ("li", "- aanwijzingsbesluit van de burgemeester en publicatie in het Gemeenteblad;"),
    ("li", "- opleiding van de cameratoezichthouders in het werken met meldingen van de beeldanalyse."),
    ("h3", "Fase 1 - Aanleg (februari en maart 2028)"),
    ("li", "- plaatsen van 18 nieuwe camera's en vervangen van negen bestaande camera's;"),
    ("li", "- inrichten van de werkplekken in de meldkamer en de servers in het datacentrum;"),
    ("li", "- plaatsen van de borden bij de toegangswegen."),
    ("h3", "Fase 2 - Testen en inregelen (maart 2028)"),
    ("p", "In maart 2028 draait de beeldanalyse vier weken mee zonder dat meldingen tot optreden leiden. "
          "Voor de start van de proef controleren wij of het aandeel onterechte meldingen in deze "
          "testperiode onder de 35 procent ligt; is dat niet zo, dan start de proef niet en informeren "
          "wij de raad."),
    ("h3", "Fase 3 - Proef (1 april 2028 tot en met 31 maart 2030)"),
    ("li", "- halfjaarlijkse voortgangsrapportage aan de raad, voor het eerst in oktober 2028;"),
    ("li", "- halfjaarlijkse analyse van de meldingen op scheve verdelingen, voor het eerst in oktober "
           "2028, die openbaar wordt gemaakt;"),
    ("li", "- overleg met de klankbordgroep twee keer per jaar;"),
    ("li", "- tussenevaluatie in april 2029 en eindevaluatie in oktober 2029."),
    ("h3", "Fase 4 - Besluitvorming over voortzetting (november en december 2029)"),
    ("p", "Het college legt de eindevaluatie met een voorstel over voortzetting, aanpassing of beëindiging "
          "van de beeldanalyse uiterlijk in november 2029 aan de raad voor, zodat de raad in december "
          "2029 kan besluiten."),
    ("h2", "3. Projectrisico's"),
    ("li", "- Vertraging bij de levering van camera's: de leverancier heeft een levertijd van tien weken "
           "toegezegd; bij vertraging schuift de start van de proef op."),
    ("li", "- Onvoldoende opgeleide toezichthouders: de opleiding wordt twee keer aangeboden en nieuwe "
           "toezichthouders volgen haar voordat zij zelfstandig werken."),
    ("li", "- Bezwaren tegen het aanwijzingsbesluit: de behandeling van bezwaren schort het besluit niet "
           "op, maar kan leiden tot aanpassing van de cameralocaties."),
]

BIJLAGE_5 = [
    ("page", ""),
    ("title", "Bijlage 5. Incidentcijfers binnenstad 2022-2026"),
    ("p", "De cijfers in deze bijlage komen uit de incidentregistratie van de politie en zijn per zone "
          "bewerkt door de afdeling Openbare Orde en Veiligheid. Onder geweldsincidenten vallen "
          "mishandeling, bedreiging, openlijke geweldpleging en straatroof."),
    ("h2", "Geweldsincidenten per zone"),
    ("table", zone_tabel(GEWELD)),
    ("p", "Het aantal geweldsincidenten in de binnenstad steeg tussen 2022 en 2026 met 29 procent. In 2026 "
          "vond 41 procent van alle geweldsincidenten in de binnenstad plaats in de zones C en D, tegen 33 "
          "procent in 2022."),
    ("h2", "Meldingen van overlast door personen per zone"),
    ("table", zone_tabel(OVERLAST)),
    ("p", "Het aantal meldingen van overlast door personen steeg in dezelfde periode van 737 naar 1.001. "
          "Ook hier komt de stijging vooral voor rekening van de zones C en D, waar het aantal meldingen "
          "met 63 en 93 procent toenam."),
    ("h2", "Aanrijtijden"),
    ("p", "De gemiddelde tijd tussen een melding van geweld en de aankomst van politie of boa's ter "
          "plaatse bedroeg in 2022 6,4 minuten en in 2026 7,5 minuten. In de nachten van vrijdag op "
          "zaterdag en van zaterdag op zondag was dat in 2026 gemiddeld 8,9 minuten."),
    ("h2", "Gewonden bij gedrang"),
    ("p", "Bij gedrang tijdens evenementen raakten in 2026 14 bezoekers gewond, van wie drie met letsel "
          "waarvoor een ziekenhuisopname nodig was. In de jaren 2022 tot en met 2025 werden in totaal zes "
          "gewonden bij gedrang geregistreerd."),
]

BIJLAGE_6 = [
    ("page", ""),
    ("title", "Bijlage 6. Verslag inwonersavond 21 juni 2027"),
    ("p", "Plaats: bibliotheek Grote Markt. Tijd: 19.30 tot 21.45 uur. Aanwezig: 86 bewoners en "
          "ondernemers, de burgemeester, de projectleider, de privacy officer en de teamchef van de "
          "politie. Gespreksleiding: een onafhankelijke dagvoorzitter."),
    ("h2", "Opzet van de avond"),
    ("p", "Na een korte toelichting door de burgemeester en de projectleider konden deelnemers aan vier "
          "tafels in gesprek over de camera's, de beeldanalyse, privacy en de verdeling van de nieuwe "
          "camera's over de binnenstad. Aan het eind werden de belangrijkste punten plenair besproken."),
    ("h2", "Wat kwam er naar voren?"),
    ("p", "Veel ondernemers van De Wal en de Bierkade steunden de uitbreiding. Zij gaven aan dat "
          "personeel zich bij sluitingstijd onveilig voelt en dat de politie vaak pas laat arriveert."),
    ("p", "Een bewoner van de Lange Gracht vroeg of de camera's in zijn woning kunnen kijken. De "
          "projectleider legde uit dat ramen en voordeuren digitaal worden afgeschermd en dat een "
          "toezichthouder die afscherming niet kan uitzetten."),
    ("p", "Een vertegenwoordiger van de jongerenraad vreesde dat groepen jongeren op het Poortplein vaker "
          "als verdacht worden aangemerkt. Naar aanleiding daarvan is in het voorstel opgenomen dat "
          "stilstaan of rondhangen op zichzelf nooit tot een melding leidt."),
    ("p", "Meerdere deelnemers vroegen of de gemeente later alsnog gezichtsherkenning kan invoeren. De "
          "burgemeester antwoordde dat dit niet is toegestaan en dat het Kader slimme camera's elke "
          "uitbreiding van de analyses afhankelijk maakt van een nieuw besluit van de raad."),
    ("p", "Enkele bewoners vonden de uitbreiding te ingrijpend en pleitten voor meer boa's op straat in "
          "plaats van camera's. Dit alternatief is in het raadsvoorstel besproken."),
    ("h2", "Afspraken"),
    ("li", "- De gemeente richt een klankbordgroep op; twaalf deelnemers hebben zich aangemeld."),
    ("li", "- Het verslag en de presentatie worden op de gemeentelijke website gezet."),
    ("li", "- Deelnemers ontvangen bericht wanneer de raad over het voorstel beslist."),
]

BIJLAGE_7 = [
    ("page", ""),
    ("title", "Bijlage 7. Kader slimme camera's binnenstad"),
    ("p", "Dit kader bevat de voorwaarden die de raad stelt aan de inzet van beeldanalyse bij het "
          "cameratoezicht in de binnenstad. Het kader geldt voor de duur van de proef."),
    ("li", "1. Beeldanalyse wordt alleen ingezet voor de handhaving van de openbare orde en de veiligheid "
           "van bezoekers in de binnenstad."),
    ("li", "2. Toegestaan zijn uitsluitend vier analyses: een mogelijke vechtpartij, de val van een "
           "persoon, drukte boven de ingestelde grens en een voertuig in het voetgangersgebied."),
    ("li", "3. Gezichtsherkenning, herkenning van kentekens, kleding of andere persoonskenmerken en het "
           "volgen van personen over meerdere camera's zijn verboden."),
    ("li", "4. Een melding leidt nooit automatisch tot optreden; een gecertificeerde toezichthouder "
           "beoordeelt iedere melding."),
    ("li", "5. Beelden worden na 28 dagen verwijderd, meldingen met fragment na twaalf maanden en "
           "telgegevens na twee jaar."),
    ("li", "6. Uitbreiding naar andere analyses, andere gebieden of andere doelen vereist een nieuw "
           "besluit van de raad."),
    ("li", "7. De burgemeester informeert de raad halfjaarlijks over de inzet en bij incidenten direct."),
    ("li", "8. De inzet van beeldanalyse eindigt op 31 maart 2030, tenzij de raad op basis van de "
           "eindevaluatie anders besluit."),
]

BIJLAGE_8 = [
    ("page", ""),
    ("title", "Bijlage 8. Meerjarenbegroting cameratoezicht"),
    ("p", "De tabel hieronder geeft de structurele lasten van het uitgebreide cameratoezicht met "
          "beeldanalyse en de dekking daarvan. De kapitaallasten dalen doordat de investering in vijftien "
          "jaar lineair wordt afgeschreven. De personeelskosten van de cameratoezichthouders blijven "
          "gelijk en zijn al in de begroting opgenomen."),
    ("table", BEGROTING),
    ("p", "Na 2029 zijn de bedragen voor de licentie en het functioneel beheer alleen nodig als de raad "
          "besluit de beeldanalyse voort te zetten. Zonder voortzetting dalen de structurele lasten vanaf "
          "2030 met EUR 94.000 per jaar, zodat de bijdrage uit de algemene middelen vervalt."),
]

CONTENT = MAIN + BIJLAGE_1 + BIJLAGE_2 + BIJLAGE_3 + BIJLAGE_4 + BIJLAGE_5 + BIJLAGE_6 + BIJLAGE_7 + BIJLAGE_8


def build() -> None:
    docgen.write_pdf(OUT, CONTENT, HEADER)


if __name__ == "__main__":
    build()
