"""The on-disk cache of parsed articles and token lists: same results, hits and misses, off switch, two writers."""

import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

import utils
from netralitas import cache, text

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("NETRALITAS_CACHE", str(folder))
    return folder


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(utils.corpus_folder(), folder)
    return folder


def load(folder, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return utils.load_corpus(folder, metadata=None, **kw)


def shards(folder):
    return sorted(folder.rglob("*.parquet"))


def test_a_warm_load_equals_a_cold_one(cache_dir, seeds):
    cold = load(seeds)
    assert len(shards(cache_dir / "articles")) == 1
    warm = load(seeds)
    assert len(shards(cache_dir / "articles")) == 1  # nothing new to store
    pd.testing.assert_frame_equal(cold, warm)
    pd.testing.assert_frame_equal(cold, load(seeds, cache=False))


def test_articles_read_from_the_article_cache_equal_parsed_ones(cache_dir, seeds):
    """Pages are cached as UTF-8 bytes and come back as the table's strings, with every other column as parsed."""
    load(seeds)  # parses, and caches each file
    table = pd.read_parquet(shards(cache_dir / "articles")[0])
    assert all(isinstance(v, bytes) for v in table["text"].dropna()) and table["text"].notna().sum() == 5
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corrected = utils.load_corpus(seeds)  # other corrections: a new corpus, its files all in the article cache
        parsed = utils.load_corpus(seeds, cache=False)
    pd.testing.assert_frame_equal(corrected, parsed)
    assert corrected["text"].str.contains("netral").all()


def test_renamed_files_hit_and_edited_files_miss(cache_dir, seeds, monkeypatch):
    load(seeds)
    first = sorted(seeds.glob("*.txt"))[0]
    first.rename(seeds / "zz_renamed.txt")
    import netralitas.loader as loader

    calls = []
    original = loader.load_file
    monkeypatch.setattr(loader, "load_file", lambda p: calls.append(Path(p).name) or original(p))
    df = load(seeds)
    assert calls == []  # every file's bytes were parsed before
    assert df["doc_id"].iloc[-1] == "zz_renamed" and df["file"].iloc[-1] == "zz_renamed.txt"
    edited = sorted(seeds.glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\nTambahan paragraf baru.", encoding="utf-8")
    load(seeds)
    assert calls == [edited.name]


def reads_counted(monkeypatch) -> list[str]:
    """The names of the files whose bytes are read from now on."""
    import pathlib

    reads, original = [], pathlib.Path.read_bytes
    monkeypatch.setattr(pathlib.Path, "read_bytes", lambda self: reads.append(self.name) or original(self))
    return reads


def test_file_keys_are_read_again_only_for_changed_files(cache_dir, seeds, monkeypatch):
    """Like git's index: a file whose inode, size, modification and status-change times are unchanged is not
    read again; an edit is seen even when the size and the modification time were put back."""
    import os
    import time

    monkeypatch.setattr(cache, "SETTLED_NS", -1)  # remember files written a moment ago too
    paths = utils.corpus_files(seeds)
    first = cache.file_keys(paths)
    assert first == [cache.content_key(p.suffix.lower(), p.read_bytes()) for p in paths]
    reads = reads_counted(monkeypatch)
    assert cache.file_keys(paths) == first and reads == []
    target, before = paths[2], paths[2].stat()
    old = target.read_bytes()
    new = old.replace(b"a", b"o", 1)
    assert len(new) == len(old) and new != old
    time.sleep(0.05)  # a later status-change time than the one remembered, on any clock
    target.write_bytes(new)
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -r` or `cp -p` would
    assert (target.stat().st_size, target.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    reads.clear()
    keys = cache.file_keys(paths)
    assert reads == [target.name]
    assert keys[2] == cache.content_key(".txt", new) != first[2]
    assert keys[:2] + keys[3:] == first[:2] + first[3:]


def test_file_keys_of_files_changed_just_now_are_not_remembered(cache_dir, seeds, monkeypatch):
    """A file written in the last two seconds may change again within the same timestamp: it is read every time."""
    paths = utils.corpus_files(seeds)  # copied a moment ago
    first = cache.file_keys(paths)
    reads = reads_counted(monkeypatch)
    assert cache.file_keys(paths) == first
    assert sorted(reads) == sorted(p.name for p in paths)


def test_file_keys_survive_a_broken_index_and_skip_what_is_not_a_file(cache_dir, seeds, monkeypatch):
    monkeypatch.setattr(cache, "SETTLED_NS", -1)
    (seeds / "folder.txt").mkdir()
    paths = utils.corpus_files(seeds)
    expected = [cache.content_key(p.suffix.lower(), p.read_bytes()) if p.is_file() else None for p in paths]
    assert cache.file_keys(paths) == expected and expected.count(None) == 1
    (index,) = (cache_dir / "file-keys").glob("*.parquet")
    index.write_bytes(b"not a table")
    assert cache.file_keys(paths) == expected
    monkeypatch.setenv("NETRALITAS_CACHE", "off")
    assert cache.file_keys(paths) == expected


def test_file_keys_of_many_files_are_read_on_two_cores_alike(cache_dir, tmp_path):
    from netralitas.parallel import PARALLEL_FROM

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(PARALLEL_FROM + 20):
        (folder / f"a{i:04d}.{'txt' if i % 3 else 'HTML'}").write_text(f"Artikel {i % 250}", encoding="utf-8")
    (folder / "folder.txt").mkdir()
    os.symlink(folder / "missing.txt", folder / "dangling.txt")
    paths = utils.corpus_files(folder)
    expected = [cache.content_key(p.suffix.lower(), p.read_bytes()) if p.is_file() else None for p in paths]
    assert cache.file_keys(paths, workers=2) == expected == cache.file_keys(paths, workers=1)
    contents = {(i % 250, i % 3 == 0) for i in range(PARALLEL_FROM + 20)}  # .txt and .html differ in key
    assert expected.count(None) == 2 and len(set(expected)) == len(contents) + 1


def test_shards_that_store_a_column_differently_are_read_together(cache_dir):
    """A shard whose dates are all missing keeps the column as it is; one with dates stores them as text.
    Reading both must give each row its own value (a dated article once came back undated)."""
    import datetime as dt

    shelf = cache.Shelf("articles")
    shelf.put(pd.DataFrame({"key": ["a"], "published": [dt.date(2024, 10, 14)]}))
    shelf.put(pd.DataFrame({"key": ["b"], "published": [None]}))
    rows = shelf.get(["a", "b"]).set_index("key")
    assert rows.loc["a", "published"] == dt.date(2024, 10, 14)
    assert rows.loc["b", "published"] is None


def test_compacting_shards_that_store_a_column_differently_keeps_every_value(cache_dir):
    """Past COMPACT_FROM shards a read merges them into one; a dated row must stay dated (it once lost its date)."""
    import datetime as dt

    shelf = cache.Shelf("articles")
    dates = {f"k{i}": dt.date(2024, 9, 1 + i) if i % 2 else None for i in range(cache.COMPACT_FROM)}
    for key, date in dates.items():  # one shard each: the undated ones keep the column as it is
        shelf.put(pd.DataFrame({"key": [key], "published": [date], "pending": [(6, 9, 4) if date else None]}))
    first = shelf.get(dates).set_index("key")  # reads, then compacts
    assert len(list(shelf.folder.glob("*.parquet"))) == 1
    second = shelf.get(dates).set_index("key")
    for rows in (first, second):
        assert {k: rows.loc[k, "published"] for k in dates} == dates
        assert rows.loc["k1", "pending"] == (6, 9, 4) and rows.loc["k0", "pending"] is None


def test_skipped_files_are_cached_with_their_reasons(cache_dir, folder):
    (folder / "kosong.txt").write_text("", encoding="utf-8")
    (folder / "gambar.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    first = load(folder).attrs["skipped"]
    assert first == {"gambar.txt": "binary file (contains NUL bytes)", "kosong.txt": "empty file"}
    assert load(folder).attrs["skipped"] == first


def test_the_switch_turns_it_off(seeds, monkeypatch):
    import netralitas.loader as loader

    monkeypatch.setenv("NETRALITAS_CACHE", "off")
    assert cache.cache_folder() is None and not cache.Shelf("articles").enabled
    calls = []
    original = loader.load_file
    monkeypatch.setattr(loader, "load_file", lambda p: calls.append(Path(p).name) or original(p))
    load(seeds)
    load(seeds)
    assert len(calls) == 2 * len(list(seeds.glob("*.txt")))  # parsed both times


def test_token_lists_are_cached_for_large_corpora(cache_dir, monkeypatch):
    monkeypatch.setattr(text, "CACHE_FROM", 3)
    df = pd.DataFrame({"text": ["Menjaga netralitas ASN.", "Pj Bupati mengingatkan ASN.", "Kampanye damai."]})
    utils.clear_caches()
    cold = utils.doc_tokens(df, stem=True)
    assert len(shards(cache_dir / "tokens")) == 1
    warm = utils.doc_tokens(df, stem=True)
    assert warm.tolist() == cold.tolist() == [["jaga", "netralitas", "asn"], ["pj", "bupati", "asn"],
                                              ["kampanye", "damai"]]  # fmt: skip
    assert len(shards(cache_dir / "tokens")) == 1  # all hits
    assert utils.doc_tokens(df, stem=False).tolist()[0] == ["menjaga", "netralitas", "asn"]  # its own entries


def test_new_token_lists_are_stored_in_shards_of_a_bounded_size(cache_dir, monkeypatch):
    monkeypatch.setattr(text, "SHELF_BATCH", 2)
    texts = ["Menjaga netralitas ASN.", "Pj Bupati mengingatkan ASN.", "Kampanye damai.", "ASN netral.", "Pilkada."]
    cold = text._tokens(texts, stopwords=True, stem=True, workers=1, shelf=cache.Shelf("tokens"))
    assert len(shards(cache_dir / "tokens")) == 3  # 2 + 2 + 1 new lists
    utils.clear_caches()
    warm = text._tokens(texts, stopwords=True, stem=True, workers=1, shelf=cache.Shelf("tokens"))
    assert warm == cold == [["jaga", "netralitas", "asn"], ["pj", "bupati", "asn"], ["kampanye", "damai"],
                            ["asn", "netral"], ["pilkada"]]  # fmt: skip
    assert len(shards(cache_dir / "tokens")) == 3  # every list read back, none written again


WRITER = """
import sys, pandas as pd
from netralitas.cache import Shelf
shelf = Shelf("race")
for i in range(20):
    shelf.put(pd.DataFrame({"key": [f"{sys.argv[1]}-{i}"], "value": [i]}))
"""


@pytest.mark.slow
def test_two_writers_at_once_lose_nothing(cache_dir):
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, name]) for name in ("a", "b")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    cache.code_version.cache_clear()  # the version the writers computed (the code on disk now)
    keys = [f"{n}-{i}" for n in "ab" for i in range(20)]
    table = cache.Shelf("race").get(keys)  # 40 shards: read, then compacted into one
    assert sorted(table["key"]) == sorted(keys)
    assert len(shards(cache_dir / "race")) == 1
    assert sorted(cache.Shelf("race").get(keys)["key"]) == sorted(keys)


def test_an_atomic_write_that_fails_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("old", encoding="utf-8")

    def half_then_fail(temporary):
        temporary.write_text("half", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        cache.write_atomically(path, half_then_fail)
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.csv"]
    cache.write_atomically(path, lambda temporary: temporary.write_text("new", encoding="utf-8"))
    assert path.read_text(encoding="utf-8") == "new" and len(list(tmp_path.iterdir())) == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim: Linux only")
def test_release_memory_gives_freed_blocks_back():
    """Half of 2,000 strings of 100 kB freed leaves 100 MB of holes the process keeps until it is released."""
    code = (
        "from netralitas.cache import release_memory\n"
        "def rss():\n"
        "    return int(open('/proc/self/statm').read().split()[1]) * 4096 / 2**20\n"
        "kept = [('x' * 100_000 + str(i)) for i in range(2000)]\n"
        "del kept[::2]\n"
        "before = rss()\n"
        "release_memory()\n"
        "print(before - rss())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert float(out.stdout) > 80  # MiB given back, of the 95 MiB freed
