"""The benchmark's core questions as raw SPARQL: the same answer as each GraphQL operation.

Each query asks for every value its GraphQL operation returns (the test
tests/scripts/test_raw_queries.py checks that on the bundled corpus), and is written as someone
who knows the engine would write it, so that GraphQL / raw measures the API's cost, not a slow
query:
- Oxigraph evaluates an OPTIONAL, or a join with a sub-select, by computing its right side
  over the whole store, so a naive query's time grows with the store while the forms below
  only read around the given entity. Two remedies: a UNION of branches that each start from
  the given entity (portable), and Oxigraph's LATERAL, which evaluates its right side once per
  left row.
- LATERAL is not SPARQL 1.1: stores without it (Virtuoso) get SPARQL_11 instead.
- A property path to a constant (`?i eli:is_part_of* <act>`) is planned from the wrong end when
  joined with more patterns (from every `?i` rather than from the act); the same constant in
  VALUES is planned from the act.
"""

from __future__ import annotations

PREFIXES = """PREFIX pkg: <https://policy-kg.example/ns#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

#: The recommendations touching an Act or any of its parts, found from the Act's side.
_TOUCHING = """?i eli:is_part_of* ?a . VALUES ?a { <{act}> } ?l pkg:instrument ?i .
  ?rec pkg:instrumentLink ?l ."""

#: The recommendations a body leads, with their report key, number and title (and its name).
_LEADS = """SELECT ?name ?rk ?n ?title ?status ?date ?note WHERE {
      { <{body}> rdfs:label ?name }
      UNION {
        ?resp pkg:body <{body}> ; pkg:role pkg:Lead . ?rec pkg:responsibility ?resp ;
          a pkg:Recommendation ; pkg:number ?n ; dcterms:title ?title ; pkg:report/pkg:key ?rk .
"""

#: Operation -> query template over the chosen variables ({body}, {act}, {section}, ...).
RAW = {
    "HomeOfficeLeads": _LEADS
    + """        LATERAL { OPTIONAL { SELECT ?rec ?status ?date ?note WHERE {
          ?rec pkg:statusEvent ?e . ?e pkg:status ?status ; pkg:date ?date .
          OPTIONAL { ?e pkg:note ?note } } ORDER BY DESC(?date) DESC(?e) LIMIT 1 } } } }""",
    "RecommendationsTouchingAct": """SELECT ?total ?rk ?n ?title ?rel ?note ?inst ?kind ?cit ?it
        ?pt ?pc WHERE {
      { SELECT (COUNT(DISTINCT ?rec) AS ?total) WHERE { """
    + _TOUCHING
    + """ ?rec a pkg:Recommendation } }
      UNION {
        { SELECT DISTINCT ?rec ?rk ?n WHERE { """
    + _TOUCHING
    + """ ?rec a pkg:Recommendation ; pkg:number ?n ; pkg:report/pkg:key ?rk }
          ORDER BY ?rk ?n LIMIT 50 }
        ?rec dcterms:title ?title ; pkg:instrumentLink ?l . ?l pkg:relation ?rel ;
             pkg:instrument ?inst . ?inst a ?kind ; dcterms:title ?it .
        OPTIONAL { ?l pkg:note ?note } OPTIONAL { ?inst pkg:legalCitation ?cit }
        OPTIONAL { ?inst eli:is_part_of ?p . ?p dcterms:title ?pt .
                   OPTIONAL { ?p pkg:legalCitation ?pc } } } }""",
    "SectionToRecommendations": """SELECT ?t ?c ?pt ?pc ?h ?rk ?n ?title ?rel ?note ?label
        ?type WHERE {
      { <{section}> dcterms:title ?t . OPTIONAL { <{section}> pkg:legalCitation ?c } }
      UNION { <{section}> eli:is_part_of ?p . ?p dcterms:title ?pt .
              OPTIONAL { ?p pkg:legalCitation ?pc } }
      UNION { ?l pkg:instrument <{section}> ; pkg:relation ?rel . OPTIONAL { ?l pkg:note ?note }
              ?h pkg:instrumentLink ?l ; a ?type ; rdfs:label ?label }
      UNION { ?i eli:is_part_of* ?s . VALUES ?s { <{section}> } ?l pkg:instrument ?i .
              ?h pkg:instrumentLink ?l ; a pkg:Recommendation ; pkg:number ?n ;
                 dcterms:title ?title ; pkg:report/pkg:key ?rk } }""",
    "GovernmentResponse": """SELECT ?rt ?rec ?n ?title ?stance ?issued ?summary ?ok ?c ?loc ?st
        WHERE {
      { <{report}> dcterms:title ?rt }
      UNION { ?rec pkg:report <{report}> ; a pkg:Recommendation ; pkg:number ?n ;
                   dcterms:title ?title }
      UNION { ?rec pkg:report <{report}> ; a pkg:Recommendation ; pkg:response ?r .
              ?r pkg:stance ?stance ; pkg:summary ?summary ; pkg:confirmed ?ok .
              OPTIONAL { ?r dcterms:issued ?issued } }
      UNION { ?rec pkg:report <{report}> ; a pkg:Recommendation ; pkg:response ?r .
              ?r pkg:citation ?c . ?c pkg:source/dcterms:title ?st .
              OPTIONAL { ?c pkg:locator ?loc } } }""",
    "BodyProfile": """SELECT ?name ?abbr ?kind ?parent ?child ?rec ?rk ?n ?title ?fk ?ft ?src
        ?auth WHERE {
      { <{body}> rdfs:label ?name ; pkg:bodyKind ?kind .
        OPTIONAL { <{body}> pkg:abbreviation ?abbr } }
      UNION { <{body}> org:subOrganizationOf/rdfs:label ?parent }
      UNION { ?c org:subOrganizationOf <{body}> ; rdfs:label ?child }
      UNION { ?resp pkg:body <{body}> . ?rec pkg:responsibility ?resp ; a pkg:Recommendation ;
                pkg:number ?n ; dcterms:title ?title ; pkg:report/pkg:key ?rk }
      UNION { ?f pkg:implicates <{body}> ; pkg:key ?fk ; dcterms:title ?ft }
      UNION { <{body}> pkg:citation/pkg:source ?s . ?s dcterms:title ?src ;
                pkg:authority ?auth } }""",
    "Search": """SELECT ?s (MAX(?score) AS ?best) (SAMPLE(?label) AS ?l) (SAMPLE(?type) AS ?t)
        (SAMPLE(?ok) AS ?confirmed) WHERE {
      VALUES ?type { pkg:Report pkg:Finding pkg:Recommendation pkg:Body pkg:Instrument
                     pkg:Theme pkg:ProposedChange }
      ?s a ?type ; ?p ?text ; rdfs:label ?label ; pkg:confirmed ?ok .
      VALUES ?p { rdfs:label dcterms:title pkg:summary pkg:abbreviation skos:definition }
      FILTER(CONTAINS(LCASE(STR(?text)), "{text}"))
      BIND(IF(?p = rdfs:label, 2, 1) AS ?score) } GROUP BY ?s ORDER BY DESC(?best) ?s""",
}

_LATEST = """OPTIONAL { ?rec pkg:statusEvent ?e . ?e pkg:status ?status ; pkg:date ?date .
  OPTIONAL { ?e pkg:note ?note }
  FILTER NOT EXISTS { ?rec pkg:statusEvent ?e2 . ?e2 pkg:date ?d2
                      FILTER(?d2 > ?date || (?d2 = ?date && STR(?e2) > STR(?e))) } }"""

#: The query that needs LATERAL, in SPARQL 1.1 (for Virtuoso); the others are SPARQL 1.1.
SPARQL_11 = {
    "HomeOfficeLeads": _LEADS + _LATEST + """ } }""",
}


def raw_query(name: str, variables: dict, lateral: bool = True) -> str | None:
    """The raw SPARQL for operation `name` over `variables`, or None if it has none."""
    template = (RAW if lateral else {**RAW, **SPARQL_11}).get(name)
    if template is None:
        return None
    for key in ("body", "act", "section", "report", "text"):
        template = template.replace("{" + key + "}", str(variables[key]))
    return PREFIXES + template
