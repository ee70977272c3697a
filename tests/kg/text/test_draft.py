"""`kg draft` (kg/text/draft.py): a report's recommendations chapter in, a draft source file out.

The fixture (tests/fixtures/draft/harrowfield-review-2026.txt) is a fictional county review's
recommendations chapter, written for these tests in the style of a real report: numbered
paragraphs, 13 recommendations, figures, and national bodies and statutes the bundled corpus
holds. Each recommendation must come out with its number and locator, every drafted fact marked
unconfirmed, and the draft, once a person's placeholders are filled in, must build with the
bundled corpus.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from kg.config import BUNDLED_SOURCES
from kg.text import draft as drafting
from kg.text.errors import TextInputError
from kg.text.extract import read_document

FIXTURE = Path(__file__).parents[2] / "fixtures" / "draft" / "harrowfield-review-2026.txt"
KEY = "harrowfield-2026"
#: Each recommendation's number and the paragraph the fixture gives it in.
EXPECTED = {1: "7.3", 2: "7.5", 3: "7.6", 4: "7.8", 5: "7.9", 6: "7.10", 7: "7.12", 8: "7.13",
            9: "7.14", 10: "7.16", 11: "7.17", 12: "7.18", 13: "7.20"}  # fmt: skip
B = "https://policy-kg.example"


def document(text: str, name: str = "report.txt", kind: str | None = None):
    return read_document(text.encode("utf-8"), name, kind)


@pytest.fixture(scope="module")
def chapter():
    return read_document(FIXTURE.read_bytes(), FIXTURE.name)


# ------------------------------------------------------------------------------ recommendations


def test_every_recommendation_comes_out_with_its_number_and_paragraph(chapter):
    found = drafting.recommendations(chapter)
    assert {r.number: r.locators for r in found} == {
        n: [f"para {para}"] for n, para in EXPECTED.items()
    }
    by_number = {r.number: r for r in found}
    assert by_number[3].text.startswith("Ofsted and HMICFRS should carry out a joint targeted")
    # a recommendation's text is its own paragraph's, without the paragraph number or marker
    assert by_number[9].text.endswith("In Harrowfield the median wait was 23 days.")
    assert not any(r.text.startswith(("7.", "Recommendation")) for r in found)


def test_the_metadata_comes_from_the_front_matter(chapter):
    meta = drafting.metadata(chapter)
    assert meta.title == ("Independent Review of Safeguarding Arrangements for Children at Risk "
                          "of Exploitation in Harrowfield County")  # fmt: skip
    assert meta.author == "Dr Miriam Okafor"
    assert meta.publisher == "Harrowfield Safeguarding Children Partnership"
    assert meta.issued == "2026-09-14"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "R7" markers, one with a heading and its text in the next paragraph
        (
            "Our recommendations\n\nR1: The Home Office should act.\n\nR2 The council should "
            "publish data.\n\nR3\n\nThe police should train staff.",
            {1: "R1", 2: "R2", 3: "R3"},
        ),
        # a heading per recommendation, its text below; continuation items join it
        (
            "Recommendations\n\nRecommendation 1: A national standard\n\nThe NPCC should set a "
            "standard:\n\n(a) for interviews;\n\n(b) for referrals.\n\nRecommendation 2 - "
            "Training\n\nThe College should train officers.",
            {1: "Recommendation 1", 2: "Recommendation 2"},
        ),
        # capitals, and a recommendation numbered in a heading of its own
        (
            "RECOMMENDATION 1: THE HOME OFFICE SHOULD ACT.\n\nRecommendation 2\n\nThe police "
            "should train staff.",
            {1: "Recommendation 1", 2: "Recommendation 2"},
        ),
        # a paragraph closed by its number
        (
            "4.1 The council should publish its data (Recommendation 1).\n\n4.2 Findings.\n\n"
            "4.3 The police should record ethnicity (Recommendation 2).",
            {1: "para 4.1", 2: "para 4.3"},
        ),
        # "1." items under a Recommendations heading, and nothing numbered before it
        (
            "Summary\n\n1. This is not a recommendation.\n\n2. Nor this.\n\nList of "
            "recommendations\n\n1. The Home Office should act.\n\n2. The CPS should review "
            "cases.\n\nAnnex A\n\n3. Not one either.",
            {1: "Recommendation 1", 2: "Recommendation 2"},
        ),
    ],
)
def test_other_ways_reports_number_their_recommendations(text, expected):
    found = drafting.recommendations(document(text))
    assert {r.number: r.locators[0] for r in found} == expected


def test_a_heading_and_its_continuations_make_one_recommendation():
    text = (
        "Recommendations\n\nRecommendation 1: A national standard\n\nThe NPCC should set "
        "a standard:\n\n(a) for interviews;\n\n(b) for referrals.\n\n7.2 Other text."
    )
    [rec] = drafting.recommendations(document(text))
    assert rec.title == "A national standard"
    assert rec.text == "The NPCC should set a standard: (a) for interviews; (b) for referrals."


def test_a_recommendation_repeated_in_a_summary_keeps_both_locators():
    text = ("1.4 Recommendation 2: The Home Office should act.\n\n"
            "7.9 Recommendation 2: The Home Office should act, and soon.")  # fmt: skip
    [rec] = drafting.recommendations(document(text))
    assert rec.number == 2 and rec.locators == ["para 1.4", "para 7.9"]


def test_an_html_report_is_drafted_from_its_visible_text():
    page = (
        "<!doctype html><html><head><title>ignored</title><style>p{}</style></head><body>"
        "<h1>Review of Northmoor Safeguarding</h1><p>Published 3 March 2026</p>"
        "<h2>Recommendations</h2><p>5.1 Recommendation 1: The Home Office should act.</p>"
        "<script>var r = 'Recommendation 9: not text';</script>"
        "<p>5.2 Recommendation 2: The council should &amp; will report.</p></body></html>"
    )
    doc = document(page, "review.html")
    assert [(r.number, r.locators, r.text) for r in drafting.recommendations(doc)] == [
        (1, ["para 5.1"], "The Home Office should act."),
        (2, ["para 5.2"], "The council should & will report."),
    ]
    meta = drafting.metadata(doc)
    assert (meta.title, meta.issued) == ("Review of Northmoor Safeguarding", "2026-03-03")


def test_mentions_of_a_recommendation_are_not_recommendations():
    text = "Recommendation 4 of the Casey audit was accepted.\n\nR2D2 is a robot."
    assert drafting.recommendations(document(text)) == []


# ------------------------------------------------------------------------------ figures


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The county received 1,412 referrals in 2025.", [(1412, "referrals")]),
        ("In 38% of the files, and 12 per cent of the rest.", [(38, "percent"), (12, "percent")]),
        ("Almost two-thirds had no ethnicity recorded.", [(66.7, "percent")]),
        ("About one in five had no age.", [(20, "percent")]),
        ("In 2025, 19 licensed drivers were reported.", [(19, "licensed drivers")]),
        ("Only 41 of those offences led to a charge.", [(41, "offences")]),
        ("Of the 287 offences recorded, few were charged.", [(287, "offences")]),
        ("The scheme cost £2.5 million.", [(2_500_000, "pounds")]),
        # references and dates are not figures
        ("Under section 9 of the Sexual Offences Act 2003, see para 7.3 and Recommendation 4.", []),
        ("Published on 14 September 2026 in March 2026.", []),
        ("The child was under 13.", []),
    ],
)
def test_figures_are_parsed_into_a_value_and_a_unit(sentence, expected):
    assert [(f.value, f.unit) for f in drafting.figures(sentence)] == [
        (pytest.approx(v), u) for v, u in expected
    ]


def test_candidate_findings_are_the_figures_outside_the_recommendations(chapter):
    recs = drafting.recommendations(chapter)
    found = drafting.findings(chapter, recs)
    assert [(f.locator, [(f2.value, f2.unit) for f2 in f.figures]) for f in found] == [
        ("para 7.1", [(63, "practitioners")]),
        ("para 7.2", [(1412, "referrals"), (287, "offences")]),
        ("para 7.2", [(41, "offences")]),
        ("para 7.2", [(38, "percent")]),
        ("para 7.7", [(pytest.approx(66.7), "percent"), (20, "percent")]),
        ("para 7.11", [(287, "offences")]),
        ("para 7.15", [(27, "percent"), (146, "children")]),
        ("para 7.19", [(19, "licensed drivers")]),
    ]
    assert len({f.key for f in found}) == len(found)
    # "the median wait was 23 days" is inside Recommendation 9: not a candidate finding
    assert not any("23 days" in f.sentence for f in found)


# ------------------------------------------------------------------------------ the file

LINKED = {
    "mentions": [
        {"text": "Department for Education", "id": f"{B}/body/department-for-education",
         "kind": "Body", "label": "Department for Education", "score": 0.99},
        {"text": "section 16E of the Children Act 2004",
         "id": "http://www.legislation.gov.uk/id/ukpga/2004/31/section/16E", "kind": "Section",
         "label": "s. 16E", "score": 0.95},
        {"text": "Children Act 2004", "id": "http://www.legislation.gov.uk/id/ukpga/2004/31",
         "kind": "Act", "label": "Children Act 2004", "score": 0.95},
        {"text": "Casey audit", "id": f"{B}/report/casey-2025", "kind": "Report",
         "label": "National Audit", "score": 0.9},
        {"text": "Ofsted", "id": f"{B}/body/ofsted", "kind": "Body", "label": "Ofsted",
         "score": 0.3},  # too unsure to draft
    ]
}  # fmt: skip


def _linked(chapter) -> dict:
    """LINKED with the offsets of each mention's first occurrence in the chapter."""
    mentions = []
    for m in LINKED["mentions"]:
        start = chapter.text.index(m["text"])
        mentions.append({**m, "start": start, "end": start + len(m["text"])})
    return {"mentions": mentions, "claims": []}


