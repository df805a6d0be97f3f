"""English: the wording of answers to questions asked in English, under the names their Dutch
counterparts have in :mod:`.nl`, and the English page texts (see :mod:`assistant.messages`; the
interface itself is Dutch)."""

LABELS = {
    "summary": "Short answer",
    "questions": "Questions for the council",
    "questions_note": "ordered by the five steps of the Rathenau Instituut's denkraam",
    "values": "Public values at stake",
    "sources": "Sources",
    "page": "p.",
    "try": "Questions the texts do cover:",
    "related": "What the texts do say",
    "related_ask": "What the texts say about it",
    "followups": "Ask further:",
    "conditions": "Assuming",
    "about": "About",
    "undated": "n.d.",
    "quoted": "quoted from a Dutch source",
    "by_llm": "Written by the municipality's language model; every sentence was checked "
              "against the source it names.",
    "by_composer": "Composed from the texts: the municipality's language model gave no "
                   "answer that passed the source check.",
}
DECLINE = ("The guidance texts I draw on do not cover this, so I cannot answer it with a source. "
           "I only answer questions about digitalisation in municipalities {source}.")
DECLINE_ASK = ("Does the plan include a digital part, such as cameras, sensors, smart lighting, "
               "wifi, an app or an algorithm? Then ask what to ask about that part: there the "
               "texts do give guidance.")
DECLINE_FROM = "from the texts of {who}"
DECLINE_FROM_INDEX = "from the indexed texts"
MISSING = {"amount": "no amounts or costs", "count": "no number", "date": "no date",
           "duration": "no period of time", "percentage": "no percentage or share",
           "place": "no municipalities or places", "person": "not who that is",
           "rule": "no legal rule", "name": "no names of suppliers or companies"}
NOT_IN_TEXTS = "The texts I draw on do not answer this question"
FOUND_IN = {"amount": ("the budget", "the council proposal", "the contract with the supplier"),
            "count": ("the council proposal", "the executive's progress reports"),
            "date": ("the council proposal", "the executive's schedule"),
            "duration": ("the council proposal", "the DPIA", "the contract with the supplier"),
            "percentage": ("the council proposal", "the executive's progress reports"),
            "person": ("the council proposal", "the executive's allocation of portfolios"),
            "rule": ("the legal section of the council proposal",
                     "the advice of the data protection officer"),
            "name": ("the contract", "the tender decision")}
LOOK_IN = "Such details are usually found in {places}; you can ask the executive."
NOT_IN_TEXTS_DETAILS = ": {details}."
NEAREST = {"amount": "amount", "count": "number", "date": "date", "duration": "period",
           "percentage": "percentage", "name": "name"}
NEAREST_NOTICE = ("I find no {details} in the texts that answers exactly this question. What "
                  "comes closest is below: check whether it is what you are looking for.")
DETAIL_NOT_SAID = "they do not say {what}"
DETAIL_MENTIONED = "they mention {what}"
NAMES_ABSENT = " {names} does not occur in them."
NAMES_ABSENT_MANY = " {names} do not occur in them."
NO_QUESTION = "Your message holds a text but no question. Shall I list what to ask about it?"
THIS_PROPOSAL = "this proposal"
ASK_LEAD = "Below are questions for the council about {subject}."
ASK_LEAD_NO_SUBJECT = "Below are questions for the council."
ASK_LEAD_VALUE = "The value most at stake is {values}."
ASK_LEAD_VALUES = "The values most at stake are {values}."
VERDICT_FIRST = "Most at stake is {value}: {reason}"
VERDICT_NEXT = "Also at stake is {value}: {reason}"
VERDICT_ASK = "So ask at least: {question}"
ASK_ABOUT = "What should I ask about {subject}?"
WHAT_IS = "What is {subject}?"
NOT_SPECIFIC = ("The texts do not deal with {subject} as such; the questions below rest on "
                "{basis}.")
BASIS_CHARACTERISTICS = "what they say about technology that {characteristics}"
BASIS_AMONG = "what they say about technology that, among other things, {characteristics}"
BASIS_GENERAL = "what they say about digital technology in general"
ENGLISH_LEAD = "The guidance texts are in Dutch; the passages that answer your question say:"
EXPORT_TITLE = "Questions for the council on digitalisation"
EXPORT_INTRO = ("Prepared with the council guide on digitalisation on {day}. Each question "
                "refers with [n] to a passage of the guidance texts; the sources are listed at "
                "the end.")
EXPORT_ASKED = "Question"
EXPORT_AUTHOR = "Council guide on digitalisation"
EXPORT_EMPTY = "No questions have been asked in this conversation yet."
EXPORT_DECLINED = "Not answered from the texts."
EXPORT_SOURCES_OF = "The sources of the answer to: {question}"
WATERMARK = ("The guide answers only from the {n} texts in its index; every statement refers to "
             "its source.")

SHEET = {
    "title": "Worksheet",
    "intro": ("The proposal read along the five steps of the Rathenau Instituut's denkraam: what "
              "it says per step, what it does not say, and what you can ask the executive. [n] "
              "refers to a source: a page of the proposal or a passage of the guidance texts."),
    "subject": "Subject",
    "says": "What the proposal says",
    "also_pages": "The proposal also deals with this on p. {pages}.",
    "followup": "From the proposal “{title}”",
    "says_none": "The proposal says nothing about this.",
    "missing": "Not found in the proposal",
    "questions": "Questions for the executive",
    "values": "Public values at stake",
    "sources": "Sources",
    "proposal": "the proposal",
    "page": "p.",
    "scanned": ("Page {pages} of this proposal is a scan, read by text recognition (OCR): a "
                "quote from it may hold a misread word; check it against the original."),
    "scanned_many": ("Pages {pages} of this proposal are a scan, read by text recognition (OCR): "
                     "a quote from them may hold a misread word; check it against the original."),
    "unread": ("Page {pages} of this proposal is a scan; without text recognition on this "
               "server it was not read, and what it says may be listed below as missing."),
    "unread_many": ("Pages {pages} of this proposal are a scan; without text recognition on this "
                    "server they were not read, and what they say may be listed below as "
                    "missing."),
    "no_decision": ("This document has no decision points (beslispunten); it was read as a "
                    "proposal, but it may be a letter or a note."),
}
