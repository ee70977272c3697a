"""Round 23 of the linker: recommendations cited by number, as journalists, lawyers, MPs and
report authors cite them. Every passage is written for this test (none is a gold set's). Each
lists the mentions it holds, by the gold README's rules, as (a token the mention must cover,
its occurrence, the report's key, the number); any other recommendation linked is wrong, so
the traps at the end (a text's own "Recommendation 1:", "four recommendations", "the fourth
time", "Part 4", "paragraph 4.2", "section 4") must link none."""

from __future__ import annotations

import pytest

B = "https://policy-kg.example/report/"

C, F, T, H, N = (
    "casey-2025",
    "iicsa-final-2022",
    "telford-2022",
    "hmicfrs-2023",
    "iicsa-networks-2022",
)
PASSAGES = [
    # --- digits
    (
        "Baroness Casey's national audit was published in June. Recommendation 4 asks every police "
        "force to record the ethnicity of suspects.",
        [("4", 1, C, 4)],
    ),
    (
        "The Home Secretary accepted the Casey audit in full. Ministers say recommendation 7 will "
        "be in law by the spring.",
        [("7", 1, C, 7)],
    ),
    (
        "IICSA's final report made 20 recommendations. Recommendation 13 called for a new "
        "authority to oversee child protection.",
        [("13", 1, F, 13)],
    ),
    (
        "In its final report IICSA set out a programme of reform. Recommendations 2, 5 and 7 were "
        "addressed to the government.",
        [("2", 1, F, 2), ("5", 1, F, 5), ("7", 1, F, 7)],
    ),
    (
        "The Telford inquiry reported in 2022. Recommendations 1 to 3 concern taxi licensing.",
        [("1", 1, T, 1), ("to", 1, T, 2), ("3", 1, T, 3)],
    ),
    (
        "Baroness Casey's audit is blunt about the courts. Recommendations 9-11 deal with charging "
        "and trials.",
        [("9", 1, C, 9), ("-", 1, C, 10), ("11", 1, C, 11)],
    ),
    (
        "The Casey audit, published on 16 June, runs to 12 recommendations. Recommendation no. 5 "
        "is the one councils fear most.",
        [("5", 1, C, 5)],
    ),
    (
        "Counsel for the families relied on the Casey audit. Recommendation (4) was, she said, "
        "the heart of it.",
        [("4", 1, C, 4)],
    ),
    (
        "Under recommendation 6 of the Casey audit, forces must review closed cases.",
        [("6", 1, C, 6)],
    ),
    (
        "IICSA's recommendation 13 would create a Child Protection Authority for England.",
        [("13", 1, F, 13)],
    ),
    (
        "The Telford inquiry's recommendation 2 was accepted by the council within a month.",
        [("2", 1, T, 2)],
    ),
    (
        "HMICFRS published its inspection in December 2023. Recommendation 3 asked chief "
        "constables to improve their data.",
        [("n 3", 1, H, 3)],
    ),
    (
        "Casey Recommendation 1 has become shorthand in Westminster for the national operation.",
        [("1", 1, C, 1)],
    ),
    (
        "The government has now responded to Baroness Casey's audit. It accepts recommendations "
        "1, 2, 3 and 4, and is consulting on recommendation 5.",
        [("1", 1, C, 1), ("2", 1, C, 2), ("3", 1, C, 3), ("4", 1, C, 4), ("5", 1, C, 5)],
    ),
    # --- number words
    (
        "Baroness Casey's audit sets a hard line on data. Recommendation Seven asks for a national "
        "review of grooming cases.",
        [("Seven", 1, C, 7)],
    ),
    (
        "The Casey audit was published last week. Its authors describe recommendation four as "
        "the most urgent.",
        [("four", 1, C, 4)],
    ),
    (
        "The Casey audit was published last week. RECOMMENDATION TWELVE concerns the courts.",
        [("TWELVE", 1, C, 12)],
    ),
    (
        "Recommendations one and two of the Casey audit are addressed to the Home Office.",
        [("one", 1, C, 1), ("two", 1, C, 2)],
    ),
    (
        "The Casey audit was debated on Monday. Recommendations three to five were barely "
        "mentioned.",
        [("three", 1, C, 3), ("to", 1, C, 4), ("five", 1, C, 5)],
    ),
    (
        "IICSA's final report was debated again. Recommendation twenty, on a cabinet minister "
        "for children, remains unmet.",
        [("twenty", 1, F, 20)],
    ),
    (
        "The Casey audit: Recommendation Eleven says the courts must act faster.",
        [("Eleven", 1, C, 11)],
    ),
    # --- ordinals
    ("The Casey audit's fourth recommendation asks for ethnicity data.", [("fourth", 1, C, 4)]),
    (
        "IICSA published its final report in 2022. Its fourth recommendation concerned the "
        "workforce.",
        [("fourth", 1, F, 4)],
    ),
    (
        "Baroness Casey published her audit in June. Her eleventh recommendation is about the "
        "courts.",
        [("eleventh", 1, C, 11)],
    ),
    (
        "The last recommendation of the Casey audit asks for a review in a year.",
        [("last", 1, C, 12)],
    ),
    (
        "The twelfth and final recommendation of Casey's audit asks for a review in a year.",
        [("twelfth", 1, C, 12)],
    ),
    (
        "Baroness Casey's audit was published in June. The fourth to sixth recommendations all "
        "concern the police.",
        [("fourth", 1, C, 4), ("to", 1, C, 5), ("sixth", 1, C, 6)],
    ),
    (
        "The Casey audit is short. The first and second recommendations are for the Home Office.",
        [("first", 1, C, 1), ("second", 1, C, 2)],
    ),
    (
        "The Casey audit is short. The third, fourth and fifth recommendations are for the police.",
        [("third", 1, C, 3), ("fourth", 1, C, 4), ("fifth", 1, C, 5)],
    ),
    (
        "The Telford inquiry made four recommendations. The first recommendation was about taxis.",
        [("first", 1, T, 1)],
    ),
    (
        "IICSA's final report is long. The thirteenth recommendation is the one that matters.",
        [("thirteenth", 1, F, 13)],
    ),
    (
        "HMICFRS inspected every force in 2023. Its sixth recommendation asked the Home Office to "
        "act.",
        [("sixth", 1, H, 6)],
    ),
    ("The Casey audit's 4th recommendation asks for ethnicity data.", [("4th", 1, C, 4)]),
    # --- bare continuations
    (
        "The Casey audit made twelve recommendations. The fourth recommendation is on data, the "
        "fifth on the police and the sixth on taxis.",
        [("fourth", 1, C, 4), ("fifth", 1, C, 5), ("sixth", 1, C, 6)],
    ),
    (
        "Baroness Casey's audit made twelve recommendations. Its fourth asked for ethnicity data. "
        "Its fifth asked for a national operation.",
        [("fourth", 1, C, 4), ("fifth", 1, C, 5)],
    ),
    (
        "Baroness Casey's audit made several recommendations: the fourth to collect data, the "
        "fifth to set up a national operation, and the sixth to introduce new offences.",
        [("fourth", 1, C, 4), ("fifth", 1, C, 5), ("sixth", 1, C, 6)],
    ),
    (
        "IICSA's final report set out recommendations on many fronts. The first called for a "
        "minister, and the second for a new authority.",
        [("first", 1, F, 1), ("second", 1, F, 2)],
    ),
    (
        "The Casey audit's third recommendation is on convictions; the fourth, on data.",
        [("third", 1, C, 3), ("fourth", 1, C, 4)],
    ),
    ("Of the Casey audit's recommendations, the second is the simplest.", [("second", 1, C, 2)]),
    # --- abbreviations
    ("Baroness Casey's audit: R4 asks for ethnicity data on every suspect.", [("R4", 1, C, 4)]),
    (
        "Baroness Casey's audit, Rec 4: ethnicity data on every suspect. Our view follows.",
        [("4", 1, C, 4)],
    ),
    ("The Casey audit (rec. 4) wants ethnicity data recorded.", [("4", 1, C, 4)]),
    (
        "The Casey audit's Recs 4-6 all concern the police.",
        [("4", 1, C, 4), ("-", 1, C, 5), ("6", 1, C, 6)],
    ),
    ("IICSA's R13 is still unmet, three years on.", [("R13", 1, F, 13)]),
    ("Casey's recs 1 and 2 went to the Home Office.", [("1", 1, C, 1), ("2", 1, C, 2)]),
    ("The audit by Baroness Casey (June 2025). See Rec. 9 on charging.", [("9", 1, C, 9)]),
    # --- parenthetical and possessive
    (
        "Casey's fourth recommendation is the data one, and IICSA's fourth is not.",
        [("fourth", 1, C, 4), ("fourth", 2, F, 4)],
    ),
    ("Recommendation 4 of the final report of IICSA has not been met.", [("4", 1, F, 4)]),
    (
        "IICSA published its final report in October 2022. Recommendation 4 of the final report "
        "concerns the workforce.",
        [("4", 1, F, 4)],
    ),
    ("The Telford inquiry's third recommendation concerns taxi drivers.", [("third", 1, T, 3)]),
    (
        "Baroness Casey's audit asked for better data (recommendation 4) and a national operation "
        "(recommendation 5).",
        [("4", 1, C, 4), ("5", 1, C, 5)],
    ),
    ("HMICFRS's fourth recommendation asked for better data.", [("fourth", 1, H, 4)]),
    # --- context across a sentence or paragraph
    (
        "Baroness Casey spent months in the archives of the police.\n\nHer audit, published in "
        "June, is unsparing. Recommendation 8 deals with the victims.",
        [("8", 1, C, 8)],
    ),
    (
        "The Telford inquiry took evidence from hundreds of witnesses. Its chair was unsparing "
        "about the council. Recommendation 4 is addressed to the council directly.",
        [("4", 1, T, 4)],
    ),
    (
        "IICSA's final report was published in 2022. The government accepted most of it. Three "
        "years on, recommendation 9 is still not in force.",
        [("9", 1, F, 9)],
    ),
    (
        "The Casey audit came out in June. It cited IICSA's report of 2022 many times. Its fourth "
        "recommendation asks for ethnicity data.",
        [("fourth", 1, C, 4)],
    ),
    (
        "Baroness Casey's audit was published in June. It draws on the Telford inquiry. Its fourth "
        "recommendation asks for ethnicity data on every suspect, and its fifth for a national "
        "operation.",
        [("fourth", 1, C, 4), ("fifth", 1, C, 5)],
    ),
    # --- two reports in one paragraph
    (
        "IICSA's final report made twenty recommendations and the Casey audit twelve. IICSA's "
        "fourth recommendation concerned the workforce; Casey's fourth concerns data.",
        [("fourth", 1, F, 4), ("fourth", 2, C, 4)],
    ),
    (
        "The Telford inquiry made four recommendations, Casey twelve. The Telford inquiry's third "
        "recommendation concerns taxis, and the audit's third concerns convictions.",
        [("third", 1, T, 3), ("third", 2, C, 3)],
    ),
    (
        "HMICFRS reported in 2023 and Baroness Casey in 2025. The inspectorate's fifth "
        "recommendation and the audit's fifth recommendation overlap.",
        [("fifth", 1, H, 5), ("fifth", 2, C, 5)],
    ),
    (
        "IICSA's recommendation 13 and Casey's recommendation 12 both ask for more oversight.",
        [("13", 1, F, 13), ("12", 1, C, 12)],
    ),
    (
        "The Casey audit was published in June 2025. Its eighth recommendation asks for a "
        "victims' service; Recommendation 8 of the Casey audit is the one ministers quote.",
        [("eighth", 1, C, 8), ("8", 1, C, 8)],
    ),
    # --- more real forms
    (
        "Mr Speaker, the Casey audit is clear. Recommendation 1 is a national police operation, "
        "and recommendation 2 a new offence.",
        [("1", 1, C, 1), ("2", 1, C, 2)],
    ),
    (
        "Will the minister tell the House when recommendation 11 of Baroness Casey's audit will be "
        "implemented?",
        [("11", 1, C, 11)],
    ),
    (
        "The Telford inquiry (2022), recommendation 1: licensing authorities should share data.",
        [("1", 1, T, 1)],
    ),
    (
        "In their written evidence the council said it had met Recommendation 3 of the Telford "
        "inquiry in full.",
        [("3", 1, T, 3)],
    ),
    (
        "The claimant relies on paragraph 12 of the judgment and on recommendation 3 of the "
        "Casey audit.",
        [("3", 1, C, 3)],
    ),
    (
        "The Casey audit's first recommendation, a national operation, was announced the same day.",
        [("first", 1, C, 1)],
    ),
    (
        "IICSA's final report: its eighth and ninth recommendations concern the workforce.",
        [("eighth", 1, F, 8), ("ninth", 1, F, 9)],
    ),
    # --- traps: no recommendation at all
    (
        "Recommendation 1: The Home Office should publish ethnicity data every year.\n\n"
        "Recommendation 2: Every force should adopt the national standard.",
        [],
    ),
    ("Baroness Casey's audit makes four recommendations on data alone.", []),
    (
        "Baroness Casey's audit was published in June. For the fourth time, a report has asked "
        "for better data.",
        [],
    ),
    (
        "Part 4 of the Sexual Offences Act 2003 deals with other matters. The Casey audit is "
        "silent on it.",
        [],
    ),
    ("The Casey audit, at paragraph 4.2, explains its method. Its recommendations follow.", []),
    ("Section 4 of the Act was not considered by the Casey audit.", []),
    ("Baroness Casey made the recommendation two years ago, and nobody listened.", []),
    ("The Casey audit was published on the sixteenth of June.", []),
    ("The Casey audit is the fourth report on the subject since 2014.", []),
    ("The Bill passed its second reading. The Casey audit made twelve recommendations.", []),
    ("The Casey audit's recommendations will take five years to put in place.", []),
    ("The Casey audit was the first to count the cases. Its recommendations are modest.", []),
    (
        "The council met the first of the recommendations in 2023, when the Casey audit was not "
        "yet written.",
        [],
    ),
]


