"""A light English stemmer for site search, so that "apprentice" finds
"apprenticeships", "employer" finds "employers" and "employment", on SQLite
(whose full-text index does no stemming) and on PostgreSQL alike.

Wagtail's database backends match whole words. Each page that opts in
indexes, beside its text, the stems of its words (`stems(text)`), and
resources/search.py asks for the stems of the query's words as well as the
words themselves. The stemmer only strips common endings, in a fixed order,
and keeps at least four letters, so it errs on the side of finding more."""
import re

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
MIN_STEM = 4

# Longest first; each applies once, in this order (so "apprenticeships" loses
# "s", then "ship", then "e").
ENDINGS = [
    ("'s", ""), ("’s", ""), ("ies", "y"), ("sses", "ss"), ("s", ""),
    ("ships", ""), ("ship", ""), ("ments", ""), ("ment", ""), ("ness", ""), ("ingly", ""), ("ing", ""),
    ("edly", ""), ("ed", ""), ("ers", ""), ("er", ""), ("ly", ""), ("ity", ""), ("ities", ""),
    ("ations", ""), ("ation", ""), ("ions", ""), ("ion", ""), ("ive", ""), ("al", ""), ("e", ""),
]
GROUPS = [
    ("'s", "’s", "ies", "sses", "s"),
    ("ships", "ship", "ments", "ment", "ness"),
    ("ingly", "ing", "edly", "ed", "ers", "er", "ly", "ities", "ity", "ations", "ation", "ions", "ion", "ive",
     "al"),
    ("e",),
]
REPLACE = dict(ENDINGS)


def stem(word: str) -> str:
    word = word.lower()
    for group in GROUPS:
        for ending in group:
            if word.endswith(ending) and len(word) - len(ending) + len(REPLACE[ending]) >= MIN_STEM:
                if ending == "s" and word.endswith(("ss", "us", "is")):
                    continue
                word = word[: len(word) - len(ending)] + REPLACE[ending]
                break
    return word


def words(text: str) -> list[str]:
    return WORD.findall(text or "")


def stems(text: str) -> str:
    """The stems of the text's words, each once, as one string to index."""
    return " ".join(dict.fromkeys(stem(word) for word in words(text)))
