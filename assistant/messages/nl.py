"""Dutch: every sentence the chat, the widget and the sign-in show a raadslid, and what the chat
server tells the griffie that runs it (see :mod:`assistant.messages`)."""

# --- a question as typed (assistant/engine/text/cleaning.py) -----------------------------------
NOT_TEXT = "Stel uw vraag als tekst."
TOO_LONG = ("Uw vraag is te lang ({chars} tekens); houd haar onder {limit} tekens en stel één "
            "vraag tegelijk.")
PASTED_TOO_LONG = ("Deze tekst is te lang om te plakken ({chars} tekens, hoogstens {limit}); voeg "
                   "het voorstel als bestand toe, dan lees ik het langs het denkraam.")
PASTED_NAME = "geplakte tekst"
NOT_UTF8 = ("Uw vraag bevat tekens die geen geldige tekst zijn; typ haar opnieuw of sla haar op "
            "als UTF-8.")
EMPTY = "Uw vraag is leeg: typ een vraag, bijvoorbeeld 'Wat moet ik vragen over wifi-telling?'."
NO_WORDS = "Uw vraag bevat geen woorden: typ een vraag in gewone tekst."

# --- fair use (assistant/chat/limits.py) -------------------------------------------------------
TOO_MANY = "U stelt veel vragen kort na elkaar. Probeer het over {seconds} seconden opnieuw."
BUSY = "Het is nu erg druk bij de raadsgids. Probeer het zo opnieuw."
TOO_MANY_EXPORTS = ("U heeft net al een paar keer geëxporteerd. Probeer het over {seconds} "
                    "seconden opnieuw.")

# --- the chat (assistant/chat/app.py, views.py) ------------------------------------------------
FAILED = "Er ging iets mis bij het beantwoorden van deze vraag. Probeer het opnieuw."
EXPORT_DONE = ("Hier is het gesprek als document voor de commissievergadering: de vragen per "
               "stap van het denkraam en alle bronnen. De bestanden staan {minutes} minuten "
               "klaar; daarna kunt u opnieuw exporteren.")
SOURCES_HEADING = "Bronnen van het vorige antwoord"
EARLIER_SOURCES = ("Over uw vorige vraag zeggen de teksten niets, dus daar horen geen bronnen "
                   "bij. Dit zijn de bronnen van het antwoord daarvoor, op “{question}”.")
EARLIER_HEADING = "Bronnen van het antwoord daarvoor"

# --- sign-in and sessions (assistant/intranet/accounts.py, sessions.py, guard.py) --------------
LOCKED = ("Te veel mislukte aanmeldpogingen. Probeer het over {minutes} {unit} opnieuw, of vraag "
          "de griffie om hulp.")
MINUTE, MINUTES = "minuut", "minuten"
ENDED = "Uw sessie is beëindigd; meld u opnieuw aan."
WIDGET_KEY_ONLY_IN_WIDGET = "Een widgetsleutel geldt alleen in de widget (ASSISTANT_AUTH=jwt)."
KEY_WITHOUT_LIFETIME = "Deze sleutel heeft geen geldige looptijd en wordt geweigerd."
KEY_TOO_LONG = "Deze sleutel is langer geldig dan {hours:g} uur en wordt geweigerd."
TOKEN_EXPIRED = "Deze aanmeldsleutel is verlopen; laad de pagina opnieuw."
TOKEN_MISSES = "Deze aanmeldsleutel mist '{claim}' en wordt geweigerd."
TOKEN_NOT_SIGNED = "Deze aanmeldsleutel is niet door deze raadsgids ondertekend."
TOKEN_NOT_WIDGET = ("Deze aanmeldsleutel is geen widgetsleutel ('{claim}' is niet '{use}') en "
                    "wordt geweigerd.")
TOKEN_TOO_LONG = "Deze aanmeldsleutel is langer geldig dan {hours:g} uur en wordt geweigerd."
TOKEN_BAD_NAME = "De gebruikersnaam in deze aanmeldsleutel is niet geldig."
NO_TOKEN = "Er is geen aanmeldsleutel meegegeven."
NOT_ALLOWED = "Deze pagina mag de raadsgids niet gebruiken (origin niet toegestaan)."
TOO_LARGE = "Dit verzoek is te groot voor de raadsgids."
NO_SHARING = "Gesprekken delen kan in deze raadsgids niet."
NO_TOKEN_SIGN_IN = "Aanmelden met een sleutel kan alleen in de widget (ASSISTANT_AUTH=jwt)."

