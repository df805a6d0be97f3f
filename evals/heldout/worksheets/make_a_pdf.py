"""Maakt a-drones.pdf: raadsvoorstel van de fictieve gemeente Dijkerveen over een droneprogramma.

Gebruik: /work/main/.venv/bin/python make_a_pdf.py  (schrijft het bestand naast dit script)
De core font "helvetica" van fpdf2 kent alleen latin-1: accenten (e, i met trema) kunnen wel,
het euroteken en gedachtestreepjes niet; daarom staat er "EUR" en gewone streepjes.
Alle namen (gemeente, waterschap, leverancier, personen) zijn verzonnen.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # evals/, for docgen.py
import docgen

HERE = Path(__file__).resolve().parent
OUT = HERE / "a-drones.pdf"

HEADER = "Gemeente Dijkerveen  |  Raadsvoorstel RV 2027-042  |  Drone-inspecties daken en dijken"

# (soort, tekst): "title" = titel, "h2" = sectiekop, "h3" = subkop, "p" = alinea,
# "li" = opsommingsregel, "meta" = kenmerkregel
CONTENT = [
    ("title", "RAADSVOORSTEL"),
    ("meta", "Onderwerp: Programma drone-inspecties van daken en dijken 2027-2029"),
    ("meta", "Registratienummer: RV 2027-042"),
    ("meta", "Portefeuillehouders: wethouder R.A. Verhoef (Vastgoed en Beheer openbare ruimte) en "
             "burgemeester H.C. Lindeboom (inzet bij evenementen)"),
    ("meta", "Datum collegebesluit: 13 april 2027"),
    ("meta", "Commissie: Ruimte en Bestuur, 20 mei 2027"),
    ("meta", "Raadsvergadering: 10 juni 2027"),
    ("meta", "Bijlagen: 1. Spelregels drone-inzet en beelddata; 2. Samenvatting DPIA; "
             "3. Begrotingswijziging 2027-11"),

    ("h2", "Samenvatting"),
    ("p", "De gemeente Dijkerveen beheert 147 gebouwen en 23 kilometer kades en dijklichamen. Die "
          "worden nu geïnspecteerd met hoogwerkers, klimteams en inspecteurs die te voet gaan. Dat "
          "is duur, het gaat traag en het is soms gevaarlijk. Wij stellen uw raad voor in te "
          "stemmen met een programma van twee jaar waarin een eigen droneteam de daken en kades "
          "inspecteert. Op verzoek van de burgemeester kan een drone ook worden ingezet om de "
          "drukte bij grote evenementen te overzien. Het programma kost eenmalig EUR 168.500 en "
          "daarna EUR 71.200 per jaar, waarvan het grootste deel wordt terugverdiend met lagere "
          "kosten voor hoogwerkers, klimteams en noodreparaties."),

    ("h2", "Beslispunten"),
    ("p", "De raad wordt voorgesteld te besluiten:"),
    ("li", "1. In te stemmen met het Programma drone-inspecties daken en dijken voor de periode van "
           "1 september 2027 tot en met 31 augustus 2029."),
    ("li", "2. De 'Spelregels drone-inzet en beelddata' (bijlage 1) vast te stellen als kader voor "
           "iedere inzet van gemeentelijke drones."),
    ("li", "3. Voor de aanschaf en de start van het programma een incidenteel krediet van "
           "EUR 168.500 beschikbaar te stellen en dit te dekken uit de reserve Onderhoud "
           "Gemeentelijk Vastgoed."),
    ("li", "4. De structurele lasten van EUR 71.200 per jaar vanaf 2028 op te nemen in de "
           "begroting en te dekken zoals beschreven onder 'Financiële consequenties'."),
    ("li", "5. Te bepalen dat de inzet van drones bij evenementen na 31 augustus 2029 alleen kan "
           "worden voortgezet na een nieuw besluit van de raad."),
    ("li", "6. De begrotingswijziging 2027-11 vast te stellen."),

    ("h2", "Aanleiding"),
    ("p", "Dijkerveen ligt in een laag veengebied tussen twee rivierarmen. De gemeente is eigenaar "
          "van 147 gebouwen, waaronder 41 schoolgebouwen, 18 sporthallen, zes zwembaden en "
          "gymzalen en het stadskantoor. Samen hebben deze gebouwen ruim 96.000 vierkante meter "
          "dak, waarvan ongeveer 70 procent plat is."),
    ("p", "Volgens het meerjarenonderhoudsplan moet ieder dak eens per twee jaar worden "
          "geïnspecteerd. In 2025 en 2026 is dat bij slechts 58 procent van de daken gelukt, omdat "
          "hoogwerkers en klimteams schaars en duur zijn. In dezelfde twee jaar ontstonden 34 "
          "lekkages die pas werden ontdekt toen er al waterschade was. De herstelkosten daarvan "
          "bedroegen samen EUR 412.000 en twee gymzalen waren elk enkele weken gesloten."),
    ("p", "Daarnaast beheert de gemeente 23 kilometer kades en dijklichamen langs de Oude Vaart en "
          "de polderwegen. De primaire dijk langs de rivier is in beheer bij Waterschap Veenrijn. "
          "Na een periode van hoogwater of langdurige droogte moeten de gemeentelijke kades "
          "binnen vijf dagen worden gecontroleerd op scheuren, afschuiving en lekwater. Met de "
          "huidige vier inspecteurs, die de kades te voet aflopen, duurt een volledige ronde negen "
          "werkdagen. Tijdens de droge zomer van 2026 werd een scheur in de kade bij de "
          "Molenpolder pas na twaalf dagen opgemerkt."),
    ("p", "Tot slot is inspectie op hoogte risicovol werk. In 2024 raakte een medewerker van een "
          "ingehuurd klimteam gewond bij een val van het dak van sporthal De Wissel. De "
          "Arbeidsinspectie heeft de gemeente daarop gevraagd het werk op hoogte zo veel mogelijk "
          "te beperken."),
    ("p", "Op 9 november 2026 heeft uw raad bij de behandeling van de begroting de motie "
          "'Slimmer inspecteren' (M2026-31) aangenomen. Daarin wordt het college gevraagd voor de "
          "zomer van 2027 met een voorstel te komen voor inspecties met drones. Met dit "
          "raadsvoorstel geven wij uitvoering aan die motie."),

    ("h2", "Wat willen we bereiken?"),
    ("p", "Het maatschappelijk doel van dit programma is dat inwoners van Dijkerveen veilig kunnen "
          "wonen, leren, werken en sporten achter goed onderhouden kades en in goed onderhouden "
          "gebouwen, en dat de gemeente zuinig omgaat met gemeenschapsgeld."),
    ("p", "Concreet verwachten wij de volgende effecten:"),
    ("li", "- voor leerlingen, sporters en andere gebruikers van gemeentelijke gebouwen: minder "
           "lekkages en minder sluitingen door waterschade;"),
    ("li", "- voor inwoners achter de kades: schade aan de kades is na hoogwater of droogte binnen "
           "twee werkdagen in beeld in plaats van na negen werkdagen;"),
    ("li", "- voor inspecteurs en ingehuurde vakmensen: veel minder werk op hoogte en daarmee "
           "minder kans op ongelukken;"),
    ("li", "- voor bezoekers van grote evenementen: de hulpdiensten hebben een beter overzicht van "
           "de drukte en kunnen sneller ingrijpen als een situatie gevaarlijk wordt;"),
    ("li", "- voor de gemeente als geheel: lagere kosten voor hoogwerkers en klimteams en minder "
           "dure noodreparaties."),
    ("h3", "Hoe meten we dat?"),
    ("p", "In het eerste kwartaal van 2027 hebben wij een nulmeting gedaan. Voor augustus 2029 "
          "gelden de volgende streefwaarden:"),
    ("li", "- inspectiegraad van de daken: van 58 procent (nulmeting 2025-2026) naar minimaal "
           "95 procent van de daken per twee jaar;"),
    ("li", "- duur van een volledige inspectie van de kades: van negen werkdagen (nulmeting) naar "
           "hoogstens twee werkdagen;"),
    ("li", "- lekkages die pas na waterschade worden ontdekt: van 17 per jaar (gemiddelde "
           "2025-2026) naar hoogstens 6 per jaar;"),
    ("li", "- werk op hoogte door inspecteurs en klimteams: van 1.240 uur per jaar naar minder dan "
           "300 uur per jaar;"),
    ("li", "- kosten voor hoogwerkers en klimteams: van EUR 98.000 per jaar naar hoogstens "
           "EUR 50.000 per jaar."),

    ("h2", "Wat gaan we doen?"),
    ("p", "Het programma bestaat uit drie onderdelen: de inspectie van gemeentelijke daken, de "
          "inspectie van kades en dijklichamen, en een beperkte inzet bij grote evenementen."),
    ("h3", "Daken"),
    ("p", "De drones vliegen volgens een vast jaarschema over de gemeentelijke gebouwen en maken "
          "foto's en warmtebeelden van de daken. Software herkent op die beelden mogelijke schade, "
          "zoals scheuren, losliggende dakbedekking, verstopte afvoeren en plassen water. Een "
          "dakdeskundige van de gemeente beoordeelt iedere melding voordat er een opdracht voor "
          "herstel wordt gegeven. Alleen als de beelden daar aanleiding toe geven, gaat er nog "
          "iemand het dak op."),
    ("h3", "Kades en dijklichamen"),
    ("p", "Na hoogwater (een waterstand van meer dan 1,20 meter boven NAP bij meetpunt Oude Sluis) "
          "of na twintig dagen zonder noemenswaardige neerslag vliegen de drones de volledige "
          "23 kilometer kade af. De beelden worden vergeleken met die van de vorige vlucht, zodat "
          "nieuwe scheuren en verzakkingen opvallen. De bevindingen worden besproken in het "
          "gezamenlijke dijkoverleg met Waterschap Veenrijn, dat zijn primaire dijk sinds 2025 op "
          "dezelfde manier inspecteert."),
    ("h3", "Evenementen"),
    ("p", "Bij evenementen met meer dan 10.000 bezoekers, zoals het Veenfestival en de Dijkerveense "
          "Havendagen, kan de burgemeester een drone laten inzetten om de drukte te overzien. Dat "
          "gebeurt alleen op verzoek van de politie of de veiligheidsregio en alleen binnen de "
          "spelregels die hieronder staan. In 2026 waren er in Dijkerveen drie evenementen van "
          "deze omvang."),
    ("h3", "Wie doet wat?"),
    ("p", "De gemeente koopt vier inspectiedrones en wordt daarvan eigenaar. De drones worden "
          "bestuurd door drie medewerkers van de afdeling Vastgoed en Beheer, die daarvoor een "
          "erkende opleiding tot dronepiloot volgen. Zwerfvalk Luchtinspecties B.V. uit Molenhoeve "
          "levert de drones, verzorgt het onderhoud en biedt het softwareplatform DakZicht aan, "
          "waarop de beelden worden opgeslagen en geanalyseerd. Zwerfvalk is in maart 2027 "
          "gekozen na een openbare aanbesteding waarop vijf partijen hebben ingeschreven."),
    ("p", "De gemeente is en blijft eigenaar van alle beelden en analyses. Zwerfvalk mag deze niet "
          "voor eigen doeleinden gebruiken, ook niet om zijn software te trainen. Bij evenementen "
          "bestuurt een piloot van de gemeente de drone, en gaan de beelden rechtstreeks naar de "
          "commandopost van de hulpdiensten op het evenemententerrein."),

    ("h2", "Argumenten"),
    ("p", "1.1 De techniek is elders beproefd. Waterschap Veenrijn inspecteert sinds 2025 zijn "
          "dijken met drones en de buurgemeente Lindewaard gebruikt sinds 2024 drones voor "
          "dakinspecties. Beide organisaties melden dat een inspectie drie tot vier keer sneller "
          "gaat dan voorheen."),
    ("p", "1.2 Een eigen droneteam kan binnen een dag vliegen. Bij hoogwater telt iedere dag. "
          "Omdat de piloten in dienst zijn van de gemeente, kan het team na een waarschuwing van "
          "het waterschap nog dezelfde dag opstijgen."),
    ("p", "1.3 Het werk wordt veiliger. Inspecteurs hoeven alleen nog het dak op als de drone "
          "schade heeft gevonden die van dichtbij moet worden bekeken."),
    ("p", "1.4 De investering verdient zich grotendeels terug. De besparing op hoogwerkers, "
          "klimteams en noodreparaties wordt geraamd op EUR 63.000 per jaar; zie 'Financiële "
          "consequenties'."),

    ("h2", "Alternatieven"),
    ("p", "Wij hebben vier alternatieven onderzocht en afgewezen."),
    ("p", "a. Doorgaan op de huidige manier. Dit vraagt geen investering, maar de achterstand in "
          "inspecties loopt dan verder op en het werk op hoogte blijft even risicovol."),
    ("p", "b. De drone-inspecties volledig uitbesteden aan een dienstverlener. Dat is in de eerste "
          "jaren iets goedkoper, maar bij hoogwater moet de gemeente binnen een dag kunnen "
          "vliegen, en geen van de drie bedrijven die wij hebben benaderd kon dat garanderen. Ook "
          "zou de gemeente dan minder grip hebben op wat er met de beelden gebeurt."),
    ("p", "c. Satellietbeelden en luchtfoto's. Die zijn goedkoop, maar niet scherp genoeg om kleine "
          "scheuren in dakbedekking of kades te zien, en ze zijn niet beschikbaar op het moment "
          "dat ze nodig zijn."),
    ("p", "d. Meer eigen inspecteurs en een eigen hoogwerker, dus zonder nieuwe technologie. Dit "
          "kost naar schatting EUR 145.000 per jaar extra en neemt het risico van werken op "
          "hoogte niet weg."),

    ("h2", "Kaders: spelregels voor inzet en data"),
    ("p", "Met beslispunt 2 stelt uw raad vooraf de kaders vast waarbinnen de gemeentelijke drones "
          "mogen worden ingezet. De belangrijkste spelregels uit bijlage 1 zijn:"),
    ("li", "a. Drones worden alleen ingezet voor de inspectie van gemeentelijke daken, kades en "
           "dijklichamen, en voor het overzien van drukte bij evenementen met meer dan 10.000 "
           "bezoekers."),
    ("li", "b. Drones worden nooit gebruikt voor handhaving, bijvoorbeeld om illegale bouwwerken, "
           "zwembaden of dakkapellen op te sporen."),
    ("li", "c. Bij inspecties is de camera naar beneden op het object gericht en wordt zo min "
           "mogelijk over tuinen en woningen van anderen gevlogen."),
    ("li", "d. Er wordt geen gezichtsherkenning of kentekenherkenning gebruikt en beelden worden "
           "niet gekoppeld aan andere bestanden."),
    ("li", "e. Bij evenementen vliegt de drone op minimaal 60 meter hoogte, worden de beelden "
           "alleen live bekeken en wordt alleen opgenomen als zich een incident voordoet."),
    ("li", "f. Iedere geplande vlucht wordt vooraf aangekondigd op de dronekaart op de gemeentelijke "
           "website en iedere vlucht wordt vastgelegd in een vluchtlogboek."),
    ("p", "Wil het college van deze spelregels afwijken of drones voor een ander doel inzetten, dan "
          "legt het dat eerst ter besluitvorming voor aan uw raad."),

    ("h2", "Juridische aspecten"),
    ("h3", "Luchtvaartregels"),
    ("p", "Voor het vliegen met drones gelden de Europese droneregels (Uitvoeringsverordening (EU) "
          "2019/947). Omdat de drones soms boven bebouwing en in de buurt van mensen vliegen, "
          "vliegen onze piloten in de zogenoemde specifieke categorie. Daarvoor is een "
          "operationele vergunning nodig van de Inspectie Leefomgeving en Transport; die is op "
          "2 maart 2027 aangevraagd. Boven een deel van de kades ligt de aanvliegroute van het "
          "helikopterplatform van het Rivierenziekenhuis. Voor dat gebied zijn vaste afspraken "
          "gemaakt over het melden van vluchten."),
    ("h3", "Privacy en gegevensbescherming"),
    ("p", "Bij inspecties worden foto's, video's en warmtebeelden gemaakt. Daarop kunnen toevallig "
          "mensen, tuinen, auto's met kentekens of ramen van woningen te zien zijn; dat zijn "
          "persoonsgegevens in de zin van de AVG. Warmtebeelden van daken kunnen bovendien iets "
          "zeggen over het gebruik van een gebouw, bijvoorbeeld of er 's nachts wordt gestookt. "
          "Bij evenementen worden beelden gemaakt van grote groepen bezoekers."),
    ("p", "De grondslag voor de verwerking is de vervulling van een taak van algemeen belang "
          "(artikel 6, lid 1, onder e, AVG): het beheer van gemeentelijk vastgoed en van kades, "
          "en bij evenementen de taak van de burgemeester om de openbare orde te handhaven."),
    ("p", "In januari en februari 2027 is een gegevensbeschermingseffectbeoordeling (DPIA) "
          "uitgevoerd; een samenvatting staat in bijlage 2. De functionaris gegevensbescherming "
          "(FG) heeft op 8 maart 2027 positief geadviseerd, op voorwaarde dat mensen op "
          "inspectiebeelden automatisch onherkenbaar worden gemaakt. Dat gebeurt in het platform "
          "DakZicht binnen 24 uur na de vlucht, voordat een inspecteur de beelden bekijkt."),
    ("h3", "Bewaren, doelbinding en toegang"),
    ("p", "Ruwe beelden van inspecties worden na 30 dagen automatisch verwijderd. Alleen de "
          "geanonimiseerde beelden van schade en de inspectierapporten worden bewaard, zolang het "
          "gebouw of de kade in beheer is bij de gemeente, en daarna volgens de Archiefwet."),
    ("p", "Beelden van evenementen worden niet opgeslagen, tenzij zich een incident voordoet. In "
          "dat geval worden de beelden van dat incident maximaal 28 dagen bewaard, of langer als "
          "de politie ze nodig heeft voor een strafzaak."),
    ("p", "Toegang tot de beelden hebben alleen de drie piloten, de twee dakdeskundigen en de "
          "beheerder kades. Zij loggen in met tweestapsverificatie en iedere keer dat beelden "
          "worden bekeken of gedownload, wordt dat vastgelegd. De beelden worden uitsluitend "
          "gebruikt voor het doel waarvoor ze zijn gemaakt; ze worden niet gedeeld met andere "
          "afdelingen van de gemeente, zoals Vergunningen of Belastingen."),

    ("h2", "Gevolgen voor inwoners en groepen"),
    ("p", "In de DPIA en in gesprekken met bewoners hebben wij nagegaan of het programma bepaalde "
          "groepen inwoners anders raakt dan andere."),
    ("p", "Bewoners van de 212 woningen die direct aan de kades liggen, krijgen het vaakst een drone "
          "boven of naast hun tuin. Voor hen kan dat voelen als een inbreuk op hun privacy. "
          "Daarom vliegen de drones bij de kades zo veel mogelijk boven het water en op minimaal "
          "30 meter afstand van woningen."),
    ("p", "Bij de kade langs de Oude Vaart komen 's avonds regelmatig jongeren samen. Zij kunnen "
          "het gevoel krijgen dat zij in de gaten worden gehouden en uitwijken naar minder "
          "zichtbare plekken. Daarom wordt bij de kades 's avonds niet gevlogen, behalve bij acuut "
          "hoogwater."),
    ("p", "Bezoekers van evenementen kunnen zich minder vrij voelen als er een drone boven het "
          "terrein hangt. Er wordt niemand gevolgd en er worden geen profielen van bezoekers "
          "gemaakt; de drone geeft alleen een overzicht van de drukte."),
    ("p", "Inwoners die weinig digitaal vaardig zijn, zien de dronekaart op de website niet. Zij "
          "kunnen geplande vluchten ook telefonisch navragen bij het Klantcontactcentrum, en alle "
          "adressen langs de kades krijgen per brief bericht over de vliegdagen."),

    ("h2", "Kanttekeningen en risico's"),
    ("p", "1. De software maakt fouten. Bij de proefvluchten in februari 2027 was ongeveer "
          "15 procent van de automatische meldingen onterecht, en werden 2 van de 40 bekende "
          "gebreken gemist. Daarom beoordeelt altijd een deskundige de meldingen en blijft eens "
          "per vier jaar een inspectie van dichtbij verplicht."),
    ("p", "2. Drones kunnen niet vliegen bij harde wind (meer dan windkracht 6), zware regen of "
          "mist. Bij hoogwater met storm moet dus toch te voet worden geïnspecteerd; het bestaande "
          "draaiboek hoogwater blijft daarvoor van kracht."),
    ("p", "3. Een drone kan neerstorten. De drones hebben een parachute en vliegen nooit recht "
          "boven publiek; bij evenementen vliegen zij alleen boven een afgezette zone naast het "
          "terrein. De gemeente heeft voor de drones een aansprakelijkheidsverzekering "
          "afgesloten."),
    ("p", "4. Informatiebeveiliging. De beelden staan versleuteld op servers van Zwerfvalk in een "
          "datacenter in Nederland. De verbinding tussen drone en grondstation kan in theorie "
          "worden verstoord of afgeluisterd. Zwerfvalk laat daarom ieder jaar een onafhankelijke "
          "beveiligingstest uitvoeren en deelt de uitkomsten met de gemeente."),
    ("p", "5. Afhankelijkheid van de leverancier. Het contract met Zwerfvalk loopt vier jaar. Om "
          "niet afhankelijk te worden, is afgesproken dat alle beelden en rapporten op ieder "
          "moment in een open formaat kunnen worden geëxporteerd en dat de drones ook met "
          "software van andere leveranciers kunnen werken."),
    ("p", "6. De inzet bij evenementen kan tot maatschappelijke discussie leiden. Sommige inwoners "
          "zullen dit zien als een stap naar meer cameratoezicht. Daarom gelden hiervoor extra "
          "strenge spelregels en beslist uw raad in 2029 apart over het voortzetten van deze "
          "inzet."),

    ("h2", "Financiële consequenties"),
    ("p", "De eenmalige kosten van het programma bedragen EUR 168.500:"),
    ("li", "- vier drones met camera's en warmtebeeldcamera's, reserveaccu's en laadkoffers: "
           "EUR 74.000;"),
    ("li", "- opleiding van drie piloten en aanvraag van de vergunningen: EUR 21.500;"),
    ("li", "- inrichting van het softwareplatform en koppeling met het vastgoedbeheersysteem: "
           "EUR 38.000;"),
    ("li", "- DPIA, juridische ondersteuning en projectleiding: EUR 27.000;"),
    ("li", "- onvoorzien: EUR 8.000."),
    ("p", "Deze eenmalige kosten worden gedekt uit de reserve Onderhoud Gemeentelijk Vastgoed, die "
          "op 1 januari 2027 een saldo had van EUR 1,9 miljoen."),
    ("p", "De structurele kosten bedragen vanaf 2028 EUR 71.200 per jaar:"),
    ("li", "- licentie voor het softwareplatform DakZicht: EUR 24.000;"),
    ("li", "- onderhoud en verzekering van de drones en een reservering voor vervanging na vier "
           "jaar: EUR 27.700;"),
    ("li", "- bijscholing van de piloten en verlenging van de vergunningen: EUR 6.500;"),
    ("li", "- 0,2 fte extra formatie voor functioneel beheer: EUR 13.000."),
    ("p", "Daartegenover staan besparingen van naar verwachting EUR 63.000 per jaar: EUR 48.000 "
          "minder huur van hoogwerkers en klimteams en EUR 15.000 minder noodreparaties. Het "
          "verschil van EUR 8.200 per jaar wordt gedekt uit de post Onvoorzien structureel in de "
          "begroting 2028. De lopende kosten over de laatste vier maanden van 2027, EUR 23.700, "
          "passen binnen het bestaande inspectiebudget van de afdeling Vastgoed en Beheer."),
    ("p", "Vallen de besparingen lager uit dan verwacht, dan meldt het college dat in de "
          "bestuursrapportage en doet het een voorstel voor aanvullende dekking."),

    ("h2", "Duurzaamheid"),
    ("p", "Een drone verbruikt per inspectie enkele kilowatturen stroom, terwijl een "
          "dieselhoogwerker per inzet gemiddeld 25 liter brandstof verbruikt. Wij verwachten dat "
          "de CO2-uitstoot van inspecties daardoor met ongeveer 14 ton per jaar daalt. De accu's "
          "worden geladen met stroom van de zonnepanelen op de gemeentewerf aan de Werfkade. "
          "Afgeschreven drones en accu's worden door de leverancier teruggenomen voor "
          "hergebruik van onderdelen."),

    ("h2", "Communicatie en participatie"),
    ("p", "In februari 2027 hebben wij twee inloopavonden gehouden voor bewoners langs de kades, "
          "die door 64 mensen zijn bezocht. De belangrijkste vragen gingen over privacy en geluid. "
          "Die hebben geleid tot de regel dat bij de kades 's avonds niet wordt gevlogen."),
    ("p", "Na het raadsbesluit informeren wij inwoners via de gemeentelijke website, de "
          "gemeentepagina in het Dijkerveens Dagblad en een brief aan alle adressen langs de "
          "kades. Iedere geplande vlucht staat minimaal twee werkdagen van tevoren op de "
          "dronekaart; spoedvluchten bij hoogwater worden achteraf op de kaart gemeld."),
    ("p", "Inwoners die bezwaar hebben tegen een vlucht of vragen hebben over beelden, kunnen "
          "contact opnemen met het droneteam of een klacht indienen via de gemeentelijke "
          "klachtenregeling. Ook kunnen zij bij de functionaris gegevensbescherming een verzoek "
          "indienen om beelden in te zien of te laten verwijderen."),

    ("h2", "Informatie aan de raad"),
    ("p", "Wij houden uw raad als volgt op de hoogte van de voortgang:"),
    ("li", "- in de tweede bestuursrapportage en in de jaarrekening over de kosten, de besparingen "
           "en het aantal vluchten;"),
    ("li", "- twee keer per jaar met een korte raadsinformatiebrief over de streefwaarden en over "
           "iedere inzet bij evenementen;"),
    ("li", "- direct, via een raadsinformatiebrief, bij een datalek, een ongeval met een drone of "
           "een afwijking van de spelregels."),

    ("h2", "Evaluatie"),
    ("p", "In september 2028, een jaar na de start, maken wij een tussenevaluatie. De "
          "eindevaluatie ontvangt uw raad uiterlijk in april 2029. In beide evaluaties beoordelen "
          "wij het programma aan de hand van de volgende criteria:"),
    ("li", "- de streefwaarden onder 'Hoe meten we dat?', vergeleken met de nulmeting;"),
    ("li", "- de werkelijke kosten en besparingen;"),
    ("li", "- het aantal klachten, bezwaren en verzoeken om inzage;"),
    ("li", "- de ervaringen van bewoners langs de kades, inspecteurs en hulpdiensten;"),
    ("li", "- hoe vaak, waarom en hoe lang drones bij evenementen zijn ingezet;"),
    ("li", "- de naleving van de spelregels, getoetst door de functionaris gegevensbescherming."),
    ("p", "De evaluatie wordt uitgevoerd door de afdeling Onderzoek en Statistiek, samen met een "
          "externe deskundige op het gebied van privacy."),

    ("h2", "Stoppen of bijsturen"),
    ("p", "Het college stopt de inzet van drones voor een bepaald doel, of past die aan, als zich "
          "een of meer van de volgende situaties voordoen:"),
    ("li", "- er vindt een ernstig datalek plaats of de spelregels worden herhaaldelijk "
           "overtreden;"),
    ("li", "- bij de tussenevaluatie is minder dan 75 procent van de geplande daken geïnspecteerd "
           "of duurt een inspectie van de kades langer dan vier werkdagen;"),
    ("li", "- de besparingen zijn lager dan de helft van de geraamde EUR 63.000 per jaar;"),
    ("li", "- er komen meer dan 25 gegronde klachten per jaar binnen over privacy of overlast."),
    ("p", "Voor de inzet bij evenementen is de drempel lager: één ernstige overtreding van de "
          "spelregels is genoeg om die inzet direct stop te zetten."),
    ("p", "Stopt het programma helemaal, dan worden de drones verkocht of volgens de afspraken in "
          "het contract teruggegeven aan de leverancier. Alle ruwe beelden worden dan binnen "
          "30 dagen verwijderd en de leverancier moet schriftelijk bevestigen dat ook zijn "
          "kopieën zijn vernietigd. De inspectierapporten blijven bewaard in het "
          "vastgoedbeheersysteem van de gemeente. Over een besluit tot stoppen of aanpassen "
          "informeren wij uw raad binnen twee weken."),

    ("h2", "Vervolgproces"),
    ("li", "- 10 juni 2027: besluit van de gemeenteraad;"),
    ("li", "- juni tot en met augustus 2027: levering van de drones, opleiding van de piloten en "
           "verlening van de vergunning;"),
    ("li", "- 1 september 2027: start van het programma;"),
    ("li", "- september 2028: tussenevaluatie;"),
    ("li", "- april 2029: eindevaluatie naar de raad;"),
    ("li", "- juni 2029: besluit van de raad over voortzetting na 31 augustus 2029, apart voor de "
           "inspecties en voor de inzet bij evenementen."),
    ("p", "Zonder nieuw raadsbesluit eindigt het programma op 31 augustus 2029."),

    ("h2", "Ondertekening"),
    ("p", "Burgemeester en wethouders van Dijkerveen,"),
    ("p", "de secretaris, mr. A.J. Scheepmaker          de burgemeester, H.C. Lindeboom"),
]


# Ruimer dan de standaard: grotere koppen die niet onderaan een pagina blijven staan.
STYLES = {
    **docgen.PDF_STYLES,
    "h2": docgen.Style(13, 7, "B", before=4, after=1, keep=50),
    "h3": docgen.Style(11, 6.5, "BI", before=1, keep=45),
    "li": docgen.Style(11, 6.2, indent=5, after=0.8),
    "p": docgen.Style(11, 6.2, after=2.5),
}


def build() -> None:
    docgen.write_pdf(OUT, CONTENT, HEADER, styles=STYLES)


if __name__ == "__main__":
    build()
