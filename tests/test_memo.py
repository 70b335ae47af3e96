"""The memo of slow corpus-wide steps: fingerprints of content, stored results equal to computed ones, the switches."""

import threading
import time

import numpy as np
import pandas as pd
import pytest

import utils
from netralitas import memo, quotes, similarity


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("NETRALITAS_CACHE", str(folder))
    return folder


def stored(folder):
    return sorted((folder / "memo").rglob("*.pickle")) if folder.exists() else []


# --- Fingerprints -----------------------------------------------------------------------------------------------
def test_equal_content_gives_equal_fingerprints_in_any_storage():
    a = pd.DataFrame({"text": ["ASN netral", "Pilkada damai"], "n": [2, 2]})
    b = pd.DataFrame({"text": pd.array(["ASN netral", "Pilkada damai"], dtype=object), "n": [2, 2]}).astype(a.dtypes)
    assert memo.fingerprint(a) == memo.fingerprint(b) == memo.fingerprint(a.copy())
    assert memo.fingerprint(a.iloc[:1]) == memo.fingerprint(a.head(1).copy())  # a slice of Arrow strings


@pytest.mark.parametrize(
    "change",
    [
        lambda df: df.assign(text=["ASN netral", "Pilkada damai!"]),  # one character
        lambda df: df.assign(text=["ASN netralPilkada", " damai"]),  # the same characters, cut elsewhere
        lambda df: df.assign(n=[2, 3]),
        lambda df: df.set_axis([1, 2]),  # the index
        lambda df: df.rename(columns={"n": "m"}),
        lambda df: df[["n", "text"]],  # column order
        lambda df: df.astype({"n": float}),  # dtype
    ],
)
def test_any_change_of_content_changes_the_fingerprint(change):
    df = pd.DataFrame({"text": ["ASN netral", "Pilkada damai"], "n": [2, 2]})
    assert memo.fingerprint(change(df)) != memo.fingerprint(df)


def test_lists_of_words_are_fingerprinted_word_by_word():
    f = memo.fingerprint
    assert f(pd.Series([["asn", "netral"], []])) == f(pd.Series([["asn", "netral"], []]))
    assert f(pd.Series([["asn", "netral"]])) != f(pd.Series([["asn netral"]]))
    assert f(pd.Series([["asn", "netral"]])) != f(pd.Series([("asn", "netral")]))
    assert f(pd.Series([[("promo", "x")]])) != f(pd.Series([[("promo", "y")]]))  # lists of tuples
    assert f(pd.Series([[1, 2]])) != f(pd.Series([["1", "2"]]))
    assert f({"a": 1, "b": [1, 2]}) == f({"a": 1, "b": [1, 2]}) != f({"a": 1, "b": [2, 1]})
    assert f(frozenset({"x", "y"})) == f(frozenset({"y", "x"}))
    assert f(range(3, 6)) != f(range(3, 5))


def test_sparse_tfidf_tables_are_fingerprinted_by_their_weights(monkeypatch):
    monkeypatch.setattr(similarity, "DENSE_CELLS", 0)  # sparse even for three documents
    df = pd.DataFrame({"doc_id": list("abc"), "text": ["asn netral", "asn politik", "kampanye damai"]})
    weights = utils.tfidf(df)
    assert isinstance(weights.dtypes.iloc[0], pd.SparseDtype)
    again = utils.tfidf(df)
    assert memo.fingerprint(weights) == memo.fingerprint(again)
    other = utils.tfidf(df.assign(text=["asn netral", "asn politik", "kampanye damai damai"]))
    assert memo.fingerprint(other) != memo.fingerprint(weights)


def test_what_it_cannot_read_is_unhashable():
    with pytest.raises(memo.Unhashable):
        memo.fingerprint(object())
    with pytest.raises(memo.Unhashable):
        memo.fingerprint(np.array([object()]))


# --- Remembering ------------------------------------------------------------------------------------------------
def counting(calls, seconds=0.0):
    @memo.remembered(ignore=("workers",))
    def total(df: pd.DataFrame, column: str = "n", workers: int = 1, extra=None) -> int:
        calls.append(column)
        time.sleep(seconds)
        return int(df[column].sum())

    return total


BIG = pd.DataFrame({"n": range(memo.MEMO_FROM), "m": 1})


def test_a_large_input_is_computed_once_and_read_back(cache_dir):
    calls = []
    total = counting(calls)
    assert total(BIG) == total(BIG.copy()) == total(BIG, "n", workers=2) == sum(range(memo.MEMO_FROM))
    assert calls == ["n"]  # the default argument and the ignored one give the same key
    assert len(stored(cache_dir)) == 1
    assert total(BIG, column="m") == memo.MEMO_FROM
    assert calls == ["n", "m"]
    assert len(stored(cache_dir)) == 2


