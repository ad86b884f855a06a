"""`Record`: the base of triage's frozen value classes (a flow's nodes, a result, an error).

Why not `@dataclass(frozen=True)`: a dataclass writes its methods as source text and compiles it
with `exec` when its module is imported. In the browser that compile runs in WebAssembly that
has not warmed up yet, while the page waits for the engine: for the nine classes the worker
imports it was most of `import triage.bridge` (in a Chromium worker, median of 15 cold loads:
68 ms with dataclasses, 19 ms with `Record`). A `Record` does the same work with ordinary
methods, compiled once into the wheel's bytecode.

A subclass declares its fields as annotations, with defaults as values, as a dataclass does;
type checkers read it as one (`dataclass_transform`). What it gets, as `@dataclass(frozen=True)`
gave it: `__init__` taking the fields in order (positionally or by name), no assignment after
that, equality and hashing by the fields in order (`eq=False` keeps identity), a repr naming
them, and `__match_args__`.
"""
from __future__ import annotations

from typing import Any, ClassVar, dataclass_transform

_MISSING = object()


@dataclass_transform(frozen_default=True)
class Record:
    """A frozen record whose fields are its annotations (see the module's docstring)."""

    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, *, eq: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Only the names are read. triage's modules use `from __future__ import annotations`, so
        # the class keeps them as a dict of text; without it, Python 3.14 makes them on request.
        annotations = cls.__dict__.get("__annotations__")
        fields = tuple(cls.__annotations__ if annotations is None else annotations)
        defaults: dict[str, Any] = {}
        for name in fields:
            if name in cls.__dict__:
                defaults[name] = cls.__dict__[name]
                delattr(cls, name)  # so that reading it finds the instance's value
            elif defaults:
                raise TypeError(f"{cls.__name__}: field {name!r} has no default but follows one that has")
        cls._fields = fields
        cls._defaults = defaults
        cls.__match_args__ = fields
        if not eq:
            cls.__eq__ = object.__eq__  # type: ignore[method-assign]
            cls.__hash__ = object.__hash__  # type: ignore[method-assign]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        fields = cls._fields
        if not kwargs and len(args) == len(fields):  # the engine's usual call, kept short
            for name, value in zip(fields, args):
                object.__setattr__(self, name, value)
            return
        if len(args) > len(fields):
            raise TypeError(f"{cls.__name__}() takes {len(fields)} arguments but {len(args)} were given")
        values = dict(zip(fields, args))
        for name, value in kwargs.items():
            if name not in fields:
                raise TypeError(f"{cls.__name__}() got an unexpected keyword argument {name!r}")
            if name in values:
                raise TypeError(f"{cls.__name__}() got multiple values for argument {name!r}")
            values[name] = value
        for name in fields:
            value = values.get(name, cls._defaults.get(name, _MISSING))
            if value is _MISSING:
                raise TypeError(f"{cls.__name__}() missing required argument {name!r}")
            object.__setattr__(self, name, value)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: {type(self).__name__} is frozen")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: {type(self).__name__} is frozen")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({fields})"
