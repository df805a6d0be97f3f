"""Understanding a raadslid's message: what is asked, of what kind, about which technology.

    labelled/      the labelled question set (JSON Lines; schema in labelled.py)
    language/      word lists per language (nl.yaml, en.yaml; schema in language.py)
    split.py       the part that asks apart from what is described or pasted
    features.py    what the models read: e5 vectors, word n-grams, word shapes
    train.py       training at `assistant index`, with cross-validation; kept by content hash
    model.py       the trained models, used by assistant.engine.query without scikit-learn

The analysed question itself is :class:`assistant.engine.query.Query`.
"""
