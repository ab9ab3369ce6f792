"""Data files: the YAML that dictionaries are made of, read with errors that name the file.

Users' files are checked against small declared shapes (:class:`Text`, :class:`ListOf`,
:class:`Record`, ...): a value of the wrong type is refused with a message that says where it
is and what it should be, before any of it is used.

>>> check({"name": "Wagner", "aliases": ["PMC Wagner", 1984]}, Record({"name": Text(), "aliases": ListOf(Text())}))
Traceback (most recent call last):
...
kg.datafiles.DataError: aliases item 2 is the number 1984, not text: put it in quotes
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import re
from contextlib import contextmanager
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import yaml
from yaml.constructor import ConstructorError

# How many values YAML aliases (``*name``) may add to a file, spelt out: 10-petrarch.yaml's add
# 209,000; a file of nested aliases ("billion laughs") would add billions, and take all memory.
MAX_ALIAS_VALUES = 1_000_000


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser where built: 10x faster
    """YAML as its 1.2 version reads it: only ``true`` and ``false`` are booleans, so the words
    "on", "off", "yes" and "no" stay words (a predicate's targets are ``[on, against]``).

    Aliases may add at most :data:`MAX_ALIAS_VALUES` values, counted as they are met: a value
    is built once and an alias shares it, but what reads the data walks each share in full.
    """

    def __init__(self, stream):
        super().__init__(stream)
        self._sizes: dict[yaml.Node, int] = {}  # node -> how many values it holds, aliases spelt out
        self._aliased = 0  # values the aliases met so far stand for

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects:  # only an alias meets a node again
            self._aliased += self._size(node)
            if self._aliased > MAX_ALIAS_VALUES:
                raise ConstructorError(None, None, f"its YAML aliases would expand it to more than "
                                       f"{MAX_ALIAS_VALUES:,} values: use fewer aliases of the anchor",
                                       node.start_mark)  # read_yaml adds " at line N", the anchor's
        return super().construct_object(node, deep)

    def _size(self, root: yaml.Node) -> int:
        """How many values a node holds, aliases spelt out (without recursion: nesting runs deep)."""
        sizes, opened, pending = self._sizes, set(), [root]
        while pending:
            node = pending[-1]
            if node in sizes:
                pending.pop()
                continue
            children = _children(node)
            waiting = [child for child in children if child not in sizes]
            if not waiting:
                sizes[node] = 1 + sum(sizes[child] for child in children)
                pending.pop()
            elif node in opened:  # met again before its children are counted: it holds itself
                raise ConstructorError(None, None, "a YAML alias is inside the value of its anchor", node.start_mark)
            else:
                opened.add(node)
                pending.extend(waiting)
        return sizes[root]


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int")]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))
# Only plain decimals are numbers: YAML 1.1 reads 0211 as octal 137, which would make a CAMEO code
# written without quotes another code; 0211, 0x1F and 1:30 stay text.
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"),
                              list("-+0123456789"))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a dictionary is loaded: loading makes hundreds of
    thousands of long-lived objects and no cycles, and each collection would walk them all again
    (a second of the start-up). Afterwards every object then alive is frozen (``gc.freeze``): the
    collector never walks them again, so a reference cycle alive at that moment in a program
    that uses kg is only freed when it is broken by hand (``gc.unfreeze()`` undoes it).

    >>> with collection_paused():
    ...     gc.isenabled()
    False
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # else the collections after the load would walk them all anyway
        if collecting:
            gc.enable()


def parse_yaml(text: str):
    """Parse YAML text as kg's data files are read (YAML 1.2 booleans, plain decimal numbers,
    aliases capped).

    >>> parse_yaml("targets: [on, against]"), parse_yaml("code: 0211"), parse_yaml("code: 194")
    ({'targets': ['on', 'against']}, {'code': '0211'}, {'code': 194})
    """
    return yaml.load(text, Loader=_Loader)


def read_yaml(path: str | Path, what: str):
    """Parse one YAML file; ``ValueError`` names the file, the problem and, for a file that is no
    YAML (or whose aliases expand too far), the line, all on one line.

    >>> read_yaml("missing.yaml", "actor file")
    Traceback (most recent call last):
    ...
    ValueError: missing.yaml: cannot read actor file (No such file or directory)
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise cannot_read(path, what, error) from None
    try:
        return parse_yaml(text)
    except yaml.MarkedYAMLError as error:
        problem = ", ".join(part for part in (error.context, error.problem) if part)
        mark = error.problem_mark or error.context_mark
        raise ValueError(f"{path}: cannot read {what} ({problem}) at line {mark.line + 1}") from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow
        line = text.count("\n", 0, error.position) + 1
        raise ValueError(f"{path}: cannot read {what} ({str(error).splitlines()[0]}) at line {line}") from None