def test_the_draft_is_a_source_file_with_every_fact_unconfirmed(chapter):
    made = drafting.draft(chapter, KEY, linked=_linked(chapter), base=B)
    text = drafting.to_yaml(made)
    data = yaml.safe_load(text)
    report = data["report"]
    assert report["key"] == KEY and report["document"] == drafting.PLACEHOLDER_SOURCE
    assert data["sources"][0]["key"] == drafting.PLACEHOLDER_SOURCE
    assert report["issued"] == "2026-09-14"
    facts = [report, *report["findings"], *report["recommendations"]]
    facts += [x for r in report["recommendations"] for x in r.get("responsibilities", [])]
    facts += [x for r in report["recommendations"] for x in r.get("instruments", [])]
    assert {f["unconfirmed"] for f in facts} == {drafting.UNCONFIRMED}
    recs = {r["number"]: r for r in report["recommendations"]}
    assert {n: r["cite"] for n, r in recs.items()} == {
        n: [{"source": drafting.PLACEHOLDER_SOURCE, "locator": f"para {p}"}]
        for n, p in EXPECTED.items()
    }
    # what the linker found: the body before "should" leads; the section, not its Act
    assert recs[2]["responsibilities"] == [
        {"body": "department-for-education", "role": "lead", "unconfirmed": drafting.UNCONFIRMED}
    ]
    assert [i["instrument"] for i in recs[2]["instruments"]] == [
        "http://www.legislation.gov.uk/id/ukpga/2004/31/section/16E"
    ]
    assert "responsibilities" not in recs[3]  # Ofsted's score is below MIN_SCORE
    # the report a recommendation mentions is a comment: echoes are for a person to decide
    assert "# mentions report casey-2025" in text
    assert "echoes" not in recs[4]
    # every citation is of the report, whose key as a source a person fills in
    cited = [c for f in [report, *report["findings"], *report["recommendations"]]
             for c in f["cite"]]  # fmt: skip
    assert {c["source"] for c in cited} == {drafting.PLACEHOLDER_SOURCE}