def _at(text: str, token: str, occurrence: int) -> tuple[int, int]:
    at = -1
    for _ in range(occurrence):
        at = text.find(token, at + 1)
        assert at >= 0, (token, text)
    return at, at + len(token)


@pytest.mark.parametrize(
    ("text", "expected"), PASSAGES, ids=[f"p{i:02d}" for i in range(len(PASSAGES))]
)
def test_recommendations_cited_by_number(linker, text, expected):
    found = [m for m in linker.link(text).mentions if m.kind == "Recommendation"]
    missed = []
    for token, occurrence, report, number in expected:
        start, end = _at(text, token, occurrence)
        iri = f"{B}{report}/recommendation/{number}"
        hit = next((m for m in found if m.start <= start and end <= m.end and m.id == iri), None)
        if hit is None:
            missed.append((token, occurrence, report, number))
        else:
            found.remove(hit)
    wrong = [(m.text, m.id.removeprefix(B)) for m in found]
    assert (missed, wrong) == ([], [])


#: Round 24: a blind probe of 40 passages written before the linker was read (news, legal
#: commentary, debate, recommendations chapters); these 17 failed before it and pass now.
PASSAGES_24 = [
    # news-01
    (
        "Ministers have accepted all twelve recommendations in Baroness Casey's national "
        "audit, the Home Secretary told MPs on 16 June. The most contested, Recommendation "
        "1, means adults who penetrate a child under 16 will be charged with rape. "
        "Campaigners welcomed the move but pointed to the audit's fourth and fifth "
        "recommendations, on ethnicity data and information sharing, saying both had been "
        "made before. A Home Office spokesperson said work on recommendation No. 7, the "
        "upgrade of police systems, had begun, and that a bill would receive its second "
        "reading before the summer recess.",
        [
            ("Recommendation 1", 1, C, 1),
            ("fourth", 1, C, 4),
            ("fifth recommendations", 1, C, 5),
            ("recommendation No. 7", 1, C, 7),
        ],
    ),
    # news-06
    (
        'The Department for Transport has opened a consultation on ending "out of area" taxi '
        "licensing. It follows the Casey audit, whose eleventh recommendation called for the "
        "change, and the Telford inquiry before it. Licensing authorities have until 4 "
        "September to respond. The department says it is also looking at the inquiry's "
        "second, on training drivers licensed elsewhere. Opponents say the consultation's "
        "first question, on national minimum standards, repeats one asked in 2023.",
        [("eleventh recommendation", 1, C, 11), ("second", 1, T, 2)],
    ),
    # news-07
    (
        "A cross-party group of MPs has written to the Home Secretary about the national "
        "audit. Their letter, seen by this newspaper, says recommendations 5 and 6 — a duty "
        "on safeguarding partners to share information and a unique reference number for "
        "every child — should be in the next bill. It also asks what has become of the final "
        "recommendation, whose content, the letter says, was never published in full. The "
        "letter runs to four pages and makes three requests; the first is for a meeting "
        "before 30 October.",
        [("recommendations 5", 1, C, 5), ("6", 1, C, 6), ("final recommendation", 1, C, 12)],
    ),
    # news-10
    (
        "A year after the inspection, the inspectorate's follow-up found patchy progress. On "
        "custody returns, which HMICFRS had said should stop (its fifth recommendation), the "
        "Home Office had acted. A new annual data requirement — recommendation six — was in "
        "place. The first recommendation, on the scale of exploitation, was not one the "
        "inspectorate revisited. Inspectors made 2 further recommendations and noted 1 area "
        "for improvement.",
        [("fifth recommendation", 1, H, 5), ("recommendation six", 1, H, 6)],
    ),
    # legal-02
    (
        "Disregards. The national audit's third recommendation would require the Home Office "
        "to review and disregard the convictions of children who were exploited. A disregard "
        "scheme already exists under Chapter 4 of Part 5 of the Protection of Freedoms Act "
        "2012 for historical offences, and that model is the obvious one to follow. The "
        "third point to note is procedural: applications under the 2012 scheme are decided "
        "on the papers. If Casey's third is implemented by extending that Chapter, the "
        "scheme will need a new qualifying condition.",
        [("third recommendation", 1, C, 3), ("third", 3, C, 3)],
    ),
    # legal-05
    (
        "Barring. The barred list is the principal safeguard against unsuitable people "
        "working with children. The inquiry asked for greater use of it (R9) and for "
        "compliance with the duties to refer to the Disclosure and Barring Service (R10). "
        "Section 35 of the Safeguarding Vulnerable Groups Act 2006 already imposes a duty to "
        "refer. What R10 adds is enforcement. The inquiry's eleventh would extend the regime "
        "to those working with children overseas, which raises questions of jurisdiction "
        "considered in paragraph 11.3.",
        [("R9", 1, F, 9), ("R10", 1, F, 10), ("R10", 2, F, 10), ("eleventh", 1, F, 11)],
    ),
    # legal-06
    (
        "Compensation. Two of the inquiry's final recommendations concern money. "
        "Recommendation 18 proposed changes to the Criminal Injuries Compensation Scheme, "
        "including to the rule that excludes victims whose abuse was not reported. "
        "Recommendation 19 proposed a national redress scheme. The 2012 Scheme was last "
        "amended in 2024; paragraph 26 and Annex D remain as they were.",
        [("Recommendation 18", 1, F, 18), ("Recommendation 19", 1, F, 19)],
    ),
    # legal-07
    (
        "Problem profiles and partner data. HMICFRS's inspection of 2023 made nine "
        "recommendations. The second required forces to produce problem profiles drawing on "
        "partner data, including from health and education. There is no statutory basis for "
        "that sharing beyond the general powers in the Crime and Disorder Act 1998, s. 115. "
        "The inspectorate's fourth, on record systems, is a matter of practice rather than "
        "law. Nine recommendations is a modest number for an inspection of this scope.",
        [("second", 1, H, 2), ("fourth", 1, H, 4)],
    ),
    # legal-09
    (
        "Recommendation 6 and the Children Act 1989. The inquiry's sixth recommendation "
        "proposed amending the Children Act 1989 so that children in care, and those in "
        "secure settings, are protected by a duty to protect them from sexual abuse. Section "
        "22 of the 1989 Act already sets out a local authority's general duty. The drafting "
        "question, discussed in paragraphs 6.1 to 6.4, is whether a new subsection is "
        "enough. Recommendations 7 and 8 (registration of care staff) are considered in the "
        "next part.",
        [("sixth recommendation", 1, F, 6), ("7", 1, F, 7), ("8", 4, F, 8)],
    ),
    # debate-05
    (
        "Lord Blunkett (Lab): My Lords, in 2022 the inquiry recommended mandatory reporting; "
        "that was recommendation 13. The Casey audit, in its turn, made 12 recommendations, "
        "and they overlap. The inquiry's thirteenth is, I suggest, the more important. Will "
        "the Minister confirm that the Bill's third reading will not take place until the "
        "reporting duty is in it?\nBaroness Levitt: My Lords, I can confirm that the "
        "reporting duty is in clause 72 of the Bill.",
        [("recommendation 13", 1, F, 13), ("thirteenth", 1, F, 13)],
    ),
    # debate-07
    (
        "Chris Philp: The Minister refers to the inspectorate. Let me quote its second "
        "recommendation: forces should draw on partner data. That was HMICFRS recommendation "
        "2, in December 2023. And its third asked the NCA for an assessment. Two years later "
        "neither is complete. Will she publish a table showing the status of each of the "
        "nine recommendations by the date of the third anniversary of the report?",
        [("second recommendation", 1, H, 2), ("recommendation 2", 1, H, 2), ("third", 1, H, 3)],
    ),
    # debate-10
    (
        "Ms Creasy: The audit says the convictions of exploited children should be "
        "disregarded. That is Casey's recommendation 3. The Minister said on Second Reading "
        "that it would be in the Bill. It is not in Part 4, and clause 3 does something else "
        "entirely. When will recommendation 3 be honoured? And what of the inquiry's "
        "recommendation 5, on pain compliance techniques, which has nothing to do with the "
        "first?",
        [
            ("recommendation 3", 1, C, 3),
            ("recommendation 3", 2, C, 3),
            ("recommendation 5", 1, F, 5),
        ],
    ),
    # recs-06
    (
        "Annex B: earlier recommendations and their status\nCasey (2025), Recommendation 6: "
        "unique reference number — accepted.\nIICSA final report (2022), Recommendation 12: "
        "online pre-screening — not accepted.\nIICSA final report (2022), Recommendation 16: "
        "therapeutic support — accepted in principle.\nHMICFRS (2023), Recommendation 5: "
        "custody returns — implemented.\nTelford (2022), Recommendation 3: joint review "
        "group — implemented.\nJay (2014), Recommendation 3: not assessed.",
        [
            ("Recommendation 6", 1, C, 6),
            ("Recommendation 12", 1, F, 12),
            ("Recommendation 16", 1, F, 16),
            ("Recommendation 5", 1, H, 5),
            ("Recommendation 3", 1, T, 3),
        ],
    ),
    # recs-07
    (
        "5 Our conclusions and recommendations\n5.1 We have considered the audit's twelve "
        "recommendations alongside the inquiry's twenty. The audit's second (a national "
        "inquiry) and the inquiry's nineteenth (redress) are the most costly.\n5.2 We "
        "recommend that the Treasury publish costings for both (Recommendation 1).\n5.3 We "
        "also recommend that the Home Office report to Parliament on the seventh — police "
        "systems — within a year (Recommendation 2).",
        [("second", 1, C, 2), ("nineteenth", 1, F, 19), ("seventh", 1, C, 7)],
    ),
    # recs-08
    (
        "Chapter 3 Information sharing\nOur analysis in Chapter 2 shows that information is "
        "still not shared. Baroness Casey's audit made the same finding, and recommendations "
        "5 and 6 respond to it. The Telford inquiry made a similar recommendation in 2022 "
        "(recommendation 3).\nRecommendation 4 The Department for Education should issue "
        "statutory guidance on information sharing within 12 months.\nRecommendation 5 "
        "Safeguarding partners should report annually on information sharing.",
        [("recommendations 5", 1, C, 5), ("6", 1, C, 6), ("recommendation 3", 1, T, 3)],
    ),
    # recs-09
    (
        "Table 2: recommendations we rely on\nReport | Recommendation | Subject\nCasey audit "
        "| 10 | research into drivers\nIICSA final report | 14 | compliance with the "
        "Victims' Code\nIICSA networks report | 2 | disruption toolkit\nHMICFRS 2023 | 3 | "
        "NCA assessment\nNotes: the table lists 4 recommendations, dated 1 May 2026.",
        [("10", 1, C, 10), ("14", 1, F, 14), ("2", 2, N, 2), ("3", 2, H, 3)],
    ),
    # recs-10
    (
        "Recommendations\nIn this report we make 8 recommendations, set out below. The "
        "numbering follows our chapters.\nRecommendation 1 (Chapter 2): The Home Office "
        "should implement the audit's first without delay.\nRecommendation 2 (Chapter 3): "
        "The Ministry of Justice should report on IICSA's recommendation 18, on criminal "
        "injuries compensation.\nRecommendation 3 (Chapter 4): The NCA should publish the "
        "assessment the inspectorate asked for in its third recommendation.",
        [("first", 1, C, 1), ("recommendation 18", 1, F, 18), ("third recommendation", 1, H, 3)],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), PASSAGES_24, ids=[f"r24-{i:02d}" for i in range(len(PASSAGES_24))]
)
def test_round_24_probe(linker, text, expected):
    test_recommendations_cited_by_number(linker, text, expected)