def cannot_read(path: str | Path, what: str, error: Exception) -> ValueError:
    """The error to raise for a file that cannot be read (missing, a folder, not UTF-8 text), on one line.

    >>> cannot_read("events.csv", "events file", IsADirectoryError(21, "Is a directory"))
    ValueError('events.csv: cannot read events file (Is a directory)')
    """
    if isinstance(error, UnicodeDecodeError):
        problem = "not UTF-8 text"
    else:
        problem = getattr(error, "strerror", None) or " ".join(str(error).split())
    return ValueError(f"{path}: cannot read {what} ({problem})")


def at_line(path: str | Path, keys: tuple) -> str:
    """`` at line N``: where the value that ``keys`` lead to (list positions, mapping keys as text)
    starts in a YAML file, or where the deepest of them found does; ``""`` for a file no longer
    readable. For messages: it reads the file again.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".yaml") as handle:
    ...     _ = handle.write("- id: wagner\\n  aliases:\\n    - Wagner\\n    - 1984\\n")
    ...     handle.flush()
    ...     at_line(handle.name, (0, "aliases", 1))
    ' at line 4'
    """
    try:
        loader = _Loader(Path(path).read_text(encoding="utf-8"))
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ""
    for key in keys:
        if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        elif isinstance(node, yaml.MappingNode):
            found = [value for name, value in node.value if isinstance(name, yaml.ScalarNode) and name.value == key]
            if not found:
                break
            node = found[-1]  # of keys written twice, the last wins
        else:
            break
    return f" at line {node.start_mark.line + 1}" if node is not None else ""


# --- Shapes: what the values of a data file must be -------------------------------------------

class DataError(ValueError):
    """A value of a data file kg cannot use: ``keys`` lead to it from the value checked (list
    positions as numbers from 0, mapping keys as text), ``problem`` says what is wrong with it."""

    def __init__(self, keys: tuple, problem: str):
        super().__init__(keys, problem)
        self.keys, self.problem = keys, problem

    def __str__(self) -> str:
        return self.say("it")

    def say(self, whole: str) -> str:
        """The message, calling the value checked ``whole`` ("the case") if the problem is with all of it.

        >>> DataError(("roles", 0, "start"), "is empty").say("the entry"), DataError((), "is empty").say("the entry")
        ('roles item 1: start is empty', 'the entry is empty')
        """
        where = ""
        for key in self.keys:
            where += f" item {key + 1}" if isinstance(key, int) else f": {key}" if where else key
        return f"{where or whole} {self.problem}"


def check(value, shape: "Shape") -> None:
    """Raise :class:`DataError` for the first part of ``value`` that does not fit ``shape``.

    >>> check({"agents": ["envoy", "GOV"]}, Record({"agents": MapOf(Text())}))
    Traceback (most recent call last):
    ...
    kg.datafiles.DataError: agents is a list, not a mapping
    """
    shape.check(value, ())


def _kind(value) -> str:
    """What a value is, as a message says it: "text", "a list", "the number 1984"."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, dt.date):
        return f"the date {value}"
    names = {str: "text", list: "a list", dict: "a mapping", type(None): "empty"}
    return names.get(type(value), type(value).__name__)


class Shape:
    """What a value must be; this one lets anything be (a part checked apart, later)."""

    noun = "anything"
    example = ""

    def fits(self, value) -> bool:
        """Whether the value is of this shape's type (:class:`OneOf` picks the shape to check it with)."""
        return True

    def check(self, value, keys: tuple) -> None:
        """Raise :class:`DataError` unless the value fits."""

    def mismatch(self, value, keys: tuple) -> DataError:
        """The error of a value of another type."""
        hint = f" such as {self.example}" if self.example else ""
        return DataError(keys, f"is {_kind(value)}, not {self.noun}{hint}")


ANY = Shape()


@dataclass(frozen=True)
class Text(Shape):
    """Text, one of ``choices`` if given; missing (null) or blank only if ``empty``.

    A number is refused, never turned into text: unquoted, YAML reads 1984, 1_000 and 1.5e3 as
    the numbers 1984, 1000 and 1500.0, so its text would be a name no one wrote. Quoted
    ("1984") it is text.
    """

    empty: bool = True
    choices: tuple[str, ...] = ()
    noun = "text"

    def fits(self, value) -> bool:
        return value is None or isinstance(value, str)

    def check(self, value, keys: tuple) -> None:
        if value is None or isinstance(value, str) and not value.strip():
            if not self.empty:
                raise DataError(keys, "is empty")
        elif not isinstance(value, str):
            raise self.mismatch(value, keys)
        elif self.choices and value not in self.choices:
            raise DataError(keys, f"{value!r} is not one of {', '.join(self.choices)}")

    def mismatch(self, value, keys: tuple) -> DataError:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return DataError(keys, f"is {_kind(value)}, not text: put it in quotes")
        return super().mismatch(value, keys)


