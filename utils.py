"""The front door of netralitas: every name the notebooks use, in pipeline order.

Notebooks ``import utils`` and nothing else of the project. Each name below is defined in
one module of the ``netralitas`` package, one module per stage; read this file as the
table of contents and open the module to see how a step works.

    files ─ decoding ─ article (title, chrome), outlets ─ dates ─ regions ─ elections ─ loader ─ DataFrame
    DataFrame ─ quotes ─ text (tokens, stems, KWIC) ─ statistics, similarity ─ themes ─ plots, overview
"""

# ruff: noqa: F401, I001  (re-exports, kept in pipeline order rather than alphabetical)

# --- reference data (netralitas.reference) ----------------------------------
from netralitas.reference import (
    DATA,  # the data/ folder of curated tables
    ROOT,  # the project folder
    corpus_folder,  # the corpus folder: $NETRALITAS_SEEDS or seeds/
    derived_folder,  # where derived tables are written: $NETRALITAS_DERIVED or data/derived/
    glossary,  # Indonesian civic terms explained (data/glossary.csv)
    institutions,  # long institution names and their acronyms
    kecamatan,  # every district, for datelines
    provinces,  # the 38 provinces
    regencies,  # the gazetteer: 514 kabupaten and kota
    themes,  # the neutrality theme codebook (data/themes.csv)
)

# --- decoding (netralitas.decoding) -----------------------------------------
from netralitas.decoding import (
    decode_bytes,  # bytes -> text, trying UTF-8, UTF-16 and Windows-1252
    normalize_text,  # NFC, plain spaces, Unix newlines
)

# --- dates (netralitas.dates) -----------------------------------------------
from netralitas.dates import (
    find_date,  # the publication date of a page and where it came from
    infer_year,  # the year in which a day and month fall on a weekday
    plausible_years,  # the years a text mentions
)

# --- regions (netralitas.regions) -------------------------------------------
from netralitas.regions import (
    region_name,  # the label of a region, Kota/Kabupaten added where both exist
    resolve_region,  # which regency or province an article is about
)

# --- the election calendar (netralitas.elections, .election_mentions) -------
from netralitas.election_mentions import (
    add_election_columns,  # election, stage and stage_id columns for a corpus
    election_of,  # which election a text speaks of
)
from netralitas.elections import (
    election_calendar,  # the stages of Pilkada and Pemilu (data/election_calendar.csv)
    election_stage,  # the stage a date falls in
    stage_order,  # the stages of an election in calendar order
)

# --- article, parse and loader (netralitas.article, .parse, .loader) --------
from netralitas.article import split_boilerplate  # title, body and the web chrome removed
from netralitas.parse import (
    load_file,  # one file -> its rows and the problems met
    parse_article,  # one page -> title, outlet, date, region, body
)
from netralitas.loader import (
    boilerplate_audit,  # one row per piece of web chrome removed
    corpus_files,  # the files of a corpus folder that load_corpus reads
    load_corpus,  # a folder of articles -> one DataFrame, one row per article (cached)
    with_region,  # a region column on quotes, KWIC lines or matches
)

# --- quotes (netralitas.quotes) ---------------------------------------------
from netralitas.quotes import (
    extract_quotes,  # one row per direct quote: speaker, attribution
    office_type,  # acting head, elected head, official, not stated
    quotes_in_text,  # the quotes of one text
    speaker_office,  # a speaker's office as the article states it
    split_speech,  # a text split into direct speech and narrative
)

# --- text (netralitas.text) -------------------------------------------------
from netralitas.text import (
    WORD_RE,  # what counts as a word
    clear_caches,  # empty the token and stem caches
    doc_ngrams,  # each article's n-grams within sentences
    doc_tokens,  # each article's tokens (cached on disk for large corpora)
    ngrams,  # n-grams of a token list
    protected_terms,  # words never stemmed
    sentence_tokens,  # the tokens of each sentence, stopwords kept (for n-grams and collocations)
    sentences,  # a text split into sentences
    stem_word,  # the stem of one word (PySastrawi's output, faster)
    stopwords_set,  # the stopwords
    tokenize,  # a text -> lower-cased tokens, stopwords out, optionally stemmed
)

