"""A Griffe extension that renders dean06's docstrings well in the API reference.

dean06's docstrings follow the Google style for sections, but are also read
in a terminal (``help()``) and by doctest, so they keep two reStructuredText
habits that Markdown would garble:

* doctests (``>>> ...`` and their output): Markdown would run them into the
  paragraph, and read an output line such as ``['a', 'b']`` after a list
  comprehension as a reference link.  They become ``pycon`` code blocks.
* roles such as ``:class:`~dean06.Dossier``` or ``:func:`read_dossiers```:
  they become optional cross-references (a link when the target is rendered
  in the reference, plain code otherwise, never a broken link).

Constants documented Sphinx-style, with ``#:`` comment lines above them
(``#: The schema version this release writes.``), get those lines as their
docstring, so they appear in the reference.

A trailing ``::`` that introduces an indented literal block becomes ``:``
(the indented block is already code in Markdown).  The source files are not
changed: only what mkdocstrings renders.

Loaded by mkdocs.yml (``plugins.mkdocstrings.handlers.python.options.extensions``).
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(
    r":(?:py:)?(?:class|func|meth|attr|data|mod|exc|obj|const):"
    r"`(?P<tilde>~?)(?P<body>[^`]+)`"
)
_EXPLICIT = re.compile(r"(?P<title>.+?)\s*<(?P<target>[^>]+)>$")
_LITERAL_INTRO = re.compile(r"(?<=\S)::$")


def _resolve(obj: griffe.Object, target: str) -> str:
    """The full path of a role's target, looked up the way Python would read the name."""
    if target.startswith("dean06"):
        return target
    first, _, rest = target.partition(".")
    scope: griffe.Object | None = obj
    while scope is not None:
        # The enclosing class first (``:meth:`of``` in a tally method), then the module.
        if (scope.is_class or scope.is_module) and first in scope.members:
            member = scope.members[first]
            # An imported name (``Dataset`` in dean06.strategies) means what it points to.
            base = member.target_path if isinstance(member, griffe.Alias) else member.path
            return f"{base}.{rest}" if rest else base
        scope = scope.parent
    return target  # a builtin or another library's name: left unresolved, shown as code


def _autoref(obj: griffe.Object, body: str, *, short: bool) -> str:
    explicit = _EXPLICIT.match(body)
    if explicit:
        title, target = explicit["title"], explicit["target"].lstrip("~")
    else:
        target = body
        title = body.rsplit(".", 1)[-1] if short else body
    target = _resolve(obj, target.strip())
    return (
        f'<autoref identifier="{target}" optional><code>{_escape(title.strip())}</code></autoref>'
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _roles(text: str, obj: griffe.Object) -> str:
    return _ROLE.sub(lambda m: _autoref(obj, m["body"], short=bool(m["tilde"])), text)


def _fence_doctests(text: str) -> str:
    """Wrap each run of doctest lines (prompt, continuation, output) in a pycon fence."""
    lines = text.splitlines()
    out: list[str] = []
    fenced = False  # inside a fence the docstring already had
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            fenced = not fenced
            out.append(line)
            index += 1
            continue
        if fenced or not stripped.startswith(">>>"):
            out.append(_LITERAL_INTRO.sub(":", line) if not fenced else line)
            index += 1
            continue
        indent = line[: len(line) - len(stripped)]
        block: list[str] = []
        while index < len(lines) and lines[index].strip():
            block.append(lines[index].removeprefix(indent))
            index += 1
        if out and out[-1].strip():
            out.append("")
        out.append(f"{indent}```pycon")
        out.extend(f"{indent}{item}" for item in block)
        out.append(f"{indent}```")
    return "\n".join(out)


def _comment_docstring(obj: griffe.Object) -> str | None:
    """The ``#:`` comment lines just above an attribute (Sphinx's form of its docstring)."""
    if obj.lineno is None or obj.filepath is None or isinstance(obj.filepath, list):
        return None
    try:
        lines = obj.lines_collection[obj.filepath]
    except KeyError:
        return None
    found: list[str] = []
    index = obj.lineno - 2  # the line above, 0-based
    while index >= 0 and lines[index].lstrip().startswith("#:"):
        found.insert(0, lines[index].lstrip()[2:].strip())
        index -= 1
    return " ".join(found) or None


class Dean06Docstrings(griffe.Extension):
    """Doctests as code blocks and reST roles as optional cross-references."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Rewrite the docstring of every object once the tree is loaded."""
        if obj.docstring is None and obj.is_attribute:
            comment = _comment_docstring(obj)
            if comment is not None:
                obj.docstring = griffe.Docstring(comment, parent=obj)
        docstring = obj.docstring
        if docstring is None:
            return
        docstring.value = _roles(_fence_doctests(docstring.value), obj)
