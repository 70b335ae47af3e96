"""Views that stay readable at any size: what each figure draws for a few articles and for thousands."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import utils  # noqa: E402


def articles(n: int, regions: int = 3) -> pd.DataFrame:
    """n articles, one a day from Monday 2 September 2024, in round-robin regions."""
    days = pd.date_range("2024-09-02", periods=n, freq="D")
    return pd.DataFrame(
        {
            "doc_id": [f"{i:06d}" for i in range(n)],
            "region": [f"Kabupaten R{i % regions}" for i in range(n)],
            "published": days.astype("datetime64[s]"),
            "text": ["ASN wajib netral. Netralitas dijaga di awal dan netral di akhir."] * n,
            "n_words": [100 + i for i in range(n)],
        }
    )


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def test_labels_stay_apart_when_thousands_of_doc_ids_share_a_prefix():
    many = articles(2500)
    labels = utils.article_labels(many)
    assert not labels.duplicated().any()
    assert labels.iloc[0] == "Kabupaten R0 · 000000"
    seeds = pd.DataFrame({"doc_id": ["000_kudus", "001_sleman", "002_sleman"], "region": ["Kudus", "Sleman", "Sleman"]})
    assert utils.article_labels(seeds).tolist() == ["Kudus", "Sleman · 001", "Sleman · 002"]


def test_per_article_chart_draws_sorted_bars_for_a_few_and_a_histogram_for_many(ax):
    few = articles(4)
    utils.per_article_chart(ax, few["n_words"], utils.article_labels(few), ["#000000"] * 4, integer=True)
    assert [t.get_text() for t in ax.get_yticklabels()] == utils.article_labels(few).iloc[::-1].tolist()
    assert [p.get_width() for p in ax.patches] == [103, 102, 101, 100]
    assert ax.get_ylabel() == "Region"
    ax.clear()
    many = articles(500)
    utils.per_article_chart(ax, many["n_words"], utils.article_labels(many), ["#000000"] * 500)
    assert len(ax.patches) == 30 and sum(p.get_height() for p in ax.patches) == 500
    assert ax.get_ylabel() == "Articles"


def test_timeline_counts_articles_per_week_above_a_few(ax):
    many = articles(100)  # 100 days from a Monday: 14 full weeks and 2 days
    utils.plot_timeline(ax, many)
    heights = [p.get_height() for p in ax.patches]
    assert heights == [7] * 14 + [2] and ax.get_ylabel() == "Articles per week"
    ax.clear()
    utils.plot_timeline(ax, articles(6))
    assert len(ax.collections[0].get_offsets()) == 6 and ax.get_ylabel() == "Region"


def test_dispersion_draws_one_line_per_term_above_a_few(ax):
    many = articles(60)
    utils.plot_dispersion(ax, many, ["netral*", "awal"])
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["netral* (180)", "awal (60)"]
    assert sum(lines[0].get_ydata()[:-1]) == pytest.approx(1.0) and lines[0].get_xdata()[-1] == 1.0
    assert ax.get_ylabel().startswith("Share of occurrences")
    ax.clear()
    utils.plot_dispersion(ax, articles(3), ["netral*"])
    assert len(ax.get_yticklabels()) == 3 and ax.get_ylabel() == "Article"


def test_capped_views_say_so_in_the_readers_language(monkeypatch):
    assert utils.shown_note(24, 514, "regions") == " (24 of 514 regions shown)"
    assert utils.shown_note(5, 5) == ""
    monkeypatch.setenv("NETRALITAS_LANG", "id")
    assert utils.shown_note(40, 10000) == " (40 dari 10.000 artikel ditampilkan)"
    assert utils.short_list(list("abcdefgh"), 2) == "a, b (+6 lainnya)"


def test_top_regions_are_those_with_most_articles_ties_by_name():
    df = pd.DataFrame({"region": ["C"] * 3 + ["A"] * 2 + ["B"] * 2 + ["D"]})
    assert utils.top_regions(df, n=2) == ["A", "C"]
    assert utils.top_regions(df, n=3) == ["A", "B", "C"]