# --- concordance (netralitas.concordance) -----------------------------------
from netralitas.concordance import (
    kwic,  # keyword-in-context lines for a word, prefix*, phrase or ~root
    root_forms,  # the roots a word may be built on, for kwic's ~root patterns
)

# --- statistics (netralitas.statistics) -------------------------------------
from netralitas.statistics import (
    benjamini_hochberg,  # p-values adjusted for the number of terms tested
    collocations,  # adjacent word pairs scored by G², as nltk's collocation finder scores them
    distinctive_terms,  # keyness rows used more in their group, names left out, significant flag
    g2_2x2,  # Dunning's log-likelihood of 2x2 tables
    keyness,  # distinctive terms of each group against the rest (G², p, adjusted p, log ratio)
    proper_noun_terms,  # words of names, to leave out of distinctive-term lists
    shared_phrases,  # phrases and the groups that use them
    term_frequencies,  # term counts and rates per 1,000 tokens
)
from netralitas.similarity import (
    cosine_similarity,  # similarity of every pair of documents
    document_frequencies,  # how many documents hold each term, and its idf
    group_similarity,  # similarity of groups (regions), their articles taken together
    similarity_summary,  # mean similarity and the most similar pair, at any corpus size
    tfidf,  # documents x terms tf-idf matrix (sparse for large corpora)
    top_terms,  # each document's highest-weighted terms
)

# --- themes (netralitas.themes) ---------------------------------------------
from netralitas.themes import (
    export_theme_matches,  # write matches for a human coder, keeping the coder's values
    label_themes,  # theme columns renamed to the codebook's labels
    retired_path,  # where exported matches that no longer occur are kept
    theme_matches,  # every coded passage, in context, with its place in the text
    theme_rates,  # coded passages per 1,000 words (n_words) per group
)

# --- plots (netralitas.plots) -----------------------------------------------
from netralitas.plots import (
    PALETTE,  # colour-blind-safe colours
    article_labels,  # a short label per article
    bar_chart,  # horizontal bars, one colour each, values written beside them
    message_panel,  # a panel that says in words why there is nothing to draw
    plot_dispersion,  # where terms occur along each article
    plot_distinctive,  # one panel of significant distinctive terms per group, or a sentence
    plot_heatmap,  # a table as a heatmap with values written in
    plot_terms,  # top terms as horizontal bars
    region_color,  # the fixed colour of one region
    region_colors,  # {region: colour} for several regions
    small_multiples,  # a grid of panels, one per group
    word_cloud,  # a word cloud from frequencies, the same every time
    per_article_chart,  # a value per article: bars for a few articles, a histogram for many
)
from netralitas.overview import (  # views that stay readable when a corpus has thousands of articles
    FEW_ARTICLES,  # up to this many, figures draw a row per article
    FEW_REGIONS,  # up to this many, figures draw a bar or panel per region
    largest_rows,  # a table's rows with the largest totals
    rows_height,  # a figure's height for one row per item, or for its summary
    short_list,  # a few names and how many more
    shown_note,  # what a capped figure leaves out, for its title
    top_regions,  # the regions with the most articles
)

# --- the election timeline (netralitas.timeline) ----------------------------
from netralitas.timeline import (
    election_label,  # pilkada2024 -> Pilkada 2024
    plot_timeline,  # one dot per article on a date axis, in its region's colour
    stage_bands,  # an election's stages shaded behind a date axis, with their labels
)

# --- tables (netralitas.tables) ---------------------------------------------
from netralitas.tables import (
    show_controls,  # interactive widgets that read as a sentence on a static page
    show_kwic,  # a KWIC table styled for reading, lines spread over regions
    show_table,  # a table for people: no index, rounded, long tables cut with a note
)

# --- in a kernel (netralitas.kernel): alt text for every figure a notebook shows (netralitas.describe),
# and each warning in its place among the lines a cell prints
from netralitas.kernel import install as _install_kernel_outputs

_install_kernel_outputs()
