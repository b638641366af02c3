"""Theme suggestions (programme/theme_suggestions.py): plain Python, no database."""

from programme.learning.suggestions import stem, suggest_themes, tokens

COVID, SENIOR, EMPLOYERS, DATA = 1, 2, 3, 4

# Statements as local authorities wrote them in the 2021 report (the 2021 programme report, §3 and §4).
CODED = [
    ("Covid – a live event with employers was repeatedly delayed, and then had to be held online", [COVID]),
    ("Covid restrictions", [COVID]),
    ("Finding internal work opportunities when staff were working from home during Covid", [COVID]),
    ("Covid – staff are less able to visit young people, go with them to interviews", [COVID]),
    ("Turnover among senior managers and retaining support", [SENIOR]),
    ("Limited knowledge / support from senior managers at the start", [SENIOR]),
    ("Support offered by the Corporate Parenting Board and Senior Leaders", [SENIOR]),
    ("A multi-agency team with direct access to senior managers to resolve issues quickly", [SENIOR]),
    ("Built positive relationships with local organisations and employers", [EMPLOYERS]),
    ("Extend our reach to more employers and do more to share best practice", [EMPLOYERS]),
    ("Reaching beyond the council to other employers", [EMPLOYERS]),
    ("Better use of data to identify young people without English & Maths qualifications", [DATA]),
    ("Tracking data to find gaps in provision", [DATA]),
]


def test_suggest_themes_ranks_the_obviously_related_theme_first():
    uncoded = [
        (10, "Relaxing of Covid restrictions"),
        (11, "Keeping our senior managers informed of progress to ensure continued support"),
        (12, "Deepening our relationships with local employers"),
        (13, "Using the data we hold to spot young people without maths qualifications"),
    ]

    suggestions = suggest_themes(coded=CODED, uncoded=uncoded)

    assert {statement_id: ranked[0][0] for statement_id, ranked in suggestions.items()} == {
        10: COVID, 11: SENIOR, 12: EMPLOYERS, 13: DATA,
    }


def test_suggest_themes_scores_are_best_first_between_min_score_and_one():
    suggestions = suggest_themes(coded=CODED, uncoded=[(1, "Senior managers supported our employer event")])

    scores = [score for _, score in suggestions[1]]
    assert scores == sorted(scores, reverse=True)
    assert all(0.1 <= score <= 1 for score in scores)


def test_suggest_themes_gives_at_most_top_themes():
    text = "Covid restrictions, senior managers, employers and data"

    assert len(suggest_themes(coded=CODED, uncoded=[(1, text)], top=2)[1]) == 2
    assert len(suggest_themes(coded=CODED, uncoded=[(1, text)], top=3)[1]) == 3


def test_suggest_themes_answers_every_uncoded_statement_even_with_nothing_in_common():
    suggestions = suggest_themes(coded=CODED, uncoded=[(1, "Zebras"), (2, ""), (3, "Covid")])

    assert suggestions[1] == []
    assert suggestions[2] == []
    assert [theme_id for theme_id, _ in suggestions[3]] == [COVID]


def test_suggest_themes_with_nothing_coded_suggests_nothing():
    assert suggest_themes(coded=[], uncoded=[(1, "Covid restrictions")]) == {1: []}


def test_suggest_themes_min_score_filters_weak_matches():
    uncoded = [(1, "Covid restrictions and a little data")]

    weak = suggest_themes(coded=CODED, uncoded=uncoded, min_score=0.0)[1]
    strict = suggest_themes(coded=CODED, uncoded=uncoded, min_score=0.3)[1]

    assert {theme_id for theme_id, _ in weak} >= {COVID, DATA}
    assert [theme_id for theme_id, _ in strict] == [COVID]


def test_tokens_drop_stop_words_short_words_punctuation_and_numbers():
    assert tokens("We've hit our targets: 10 Care Leavers, in 2021!") == ["weve", "hit", "target", "care", "leaver"]


def test_stem_joins_common_endings():
    assert {stem(word) for word in ("employer", "employers")} == {"employer"}
    assert {stem(word) for word in ("support", "supported", "supporting", "supports")} == {"support"}
    assert stem("opportunities") == "opportunity"
    assert stem("business") == "business"