# --- history and feedback (assistant/intranet/history_layer.py, events.py) ---------------------
KEPT_LATER = ("De geschiedenis is even niet bereikbaar. Uw vragen worden gewoon beantwoord, en "
              "dit gesprek wordt bewaard zodra zij terug is.")
NOT_KEPT = ("Dit gesprek kan op dit moment niet worden bewaard in uw geschiedenis. Uw vragen "
            "worden wel beantwoord; probeer het later opnieuw als u het wilt terugvinden.")
FULL = ("Uw bewaarde gesprekken nemen de ruimte in die u heeft ({mb:g} MB). Uw vragen worden "
        "gewoon beantwoord, maar nieuwe gesprekken worden niet bewaard; verwijder oude "
        "gesprekken om weer te bewaren.")
NOT_YOURS = "Dit antwoord hoort niet bij uw gesprekken."
COMMENT_TOO_LONG = "Een toelichting mag hoogstens {chars} tekens lang zijn."
NO_HISTORY = "De geschiedenis staat uit; er wordt geen feedback bewaard."

# --- the language model (assistant/engine/service.py) ------------------------------------------
LLM_INCOMPLETE = ("Voor het taalmodel zijn ASSISTANT_LLM_URL en ASSISTANT_LLM_MODEL allebei nodig; "
                  "de raadsgids antwoordt uit de teksten.")

# --- the chat server, to the griffie running it (assistant/chat/server.py, intranet/demo.py) ---
BUILDING_INDEX = "Er is nog geen index; die wordt nu gebouwd in {folder} …"
SERVING = "De raadsgids draait op {address} (stoppen met Ctrl+C)"
DEMO_SERVING = "Het voorbeeld-intranet draait op {address}/ (stoppen met Ctrl+C)."
LLM_WRITES = ("Antwoorden worden opgesteld door het taalmodel {model} op {url} en nagelopen op hun "
              "bronnen.")
DEMO_ALLOW = ("De chat op {chat} laat deze pagina niet toe (gevraagd aan de chat zelf): stop hem "
              "en start hem opnieuw met {line} assistant chat --port {port}.")
DEMO_ALLOWED = "De chat op {chat} laat deze pagina toe (gevraagd aan de chat zelf)."
DEMO_NO_CHAT = ("De chat op {chat} antwoordt niet: start hem met {line} assistant chat --port "
                "{port}; de pagina vraagt hem pas als u haar opent.")

# --- the welcome screen and the chat's buttons (assistant/chat/views.py) -----------------------
WELCOME_INTRO = ("**Raadsgids digitalisering.** Stel een vraag over digitale technologie in uw "
                 "gemeente (wifi-telling, cameratoezicht, slimme lantaarnpalen, sensoren, "
                 "algoritmes).")
WELCOME_SHORT = ("{intro} U krijgt vragen voor de raad per stap van het denkraam, met bij elke "
                 "bewering de bron uit de {n} {texts} van de gids.")
TEXT, TEXTS = "tekst", "teksten"
WELCOME = ("{intro} U krijgt vragen voor de raad, geordend naar de vijf stappen van het denkraam "
           "van het Rathenau Instituut, de publieke waarden die op het spel staan en bij elke "
           "bewering de bron.\n\nDe gids antwoordt alleen uit deze teksten:\n\n{texts}\n\n"
           "Staat het antwoord er niet in, dan zegt de gids dat.")
UNKNOWN_PUBLISHER = "onbekende uitgever"
EXPORT_LABEL = "Exporteer gesprek (Markdown en Word)"
NO_SOURCES = ("Er is nog geen antwoord met bronnen in dit gesprek. Stel eerst een vraag, "
              "bijvoorbeeld: “Wat moet ik vragen over wifi-telling?”")

