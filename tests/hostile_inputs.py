"""Hostile and odd inputs, as plain data: texts, raw YAML, raw HTML, file names.

tests/content_strategies.py draws from them. Each is a kind of input known to
trip parsers, renderers or site generators (tags, anchors, entities, control
characters, names a file system allows but a URL or a terminal does not); a
new one that finds a bug belongs here.
"""

ODD_TEXTS = (
    "",
    " ",
    "~",
    "null",
    "NO",
    "yes",
    "0",
    "-1",
    "1e999",
    "0x1F",
    "2024-02-30",
    "2024-13-01T25:61",
    "9999-12-31T23:59",
    "0001-01-01",
    "2024-10-27T02:30",  # a time that happens twice in Brussels
    "2024-03-31T02:30",  # a time that never happens in Brussels
    "G17 ",
    "g17",
    "OPS\n",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.domain)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    'https://evil.example/" onmouseover="alert(1)',
    "https://",
    "http://example.org/apply",
    "//evil.example/apply",
    "mailto:someone@example.org",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "]]><x>",
    "{{ 7 * 7 }}",
    "{% include 'base.html' %}",
    "%(name)s",
    "../../../etc/passwd",
    "a/b",
    "CON",
    "\u202egnp.exe",
    "e\u0301t\u00e9",
    "\u00a0\u2003",
    "😀 emoji",
    "中文 标题",
    "עברית",
    "\ufeffBOM",
    "x" * 300,
    "line one\nline two",
    "tab\there",
    "nul\x00here",
    "bell\x07",
)

RAW_YAML = (
    "x: !!python/object/apply:os.system ['touch @MARKER@']",
    "x: !!python/object/new:os.system [touch @MARKER@]",
    "x: !!python/name:os.system",
    "x: !!binary aGVsbG8=",
    "x: !!float '1'",
    "x: !!str 1",
    "x: !custom thing",
    "x: !<tag:example.org,2024:thing> 1",
    "%YAML 1.1\n---\nx: 1",
    "%TAG ! tag:example.org,2024:\n---\nx: !a 1",
    "x: 1\n---\ny: 2",
    "...",
    "a: &a [1, 2]\nb: *a",
    "lol1: &l1 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    "lol2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\n"
    "lol3: &l3 [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]",
    "<<: {grade: G15}",
    "base: &b {a: 1}\nother:\n  <<: *b",
    "title: one\ntitle: two",
    "grade: G17",
    "reference: '100001'",
    "\tkey: tab",
    "key: 'unclosed",
    'key: "unclosed',
    "key: [1, 2",
    "key: {a: 1",
    "key: value\n  bad: indent",
    "- a\n- b",
    "? complex key\n: value",
    "[a, b]: value",
    "{a: 1}: value",
    "key: " + "[" * 3000 + "]" * 3000,
    "key: " + "{a: " * 400 + "1" + "}" * 400,
    "key: " + "9" * 50,
    "key: 1." + "5" * 50,
    "key: 1e400",
    "key: -0",
    "key: .inf",
    "key: .nan",
    "key: 0o17",
    "key: 1_000",
    "key: 2024-02-30",
    "key: 2024-07-10T23:59:60",
    "published: 2024-02-30",
    "published: 99999-01-01",
    "published: 0000-01-01",
    "deadline: 2024-10-27T02:30",
    "deadline: 2024-03-31T02:30",
    "deadline: 2024-13-45T99:99",
    "deadline: 1970-01-01T00:00Z",
    "deadline: 2024-07-10 23:59:00+05:00",
    "salary: 7540.444",
    "salary: -1",
    "salary: 1e308",
    "contract_years: 99999999999999999999",
    "order: -999999",
    "country: NO",
    "languages: [en, fr, en]",
    "languages: []",
    "languages: [xx-invalid, '']",
    "languages: [de]",
    "timezone: Mars/Olympus",
    "timezone: ../../etc/localtime",
    "base_url: javascript:alert(1)//",
    "base_url: 'data:text/html,x'",
    "base_url: http://[::1",
    "apply_url: javascript:alert(1)",
    "apply_url: ' JaVa\tScript:alert(1)'",
    'apply_url: https://example.org/" onclick="alert(1)',
    "key: |\n  block\n   text",
    "key: >-\n folded",
    "key: value # comment",
    "key: value\x0b",
    "key: \x85 next line",
    "key: \u2028 separator",
    "\ufeffkey: bom in the middle",
    "key: " + "a" * 5000,
    "",
    "   ",
    "#",
    ":",
    "- ",
    "&",
    "*",
    "!",
    "key: @reserved",
    "key: `reserved",
)

