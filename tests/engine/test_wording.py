"""The editors' wording loads, covers the flow, and broken wording names the file and the fix."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from triage import DATE_FLAGS, DATES, FLAGS, WordingError, fill, load_flow, load_wording, rules
from triage.wording import REQUIRED_ERRORS

from .conftest import ROOT


def test_real_wording_covers_the_flow() -> None:
    flow, wording = load_flow(), load_wording()
    assert set(wording.questions) == set(flow.questions)
    assert set(wording.outcomes) == set(flow.outcomes)
    assert tuple(wording.flags) == FLAGS and tuple(wording.dates) == DATES
    assert tuple(wording.flag_rules) == tuple(DATE_FLAGS)
    for qid, question in flow.questions.items():
        text = wording.questions[qid]
        assert text.title and tuple(text.options) == question.values
        assert set(REQUIRED_ERRORS[question.kind]) <= set(text.errors)
        assert bool(text.unknown_label) == question.is_date
    for outcome in wording.outcomes.values():
        assert outcome.title and outcome.summary and outcome.body and outcome.sources
        assert set(outcome.contacts) <= set(wording.contacts)
        assert set(outcome.sources) <= set(wording.sources)


def test_placeholders_are_filled_everywhere() -> None:
    wording = load_wording()
    texts = [q.title for q in wording.questions.values()] + [q.hint for q in wording.questions.values()]
    texts += [v for q in wording.questions.values() for v in (*q.options.values(), *q.option_hints.values(),
                                                              *q.errors.values())]
    texts += [t for o in wording.outcomes.values() for t in (o.title, o.summary, o.body)]
    texts += list(wording.flags.values()) + [d.rule for d in wording.dates.values()]
    assert not [t for t in texts if "{{" in t or "{%" in t]


def test_fill() -> None:
    assert fill("{{ rules.review_days }} days, {{rules.child_age}}") == f"{rules.REVIEW_DAYS} days, {rules.CHILD_AGE}"
    with pytest.raises(WordingError) as info:
        fill("{{ rules.nope }}", "content/checker/flags.md")
    assert "content/checker/flags.md" in str(info.value)
    with pytest.raises(WordingError):
        fill("{{ page.title }}", "x.md")


def test_load_wording_from_a_copy_is_equal(content_copy: Path) -> None:
    copy, real = load_wording(content_copy), load_wording()
    assert copy.questions["about"].options == real.questions["about"].options
    assert copy.outcomes.keys() == real.outcomes.keys()


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _first_line(path: Path, key: str) -> str:
    return next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(key))


def _break(root: Path, case: str) -> str:
    """Break the copy in one way; return the file that must be named."""
    q, o = root / "checker" / "questions", root / "checker" / "outcomes"
    if case == "missing_question":
        (q / "force.md").unlink()
        return "questions/force.md"
    if case == "missing_outcome":
        (o / "report_fraud.md").unlink()
        return "outcomes/report_fraud.md"
    if case == "extra_outcome":
        shutil.copy(o / "report_fraud.md", o / "report_frauds.md")
        return "outcomes/report_frauds.md"
    if case == "missing_title":
        _edit(q / "need.md", _first_line(q / "need.md", "title:") + "\n", "")
        return "questions/need.md"
    if case == "missing_label":
        _edit(q / "force.md", _first_line(q / "force.md", "  btp:") + "\n", "")
        return "questions/force.md"
    if case == "extra_label":
        _edit(q / "force.md", "options:\n", "options:\n  scotland: Police Scotland\n")
        return "questions/force.md"
    if case == "missing_required_error":
        _edit(q / "about.md", _first_line(q / "about.md", "  required:") + "\n", "  invalid: Choose one\n")
        return "questions/about.md"
    if case == "missing_date_error":
        _edit(q / "letter_date.md", _first_line(q / "letter_date.md", "  missing_year:") + "\n", "")
        return "questions/letter_date.md"
    if case == "missing_unknown_label":
        _edit(q / "incident_date.md", _first_line(q / "incident_date.md", "unknown_label:") + "\n", "")
        return "questions/incident_date.md"
    if case == "unknown_contact":
        _edit(o / "review_by_mopac.md", "contacts: [", "contacts: [nobody, ")
        return "outcomes/review_by_mopac.md"
    if case == "unknown_source":
        _edit(o / "review_by_mopac.md", "sources: [", "sources: [F999, ")
        return "outcomes/review_by_mopac.md"
    if case == "empty_sources":
        path = o / "emergency.md"
        _edit(path, _first_line(path, "sources:"), "sources: []")
        return "outcomes/emergency.md"
    if case == "bad_last_reviewed":
        path = o / "emergency.md"
        _edit(path, _first_line(path, "last_reviewed:"), "last_reviewed: 2026-02-30")
        return "outcomes/emergency.md"
    if case == "empty_body":
        path = o / "emergency.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(text[: text.index("\n---\n", 4) + 5], encoding="utf-8")
        return "outcomes/emergency.md"
    if case == "missing_summary":
        path = o / "other_force.md"
        _edit(path, _first_line(path, "summary:"), "title_2: x")
        return "outcomes/other_force.md"
    if case == "missing_flag":
        path = root / "checker" / "flags.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"  review_late: >\n(    .*\n)+", "", text), encoding="utf-8")
        return "checker/flags.md"
    if case == "missing_flag_rule":
        path = root / "checker" / "flags.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"  over_12_months:\n    label: .*\n    rule: >\n(      .*\n)+", "", text), encoding="utf-8")
        return "checker/flags.md"
    if case == "choice_flag_rule":  # `serious` follows from a choice: no date can raise it
        _edit(root / "checker" / "flags.md", "flag_rules:\n", "flag_rules:\n  serious:\n    label: x\n    rule: y\n")
        return "checker/flags.md"
    if case == "unknown_rule":
        _edit(q / "involvement.md", "hint: ", "hint: {{ rules.child_years }} ")
        return "questions/involvement.md"
    if case == "bad_yaml":
        _edit(q / "serious.md", "title: ", "title: &anchor ")
        return "questions/serious.md"
    interface = root / "checker" / "interface.md"
    if case == "interface_missing_file":
        interface.unlink()
        return "checker/interface.md"
    if case == "interface_unknown_key":
        _edit(interface, "  back: Back\n", "  back: Back\n  go_back: Back\n")
        return "checker/interface.md"
    if case == "interface_missing_key":
        _edit(interface, "  continue: Continue\n", "")
        return "checker/interface.md"
    if case == "interface_unknown_slot":
        _edit(interface, "  last_day: Today is the last day", "  last_day: Today is day {n}")
        return "checker/interface.md"
    if case == "interface_lost_slot":
        _edit(interface, '"{n} days left"', "Many days left")
        return "checker/interface.md"
    if case == "interface_lone_brace":
        _edit(interface, "  flags_heading: Please note\n", "  flags_heading: Please note {\n")
        return "checker/interface.md"
    if case == "interface_empty_group":
        _edit(interface, "command_line:\n", "command_line: none\nold_command_line:\n")
        return "checker/interface.md"
    if case == "checker_ui_on_start_page":
        _edit(root / "checker" / "index.md", "id: checker\n", "id: checker\nchecker_ui:\n  back: Go back\n")
        return "checker/index.md"
    if case == "wrong_id":
        _edit(q / "need.md", "question: need", "question: needs")
        return "questions/need.md"
    raise AssertionError(case)


CASES = ["missing_question", "missing_outcome", "extra_outcome", "missing_title", "missing_label",
         "extra_label", "missing_required_error", "missing_date_error", "missing_unknown_label",
         "unknown_contact", "unknown_source", "empty_sources", "bad_last_reviewed", "empty_body",
         "missing_summary", "missing_flag", "missing_flag_rule", "choice_flag_rule", "unknown_rule", "bad_yaml", "wrong_id",
         "interface_missing_file", "interface_unknown_key", "interface_missing_key", "interface_unknown_slot",
         "interface_lost_slot", "interface_lone_brace", "interface_empty_group", "checker_ui_on_start_page"]


@pytest.mark.parametrize("case", CASES)
def test_broken_wording_names_the_file(content_copy: Path, case: str) -> None:
    named = _break(content_copy, case)
    with pytest.raises(WordingError) as info:
        load_wording(content_copy)
    assert named in str(info.value)
    assert all(named in p for p in info.value.problems)


@pytest.mark.parametrize("case, key, words", [
    ("interface_unknown_key", "  go_back:", ("go_back", "back")),
    ("interface_missing_key", "checker:", ("continue", "Add")),
    ("interface_unknown_slot", "  last_day:", ("{n}", "does not provide")),
    ("interface_lost_slot", "  days_left_other:", ("{n}", "back")),
    ("checker_ui_on_start_page", "checker_ui:", ("interface.md",)),
])
def test_interface_problems_name_the_line(content_copy: Path, case: str, key: str, words: tuple[str, ...]) -> None:
    named = _break(content_copy, case)
    lines = (content_copy / named).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if text.startswith(key))
    with pytest.raises(WordingError) as info:
        load_wording(content_copy)
    (problem,) = info.value.problems
    assert f"{named}:{line}: " in problem.split(" ")[0] + " ", problem  # file:line: problem. Fix
    assert all(word in problem for word in words), problem


def test_interface_words_keep_their_spaces_and_fill_rules(content_copy: Path) -> None:
    interface = content_copy / "checker" / "interface.md"
    _edit(interface, "  last_day: Today is the last day", "  last_day: Day {{ rules.review_days }}")
    words = load_wording(content_copy).interface
    assert words["checker"]["error_title_prefix"].endswith(" ")  # "Error: " + the page's title
    assert words["checker"]["last_day"] == f"Day {rules.REVIEW_DAYS}"
    assert not words["checker"]["status_failed"].endswith("\n")


def test_checker_ui_has_every_key_the_checker_uses() -> None:
    from triage import checker_ui
    from triage.wording_interface import INTERFACE

    ui = checker_ui()
    assert list(ui) == list(INTERFACE["checker"]) and all(ui.values())
    assert "{question}" in ui["change_hidden"] and "{n}" in ui["days_left_other"]


def test_all_problems_are_reported_at_once(content_copy: Path) -> None:
    named = [_break(content_copy, case) for case in ("missing_question", "unknown_source", "missing_flag")]
    with pytest.raises(WordingError) as info:
        load_wording(content_copy)
    for name in named:
        assert name in str(info.value)


def test_no_wording_folder(tmp_path: Path) -> None:
    with pytest.raises(WordingError):
        load_wording(tmp_path)


def _installed_layout(site: Path) -> Path:
    """`site/triage/` laid out as the wheel has it: the package without its build-time modules,
    and the wording compiled into triage/wording.json (hatch_build.py). Returns the package folder."""
    from triage import wording_compiler

    excluded = {p.removeprefix("triage/") for p in tomllib.loads((ROOT / "pyproject.toml").read_text(
        encoding="utf-8"))["tool"]["hatch"]["build"]["targets"]["wheel"]["exclude"]}
    package = site / "triage"
    shutil.copytree(ROOT / "triage", package, ignore=lambda _, names: [
        n for n in names if n in excluded or n == "__pycache__"])
    wording_compiler.write(package / "wording.json")
    return package


def test_installed_package_reads_its_compiled_wording(tmp_path: Path) -> None:
    """Installed from the wheel, triage reads triage/wording.json: no YAML, no compiler."""
    package = _installed_layout(tmp_path / "site")
    code = ("import sys, triage; w = triage.load_wording(); print(w.source); print(len(w.outcomes)); "
            "print(sorted(m for m in sys.modules if m.startswith(('yaml', 'triage.frontmatter', 'triage.wording_'))))")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                            env={"PYTHONPATH": str(tmp_path / "site"), "PYTHONSAFEPATH": "1"})
    assert result.returncode == 0, result.stderr
    source, count, build_time = result.stdout.splitlines()
    assert Path(source) == (package / "wording.json").resolve() and int(count) == len(load_flow().outcomes)
    assert build_time == "[]"


def test_a_long_running_process_sees_an_edit(tmp_path: Path) -> None:
    """`mkdocs serve` or a Python session: the default wording follows the files, not a cache."""
    checkout = tmp_path / "clone"
    shutil.copytree(ROOT / "triage", checkout / "triage", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "content" / "checker", checkout / "content" / "checker")
    shutil.copytree(ROOT / "content" / "_data", checkout / "content" / "_data")
    code = ("import sys, triage; before = triage.load_wording().questions['about'].title; "
            "p = 'content/checker/questions/about.md'; t = open(p).read(); "
            "open(p, 'w').write(t.replace('title: ', 'title: Changed. ', 1)); "
            "after = triage.load_wording().questions['about'].title; "
            "print(after.startswith('Changed. ') and not before.startswith('Changed. '))")
    result = subprocess.run([sys.executable, "-c", code], cwd=checkout, capture_output=True, text=True,
                            env={"PYTHONPATH": str(checkout), "PYTHONSAFEPATH": "1"})
    assert result.stdout.strip() == "True", result.stderr


def test_installed_package_without_compiled_wording_says_so(tmp_path: Path) -> None:
    package = _installed_layout(tmp_path / "site")
    (package / "wording.json").unlink()
    code = "import triage; triage.load_wording()"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                            env={"PYTHONPATH": str(tmp_path / "site"), "PYTHONSAFEPATH": "1"})
    assert result.returncode != 0 and "WordingError" in result.stderr and "wording.json" in result.stderr


def test_a_source_checkout_always_reads_the_current_files(tmp_path: Path) -> None:
    """In a clone (`make setup`: an editable install) nothing compiled can go stale: each run
    compiles content/ afresh, so an editor's change shows at once, on the command line too."""
    checkout = tmp_path / "clone"
    shutil.copytree(ROOT / "triage", checkout / "triage", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "content" / "checker", checkout / "content" / "checker")
    shutil.copytree(ROOT / "content" / "_data", checkout / "content" / "_data")

    def title() -> str:
        result = subprocess.run([sys.executable, "-m", "triage", "--json"], cwd=checkout, capture_output=True,
                                text=True, env={"PYTHONPATH": str(checkout), "PYTHONSAFEPATH": "1"})
        assert result.returncode == 0, result.stderr
        code = "import triage; print(triage.load_wording().questions['about'].title)"
        return subprocess.run([sys.executable, "-c", code], cwd=checkout, capture_output=True, text=True,
                              env={"PYTHONPATH": str(checkout), "PYTHONSAFEPATH": "1"}, check=True).stdout.strip()

    assert title() == load_wording().questions["about"].title
    _edit(checkout / "content" / "checker" / "questions" / "about.md", "title: ", "title: Changed. ")
    assert title().startswith("Changed. ")
    # An editor's mistake reaches the command line as the file, line and fix, not a traceback.
    _edit(checkout / "content" / "checker" / "questions" / "about.md", "title: ", "title: &a ")
    result = subprocess.run([sys.executable, "-m", "triage", "about=met"], cwd=checkout, capture_output=True,
                            text=True, env={"PYTHONPATH": str(checkout), "PYTHONSAFEPATH": "1"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"content/checker/questions/about\.md:\d+: ", result.stderr), result.stderr


def test_the_package_runs_from_a_zip_on_sys_path(tmp_path: Path) -> None:
    """The browser imports triage straight from its wheel (a zip): flow and wording still load."""
    _installed_layout(tmp_path / "site")
    archive = Path(shutil.make_archive(str(tmp_path / "triage"), "zip", tmp_path / "site"))
    shutil.rmtree(tmp_path / "site")
    code = ("import json, triage, triage.bridge as b; w = triage.load_wording(); print(json.dumps(["
            "triage.__file__, w.source, len(w.outcomes), json.loads(b.evaluate_json("
            "json.dumps({'about': 'met', 'met_stage': 'waiting', 'recorded': 'yes', 'last_update_date': '2026-01-01'}),"
            " '2026-03-01')), json.loads(b.date_from_parts_json('letter_date', '31', '2', '2026'))]))")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                            env={"PYTHONPATH": str(archive), "PYTHONSAFEPATH": "1"})
    assert result.returncode == 0, result.stderr
    file, source, count, step, error = json.loads(result.stdout)
    assert file.startswith(str(archive) + "/") and source == f"{archive}/triage/wording.json"
    assert count == len(load_flow().outcomes)
    assert step["outcome"] == "waiting_for_outcome" and step["dates"]["update_due"] == "2026-01-29"
    assert error["error"]["code"] == "real_date" and error["error"]["message"]