@dataclass(frozen=True)
class Whole(Shape):
    """A whole number (not true or false), or nothing."""

    noun = "a whole number"

    def fits(self, value) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)

    def check(self, value, keys: tuple) -> None:
        if value is not None and not self.fits(value):
            raise self.mismatch(value, keys)


@dataclass(frozen=True)
class Flag(Shape):
    """``true`` or ``false`` (YAML 1.2: "yes" and "no" are words), or nothing (false)."""

    noun = "true or false"

    def fits(self, value) -> bool:
        return isinstance(value, bool)

    def check(self, value, keys: tuple) -> None:
        if value is not None and not self.fits(value):
            raise self.mismatch(value, keys)


_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@dataclass(frozen=True)
class Date(Shape):
    """A date: YAML's own (2014-05-01 unquoted), or text or a year as YYYY, YYYY-MM or
    YYYY-MM-DD; or nothing."""

    noun = "a date (YYYY-MM-DD)"

    def fits(self, value) -> bool:
        return isinstance(value, (dt.date, str, int)) and not isinstance(value, bool)

    def check(self, value, keys: tuple) -> None:
        if value is None or value == "" or isinstance(value, dt.date):
            return
        if not self.fits(value):
            raise self.mismatch(value, keys)
        if not _ISO_DATE.fullmatch(str(value)):
            raise DataError(keys, f"{value!r} is not {self.noun}")


@dataclass(frozen=True)
class ListOf(Shape):
    """A list (or nothing) of values of one shape."""

    item: Shape = ANY
    example: str = ""
    noun = "a list"

    def fits(self, value) -> bool:
        return value is None or isinstance(value, list)

    def check(self, value, keys: tuple) -> None:
        if isinstance(value, str):  # a lone name where a list of them belongs
            raise DataError(keys, f"is text, not a list such as {json.dumps([value], ensure_ascii=False)}")
        if not self.fits(value):
            raise self.mismatch(value, keys)
        for position, item in enumerate(value or ()):
            self.item.check(item, (*keys, position))


@dataclass(frozen=True)
class MapOf(Shape):
    """A mapping (or nothing) of text keys to values of one shape."""

    value: Shape = ANY
    example: str = ""
    noun = "a mapping"

    def fits(self, value) -> bool:
        return value is None or isinstance(value, dict)

    def check(self, value, keys: tuple) -> None:
        if not self.fits(value):
            raise self.mismatch(value, keys)
        for key, item in (value or {}).items():
            _KEY.check(key, (*keys, str(key)))
            self.value.check(item, (*keys, key))


_KEY = Text(empty=False)


@dataclass(frozen=True)
class Record(Shape):
    """A mapping whose keys have shapes of their own (``fields``); keys it does not declare are
    let be, ``required`` ones must be there."""

    fields: dict[str, Shape] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    example: str = ""
    noun: str = "a mapping"

    def fits(self, value) -> bool:
        return isinstance(value, dict)

    def check(self, value, keys: tuple) -> None:
        if value is None:
            raise DataError(keys, "is empty")
        if not self.fits(value):
            raise self.mismatch(value, keys)
        for name in self.required:
            if name not in value:
                raise DataError(keys, f"has no {name}")
        for name, item in value.items():
            shape = self.fields.get(name)
            if shape is not None:
                shape.check(item, (*keys, name))


@dataclass(frozen=True)
class OneOf(Shape):
    """A value of any of ``shapes``, checked with the first whose type it has."""

    shapes: tuple[Shape, ...] = ()

    @property
    def noun(self) -> str:
        return " or ".join(shape.noun for shape in self.shapes)

    def fits(self, value) -> bool:
        return any(shape.fits(value) for shape in self.shapes)

    def check(self, value, keys: tuple) -> None:
        shape = next((shape for shape in self.shapes if shape.fits(value)), None)
        if shape is None:
            raise self.mismatch(value, keys)
        shape.check(value, keys)


class Extendable:
    """A dictionary made of data files, which users extend with files of their own."""

    def add_file(self, path: str | Path) -> None:
        raise NotImplementedError

    def check_references(self) -> None:
        """Fail when an entry names one that no file defines (nothing to check by default)."""

    def extended(self, paths: Iterable[str | Path]):
        """A copy with the entries of more files added, later entries winning (itself if none)."""
        paths = list(paths)
        if not paths:
            return self
        copy = deepcopy(self)
        for path in paths:
            copy.add_file(path)
        copy.check_references()
        return copy
