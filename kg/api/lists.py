"""List fields as SPARQL: filters become graph patterns; order is stable per build."""

from __future__ import annotations

from ..rules import addressed as addressed_rule
from ..rules import confirmed as confirmed_rule
from ..rules import status
from ..store import Store


def _quote(text: str) -> str:
    """A SPARQL string literal for user text (escapes quotes, backslashes, newlines)."""
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"'


def _text_filter(var_texts: list[str], text: str | None) -> str:
    if not text:
        return ""
    needle = _quote(text.lower())
    tests = " || ".join(f"CONTAINS(LCASE(STR({v})), {needle})" for v in var_texts)
    return f"FILTER({tests})"


def _iris(store: Store, query: str) -> list[str]:
    return [row["s"].value for row in store.select(query)]


def recommendations(store: Store, *, report=None, body=None, role_iri=None, instrument=None,
                    theme=None, status_iri=None, status_not_in=(), stance_iri=None,
                    echoing=None, text=None, confirmed=None, as_of=None,
                    recorded_by=None) -> list[str]:  # fmt: skip
    """`as_of` and `recorded_by` (kg.rules.status) set the day the status filters answer for.
    `role_iri` narrows `body` to responsibilities of that role (alone: any body in that role);
    `stance_iri`: the government response's stance."""
    patterns = []
    lateral = store.capabilities.lateral  # else the SPARQL 1.1 form, which every engine runs
    when = {"lateral": lateral, "as_of": as_of, "recorded_by": recorded_by}
    if report:
        patterns.append(f"?s pkg:report <{report}> .")
    if body and role_iri:
        patterns.append(f"?s pkg:responsibility ?held . ?held pkg:body <{body}> ;"
                        f" pkg:role <{role_iri}> .")  # fmt: skip
    elif body:
        patterns.append(f"?s pkg:responsibility/pkg:body <{body}> .")
    elif role_iri:
        patterns.append(f"?s pkg:responsibility/pkg:role <{role_iri}> .")
    if instrument:  # the instrument itself or any of its parts
        # The Act in VALUES, not as a constant at the path's end: Oxigraph then walks the path
        # from the Act rather than from every recommendation.
        patterns.append(
            "?s pkg:instrumentLink/pkg:instrument ?i . ?i eli:is_part_of* ?within ."
            f" VALUES ?within {{ <{instrument}> }}"
        )
    if theme:
        patterns.append(f"?s pkg:theme <{theme}> .")
    if status_iri:
        patterns.append(status.latest_in([status_iri], negate=False, **when))
    if status_not_in:
        patterns.append(status.latest_in(list(status_not_in), negate=True, **when))
    if stance_iri:
        patterns.append(f"?s pkg:response/pkg:stance <{stance_iri}> .")
    if echoing is not None:
        patterns.append(f"FILTER({'' if echoing else '!'}EXISTS {{ ?s pkg:echoes ?earlier }})")
    return _iris(
        store,
        f"""
        SELECT DISTINCT ?s ?rk ?n WHERE {{
          ?s a pkg:Recommendation ; pkg:report ?r ; pkg:number ?n ; rdfs:label ?label ;
             pkg:summary ?summary .
          ?r pkg:key ?rk .
          {" ".join(patterns)} {confirmed_rule.sparql(confirmed)}
          {_text_filter(["?label", "?summary"], text)}
        }} ORDER BY ?rk ?n""",
    )


def held_by(store: Store, bodies: list[str], *, role_iri: str | None = None,
            confirmed: bool | None = None, as_of=None,
            recorded_by=None) -> dict[str, list[str]]:  # fmt: skip
    """For each of `bodies`, the recommendations it holds a responsibility for: of the role
    `role_iri` only if given, and only those whose responsibility is (or is not) confirmed if
    `confirmed` is given; with `as_of` (a date), only recommendations of reports issued on or
    before it; with `recorded_by`, only responsibilities recorded on or before it (one with no
    `pkg:recorded` counts as recorded when its report was issued).

    One query rather than walking body -> responsibilities -> holders -> their types, which
    takes a lookup per responsibility and step."""
    role = f"?d pkg:role <{role_iri}> ." if role_iri else ""
    when = ""
    if as_of is not None or recorded_by is not None:
        when = "?s pkg:report/dcterms:issued ?issued ."
        if as_of is not None:
            when += f' FILTER(?issued <= "{status.day(as_of)}"^^xsd:date)'
        if recorded_by is not None:
            when += (" OPTIONAL { ?d pkg:recorded ?recorded } FILTER(COALESCE(?recorded, ?issued)"
                     f' <= "{status.day(recorded_by)}"^^xsd:date)')  # fmt: skip
    values = " ".join(f"<{b}>" for b in bodies)
    held: dict[str, list[str]] = {}
    for row in store.select(f"""SELECT DISTINCT ?b ?s WHERE {{
          VALUES ?b {{ {values} }}
          ?d pkg:body ?b . {role} {confirmed_rule.sparql(confirmed, "?d")}
          ?s pkg:responsibility ?d ; a pkg:Recommendation .
          {when}
        }}"""):  # fmt: skip
        held.setdefault(row["b"].value, []).append(row["s"].value)
    return held


def findings(store: Store, *, report=None, body=None, theme=None, addressed=None, text=None,
             confirmed=None) -> list[str]:  # fmt: skip
    patterns = []
    if addressed is not None:
        patterns.append(addressed_rule.sparql(addressed))
    if report:
        patterns.append(f"?s pkg:report <{report}> .")
    if body:
        patterns.append(f"?s pkg:implicates <{body}> .")
    if theme:
        patterns.append(f"?s pkg:theme <{theme}> .")
    return _iris(
        store,
        f"""
        SELECT DISTINCT ?s WHERE {{
          ?s a pkg:Finding ; rdfs:label ?label ; pkg:summary ?summary .
          {" ".join(patterns)} {confirmed_rule.sparql(confirmed)}
          {_text_filter(["?label", "?summary"], text)}
        }} ORDER BY ?s""",
    )


def bodies(store: Store, *, kind=None, text=None, confirmed=None) -> list[str]:
    kind_filter = f"FILTER(LCASE(STR(?kind)) = {_quote(kind.lower())})" if kind else ""
    return _iris(
        store,
        f"""
        SELECT DISTINCT ?s ?label WHERE {{
          ?s a pkg:Body ; rdfs:label ?label ; pkg:bodyKind ?kind .
          OPTIONAL {{ ?s pkg:abbreviation ?abbr }}
          {kind_filter} {confirmed_rule.sparql(confirmed)}
          {_text_filter(["?label", "?abbr"], text)}
        }} ORDER BY ?label ?s""",
    )


def instruments(store: Store, *, kind_iri=None, text=None, confirmed=None) -> list[str]:
    kind_pattern = f"?s a <{kind_iri}> ." if kind_iri else ""
    return _iris(
        store,
        f"""
        SELECT DISTINCT ?s WHERE {{
          ?s a pkg:Instrument ; rdfs:label ?label .
          OPTIONAL {{ ?s pkg:legalCitation ?citation }}
          {kind_pattern} {confirmed_rule.sparql(confirmed)}
          {_text_filter(["?label", "?citation"], text)}
        }} ORDER BY ?s""",
    )


def reports(store: Store) -> list[str]:
    return _iris(store, "SELECT ?s WHERE { ?s a pkg:Report ; dcterms:issued ?d } ORDER BY ?d ?s")