def test_no_input_makes_the_yaml_say_something_else():
    nasty = ('Recommendation 1: Say "yes": no # not a comment\n\tkey: value & *alias !tag '
             "{a: b} [c] 'quoted' \\ back\\slash, null, ~, 0x10, 2026-01-01 — “curly” … é"
             + " long" * 40 + ".")  # fmt: skip
    made = drafting.draft(document(f"Title\n\n{nasty}"), KEY)
    data = yaml.safe_load(drafting.to_yaml(made))
    [rec] = data["report"]["recommendations"]
    assert rec["summary"] == drafting.clean(nasty.split(": ", 1)[1])


def test_a_missing_date_and_title_are_placeholders_kg_validate_names():
    made = drafting.draft(document("7.1 Recommendation 1: The Home Office should act."), KEY,
                          source_key="my-report")  # fmt: skip
    text = drafting.to_yaml(made)
    data = yaml.safe_load(text)
    assert data["report"]["issued"] == drafting.PLACEHOLDER_DATE
    assert data["report"]["title"] is None and "FILL-IN: the report's title" in text
    assert data["report"]["document"] == "my-report"
    assert "FILL-IN-SOURCE-KEY" not in text


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Nothing numbered here.\n\nJust prose.", "no numbered recommendation found"),
    ],
)
def test_a_text_without_recommendations_is_refused(text, problem):
    with pytest.raises(TextInputError, match=problem):
        drafting.draft(document(text), KEY)


