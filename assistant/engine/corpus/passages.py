"""Split documents into citable passages with stable ids ``<doc>#<n>``.

A passage is a paragraph under its heading path. Short paragraphs (an intro line, a list lead-in)
join the next paragraph of the same section, long ones are split at sentence boundaries, and a
passage never crosses a heading or a PDF page. Numbering is by position in the document, so ids
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

    passages: list[Passage] = []
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
        for text in merged:
            n = len(passages) + 1
            passages.append(Passage(id=f"{doc.doc_id}#{n}", doc=doc.doc_id, n=n, text=text,
                                    heading_path=heading_path, page=page))
    return passages