RAW_HTML = (
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<a href="javascript:alert(1)">x</a>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<!-- a comment -->",
    "<!-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<?php echo 1; ?>",
    "<div\nonclick=alert(1)>x</div>",
    "</p><script>alert(1)</script><p>",
    '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
    "<form action=javascript:alert(1)><button>x</button></form>",
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    "<base href=javascript:alert(1)//>",
)

ODD_NAMES = (
    "a b",
    " leading",
    "trailing ",
    "é",
    "e\u0301",
    "Ⅻ",
    "CON",
    "nul",
    "...",
    "-rf",
    "a\tb",
    "a\nb",
    "a\rb",
    "a:b",
    "a\\b",
    "*",
    "?",
    "#",
    "%2e%2e",
    "&amp;",
    "<b>",
    "\"'",
    "😀",
    "ü" * 127,
    "x" * 255,
    "100001 ",
    "100001.",
    "ABOUT",
    "About",
    "index.html",
    "en.md",
    "EN.md",
    "en.MD",
    "en.md.bak",
    "de.md",
    "xx-YY.md",
    ".md",
    "vacancy.yaml",
    "page.yaml",
    "site.yaml",
    "page.yml",
    ".hidden",
    "\u202egnp.md",
)


def _spellings(scheme: str) -> tuple[str, ...]:
    """`scheme:` written plainly, then with ONE disguise each. Most disguises still make a link
    that runs once Markdown has decoded it (a capital, a letter or the colon as an entity, an
    escaped colon, a space before); the last few never do (Markdown percent-encodes a tab or
    a control character, and reads no entity without its `;`), but a check must refuse them
    or leave them harmless all the same. One disguise at most: with one on every letter,
    hardly an address would run even unchecked, and a missing check would go unseen."""
    first, rest = scheme[0], scheme[1:]
    code, half = ord(first), len(scheme) // 2
    before, after = scheme[:half], scheme[half:]
    return (
        f"{scheme}:",
        f"{scheme.upper()}:",
        f"{first.upper()}{rest}:",
        f"&#{code};{rest}:",
        f"&#x{code:x};{rest}:",
        f"&#X{code:X};{rest}:",
        f"&#{code:07d};{rest}:",
        f"{scheme}&colon;",
        f"{scheme}&#58;",
        f"{scheme}&#x3A;",
        f"{scheme}\\:",
        f" {scheme}:",
        f"&#32;{scheme}:",
        f"\x0c{scheme}:",
        f"{before}&Tab;{after}:",
        f"{before}&#x0A;{after}:",
        f"{before}\t{after}:",
        f"{before}\x00{after}:",
        f"\x01{scheme}:",
        f"%{code:02x}{rest}:",
        f"&#x{code:06x}{rest}:",
    )


# What each scheme runs: javascript: and vbscript: code, data: an HTML page with a script.
_PAYLOADS = {
    "javascript": ("alert(1)", "alert(document.cookie)", "//%0aalert(1)"),
    "vbscript": ("msgbox(1)",),
    "data": ("text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "text/html,<script>alert(1)</script>"),
}
# Addresses that run code in a browser, each in one spelling: tests/content_strategies.py puts
# them in links, images, autolinks and reference definitions.
HOSTILE_ADDRESSES = tuple(
    spelling + payload
    for scheme, payloads in _PAYLOADS.items()
    for spelling in _spellings(scheme)
    for payload in payloads
)

# Every place of a Markdown body where an address becomes a link or an image; `{label}` names
# a reference definition.
LINK_PLACES = {
    "link": "[x]({address})",
    "image": "![x]({address})",
    "titled": '[x]({address} "title")',
    "angle": "[x](<{address}>)",
    "autolink": "<{address}>",
    "reference": "[x][{label}]\n\n[{label}]: {address}",
    "image-reference": "![x][{label}]\n\n[{label}]: {address}",
}

# File names that are not UTF-8 (bytes a latin-1 system wrote), as Python spells them: the
# bytes that cannot be decoded become lone surrogates (os.fsdecode, "surrogateescape").
UNDECODABLE_NAMES = ("caf\udce9", "\udcff", "caf\udce9.md", "en\udc80.md", "10\udce9")