def test_a_bad_report_key_is_refused(chapter):
    with pytest.raises(TextInputError, match="--report 'Bad Key' is not a key"):
        drafting.draft(chapter, "Bad Key")


# ------------------------------------------------------------------------------ PDF


def make_pdf(pages: list[list[str]]) -> bytes:
    """A small PDF: each page's lines in Helvetica, top to bottom (ASCII text only)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 "
               b"/BaseFont /Helvetica >>"]  # fmt: skip
    kids = []
    for lines in pages:
        ops = ["BT", "/F1 10 Tf", "12 TL", "50 780 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content = len(objects)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % content)  # fmt: skip
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))  # fmt: skip
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)  # fmt: skip
    return bytes(out)


def chapter_as_pdf(lines_per_page: int = 40) -> tuple[bytes, dict[str, int]]:
    """The fixture chapter as a PDF, and the page each numbered paragraph starts on (the PDF
    beside the fixture is this one: write it again from here if the chapter changes)."""
    pages: list[list[str]] = [[]]
    starts: dict[str, int] = {}
    for paragraph in FIXTURE.read_text().split("\n\n"):
        lines = [*textwrap.wrap(" ".join(paragraph.split()), 95), ""]
        if len(pages[-1]) + len(lines) > lines_per_page:
            pages.append([])
        number = re.match(r"(\d+\.\d+) ", paragraph)
        if number:
            starts[number.group(1)] = len(pages)
        pages[-1].extend(lines)
    return make_pdf(pages), starts


def test_a_pdf_recommendation_is_located_by_its_page_and_paragraph():
    data, starts = chapter_as_pdf()
    # the fixture PDF (the /link page's tests upload it) is this one
    assert FIXTURE.with_suffix(".pdf").read_bytes() == data
    assert len(set(starts.values())) > 1  # the chapter runs over several pages
    pdf = read_document(data, "chapter.pdf")
    # the front matter's lines, which the PDF runs together, still give the metadata
    assert drafting.metadata(pdf) == drafting.metadata(read_document(FIXTURE.read_bytes()))
    found = drafting.recommendations(pdf)
    assert {r.number: r.locators for r in found} == {
        n: [f"p. {starts[para]}, para {para}"] for n, para in EXPECTED.items()
    }


# ------------------------------------------------------------------------------ the command


def fill_in(text: str, source_key: str) -> str:
    """What a person does with a draft: give the source its key, and accept the rest."""
    assert "FILL-IN" in text
    filled = text.replace(drafting.PLACEHOLDER_SOURCE, source_key)
    assert "FILL-IN" not in yaml.safe_dump(yaml.safe_load(filled))  # only comments say it
    return filled


@pytest.fixture(scope="module")
def drafted(kg, bundled_build, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("draft") / "harrowfield-2026.yaml"
    result = kg("draft", str(FIXTURE), "--report", KEY, "--build", str(bundled_build),
                "--out", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    return out


def test_the_draft_does_not_validate_until_its_placeholders_are_filled(kg, drafted, tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(BUNDLED_SOURCES, sources)
    shutil.copy(drafted, sources / drafted.name)
    result = kg("validate", "--sources", str(sources), "-q")
    assert result.returncode == 1
    assert f"{drafted.name}:" in result.stderr and "FILL-IN-SOURCE-KEY" in result.stderr


def test_the_filled_in_draft_builds_with_the_bundled_corpus(kg, drafted, tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(BUNDLED_SOURCES, sources)
    (sources / drafted.name).write_text(fill_in(drafted.read_text(), "harrowfield-review-2026"))
    out = tmp_path / "kg.nq"
    result = kg("build", "-q", "--sources", str(sources), "--out", str(out))
    assert result.returncode == 0, result.stderr
    built = out.read_text()
    for number in EXPECTED:
        assert f"<{B}/report/{KEY}/recommendation/{number}>" in built
    assert f"<{B}/report/{KEY}/recommendation/{len(EXPECTED) + 1}>" not in built
    # the linker's bodies and statutes are in the draft (which ones the linker finds is its
    # own business, measured on the gold set; a recommendation naming the DfE is a safe bet)
    data = yaml.safe_load(drafted.read_text())
    recs = {r["number"]: r for r in data["report"]["recommendations"]}
    assert {"body": "department-for-education", "role": "lead",
            "unconfirmed": drafting.UNCONFIRMED} in recs[2].get("responsibilities", [])  # fmt: skip


def test_the_draft_goes_to_stdout_without_out(kg, bundled_build):
    result = kg("draft", str(FIXTURE), "--report", KEY, "--build", str(bundled_build),
                "--source", "harrowfield-review-2026")  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(result.stdout)
    assert data["report"]["document"] == "harrowfield-review-2026"
    assert [r["number"] for r in data["report"]["recommendations"]] == list(EXPECTED)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the input is empty"),
        (b"   \n\n  ", "the input is empty"),
        (b"\x00\x01\x02binary\x00" * 50, "binary data, not text"),
        (b"%PDF-1.4\nthis is not really a PDF", "report.bin"),
        (b"Just some prose, with nothing numbered.", "no numbered recommendation found"),
    ],
)
def test_malformed_or_empty_input_is_exit_2_and_nothing_is_written(kg, bundled_build, tmp_path,
                                                                   content, message):  # fmt: skip
    source = tmp_path / "report.bin"
    source.write_bytes(content)
    out = tmp_path / "draft.yaml"
    out.write_text("the previous draft\n")
    result = kg("draft", str(source), "--report", KEY, "--build", str(bundled_build),
                "--out", str(out))  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"kg draft: {source}: ")
    assert message in result.stderr and "nothing was written" in result.stderr
    assert out.read_text() == "the previous draft\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.yaml", "report.bin"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["missing.txt", "--report", KEY], "missing.txt: no such file"),
        ([str(FIXTURE), "--report", "Not A Key"], "is not a key"),
        ([str(FIXTURE), "--report", KEY, "--source", "BAD"], "--source 'BAD' is not a key"),
    ],
)
def test_bad_arguments_are_exit_2(kg, bundled_build, tmp_path, arguments, message):
    result = kg("draft", *arguments, "--build", str(bundled_build), "--out",
                str(tmp_path / "d.yaml"), cwd=tmp_path)  # fmt: skip
    assert result.returncode == 2
    assert message in result.stderr
    assert not (tmp_path / "d.yaml").exists()


def test_standard_input_with_its_kind(bundled_build):
    import subprocess
    import sys

    page = b"<h1>A review</h1><p>4.1 Recommendation 1: The CPS should review cases.</p>"
    result = subprocess.run(
        [sys.executable, "-m", "kg", "draft", "-", "--report", KEY, "--kind", "html",
         "--build", str(bundled_build)],
        input=page, capture_output=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(result.stdout)
    [rec] = data["report"]["recommendations"]
    assert rec["cite"][0]["locator"] == "para 4.1"
    assert rec["responsibilities"][0]["body"] == "crown-prosecution-service"


def test_no_build_is_exit_2(kg, tmp_path):
    result = kg("draft", str(FIXTURE), "--report", KEY, "--build", str(tmp_path / "none.nq"))
    assert result.returncode == 2 and "kg draft:" in result.stderr
