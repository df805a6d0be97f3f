"""Answers as text: Markdown for the CLI and the chat (:mod:`.markdown`), and a conversation's
answers as a Markdown or Word document a raadslid takes into a committee meeting
(:mod:`.export`). The engine returns data only; everything a person reads is written here."""
