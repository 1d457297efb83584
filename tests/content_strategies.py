"""Hypothesis strategies that make content trees: tests/sites/basic, mutated.

The values are drawn from tests/hostile_inputs.py and from Hypothesis's own
text, numbers and dates; the mutations are those of tests/content_mutations.py.
"""

from __future__ import annotations

from typing import Any

from content_mutations import (
    BASIC,
    ENCODINGS,
    FOLDERS,
    FRONT_MATTER_BREAKS,
    KEY_PATHS,
    LINK_TARGETS,
    MARKDOWN_FILES,
    PAGES,
    VACANCIES,
    YAML_FILES,
    AddBundle,
    AddEntry,
    Body,
    BreakFrontMatter,
    DeleteKey,
    Encode,
    Link,
    Mutation,
    Remove,
    Rename,
    SetValue,
    SwapKind,
    Tree,
    YamlText,
)
from hostile_inputs import HOSTILE_ADDRESSES, ODD_NAMES, ODD_TEXTS, RAW_HTML, RAW_YAML, UNDECODABLE_NAMES
from hypothesis import strategies as st

# --- values -------------------------------------------------------------------------------


_CHARACTERS = st.characters(codec="utf-8")
texts = st.one_of(st.sampled_from(ODD_TEXTS), st.text(_CHARACTERS, max_size=30))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(),
    st.decimals(allow_nan=False, places=3).map(float),
    st.dates(),
    st.datetimes(),
    texts,
)
yaml_keys = st.one_of(
    st.sampled_from(
        [
            "title",
            "slug",
            "summary",
            "kind",
            "reference",
            "grade",
            "salary",
            "status",
            "unknown",
            "Title",
            "<<",
        ]
    ),
    st.text(_CHARACTERS, min_size=1, max_size=12),
    st.integers(),
    st.none(),
    st.booleans(),
)


def _nest(depth: int) -> Any:
    value: Any = "deep"
    for index in range(depth):
        value = [value] if index % 2 else {"k": value}
    return value


yaml_values = st.one_of(
    st.recursive(
        scalars,
        lambda children: st.lists(children, max_size=4) | st.dictionaries(yaml_keys, children, max_size=4),
        max_leaves=12,
    ),
    st.integers(min_value=20, max_value=120).map(_nest),
)


# javascript:, vbscript: and data: addresses, plain or in one disguise (see hostile_inputs.py).
hostile_urls = st.sampled_from(HOSTILE_ADDRESSES)
safe_urls = st.sampled_from(
    [
        "https://example.org/",
        "http://example.org/a?b=c&d=e",
        "mailto:jobs@example.org",
        "/en/vacancies/",
        "../fr/",
        "#duties",
        "?x=1",
        "//evil.example/",
        'https://example.org/"><script>alert(1)</script>',
        "",
    ]
)
urls = st.one_of(hostile_urls, safe_urls)
words = st.one_of(st.sampled_from(ODD_TEXTS), st.text(_CHARACTERS, max_size=40))


@st.composite
def markdown_fragments(draw: st.DrawFn) -> str:
    url = draw(urls)
    text = draw(words).replace("\n", " ")
    kind = draw(
        st.sampled_from(
            [
                "words", "heading", "h1", "setext", "list", "table", "code", "open-fence", "quote", "html",
                "inline-html", "link", "image", "autolink", "bare", "reference", "titled", "entity", "long",
                "hr", "nested", "email", "angle-link", "code-in-link", "open-code-in-link",
            ]
        )
    )  # fmt: skip
    return {
        "words": text,
        "heading": f"## {text}",
        "h1": f"# {text}",
        "setext": f"{text or 'x'}\n===",
        "list": f"- {text}\n  - [{text}]({url})\n1. two",
        "table": f"| a | b |\n|---|---|\n| {text} | [x]({url}) |",
        "code": f"```\n{url}\n<script>\n```",
        "open-fence": f"```js\n{text}",
        "quote": f"> [{text}]({url})\n>\n> [r]: {url}",
        "html": draw(st.sampled_from(RAW_HTML)),
        "inline-html": f"{text} {draw(st.sampled_from(RAW_HTML))} {text}",
        "link": f"[{text}]({url})",
        "image": f"![{text}]({url})",
        "autolink": f"<{url}>",
        "bare": url,
        "reference": f"[{text}][r{len(url)}]\n\n[r{len(url)}]: {url}",
        "titled": f'[{text}]({url} "title")',
        "entity": draw(
            st.sampled_from(["&amp;", "&#0;", "&#xD800;", "&#x110000;", "&nbsp;", "&bogus;", "&#"])
        ),
        "long": "word " * draw(st.integers(min_value=100, max_value=3000)),
        "hr": "---",
        "nested": ">" * draw(st.integers(min_value=1, max_value=200)) + " deep",
        "email": f"<{text}@example.org>",
        "angle-link": f"[{text}](<{url}>)",
        "code-in-link": f"[`{text}` {text}]({url})",
        "open-code-in-link": f"[{text} `{text}",  # made markdown-it.rs panic
    }[kind]


markdown_bodies = st.lists(markdown_fragments(), min_size=1, max_size=6).flatmap(
    lambda parts: st.sampled_from(["\n\n", "\n", " "]).map(lambda joint: joint.join(parts))
)

# --- names --------------------------------------------------------------------------------

