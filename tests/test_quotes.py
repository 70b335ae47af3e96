"""Direct quotes, their speakers and offices on small hand-written texts (issue 11 point 5).

Each test is one phenomenon of Indonesian news writing; the texts are invented for the test.
"""

import pytest

import utils


def said(text: str) -> list[tuple[str, str, str]]:
    """(quote, speaker, office) for every quote of a text."""
    return [(q["quote"], q["speaker"], utils.speaker_office(q["speaker"], text)) for q in utils.quotes_in_text(text)]


# --- where the attribution is -----------------------------------------------------------------


def test_continuation_quote_belongs_to_the_previous_speaker():
    text = (
        "Penjabat Bupati Bekasi Hendra Kusuma membuka rapat satgas netralitas.\n\n"
        "“Tidak mungkin diawasi dari Cikarang saja,” ujar Hendra. “Ini janji kita kepada masyarakat.”"
    )
    assert said(text) == [
        ("Tidak mungkin diawasi dari Cikarang saja", "Hendra Kusuma", "Pj Bupati"),
        ("Ini janji kita kepada masyarakat.", "Hendra Kusuma", "Pj Bupati"),
    ]
    assert [q["attribution"] for q in utils.quotes_in_text(text)] == ["after", "continued"]


def test_quote_split_by_its_attribution_is_two_quotes():
    text = (
        "Kepala BKD Jatim Bima Prasetya menyampaikan rekapitulasi laporan.\n\n"
        "“Pelanggaran itu,” kata Bima, “sering berawal dari rasa sungkan kepada atasan.”"
    )
    assert said(text) == [
        ("Pelanggaran itu", "Bima Prasetya", "Kepala BKD"),
        ("sering berawal dari rasa sungkan kepada atasan.", "Bima Prasetya", "Kepala BKD"),
    ]


def test_attribution_before_the_quote_with_words_and_commas_between():
    text = (
        "Ketua Bawaslu Kota Bogor, Dede Juhendi, dalam sambutannya menjelaskan bahwa "
        '"pengawasan tidak bisa hanya dibebankan kepada Bawaslu."'
    )
    assert said(text) == [("pengawasan tidak bisa hanya dibebankan kepada Bawaslu.", "Dede Juhendi", "Ketua Bawaslu")]


def test_pronoun_and_menurut_lead_ins():
    text = (
        "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia (BKPSDM) Kabupaten Cirebon, Intan "
        "Permatasari, membentuk satuan tugas.\n\n"
        "Menurut Intan, “Satgas menindaklanjuti setiap aduan.”\n\n"
        'Ia menegaskan, "Foto bersama calon termasuk pelanggaran."'
    )
    assert said(text) == [
        ("Satgas menindaklanjuti setiap aduan.", "Intan Permatasari", "Kepala BKPSDM"),
        ("Foto bersama calon termasuk pelanggaran.", "Intan Permatasari", "Kepala BKPSDM"),
    ]


def test_lead_in_ending_with_a_colon_in_the_paragraph_before():
    text = "Pj Wali Kota Malang Setyo Nugroho mengatakan:\n\n“ASN tidak boleh masuk grup tim pemenangan.”"
    assert said(text) == [("ASN tidak boleh masuk grup tim pemenangan.", "Setyo Nugroho", "Pj Wali Kota")]


def test_quoted_terms_and_headlines_are_not_speech():
    text = (
        "Baca Juga: Bupati Sleman Minta ASN Netral\n\n"
        'Anita menyebut, di kalangan pegawai muncul istilah "ASN abu-abu" untuk pegawai yang ragu.\n\n'
        "KASN melaporkan “Daftar Hitam” pejabat pelanggar netralitas."
    )
    assert utils.quotes_in_text(text) == []


# --- who the speaker is -------------------------------------------------------------------------


def test_role_pronoun_and_surname_link_to_the_person_introduced():
    text = (
        "Penjabat (Pj) Bupati Kudus, Jawa Tengah, Harjuno Wicaksono meminta ASN menjaga netralitas.\n\n"
        '"Satu klik saja bisa berujung sanksi," kata Wicaksono.\n\n'
        "Menurut dia, pemeriksaan dilakukan bersama Inspektorat.\n\n"
        '"Semua diperiksa sesuai prosedur," ujarnya.\n\n'
        '"Perangkat desa juga dilarang berpihak," tegas dia.\n\n'
        '"Kami tidak tebang pilih," kata Pj Bupati.'
    )
    assert {s for _, s, _ in said(text)} == {"Harjuno Wicaksono"}
    assert {o for _, _, o in said(text)} == {"Pj Bupati"}


