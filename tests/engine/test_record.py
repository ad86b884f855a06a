"""`triage.record.Record` behaves as `@dataclass(frozen=True)` did for triage's value classes."""
from __future__ import annotations

import copy
import pickle

import pytest

from triage import Node, Outcome, Target, load_flow
from triage.record import Record


class Pair(Record):
    first: str
    second: tuple[str, ...] = ()


class Shared(Record, eq=False):
    value: int


def test_fields_in_order_positionally_or_by_name_with_defaults() -> None:
    assert Pair._fields == ("first", "second") == Pair.__match_args__
    assert Pair("a").second == ()
    assert Pair("a", ("b",)) == Pair(second=("b",), first="a")


@pytest.mark.parametrize("make", [
    lambda: Pair(),                     # a field without a default is missing
    lambda: Pair("a", (), "extra"),     # more values than fields
    lambda: Pair("a", first="b"),       # one field given twice
    lambda: Pair("a", third=1),         # no such field
], ids=["missing", "too_many", "twice", "unknown"])
def test_wrong_arguments_are_a_type_error(make) -> None:
    with pytest.raises(TypeError):
        make()


def test_frozen() -> None:
    pair = Pair("a")
    with pytest.raises(AttributeError):
        pair.first = "b"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del pair.first
    assert pair.first == "a"


def test_equal_and_hashed_by_fields_and_class() -> None:
    assert Pair("a") == Pair("a") and hash(Pair("a")) == hash(Pair("a"))
    assert Pair("a") != Pair("b")
    assert Target("node", "about") != Pair("node", ("about",))
    assert len({Pair("a"), Pair("a"), Pair("b")}) == 2


def test_eq_false_keeps_identity() -> None:
    one = Shared(1)
    assert one == one and one != Shared(1)
    assert len({one, Shared(1)}) == 2


def test_repr_names_the_fields() -> None:
    assert repr(Target("node", "about")) == "Target(kind='node', id='about')"


def test_copies_and_pickles_equal() -> None:
    node = load_flow().nodes["about"]
    assert isinstance(node, Node)
    assert copy.deepcopy(node) == node == pickle.loads(pickle.dumps(node))


def test_match_by_position() -> None:
    match Outcome("review_by_mopac", (), {}, {}):
        case Outcome(outcome, flags):
            assert (outcome, flags) == ("review_by_mopac", ())
        case _:
            pytest.fail("no match")


def test_a_field_without_default_after_one_with_is_refused() -> None:
    with pytest.raises(TypeError):
        class Broken(Record):  # noqa: F841
            first: str = ""
            second: str