_NAME_CHARACTERS = st.characters(codec="utf-8", exclude_characters="/\x00")
names = st.one_of(
    st.sampled_from(ODD_NAMES),
    st.text(_NAME_CHARACTERS, min_size=1, max_size=20).filter(
        lambda name: name not in (".", "..") and len(name.encode()) <= 255
    ),
)
references = st.one_of(
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{0,20}", fullmatch=True),
    st.sampled_from(["100001", "0", "a" * 64]),
)
page_names = st.one_of(st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True), names)

# --- mutations, drawn ---------------------------------------------------------------------

ALL_PATHS = sorted({*(p.relative_to(BASIC).as_posix() for p in BASIC.rglob("*")), "vacancies", "pages"})


@st.composite
def yaml_mutations(draw: st.DrawFn) -> Mutation:
    file = draw(st.sampled_from(YAML_FILES + MARKDOWN_FILES))
    known = KEY_PATHS[file]
    path = draw(
        st.one_of(
            st.sampled_from(known),
            st.tuples(yaml_keys),
            st.sampled_from(known).flatmap(lambda p: yaml_keys.map(lambda k: (*p, k))),
        )
        if known
        else st.tuples(yaml_keys)
    )
    kind = draw(st.sampled_from(["set", "set", "delete", "text", "text", "replace"]))
    if kind == "set":
        return SetValue(file, path, draw(yaml_values))
    if kind == "delete":
        return DeleteKey(file, path)
    text = draw(st.one_of(st.sampled_from(RAW_YAML), st.text(_CHARACTERS, max_size=40)))
    return YamlText(file, draw(st.integers(0, 20)), text, replace_all=kind == "replace")


word_mutations = st.one_of(
    st.builds(Body, st.sampled_from(MARKDOWN_FILES), markdown_bodies),
    st.builds(
        BreakFrontMatter, st.sampled_from(MARKDOWN_FILES), st.sampled_from(sorted(FRONT_MATTER_BREAKS))
    ),
)
encoding_mutations = st.builds(
    Encode, st.sampled_from(YAML_FILES + MARKDOWN_FILES), st.sampled_from(ENCODINGS), st.integers(0, 400)
)
name_mutations = st.one_of(
    st.builds(AddBundle, st.sampled_from([f"vacancies/{v}" for v in VACANCIES]), references),
    st.builds(AddBundle, st.sampled_from([f"pages/{p}" for p in PAGES]), page_names),
    st.builds(Rename, st.sampled_from(ALL_PATHS), names),
    st.builds(
        AddEntry,
        st.sampled_from(FOLDERS),
        names,
        st.one_of(st.none(), st.binary(max_size=20), st.just(b"---\ntitle: Stray\n---\nStray words.\n")),
    ),
    st.builds(Remove, st.sampled_from(ALL_PATHS)),
    st.builds(SwapKind, st.sampled_from(ALL_PATHS)),
)
mutations = st.one_of(yaml_mutations(), word_mutations, encoding_mutations, name_mutations)
trees = st.lists(mutations, min_size=1, max_size=4).map(lambda drawn: Tree(tuple(drawn)))

link_mutations = st.builds(
    Link,
    st.one_of(st.sampled_from(ALL_PATHS), st.sampled_from(FOLDERS[1:]).map(lambda f: f"{f}/link.md")),
    st.sampled_from(LINK_TARGETS),
)
# A tree with at least one symbolic link, and maybe other changes.
linked_trees = st.tuples(
    st.lists(link_mutations, min_size=1, max_size=3), st.lists(mutations, max_size=2)
).map(lambda drawn: Tree((*drawn[0], *drawn[1])))


@st.composite
def hostile_word_trees(draw: st.DrawFn) -> Tree:
    """The fixture with hostile Markdown in bodies, and hostile text in titles and summaries."""
    changes: list[Mutation] = [
        Body(file, draw(markdown_bodies))
        for file in draw(st.lists(st.sampled_from(MARKDOWN_FILES), min_size=1, max_size=3, unique=True))
    ]
    for file in draw(st.lists(st.sampled_from(MARKDOWN_FILES), max_size=2, unique=True)):
        key = draw(st.sampled_from(["title", "summary"]))
        changes.append(SetValue(file, (key,), draw(st.one_of(urls, words))))
    return Tree(tuple(changes))


@st.composite
def long_address_trees(draw: st.DrawFn) -> Tree:
    """A page or vacancy whose address has a segment too long for a file system (over 255 bytes)."""
    length = draw(st.integers(min_value=256, max_value=600))
    file = draw(st.sampled_from(MARKDOWN_FILES))
    if draw(st.booleans()):
        return Tree((SetValue(file, ("slug",), "a" * length),))
    # A title makes the address of a page written without `slug:` (a vacancy's is its reference).
    page = draw(st.sampled_from([f for f in MARKDOWN_FILES if f.startswith("pages/")]))
    letter = draw(st.sampled_from(["a", "é", "word "]))
    return Tree((DeleteKey(page, ("slug",)), SetValue(page, ("title",), (letter * length)[:length])))


undecodable_name_trees = st.lists(
    st.one_of(
        st.builds(AddEntry, st.sampled_from(FOLDERS), st.sampled_from(UNDECODABLE_NAMES), st.none()),
        st.builds(AddEntry, st.sampled_from(FOLDERS), st.sampled_from(UNDECODABLE_NAMES), st.just(b"text\n")),
        st.builds(AddBundle, st.sampled_from([f"vacancies/{v}" for v in VACANCIES]), st.just("10\udce9")),
        st.builds(Rename, st.sampled_from(ALL_PATHS), st.sampled_from(UNDECODABLE_NAMES)),
    ),
    min_size=1,
    max_size=3,
).map(lambda drawn: Tree(tuple(drawn)))
