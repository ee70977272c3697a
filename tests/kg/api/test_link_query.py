"""GraphQL `link(text:)` over the bundled corpus, over real HTTP: the linker's answer (the same
as `kg link --format json`), its size limit named by the argument, the linker built once per
build, and hostile texts answered with a clear error while the server stays up."""

from __future__ import annotations

import httpx
import pytest

from kg.api import link as link_field
from kg.api.link import MAX_TEXT_CHARS
from kg.store import open_build
from kg.text.linker import Linker
from kg.web import create_app
from kg.web.settings import ServeSettings

B = "https://policy-kg.example"
TEXT = (
    "The Home Office accepted recommendation 1 of the Casey audit. Under section 9 of the "
    "Sexual Offences Act 2003 the CPS charged fewer cases. Perpetrator ethnicity was not "
    "recorded in about two-thirds of cases. The moon is made of cheese."
)
QUERY = """query ($text: String!) { link(text: $text) {
  mentions { text start end id kind label score entity { __typename id label } }
  claims { text start end verdict reason
           links { id kind label score entity { id }
                   evidence { source title locator url authority } } } } }"""


@pytest.fixture(scope="module")
def server(bundled_build, live_server):
    app = create_app(bundled_build, settings=ServeSettings(rate_limits=False))
    with live_server(app) as running:
        running.app = app
        yield running


@pytest.fixture(scope="module")
def http(server):
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


def ask(http, text, query=QUERY):
    response = http.post("/graphql", json={"query": query, "variables": {"text": text}},
                         headers={"accept": "application/json"})  # fmt: skip
    assert response.status_code == 200
    return response.json()


@pytest.fixture(scope="module")
def expected(bundled_build):
    """What the linker itself says of TEXT (as `kg link --format json` prints it)."""
    return Linker.from_store(open_build(bundled_build)).link(TEXT).to_json()


def test_link_answers_what_the_linker_says(http, expected):
    body = ask(http, TEXT)
    assert "errors" not in body, body
    found = body["data"]["link"]
    mentions = [{k: v for k, v in m.items() if k != "entity"} for m in found["mentions"]]
    assert mentions == expected["mentions"]
    claims = [
        {**{k: v for k, v in c.items() if k != "links"}, "verdict": c["verdict"].lower(),
         "links": [{k: v for k, v in link.items() if k != "entity"} for link in c["links"]]}
        for c in found["claims"]
    ]  # fmt: skip
    assert claims == expected["claims"]
    # the spans are offsets into the text sent
    for m in found["mentions"]:
        assert TEXT[m["start"] : m["end"]] == m["text"]
    for c in found["claims"]:
        assert TEXT[c["start"] : c["end"]] == c["text"]


def test_mentions_and_claims_lead_to_the_graphs_own_entities(http):
    found = ask(http, TEXT)["data"]["link"]
    by_text = {m["text"]: m for m in found["mentions"]}
    home = by_text["Home Office"]
    assert (home["id"], home["kind"]) == (f"{B}/body/home-office", "Body")
    assert home["entity"] == {"__typename": "Body", "id": home["id"], "label": "Home Office"}
    section = by_text["section 9"]
    assert section["id"] == "http://www.legislation.gov.uk/id/ukpga/2003/42/section/9"
    assert section["entity"]["__typename"] == "Instrument"
    verdicts = {c["text"]: c["verdict"] for c in found["claims"]}
    assert verdicts["The moon is made of cheese."] == "NOT_FOUND"
    assert set(verdicts.values()) <= {"SUPPORTED", "CONTRADICTED", "NOT_FOUND"}
    supported = [c for c in found["claims"] if c["verdict"] == "SUPPORTED"]
    assert supported, "the text holds claims the bundled corpus backs"
    for claim in supported:  # a supported claim shows its evidence, cited
        evidence = [e for link in claim["links"] for e in link["evidence"]]
        assert evidence and all(e["source"] and e["authority"] in ("PRIMARY", "SECONDARY")
                                for e in evidence)  # fmt: skip