# --- the language model's endpoint, checked at start (assistant/engine/answer/llm.py) ----------
FROM_TEXTS = "de raadsgids antwoordt uit de teksten."
UNREADABLE_ADDRESS = "(een onleesbaar adres)"
LLM_NOT_HTTP = "ASSISTANT_LLM_URL {url!r} is geen http(s)-adres; " + FROM_TEXTS
LLM_KEY_UNREADABLE = "De sleutel voor het taalmodel is niet te lezen ({problem}); " + FROM_TEXTS
LLM_UNREACHABLE = "Het taalmodel op {url} is niet bereikbaar; " + FROM_TEXTS
LLM_KEY_REFUSED = "Het taalmodel op {url} weigert de sleutel; " + FROM_TEXTS
LLM_UNKNOWN_MODEL = ("Het taalmodel op {url} kent het model {model!r} niet (wel: {known}); "
                     + FROM_TEXTS)


# --- answers: section labels, declining, missing details (assistant/engine/answer/compose.py,
# assistant/render/markdown.py, export.py); English in assistant/messages/en.py ----------------
LABELS = {
    "summary": "Kort antwoord",
    "questions": "Vragen voor de raad",
    "questions_note": (
        "geordend naar de vijf stappen van het denkraam van het Rathenau Instituut"),
    "values": "Publieke waarden die op het spel staan",
    "sources": "Bronnen",
    "page": "p.",
    "try": "Vragen waar de teksten wel over gaan:",
    "related": "Wat de teksten wel zeggen",
    "related_ask": "Wat de teksten erover zeggen",
    "followups": "Verder vragen:",
    "conditions": "Uitgaande van",
    "about": "Over",
    "undated": "z.d.",
    "quoted": "uit een Nederlandse bron",
    "by_llm": "Opgesteld door het taalmodel van de gemeente; elke zin is nagelopen op de "
              "bron die hij noemt.",
    "by_composer": "Samengesteld uit de teksten: het taalmodel van de gemeente gaf geen "
                   "antwoord dat de controle op bronnen doorstond.",
}
DECLINE = ("De richtlijnteksten waar ik uit put gaan hier niet over, dus ik kan deze vraag niet "
           "met een bron beantwoorden. Ik beantwoord alleen vragen over digitalisering in de "
           "gemeente {source}.")
# After a refusal of a question on what to ask about a plan the texts do not cover (a square's
# paving, a sports hall): the digital part such a plan may have is what the texts do cover.
DECLINE_ASK = ("Heeft het plan een digitaal onderdeel, zoals camera's, sensoren, slimme "
               "verlichting, wifi, een app of een algoritme? Vraag dan wat u over dat onderdeel "
               "kunt vragen: daarvoor geven de teksten wel houvast.")
DECLINE_FROM = "vanuit de teksten van {who}"
DECLINE_FROM_INDEX = "vanuit de geïndexeerde teksten"
MISSING = {"amount": "geen bedragen of kosten", "count": "geen aantal", "date": "geen datum",
           "duration": "geen termijn", "percentage": "geen percentage of aandeel",
           "place": "geen gemeenten of plaatsen", "person": "niet wie dat is",
           "rule": "geen wettelijke regel", "name": "geen namen van leveranciers of bedrijven"}
NOT_IN_TEXTS = "De teksten waar ik uit put beantwoorden deze vraag niet"
# Where a detail the texts lack is usually written down in a municipality (retrieval's missing),
# likeliest first. A place or municipality ("place") has no such document.
FOUND_IN = {"amount": ("de begroting", "het raadsvoorstel", "het contract met de leverancier"),
            "count": ("het raadsvoorstel", "de voortgangsrapportages van het college"),
            "date": ("het raadsvoorstel", "de planning van het college"),
            "duration": ("het raadsvoorstel", "de DPIA", "het contract met de leverancier"),
            "percentage": ("het raadsvoorstel", "de voortgangsrapportages van het college"),
            "person": ("het raadsvoorstel", "de portefeuilleverdeling van het college"),
            "rule": ("de juridische paragraaf van het raadsvoorstel",
                     "het advies van de functionaris gegevensbescherming"),
            "name": ("het contract", "het aanbestedingsbesluit")}
LOOK_IN = "Zoiets staat meestal in {places}; u kunt het college ernaar vragen."
NOT_IN_TEXTS_DETAILS = ": ze noemen {details}."
# A detail of the kind asked for that the texts state, but not as the answer to the question
# (about another year, an amount per something else: one-off for yearly): quoted under this
# caution, not called missing.
NEAREST = {"amount": "bedrag", "count": "aantal", "date": "datum", "duration": "termijn",
           "percentage": "percentage", "name": "naam"}
