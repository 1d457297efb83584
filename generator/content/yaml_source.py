"""Safe YAML that remembers where each key was written.

Content YAML is untrusted and written by people, so the loader:
- only builds plain data (safe loader; the C one when PyYAML has it);
- records the line of every mapping key, for `path:line:` messages;
- reads numbers with a fraction as Decimal, so money is exact to the cent;
- leaves dates and times as text (the validator parses them with its own
  messages) and reads only `true`/`false` as booleans, so a country code
  `NO` stays Norway;
- rejects duplicate keys, anchors and aliases (editors never need them, and
  they are how "billion laughs" documents are built).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, ClassVar

import yaml

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlError(Exception):
    """A YAML problem at a 1-based line; `first_line` is the earlier place of a duplicate key."""

    def __init__(self, line: int, message: str, hint: str = "", first_line: int = 0) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self._hint = hint
        self.first_line = first_line

    @property
    def hint(self) -> str:
        if self.first_line:
            return f"keep one (the first is on line {self.first_line})"
        return self._hint

    def shifted(self, offset: int) -> YamlError:
        """The same error in a file where this YAML starts `offset` lines down."""
        first = self.first_line + offset if self.first_line else 0
        return YamlError(self.line + offset, self.message, self._hint, first)


class Mapping(dict[str, Any]):
    """A YAML mapping with the line of each key (1-based) and of the mapping itself."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class Sequence(list[Any]):
    line: int = 0
    item_lines: tuple[int, ...] = ()  # the line of each item (1-based)


class _Loader(_BaseLoader):  # type: ignore[misc]
    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}


for _first, _resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items():
    _kept = [
        (tag, regexp)
        for tag, regexp in _resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int")
    ]
    if _kept:
        _Loader.yaml_implicit_resolvers[_first] = _kept
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
# Plain decimal whole numbers only: `012345` and `2024_001` (references) stay text.
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
    mapping = Mapping()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise YamlError(key_node.start_mark.line + 1, "merge keys (<<) are not supported")
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, (str, int)) or isinstance(key, bool):
            raise YamlError(line, f"a key must be a plain word, not {key!r}")
        key = str(key)
        if key in mapping:
            raise YamlError(
                line,
                f"{key!r} is written twice in the same block",
                first_line=mapping.key_lines[key],
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> Sequence:
    sequence = Sequence(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line = node.start_mark.line + 1
    sequence.item_lines = tuple(child.start_mark.line + 1 for child in node.value)
    return sequence


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node)).replace("_", "")
    if len(text) > 30:
        raise YamlError(node.start_mark.line + 1, "this number is far too long", "write a plausible number")
    return int(text)


def _construct_decimal(loader: _Loader, node: yaml.ScalarNode) -> Decimal | float:
    text = str(loader.construct_scalar(node)).replace("_", "")
    if len(text) > 40:
        raise YamlError(node.start_mark.line + 1, "this number is far too long", "write a plausible number")
    try:
        return Decimal(text)
    except ArithmeticError:
        return float(loader.construct_yaml_float(node))


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def load_yaml(text: str) -> Any:
    """Parse one YAML document; raise YamlError with a 1-based line on any problem."""
    refused = _first_refused(text)
    if refused:
        raise refused
    try:
        return yaml.load(text, Loader=_Loader)
    except YamlError:
        raise
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        raise YamlError(
            mark.line + 1 if mark else 1,
            "YAML tags (!!...) are not allowed",
            "write plain text, numbers or lists",
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        problem = error.problem or error.context or "not valid YAML"
        raise YamlError(line, f"YAML syntax: {problem}", "check indentation, colons and quotes") from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow in a file
        character = error.character if isinstance(error.character, int) else ord(error.character)
        raise YamlError(
            text[: error.position].count("\n") + 1,
            f"the character U+{character:04X} is not allowed in YAML",
            "delete it (it may be invisible), or type the line again",
        ) from None
    except yaml.YAMLError as error:  # a tag the safe loader refuses, and the like
        raise YamlError(1, f"YAML: {' '.join(str(error).split())}") from None
    except RecursionError:
        raise YamlError(1, "the YAML is nested far too deeply", "write simple `key: value` lines") from None


def _first_refused(text: str) -> YamlError | None:
    """The first anchor, alias or explicit tag (`!!float`, `!!python/...`): editors need none."""
    if not any(sign in text for sign in "&*!"):
        return None
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1 if event.start_mark else 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return YamlError(
                    line, "anchors and aliases (& and *) are not allowed", "write the value out in full"
                )
            tag = getattr(event, "tag", None)
            if tag and not _implicit(event):
                return YamlError(
                    line,
                    f"YAML tags like {tag.replace('tag:yaml.org,2002:', '!!')} are not allowed",
                    "write plain text, numbers or lists",
                )
    except yaml.YAMLError:
        return None  # the real load reports the syntax error
    return None


def _implicit(event: yaml.Event) -> bool:
    """Whether an event's tag was inferred rather than written (`!!str` is written)."""
    implicit = getattr(event, "implicit", False)
    return bool(implicit[0] or implicit[1]) if isinstance(implicit, tuple) else bool(implicit)
