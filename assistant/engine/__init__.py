"""The engine: from texts to an index, from a question to an Answer. No Chainlit, SQL or HTTP in
here; the CLI, the chat and the evaluation all call :class:`Engine`.

    engine/
      service.py     the Engine every interface calls
      query.py       the analysed question
      retrieve.py    hybrid retrieval, scope, missing details, answering sentences
      framework.py   the framework file: schema, loader, matching
      text/          cleaning a question, words, Dutch tokens and stems, sentences, prose
      understanding/ the trained question analyser and the language data
      corpus/        readers (txt, md, html, pdf), chrome rules, passages
      index/         build, load and manifest; BM25; embedding models
      answer/        the Answer model and the deterministic composer
"""

from assistant.engine.service import Engine

__all__ = ["Engine"]
