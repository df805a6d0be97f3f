"""Reading texts: readers for txt, md, html and pdf, chrome rules, passages."""
