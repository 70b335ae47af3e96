"""netralitas: from pasted regional news pages to tables about ASN neutrality messages.

One module per stage of the pipeline, in reading order; ``utils.py`` at the project root
re-exports the public names for the notebooks.

- ``reference``: paths and the curated tables of ``data/`` (gazetteer, rules, codebook)
- ``decoding``: bytes to normalised text
- ``pages``, ``sources``: saved web pages, web archives and exports to records of text and metadata
- ``collect``: fetching pages from a list of links, politely (``python -m netralitas.collect``)
- ``article``: title, web chrome, dateline and outlet of one page
- ``dates``: the publication date
- ``regions``: the regency or province an article is about
- ``elections``: the election calendar, and which election and stage an article falls in
- ``parse``: one page or file to rows of the corpus table
- ``parallel``: the same results as a loop, on every core for large inputs
- ``cache``: parsed articles and token lists kept on disk between kernels
- ``memo``: the results of slow corpus-wide steps kept on disk, keyed by their arguments' content
- ``loader``: a folder of articles to one DataFrame
- ``names``, ``speakers``, ``quotes``: people and offices, who speaks, direct speech
- ``stemmer``, ``prefix_rules``: the Indonesian stemmer (PySastrawi's output, faster)
- ``text``: tokens, stopwords, stems and n-grams
- ``concordance``: keyword in context
- ``statistics``: frequencies, keyness, tf-idf, similarity, shared phrases, names
- ``themes``: coding articles against the theme codebook
- ``i18n``: the Indonesian edition of the notebooks, and labels in the reader's language
- ``plots``, ``timeline``, ``tables``, ``describe``: figures, the election timeline, styled tables,
  and the text descriptions of figures (alt text)
- ``kernel``: inside Jupyter, alt text on every figure and warnings in their place among printed lines
"""
