"""Measuring the assistant: a reference set scored per kind and language (:mod:`.runner`), its
report and the comparison with a baseline (:mod:`.report`), the question analyser and
conversations (:mod:`.understanding`), the questions for the council over a set of cases
(:mod:`.cases`) and the language model against the composer (:mod:`.llm`). ``assistant eval``
runs them."""
