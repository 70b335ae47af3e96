"""netralitas: from pasted regional news pages to tables about ASN neutrality messages.

One module per stage of the pipeline, in reading order; ``utils.py`` at the project root
re-exports the public names for the notebooks.

- ``reference``: paths and the curated tables of ``data/`` (gazetteer, rules, codebook)
- ``decoding``: bytes to normalised text
- ``article``: title, web chrome, dateline and outlet of one page
- ``dates``: the publication date
- ``regions``: the regency or province an article is about
- ``parallel``: the same results as a loop, on every core for large inputs
- ``loader``: a folder of articles to one DataFrame
- ``quotes``: direct speech, speakers and their offices
- ``text``: tokens, stopwords, stems, n-grams and keyword in context
- ``statistics``: frequencies, keyness, tf-idf, similarity, shared phrases
- ``themes``: coding articles against the theme codebook
- ``plots``: figures and styled tables
"""