def test_office_written_after_the_name_and_surname_reference():
    text = (
        "“ASN itu digaji dari uang rakyat,” ujar Robert Ginting, Wakil Bupati Deli Serdang, saat pengarahan.\n\n"
        "Menanggapi hal itu, Ginting menyebut kehadiran di acara adat diperbolehkan.\n\n"
        "“Datang boleh, asal tidak memakai atribut,” jawab Ginting."
    )
    assert said(text) == [
        ("ASN itu digaji dari uang rakyat", "Robert Ginting", "Wakil Bupati"),
        ("Datang boleh, asal tidak memakai atribut", "Robert Ginting", "Wakil Bupati"),
    ]


def test_short_form_of_an_office_and_role_only_attribution():
    text = (
        "Sekretaris Daerah (Sekda) Sikka Maria Goreti Moa mengingatkan ASN soal media sosial.\n\n"
        "“Klarifikasi itu hak pegawai,” kata Sekda."
    )
    assert said(text) == [("Klarifikasi itu hak pegawai", "Maria Goreti Moa", "Sekda")]


@pytest.mark.parametrize(
    "name",
    ["Marselina Intan", "Lalu Muhammad Amin", "Raja Fadillah", "Arfan Tidore", "Indra Jaya Lubis"],
)
def test_names_with_place_words_or_stopwords_are_not_cut(name):
    first, last = name.split()[0], name.split()[-1]
    text = (
        f"Ketua Bawaslu Lombok Timur, {name}, membuka rapat pengawasan.\n\n"
        f"“Kami mengawasi media sosial,” kata {last}.\n\n"
        f"{first} menegaskan, “Laporan warga kami tindak lanjuti.”"
    )
    assert said(text) == [
        ("Kami mengawasi media sosial", name, "Ketua Bawaslu"),
        ("Laporan warga kami tindak lanjuti.", name, "Ketua Bawaslu"),
    ]


def test_name_with_place_word_after_a_role_and_place():
    text = "Kepala BKD Jatim Bima Prasetya hadir.\n\n“Sebagian besar sudah kami klarifikasi,” ujar Bima."
    assert said(text) == [("Sebagian besar sudah kami klarifikasi", "Bima Prasetya", "Kepala BKD")]


def test_role_and_name_in_one_paragraph_are_one_person():
    text = (
        "Bupati Sleman menyampaikan kegiatan ini untuk meningkatkan profesionalitas ASN.\n\n"
        "“Birokrasi harus merespon dengan cepat,” kata Bupati.\n\n"
        "Bupati juga mengingatkan agar ASN menjaga netralitas. Sehingga, Kustini berharap ASN kompak.\n\n"
        "“Jalankan pemerintahan dengan amanah,” ujarnya."
    )
    assert said(text) == [
        ("Birokrasi harus merespon dengan cepat", "Kustini", "Bupati"),
        ("Jalankan pemerintahan dengan amanah", "Kustini", "Bupati"),
    ]


def test_role_with_no_named_holder_stays_a_role():
    text = (
        "Dalam sambutannya Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Bondowoso "
        'menekankan bahwa "pelayanan publik bergantung pada integritas ASN."'
    )
    assert said(text) == [("pelayanan publik bergantung pada integritas ASN.", "Kepala BKPSDM", "Kepala BKPSDM")]


# --- unnamed sources ----------------------------------------------------------------------------


def test_unnamed_source_after_the_quote():
    text = (
        "Di sisi lain, sejumlah warga mengaku melihat alat peraga kampanye.\n\n"
        "“Balihonya persis di samping kantor lurah,” ujar seorang warga Bekasi Timur."
    )
    assert said(text) == [("Balihonya persis di samping kantor lurah", "anonim: seorang warga Bekasi Timur", "")]