NEAREST_NOTICE = ("Ik vind in de teksten geen {details} als antwoord op precies deze vraag. Wat "
                  "er het dichtst bij komt, staat hieronder: kijk of het is wat u zoekt.")
NAMES_ABSENT = " {names} komt er niet in voor."
NAMES_ABSENT_MANY = " {names} komen er niet in voor."
NO_QUESTION = ("Uw bericht bevat een tekst maar geen vraag. Zal ik opsommen wat u erover kunt "
               "vragen?")
THIS_PROPOSAL = "dit voorstel"
ASK_LEAD = "Hieronder staan vragen voor de raad over {subject}."
ASK_LEAD_NO_SUBJECT = "Hieronder staan vragen voor de raad."
ASK_LEAD_VALUE = "Op het spel staat vooral {values}."
ASK_LEAD_VALUES = "Op het spel staan vooral {values}."
VERDICT_FIRST = "Wat vooral op het spel staat, is {value}: {reason}"
VERDICT_NEXT = "Ook {value} staat op het spel: {reason}"
VERDICT_ASK = "Vraag daarom in elk geval: {question}"
ASK_ABOUT = "Wat moet ik vragen over {subject}?"
WHAT_IS = "Wat is {subject}?"
NOT_SPECIFIC = ("De teksten gaan niet specifiek over {subject}; de vragen hieronder volgen uit "
                "{basis}.")
BASIS_CHARACTERISTICS = "wat ze zeggen over technologie die {characteristics}"
BASIS_AMONG = "wat ze zeggen over technologie die onder meer {characteristics}"
BASIS_GENERAL = "wat ze in het algemeen zeggen over digitale technologie"
EXPORT_TITLE = "Vragen voor de raad over digitalisering"
EXPORT_INTRO = ("Opgesteld met de raadsgids digitalisering op {day}. Elke vraag verwijst met [n] "
                "naar een passage uit de richtlijnteksten; de bronnen staan onderaan.")
EXPORT_ASKED = "Vraag"
EXPORT_AUTHOR = "Raadsgids digitalisering"
EXPORT_EMPTY = "Er zijn in dit gesprek nog geen vragen gesteld."
EXPORT_DECLINED = "Niet beantwoord uit de teksten."
EXPORT_SOURCES_OF = "De bronnen van het antwoord op: {question}"

# --- the page around the chat (assistant/chat/page.py) -----------------------------------------
TEXT_COUNT = {1: "de ene tekst", 2: "de twee teksten", 3: "de drie teksten", 4: "de vier teksten",
              5: "de vijf teksten"}
TEXT_COUNT_N = "de {n} teksten"
WATERMARK = ("De raadsgids antwoordt alleen uit {count} in zijn index; elke bewering verwijst naar "
             "haar bron.")
PAGE_DESCRIPTION = "Vragen voor de raad over digitale technologie, met bronnen uit {source}."
PAGE_SOURCE_PUBLISHERS = "teksten van {publishers}"
PAGE_SOURCE_INDEX = "{count} in de index"

# --- the worksheet of a proposal (assistant/render/worksheet.py) --------------------------------
SHEET = {
    "title": "Werkblad",
    "intro": ("Het voorstel gelezen langs de vijf stappen van het denkraam van het Rathenau "
              "Instituut: wat het per stap zegt, wat het niet zegt, en wat u het college kunt "
              "vragen. [n] verwijst naar een bron: een pagina van het voorstel of een passage uit "
              "de richtlijnteksten."),
    "subject": "Onderwerp",
    "says": "Wat het voorstel zegt",
    "also_pages": "Het voorstel gaat hier ook op in op p. {pages}.",
    "followup": "Uit het voorstel “{title}”",
    "says_none": "Het voorstel zegt hier niets over.",
    "missing": "Niet gevonden in het voorstel",
    "questions": "Vragen aan het college",
    "values": "Publieke waarden die op het spel staan",
    "sources": "Bronnen",
    "proposal": "het voorstel",
    "page": "p.",
    "scanned": ("Pagina {pages} van dit voorstel is een scan en met tekstherkenning (OCR) "
                "gelezen: een citaat daarvan kan een verkeerd gelezen woord bevatten; controleer "
                "het in het origineel."),
    "scanned_many": ("De pagina's {pages} van dit voorstel zijn een scan en met tekstherkenning "
                     "(OCR) gelezen: een citaat daarvan kan een verkeerd gelezen woord bevatten; "
                     "controleer het in het origineel."),
    "unread": ("Pagina {pages} van dit voorstel is een scan; zonder tekstherkenning op deze "
               "server is die niet gelezen, en wat daar staat kan hieronder als ontbrekend staan."),
    "unread_many": ("De pagina's {pages} van dit voorstel zijn een scan; zonder tekstherkenning op "
                    "deze server zijn die niet gelezen, en wat daar staat kan hieronder als "
                    "ontbrekend staan."),
    "no_decision": ("Dit document heeft geen beslispunten; het is gelezen als een voorstel, "
                    "maar misschien is het een brief of nota."),
}
# What cannot be read of a proposal (assistant/engine/review/proposal.py), in the chat and on the
# command line.
PROPOSAL_MISSING = "Het bestand {name} bestaat niet."
PROPOSAL_UNREADABLE = "Het bestand {name} kan niet worden gelezen ({why})."
PROPOSAL_EMPTY = "Het bestand {name} is leeg."
PROPOSAL_TOO_BIG = ("Het bestand {name} is {size} MB; een voorstel mag hier ten hoogste {limit} MB "
                    "zijn.")
