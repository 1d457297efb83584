"""Interface strings translated once, when a template is compiled, not on every render.

Each language has its own Jinja environment (render.py), so its templates can be
compiled with the strings already in that language. This extension is Jinja's
own i18n extension (newstyle gettext) with two changes that keep its output
byte for byte and only move the catalog look-up to compile time:

- `_("literal")` becomes the translated literal, marked safe like newstyle
  gettext marks it; `_("…", name=value)` and other calls stay calls;
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
            translated = self._literal_call(tokens, index)
            if translated is None:
                yield tokens[index]
                index += 1
                continue
            lineno = tokens[index].lineno
            yield Token(lineno, "lparen", "(")
            yield Token(lineno, "string", translated)
            yield Token(lineno, "pipe", "|")
            yield Token(lineno, "name", "safe")
            yield Token(lineno, "rparen", ")")
            index += 4

    def _literal_call(self, tokens: list[Token], index: int) -> str | None:
        """The translation of `_("literal")` starting at `index`, or None for anything else."""
        if self._catalog is None or index + 3 >= len(tokens):
            return None
        name, opening, literal, closing = tokens[index : index + 4]
        if not (
            name.type == "name"
            and name.value == "_"
            and opening.type == "lparen"
            and literal.type == "string"
            and closing.type == "rparen"
            and (index == 0 or tokens[index - 1].type != "dot")
        ):
            return None
        return _formatted(self._catalog.gettext(literal.value), {})

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


def _formatted(text: str, variables: dict[str, Any]) -> str | None:
    """`text % variables` as newstyle gettext does it, or None where that would fail."""
    try:
        return text % variables
    except (KeyError, ValueError, TypeError):
        return None