def test_the_verdict_is_an_enum_in_the_schema(http):
    body = http.post("/graphql", json={"query": '{ __type(name: "LinkVerdict") { kind '
                                                "enumValues { name } } }"}).json()  # fmt: skip
    assert body["data"]["__type"] == {
        "kind": "ENUM",
        "enumValues": [{"name": "SUPPORTED"}, {"name": "CONTRADICTED"}, {"name": "NOT_FOUND"}],
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x" * (MAX_TEXT_CHARS + 1), f"text: the text is {MAX_TEXT_CHARS + 1:,} characters; the "
         f"limit is {MAX_TEXT_CHARS:,}"),
        ("   \n ", "text: the text is empty"),
    ],
)  # fmt: skip
def test_a_text_over_the_limit_or_empty_is_an_error_naming_the_argument(http, text, message):
    body = ask(http, text, "query ($text: String!) { link(text: $text) { mentions { id } } }")
    assert body["data"] is None
    assert [e["message"] for e in body["errors"]] == [message]
    assert body["errors"][0]["path"] == ["link"]


def test_a_text_at_the_limit_is_linked(http):
    text = ("The Home Office met the CPS. " * (MAX_TEXT_CHARS // 28 + 1))[:MAX_TEXT_CHARS]
    body = ask(http, text, "query ($text: String!) { link(text: $text) { mentions { id } } }")
    assert "errors" not in body
    assert len(body["data"]["link"]["mentions"]) > 1000


def test_the_linker_is_built_once_per_build(server, http, monkeypatch):
    built = []
    original = Linker.from_store.__func__

    def counting(cls, store, as_of=None):
        built.append(store)
        return original(cls, store, as_of)

    monkeypatch.setattr(Linker, "from_store", classmethod(counting))
    build = server.app.state.build
    for key in [k for k in build.memos if isinstance(k, tuple)]:
        del build.memos[key]  # start again, whatever earlier tests asked
    for _ in range(3):
        assert "errors" not in ask(http, TEXT)
    assert len(built) == 1
    assert link_field.linker_of(build) is link_field.linker_of(build)


@pytest.mark.parametrize(
    "text",
    [
        "\x00\x01\x02\x7f" * 1000,  # control characters
        "\ud7ff\ue000\uffff" * 3000 + "𝕳𝖔𝖒𝖊 𝕺𝖋𝖋𝖎𝖈𝖊" * 200,  # odd and astral characters
        "(" * 20_000 + "Recommendation " * 2000,  # deep brackets, repeated heads
        "section " * 6000,  # provisions with no number, again and again
        "1," * 24_000,  # numbers without end
    ],
)
def test_hostile_texts_get_an_answer_and_the_server_stays_up(http, text):
    body = ask(http, text[:MAX_TEXT_CHARS], "query ($text: String!) { link(text: $text) { "
               "mentions { id } claims { verdict } } }")  # fmt: skip
    assert "data" in body
    if body.get("errors"):  # a refusal is a clear one, never an internal error
        assert all(e["message"].startswith("text:") for e in body["errors"]), body["errors"]
    assert http.get("/healthz").json()["status"] == "ok"


def test_a_huge_text_is_refused_and_the_server_stays_up(http):
    body = ask(http, "The Home Office. " * 300_000,
               "query ($text: String!) { link(text: $text) { mentions { id } } }")  # fmt: skip
    assert body["errors"][0]["message"].startswith("text: the text is 5,100,000 characters")
    assert http.get("/healthz").json()["status"] == "ok"
    assert "errors" not in ask(http, TEXT)


def test_a_busy_server_says_so(server, http, monkeypatch):
    """When every linking slot is taken for longer than a request waits, it is told to retry."""
    import threading

    monkeypatch.setattr(link_field, "_slots", threading.BoundedSemaphore(1))
    monkeypatch.setattr(link_field, "BUSY_SECONDS", 0.05)
    link_field._slots.acquire()
    try:
        body = ask(http, TEXT, "query ($text: String!) { link(text: $text) { mentions { id } } }")
    finally:
        link_field._slots.release()
    assert body["errors"][0]["message"] == (
        "text: the server is busy linking other texts; try again shortly"
    )
