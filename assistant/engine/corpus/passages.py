"""Split documents into citable passages with stable ids ``<doc>#<n>``.

A passage is a paragraph under its heading path. Short paragraphs (an intro line, a list lead-in)
join the next paragraph of the same section, long ones are split at sentence boundaries, and a
passage crosses a heading or a PDF page only where a whole section is too short to stand alone
(see :func:`_join_fragments`). Numbering is by position in the document, so ids
stay the same as long as the document text does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.engine.corpus.readers import Document
from assistant.engine.text.sentences import is_closed, split_sentences
from assistant.engine.text.words import words


@dataclass
class Passage:
    id: str
    doc: str
    n: int
    text: str
    heading_path: list[str] = field(default_factory=list)
    page: int | None = None
    steps: list[int] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)

    @property
    def cited_text(self) -> str:
        """Headings and text: what a citation shows, and what reference sets match against."""
        return "\n".join([*self.heading_path, self.text])

    def index_text(self, title: str) -> str:
        """The text that is embedded and indexed: document title, headings, then the passage."""
        return "\n".join([title, *self.heading_path, self.text])

    def to_metadata(self) -> dict[str, object]:
        return {
            "passage_id": self.id, "doc": self.doc, "n": self.n,
            "heading_path": " > ".join(self.heading_path), "page": self.page,
            "steps": ",".join(map(str, self.steps)), "values": ",".join(self.values),
            "topics": ",".join(self.topics),
        }

    @classmethod
    def from_metadata(cls, text: str, meta: dict[str, object]) -> Passage:
        def split(key: str) -> list[str]:
            raw = str(meta.get(key) or "")
            return [x for x in raw.split(",") if x]

        heading = str(meta.get("heading_path") or "")
        page = meta.get("page")
        return cls(
            id=str(meta["passage_id"]), doc=str(meta["doc"]), n=int(meta["n"]),  # type: ignore[call-overload]
            text=text, heading_path=heading.split(" > ") if heading else [],
            page=int(page) if page is not None else None,  # type: ignore[call-overload]
            steps=[int(s) for s in split("steps")], values=split("values"),
            topics=split("topics"),
        )


# A passage's characters per word at most: a "word" of thousands of characters (an encoded
# image, minified code) is cut, as a passage is not one line of a megabyte.
CHARS_PER_WORD = 20
# A section with fewer words than this in all (and fewer than the passages' least) is a fragment
# that joins a neighbouring passage (see _join_fragments). Sections of 20 to 25 words are whole
# statements ("7. Planning: Na instemming van de raad start de plaatsing in maart 2026 ...");
# those below 20 in the development documents were all title blocks, lists of annexes, a
# heading with its one line and the ends of sections cut off by a page break.
FRAGMENT_WORDS = 20

Piece = tuple[list[str], int | None, str]  # heading path, page, text
# A piece and whether it is its section whole (not one of the pieces a long one is split into).
SectionPiece = tuple[list[str], int | None, str, bool]


def _pieces(sentence: str, max_words: int) -> list[str]:
    """A "sentence" of more than twice ``max_words`` words (no prose: a line without sentence
    ends), or of more characters than a passage holds, cut at spaces (and within a run without
    them) into pieces that fit. A long sentence of prose stays whole."""
    max_chars = max_words * CHARS_PER_WORD
    if len(words(sentence)) <= 2 * max_words and len(sentence) <= max_chars:
        return [sentence]
    tokens = [t[i:i + max_chars] for t in sentence.split() for i in range(0, len(t), max_chars)]
    out: list[str] = []
    current: list[str] = []
    size = 0
    for token in tokens:
        if current and (len(current) >= max_words or size + len(token) + 1 > max_chars):
            out.append(" ".join(current))
            current, size = [], 0
        current.append(token)
        size += len(token) + 1
    if current:
        out.append(" ".join(current))
    return out


def _split_long(text: str, max_words: int) -> list[str]:
    if len(words(text)) <= max_words and len(text) <= max_words * CHARS_PER_WORD:
        return [text]
    chunks: list[str] = []
    current: list[str] = []
    count = size = 0
    for sentence in (p for s in split_sentences(text) for p in _pieces(s, max_words)):
        n = len(words(sentence))
        if current and (count + n > max_words
                        or size + len(sentence) + 1 > max_words * CHARS_PER_WORD):
            chunks.append(" ".join(current))
            current, count, size = [], 0, 0
        current.append(sentence)
        count += n
        size += len(sentence) + 1
    if current:
        chunks.append(" ".join(current))
    return chunks


def split_document(doc: Document, min_words: int, max_words: int) -> list[Passage]:
    """Passages of one document, numbered from 1."""
    sections: list[tuple[list[str], int | None, list[str]]] = []
    top: str | None = None  # last level-1 heading
    sub: str | None = None  # last level-2 heading under it
    for block in doc.blocks:
        if block.kind == "heading":
            if block.level == 1:
                top, sub = block.text, None
            else:
                sub = block.text
            continue
        path = [h for h in (top, sub) if h]
        if sections and sections[-1][0] == path and sections[-1][1] == block.page:
            sections[-1][2].append(block.text)
        else:
            sections.append((path, block.page, [block.text]))

    pieces: list[SectionPiece] = []
    for heading_path, page, paras in sections:
        merged: list[str] = []
        carry = ""
        for para in paras:
            # A carried line without closing punctuation (a subtitle, a label) is not the start
            # of the next sentence: a line break keeps the two apart.
            glue = " " if is_closed(carry) else "\n"
            text = f"{carry}{glue}{para}".strip() if carry else para
            if len(words(text)) < min_words and len(text) <= max_words * CHARS_PER_WORD:
                carry = text
                continue
            carry = ""
            merged.extend(_split_long(text, max_words))
        if carry:
            last = f"{merged.pop()} {carry}" if merged else carry
            # Kept whole unless it holds more characters than a passage (a run without spaces).
            merged.extend(_split_long(last, max_words)
                          if len(last) > max_words * CHARS_PER_WORD else [last])
        # Only a section that is one piece in all can be a fragment: the last piece of a long
        # paragraph split at a sentence ("Daarnaast kan iedereen maximaal 12 keer per jaar ...")
        # is a passage of its own by design.
        pieces.extend((heading_path, page, text, len(merged) == 1) for text in merged)

    passages: list[Passage] = []
    for heading_path, page, text in _join_fragments(pieces, min_words, max_words):
        n = len(passages) + 1
        passages.append(Passage(id=f"{doc.doc_id}#{n}", doc=doc.doc_id, n=n, text=text,
                                heading_path=heading_path, page=page))
    return passages


def _join_fragments(pieces: list[SectionPiece], min_words: int, max_words: int
                    ) -> list[Piece]:
    """A section too short to be a passage of its own (fewer than :data:`FRAGMENT_WORDS` and
    ``min_words`` words in all; ``pieces`` say whether each is a whole section) joins a
    neighbour. Alone, such a fragment is carried to the top of many questions by its document's
    title and the few words it shares with them, and it answers none of them.

    * The end of a section that a page break cut off ("geen boetes op." at the top of the next
      page, under the same headings) joins the piece it continues, as does a fragment that
      begins in the middle of a sentence (after a line a reader took for a heading). Together,
      two halves of a short section may make a whole one.
    * Any other fragment (a title block, a heading with one line under it, a list of annexes)
      joins the next passage, which keeps its own headings; the fragment's headings become
      lines of the text before it, and the passage is cited from the fragment's page.
      Fragments in a row join it together, as many as fit in a passage.
    * Fragments at the end of a document join the passage before them.

    A join that would overfill a passage is not made: the fragment then joins the passage
    before it if that fits, else stays a passage of its own (with the fragments before it that
    fit). The last piece of a long paragraph split at a sentence is never a fragment."""

    def fits(text: str) -> bool:
        return (len(words(text)) <= max_words + min_words
                and len(text) <= max_words * CHARS_PER_WORD)

    def lines(fragments: list[Piece], shown: list[str]) -> list[str]:
        """The fragments as lines, each after those of its headings that the line before it
        (or ``shown``) is not under."""
        out: list[str] = []
        above = shown
        for path, _, text in fragments:
            out.extend(h for h in path if h not in above)
            above = path
            out.append(text)
        return out

    def after(before: Piece, fragments: list[Piece]) -> Piece:
        path, page, text = before
        if len(fragments) == 1 and fragments[0][0] == path:
            return path, page, f"{text} {fragments[0][2]}"
        return path, page, "\n".join([text, *lines(fragments, path)])

    def short(text: str) -> bool:
        return len(words(text)) < min(min_words, FRAGMENT_WORDS)

    # First, what continues the piece before it: the rest of a section a page break cut off
    # (the same headings), or a fragment that begins in the middle of a sentence (after a line
    # a reader took for a heading). Two halves of one short section may make a whole one.
    continued: list[SectionPiece] = []
    for path, page, text, whole in pieces:
        if whole and short(text) and continued \
                and (continued[-1][0] == path or text[:1].islower()):
            before = continued[-1]
            joined = after(before[:3], [(path, page, text)])
            if fits(joined[2]):
                continued[-1] = (*joined, before[3])
                continue
        continued.append((path, page, text, whole))

    # Then what stands apart: it joins the next passage, or at the end the one before.
    out: list[Piece] = []
    pending: list[Piece] = []

    def settle() -> None:
        """Pending fragments that cannot join the next passage: the one before, or alone."""
        if not pending:
            return
        joined = after(out[-1], pending) if out else None
        if joined is not None and fits(joined[2]):
            out[-1] = joined
        else:
            path, page, _ = pending[0]
            out.append((path, page, "\n".join(lines(pending, path))))
        pending.clear()

    for path, page, text, whole in continued:
        if whole and short(text):
            if pending and not fits("\n".join(lines([*pending, (path, page, text)],
                                                     pending[0][0]))):
                settle()  # a run of short sections (a glossary) fills passages in turn
            pending.append((path, page, text))
            continue
        if pending:
            text_with = "\n".join([*lines(pending, path), text])
            if fits(text_with):
                # Cited from the page it begins on, as a joined page-break tail is.
                out.append((path, pending[0][1] if pending[0][1] is not None else page,
                            text_with))
                pending.clear()
                continue
            settle()
        out.append((path, page, text))
    settle()
    return out
