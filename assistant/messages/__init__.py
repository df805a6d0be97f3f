"""What the assistant says to the people who use it, outside its answers: one module per
language (the chat and the intranet speak Dutch, :mod:`.nl`).

A sentence with a blank to fill has a named ``{placeholder}`` and is filled with
``str.format`` where it is used. The answers' own wording follows the question's language and
lives with the code that writes them (the composer, the Markdown and the export); messages for
maintainers (command-line errors, logs) are English and stay with their code.
"""