def test_unnamed_source_introduced_then_quoted_by_pronoun():
    text = (
        "Kepala BKPSDM Kudus Sri Handayani Putri menambahkan sanksi diatur dalam PP 94/2021.\n\n"
        "Sementara itu, seorang ASN di lingkungan Dinas Pendidikan Kudus yang enggan disebut namanya mengaku "
        "menerima pesan berantai.\n\n"
        '"Biasanya lewat grup WhatsApp alumni," katanya.'
    )
    anonymous = "anonim: seorang ASN di lingkungan Dinas Pendidikan Kudus yang enggan disebut namanya"
    assert said(text) == [("Biasanya lewat grup WhatsApp alumni", anonymous, "")]


def test_unnamed_source_referred_to_again():
    text = (
        "Seorang kepala sekolah yang meminta namanya tidak ditulis mengaku kerap berada dalam posisi sulit.\n\n"
        "“Kami bingung harus datang atau tidak,” ucap kepala sekolah tersebut."
    )
    anonymous = "anonim: seorang kepala sekolah yang meminta namanya tidak ditulis"
    assert said(text) == [("Kami bingung harus datang atau tidak", anonymous, "")]


def test_never_a_pronoun_place_or_empty_speaker():
    text = (
        "Pihaknya menegaskan, “Kami akan menindak tegas.”\n\n"
        "Menurutnya, “Semua ASN wajib netral.”\n\n"
        "“Itu ranah pengawas,” kata Kudus."
    )
    speakers = [q["speaker"] for q in utils.quotes_in_text(text)]
    assert len(speakers) == 3
    assert all(s and s not in ("Pihaknya", "Kudus", "Ia") for s in speakers)
    assert all(s.startswith("anonim:") for s in speakers)


def test_office_anywhere_in_the_article():
    text = (
        "Apel dipimpin Penjabat (Pj) Bupati Cirebon, Agus Wiratmaja.\n\n"
        "Dalam amanatnya, Agus menegaskan, “Pakta integritas ini bukan seremoni.”"
    )
    assert said(text) == [("Pakta integritas ini bukan seremoni.", "Agus Wiratmaja", "Pj Bupati")]
    assert utils.office_type("Pj Bupati") == "acting head"


def test_role_with_a_place_written_short_links_to_the_same_person():
    text = (
        "Ketua Bawaslu Kabupaten Kutai Kartanegara Rahmawati Sukri membuka rapat koordinasi.\n\n"
        "“Kalau ragu, tanya dulu ke Panwascam,” tegas Ketua Bawaslu Kukar."
    )
    assert said(text) == [("Kalau ragu, tanya dulu ke Panwascam", "Rahmawati Sukri", "Ketua Bawaslu")]


def test_two_people_sharing_a_first_name_go_by_the_last_one_named():
    text = (
        "Penjabat (Pj) Bupati Banyumas Agus Priyanto membuka posko aduan.\n\n"
        "“Setiap aduan akan kami jawab,” kata Agus.\n\n"
        "Kepala BKPSDM Banyumas Agus Salim menambahkan bahwa posko dibuka setiap hari.\n\n"
        "“Identitas pelapor kami jamin,” kata Agus."
    )
    assert said(text) == [
        ("Setiap aduan akan kami jawab", "Agus Priyanto", "Pj Bupati"),
        ("Identitas pelapor kami jamin", "Agus Salim", "Kepala BKPSDM"),
    ]


def test_named_source_after_a_description_and_a_source_referred_to_by_a_noun():
    text = (
        "“Baliho itu sudah lama terpasang,” kata warga setempat, Budi Santoso (45).\n\n"
        "Seorang ASN di Dinas Kesehatan mengaku menerima pesan berantai.\n\n"
        "“Saya bingung harus bagaimana,” kata ASN tersebut."
    )
    assert said(text) == [
        ("Baliho itu sudah lama terpasang", "Budi Santoso", ""),
        ("Saya bingung harus bagaimana", "anonim: seorang ASN di Dinas Kesehatan", ""),
    ]


def test_titles_before_a_name_and_a_village_after_a_role():
    text = (
        "Kepala Desa Sukamaju Budi Santoso mengumpulkan perangkat desa.\n\n"
        "“Perangkat desa dilarang berpihak,” kata Pak Budi."
    )
    assert said(text) == [("Perangkat desa dilarang berpihak", "Budi Santoso", "Kepala Desa")]