def test_small_inputs_unreadable_arguments_and_the_off_switch_compute_every_time(cache_dir, monkeypatch):
    calls = []
    total = counting(calls)
    small = BIG.head(memo.MEMO_FROM - 1)
    assert total(small) == total(small) == sum(range(memo.MEMO_FROM - 1))
    total(BIG, extra=object())
    total(BIG, extra=object())
    monkeypatch.setenv("NETRALITAS_CACHE", "off")
    total(BIG)
    total(BIG)
    assert len(calls) == 6
    assert stored(cache_dir) == []


def test_a_damaged_file_is_computed_again(cache_dir):
    calls = []
    total = counting(calls)
    total(BIG)
    (path,) = stored(cache_dir)
    path.write_bytes(b"not a pickle")
    assert total(BIG) == sum(range(memo.MEMO_FROM))
    assert len(calls) == 2
    assert total(BIG) == sum(range(memo.MEMO_FROM)) and len(calls) == 2  # written again


def test_a_new_code_version_does_not_read_old_results(cache_dir, monkeypatch):
    calls = []
    total = counting(calls)
    total(BIG)
    first = memo.code_version()
    monkeypatch.setattr(memo, "code_version", lambda: "another")
    total(BIG)
    assert len(calls) == 2
    assert {p.parts[-3] for p in stored(cache_dir)} == {first, "another"}


def test_two_callers_at_once_compute_once(cache_dir):
    calls = []
    total = counting(calls, seconds=0.3)
    results = []
    threads = [threading.Thread(target=lambda: results.append(total(BIG))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [sum(range(memo.MEMO_FROM))] * 3
    assert calls == ["n"]  # the others waited for the lock, then read the file


# --- The analysis functions: a stored result equals a computed one -------------------------------------------------
@pytest.fixture(scope="module")
def large(corpus):
    """The seeds repeated past MEMO_FROM, each copy its own doc_id and region."""
    copies = -(-memo.MEMO_FROM // len(corpus))
    frames = [
        corpus.assign(doc_id=corpus["doc_id"] + f"-{i}", region=corpus["region"] + f" {i % 3}") for i in range(copies)
    ]
    return pd.concat(frames, ignore_index=True)


def test_remembered_analysis_equals_the_computation(cache_dir, large):
    tokens = utils.doc_tokens(large)
    checks = {
        "shared phrases": lambda: utils.shared_phrases(large, by="region"),
        "names": lambda: utils.proper_noun_terms(large),
        "themes": lambda: utils.theme_matches(large),
        "kwic": lambda: utils.kwic(large, "~netral", window=8, headlines=True),
        "bigrams": lambda: utils.doc_ngrams(large, 2),
        "collocations": lambda: utils.collocations(large),
        "quotes": lambda: utils.extract_quotes(large),
    }
    for name, call in checks.items():
        first, second = call(), call()  # computed and stored; read back
        if isinstance(first, pd.DataFrame):
            pd.testing.assert_frame_equal(first, second, obj=name)
        elif isinstance(first, pd.Series):
            pd.testing.assert_series_equal(first, second, obj=name)
        else:
            assert first == second, name
        assert len(first), name
    assert len(stored(cache_dir)) >= len(checks) + 1  # and the token lists
    uncached = utils.doc_tokens(large, cache=False)
    assert utils.doc_tokens(large).tolist() == uncached.tolist() == tokens.tolist()


def test_quotes_read_from_the_memo_give_the_same_offices_and_speech(cache_dir, large):
    table = utils.extract_quotes(large)  # computed, stored
    quotes._KNOWN.clear()
    quotes._quotes_of.cache_clear()
    again = utils.extract_quotes(large)  # read back, as a fresh kernel would
    pd.testing.assert_frame_equal(table, again)
    text_of = dict(zip(large["doc_id"], large["text"], strict=True))
    offices = [utils.speaker_office(s, text_of[d]) for d, s in zip(again["doc_id"], again["speaker"], strict=True)]
    speech = [utils.split_speech(t) for t in large["text"]]
    quotes._KNOWN.clear()  # the same, worked out from the texts alone
    fresh = [quotes._office(s, text_of[d]) for d, s in zip(again["doc_id"], again["speaker"], strict=True)]
    assert offices == fresh
    assert "Sekda" in " ".join(offices)
    assert speech == [utils.split_speech(t) for t in large["text"]]
