"""Text handling shared by indexing, querying and answering, one concept per module:

* :mod:`.cleaning`: a question as typed, made usable text or refused in one sentence;
* :mod:`.words`: folding (case and accents) and word tokens, and the stopword lists;
* :mod:`.analyzer`: Dutch index and query tokens (stopwords, compounds, stems);
* :mod:`.sentences`: prose split into sentences, and whether a line ends as a sentence does;
* :mod:`.prose`: small pieces of generated prose ("a, b en c").

Language detection and the language data are in :mod:`assistant.engine.understanding.language`.
"""
