"""Interface strings translated once, when a template is compiled, not on every render.

Each language has its own Jinja environment (render.py), so its templates can be
compiled with the strings already in that language. This extension is Jinja's
own i18n extension (newstyle gettext) with two changes that keep its output
byte for byte and only move the catalog look-up to compile time:

- `_("literal")` and `pgettext("context", "literal")` become the translated
  literal, marked safe like newstyle gettext marks it; `_("…", name=value)` and
  other calls stay calls;
- a `{% trans %}` block without `{% pluralize %}` becomes the translated
  string, formatted with its variables (escaped, as newstyle gettext does).

Plural blocks still call `ngettext` at render time: the form depends on a number.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from typing import Any

from jinja2 import nodes
from jinja2.ext import InternationalizationExtension
from jinja2.lexer import Token, TokenStream

# The tokens after `_` in `_("literal")`, and after `pgettext` in `pgettext("context", "literal")`.
_ONE_STRING = ("lparen", "string", "rparen")
_TWO_STRINGS = ("lparen", "string", "comma", "string", "rparen")


class CompiledTranslations(InternationalizationExtension):
    def __init__(self, environment: Any) -> None:
        super().__init__(environment)
        self._catalog: gettext.NullTranslations | None = None

    def _install(self, translations: Any, newstyle: bool | None = None) -> None:
        self._catalog = translations
        super()._install(translations, newstyle=newstyle)

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        tokens = list(stream)
        index = 0
        while index < len(tokens):
            found = self._literal_call(tokens, index)
            if found is None:
                yield tokens[index]
                index += 1
                continue
            translated, length = found
            lineno = tokens[index].lineno
            yield Token(lineno, "lparen", "(")
            yield Token(lineno, "string", translated)
            yield Token(lineno, "pipe", "|")
            yield Token(lineno, "name", "safe")
            yield Token(lineno, "rparen", ")")
            index += length

    def _literal_call(self, tokens: list[Token], index: int) -> tuple[str, int] | None:
        """The translation of `_("literal")` or `pgettext("context", "literal")` starting at
        `index`, with the number of tokens of the call; None for anything else."""
        if (
            self._catalog is None
            or tokens[index].type != "name"
            or (index and tokens[index - 1].type == "dot")
        ):
            return None
        name = tokens[index].value
        if name == "_" and _kinds(tokens, index + 1) == _ONE_STRING:
            message = tokens[index + 2].value
            translated = _formatted(self._catalog.gettext(message), {})
            return None if translated is None else (translated, 4)
        if name == "pgettext" and _kinds(tokens, index + 1) == _TWO_STRINGS:
            context, message = tokens[index + 2].value, tokens[index + 4].value
            translated = _formatted(self._catalog.pgettext(context, message), {})
            return None if translated is None else (translated, 6)
        return None

    def _make_node(
        self,
        singular: str,
        plural: str | None,
        context: str | None,
        variables: dict[str, nodes.Expr],
        plural_expr: nodes.Expr | None,
        vars_referenced: bool,
        num_called_num: bool,
    ) -> nodes.Output:
        catalog = self._catalog
        if catalog is None or plural_expr is not None or not self.environment.newstyle_gettext:  # type: ignore[attr-defined]
            return super()._make_node(
                singular, plural, context, variables, plural_expr, vars_referenced, num_called_num
            )
        translated = catalog.pgettext(context, singular) if context is not None else catalog.gettext(singular)
        text: nodes.Expr = nodes.MarkSafeIfAutoescape(nodes.Const(translated))
        if variables:
            pairs = [nodes.Pair(nodes.Const(key), value) for key, value in variables.items()]
            return nodes.Output([nodes.Mod(text, nodes.Dict(pairs))])
        constant = _formatted(translated, {})
        if constant is None:  # a stray `%`: let the call fail at render time, as before
            return super()._make_node(
                singular, plural, context, variables, plural_expr, vars_referenced, num_called_num
            )
        return nodes.Output([nodes.MarkSafeIfAutoescape(nodes.Const(constant))])


def _kinds(tokens: list[Token], start: int) -> tuple[str, ...]:
    """The types of the tokens from `start` up to its call's closing parenthesis (at most six)."""
    kinds = []
    for token in tokens[start : start + 6]:
        kinds.append(token.type)
        if token.type == "rparen":
            break
    return tuple(kinds)


def _formatted(text: str, variables: dict[str, Any]) -> str | None:
    """`text % variables` as newstyle gettext does it, or None where that would fail."""
    try:
        return text % variables
    except (KeyError, ValueError, TypeError):
        return None