PROPOSAL_TYPE = ("Het bestand {name} is geen PDF-, Word- (.docx), HTML-, Markdown- of "
                 "tekstbestand; bewaar het voorstel in een van die vormen en probeer het opnieuw.")
PROPOSAL_BAD_PDF = "Het bestand {name} is geen leesbare PDF ({why})."
PROPOSAL_BAD = "Het bestand {name} kan niet worden gelezen: {why}."
PROPOSAL_LOCKED = ("De PDF {name} is met een wachtwoord beveiligd; bewaar hem zonder beveiliging "
                   "en probeer het opnieuw.")
PROPOSAL_PAGES = ("De PDF {name} heeft {pages} pagina's; een voorstel mag hier ten hoogste {limit} "
                  "hebben.")
PROPOSAL_SCAN = ("De PDF {name} bevat geen tekst, alleen afbeeldingen (een scan?), en "
                 "tekstherkenning (OCR) is op deze server niet geïnstalleerd; stuur het voorstel "
                 "als PDF met tekst, of vraag de beheerder om tekstherkenning (Debian-pakket "
                 "tesseract-ocr-nld).")
PROPOSAL_OCR_PAGES = ("De PDF {name} heeft {pages} gescande pagina's, meer dan de {limit} die ik "
                      "met tekstherkenning lees; stuur het voorstel als PDF met tekst, of alleen "
                      "de pagina's van het voorstel zelf.")
PROPOSAL_OCR_FAILED = ("De scan {name} kon niet met tekstherkenning worden gelezen ({why}); stuur "
                       "het voorstel als PDF met tekst.")
PROPOSAL_OCR_EMPTY = ("In de scan {name} heeft de tekstherkenning geen zinnen gevonden; stuur het "
                      "voorstel als PDF met tekst.")
# Why a scan could not be read (the {why} of PROPOSAL_OCR_FAILED).
OCR_NO_IMAGE = "een afbeelding van een pagina kon niet worden geopend"
OCR_TOO_LARGE = "een pagina is als afbeelding te groot"
OCR_ERROR = "de tekstherkenning gaf een fout"
OCR_PAGE_TOO_SLOW = "een pagina duurde langer dan {seconds} seconden"
OCR_TOO_SLOW = "het lezen duurde langer dan {seconds} seconden"
PROPOSAL_NO_TEXT = "In het bestand {name} staan geen zinnen om te lezen."
PROPOSAL_ONE_FILE = "Stuur één voorstel tegelijk; ik lees het eerste: {name}."
PROPOSAL_SIGN_IN = "Meld u aan om een voorstel te laten lezen."
EXPORT_SHEET_LABEL = "Exporteer werkblad"
EXPORT_SHEET_DONE = ("Hier is het werkblad als document voor de commissievergadering. De bestanden "
                     "zijn {minutes} minuten te downloaden.")
EXPORT_SHEET_GONE = ("Dit werkblad kan niet meer worden geëxporteerd (het is bewaard in een vorm "
                     "die deze versie niet terugleest); stuur het voorstel opnieuw.")
