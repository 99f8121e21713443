"""Two reports' snapshots side by side: what changed between them, section by section, in the words of the report.

Pure functions of two snapshots (dicts), no database: the snapshots are what the reports were made from. Every
part of a snapshot belongs to the section of the report that prints it (``PARTS``); a changed text comes with its
changed words as (op, text) tokens, which the template prints escaped. Labels are in the active language (the
page's), the values in the report's own language, as the reports printed them. Older snapshots lack keys that
newer ones have (``scope``, ``replaced``): every read is a ``.get`` with a default.
"""

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import formats

from .models import ReportRequest, Section
from .sections import KEYS, SECTIONS
from .snapshot import snapshot_current

SAME, DELETED, INSERTED = "same", "del", "ins"
Token = tuple[str, str]  # (SAME | DELETED | INSERTED, text)


@dataclass(frozen=True)
class Change:
    """One difference. ``kind``: "value" (then → now, printed as given), "text" (``words``), "added", "removed"."""

    what: str
    kind: str
    then: str | None = None
    now: str | None = None
    words: tuple[Token, ...] = ()


@dataclass
class SectionChanges:
    key: str
    heading: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class Comparison:
    identical: bool
    sections: list[SectionChanges] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        return any(section.changes for section in self.sections)


# --- changed words ---------------------------------------------------------------------------------------------

# a word, a run of whitespace, or one other character (a full stop apart from its word, so "gange." → "gange" ".")
WORDS = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


# Below this share of words in common, two versions of a passage are shown as one replaced by the other.
REWRITTEN = 0.4


def _lf(text: str | None) -> str:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def word_diff(before: str, after: str) -> list[Token]:
    """The word-level difference of two texts, whitespace kept: joining the SAME and DELETED texts gives ``before``
    back, joining the SAME and INSERTED texts gives ``after``. Whitespace alone between two changes joins them into
    one change ("fire gange" → "seks uger" is one deletion and one insertion, not two of each).

    Lines are matched first and words within the lines that differ, so that a long text costs little."""
    before, after = _lf(before), _lf(after)  # a browser sends a textarea's line breaks as CRLF
    old_lines, new_lines = before.splitlines(keepends=True), after.splitlines(keepends=True)
    runs: list[list[str]] = []  # [SAME, text] or [DELETED, deleted, inserted]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_lines, new_lines).get_opcodes():
        if op == "equal":
            _add(runs, SAME, "".join(old_lines[i1:i2]), "")
            continue
        old, new = WORDS.findall("".join(old_lines[i1:i2])), WORDS.findall("".join(new_lines[j1:j2]))
        # the words the lines share at either end need no search
        start = 0
        while start < min(len(old), len(new)) and old[start] == new[start]:
            start += 1
        end = 0
        while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
            end += 1
        _add(runs, SAME, "".join(old[:start]), "")
        middle_old, middle_new = old[start : len(old) - end], new[start : len(new) - end]
        matcher = difflib.SequenceMatcher(None, middle_old, middle_new)
        if matcher.ratio() < REWRITTEN:
            # rewritten rather than edited: the old words out and the new in, not woven together on a stray "og"
            _add(runs, DELETED, "".join(middle_old), "".join(middle_new))
            _add(runs, SAME, "".join(old[len(old) - end :]), "")
            continue
        for word_op, k1, k2, l1, l2 in matcher.get_opcodes():
            deleted, inserted = "".join(middle_old[k1:k2]), "".join(middle_new[l1:l2])
            _add(runs, SAME if word_op == "equal" else DELETED, deleted, inserted)
        _add(runs, SAME, "".join(old[len(old) - end :]), "")
    tokens: list[Token] = []
    for run in runs:
        if run[0] == SAME:
            tokens.append((SAME, run[1]))
            continue
        if run[1]:
            tokens.append((DELETED, run[1]))
        if run[2]:
            tokens.append((INSERTED, run[2]))
    return tokens


def _add(runs: list[list[str]], op: str, deleted: str, inserted: str) -> None:
    """Add a run of unchanged text (``deleted``) or a change, joining it to the run before when they belong together:
    two unchanged runs, two changes, or a change after whitespace alone after a change."""
    if not deleted and not inserted:
        return
    if runs and runs[-1][0] == op == SAME:
        runs[-1][1] += deleted
    elif runs and op != SAME and runs[-1][0] != SAME:
        runs[-1][1] += deleted
        runs[-1][2] += inserted
    elif op != SAME and len(runs) >= 2 and runs[-1][1].isspace() and runs[-2][0] != SAME:
        space = runs.pop()[1]
        runs[-1][1] += space + deleted
        runs[-1][2] += space + inserted
    else:
        runs.append([op, deleted, inserted] if op != SAME else [op, deleted])


def _similar(before: str, after: str) -> bool:
    """Close enough that its changed words tell more than "one removed, one added": half the words in common."""
    old, new = re.findall(r"\w+", before.lower()), re.findall(r"\w+", after.lower())
    return difflib.SequenceMatcher(None, old, new).ratio() >= 0.5


# --- building blocks -------------------------------------------------------------------------------------------


def _text(what: str, before, after) -> list[Change]:
    before, after = _lf(before).strip(), _lf(after).strip()
    if before == after:
        return []
    return [Change(str(what), "text", words=tuple(word_diff(before, after)))]


def _value(what: str, before, after, show: Callable = str) -> list[Change]:
    if before == after:
        return []
    then, now = (None if value is None else show(value) for value in (before, after))
    return [Change(str(what), "value", then=then, now=now)]


def _items(what: str, before: Iterable[str], after: Iterable[str]) -> list[Change]:
    """Two lists of texts (findings, learning points, quotes): the ones removed, added, and changed in place."""
    before, after = list(before), list(after)
    changes = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old, new = before[i1:i2], after[j1:j2]
        paired = min(len(old), len(new))
        for was, now in zip(old[:paired], new[:paired], strict=True):
            if _similar(was, now):
                changes += _text(what, was, now)
            else:
                changes += [Change(str(what), "removed", then=was), Change(str(what), "added", now=now)]
        changes += [Change(str(what), "removed", then=was) for was in old[paired:]]
        changes += [Change(str(what), "added", now=now) for now in new[paired:]]
    return changes


def _rows(what: str, before: Iterable[dict], after: Iterable[dict], *, key: Callable[[dict], object],
          fields: Callable[[object, dict, dict], list[Change]], label: Callable[[object, dict], str] | None = None,
          ) -> list[Change]:  # fmt: skip
    """Rows matched by key (a second row with the same key matches the other's second): the removed ones, the added
    ones, and what ``fields`` finds changed in the ones in both. ``label`` names an added or removed row."""

    def keyed(rows):
        found: dict[tuple[object, int], dict] = {}
        seen: Counter[object] = Counter()
        for row in rows:
            name = key(row)
            seen[name] += 1
            found[name, seen[name]] = row
        return found

    def show(name, row):
        return label(name, row) if label else _label(name)

    old, new = keyed(before), keyed(after)
    changes = []
    for (name, count), row in new.items():
        if (name, count) in old:
            changes += fields(name, old[name, count], row)
        else:
            changes.append(Change(str(what), "added", now=show(name, row)))
    changes += [Change(str(what), "removed", then=show(name, row)) for (name, count), row in old.items()
                if (name, count) not in new]  # fmt: skip
    return changes


def _label(name) -> str:
    if isinstance(name, tuple):
        return " · ".join(str(part) for part in name if part not in ("", None))
    return str(name)


def _of(*parts: object) -> str:
    """A label of several parts: "1. Fælles dagsorden · Samlet vurdering"."""
    return " · ".join(str(part) for part in parts)


def _quotes(quotes: list[dict] | None) -> list[str]:
    return [f"“{quote.get('text', '')}” — {quote.get('by', '')}" for quote in quotes or []]


def _number(value) -> str:
    return formats.number(value)


def _date(value) -> str:
    return formats.short_date(value) or "–"


def _share(row: dict) -> str:
    return _("%(part)s of %(total)s (%(percent)s)") % {
        "part": formats.number(row.get("part")),
        "total": formats.number(row.get("total")),
        "percent": formats.percent(row.get("percent")),
    }


def _part_of(row: dict) -> str | None:
    if not row:
        return None
    return _("%(part)s of %(total)s") % {
        "part": formats.number(row.get("part")),
        "total": formats.number(row.get("total")),
    }


def _yes_no(value) -> str:
    return _("yes") if value else _("no")


# --- the parts of a snapshot, each in its section --------------------------------------------------------------


def _scope(snapshot: dict) -> dict:
    """What the report covers (an older snapshot has its ``scope`` from ``snapshot_current``)."""
    return snapshot.get("scope") or {}


def _round(value: dict | None) -> str:
    if not value:
        return _("No assessment round")
    held_on = formats.long_date(value.get("held_on")) if value.get("held_on") else ""
    return " · ".join(part for part in (value.get("title", ""), held_on) if part)


def scope_changes(then: dict, now: dict) -> list[Change]:
    before, after = _scope(then), _scope(now)
    initiative_then, initiative_now = then.get("initiative") or {}, now.get("initiative") or {}
    return [
        *_value(_("Initiative"), initiative_then.get("name"), initiative_now.get("name")),
        *_value(_("Area"), initiative_then.get("area"), initiative_now.get("area")),
        *_value(_("Language"), _language(then), _language(now)),
        *_value(_("Period from"), before.get("from"), after.get("from"), _date),
        *_value(_("Period to"), before.get("to"), after.get("to"), _date),
        *_value(_("Assessment round"), _round(before.get("round")), _round(after.get("round"))),
        *_value(_("Strategic tracks"), _tracks(before.get("tracks")), _tracks(after.get("tracks"))),
    ]


def _language(snapshot: dict) -> str:
    language = snapshot.get("language")
    return str(ReportRequest.Language(language).label) if language in ReportRequest.Language.values else ""


def _tracks(tracks: list[str] | None) -> str:
    return ", ".join(tracks) if tracks else _("All tracks")


def _written(section: str) -> Callable[[dict, dict], list[Change]]:
    """The text the evaluators wrote in ``section``, and whether it stands instead of the computed part."""

    def changes(then: dict, now: dict) -> list[Change]:
        texts_then, texts_now = then.get("texts") or {}, now.get("texts") or {}
        replaced_then, replaced_now = section in (then.get("replaced") or []), section in (now.get("replaced") or [])
        return [
            *_text(_("The evaluators' text"), texts_then.get(section), texts_now.get(section)),
            *_value(_("Only the evaluators' text, not the computed part"), replaced_then, replaced_now, _yes_no),
        ]

    return changes


def introduction_changes(then: dict, now: dict) -> list[Change]:
    before, after = then.get("initiative") or {}, now.get("initiative") or {}
    return [
        *_text(_("The problem"), before.get("problem"), after.get("problem")),
        *_value(_("Started"), before.get("started_on"), after.get("started_on"), _date),
        *_value(_("Planned end"), before.get("planned_end_on"), after.get("planned_end_on"), _date),
    ]


def basis_changes(then: dict, now: dict) -> list[Change]:
    def counts(snapshot):
        return {group.get("role", ""): group.get("count") for group in snapshot.get("informants") or []}

    before, after = counts(then), counts(now)
    roles = [*before, *(role for role in after if role not in before)]
    return [
        *(change for role in roles for change in _value(_("Informants: %(role)s") % {"role": role},
                                                       before.get(role), after.get(role), _number)),
        *_value(_("Informants in all"), then.get("informants_total"), now.get("informants_total"), _number),
        *_value(_("Interviews and focus groups"), then.get("interviews"), now.get("interviews"), _number),
    ]  # fmt: skip


def initiative_changes(then: dict, now: dict) -> list[Change]:
    before, after = then.get("initiative") or {}, now.get("initiative") or {}
    alliance_then, alliance_now = then.get("alliance") or {}, now.get("alliance") or {}

    def chairs(alliance):
        return [f"{chair.get('role', '')}: {chair.get('name', '')}" for chair in alliance.get("chairs") or []]

    def sectors(alliance):
        return {sector.get("name", ""): sector.get("members") for sector in alliance.get("sectors") or []}

    def backbone(snapshot):
        return [
            _("%(from)s – %(to)s: %(fte)s full-time equivalents")
            % {"from": formats.short_date(period.get("from")) or "…", "to": formats.short_date(period.get("to")) or "…",
               "fte": formats.number(period.get("fte"), 1)}
            for period in snapshot.get("backbone") or []
        ]  # fmt: skip

    sectors_then, sectors_now = sectors(alliance_then), sectors(alliance_now)
    names = [*sectors_then, *(name for name in sectors_now if name not in sectors_then)]
    track = _("Strategic track")
    return [
        *_text(_("Knowledge base"), before.get("knowledge_base"), after.get("knowledge_base")),
        *_text(_("The vision"), before.get("vision"), after.get("vision")),
        *_value(_("Current members of the alliance group"), alliance_then.get("current"), alliance_now.get("current"),
                _number),
        *_value(_("Former members"), alliance_then.get("former"), alliance_now.get("former"), _number),
        *_items(_("Chair and vice-chair"), chairs(alliance_then), chairs(alliance_now)),
        *(change for name in names for change in _value(_("Members from %(sector)s") % {"sector": name},
                                                       sectors_then.get(name), sectors_now.get(name), _number)),
        *_items(_("The backbone secretariat"), backbone(then), backbone(now)),
        *_rows(track, then.get("tracks") or [], now.get("tracks") or [],
               key=lambda row: row.get("name", ""),
               fields=lambda name, was, row: _text(_of(track, name), was.get("description"), row.get("description"))),
    ]  # fmt: skip


def element_changes(then: dict, now: dict) -> list[Change]:
    def fields(number, was, row):
        element = f"{number}. {row.get('name', '')}"
        return [
            *_value(_of(element, _("Overall rating")), was.get("rating") or _("Not rated"),
                    row.get("rating") or _("Not rated")),
            *_items(_of(element, _("Findings") + " (+)"), was.get("plus") or [], row.get("plus") or []),
            *_items(_of(element, _("Findings") + " (÷)"), was.get("minus") or [], row.get("minus") or []),
            *_text(_of(element, _("What promoted it")), was.get("promoted"), row.get("promoted")),
            *_text(_of(element, _("What hindered it")), was.get("hindered"), row.get("hindered")),
            *_items(_of(element, _("Quotes")), _quotes(was.get("quotes")), _quotes(row.get("quotes"))),
        ]  # fmt: skip

    return _rows(_("Element"), then.get("elements") or [], now.get("elements") or [],
                 key=lambda row: row.get("number"), fields=fields,
                 label=lambda number, row: f"{number}. {row.get('name', '')}")  # fmt: skip


def _level(key: str) -> Callable[[dict, dict], list[Change]]:
    """A change level's answers (by question), their quotes, the level's other quotes and its summary."""

    def changes(then: dict, now: dict) -> list[Change]:
        levels_then = {level.get("level"): level for level in then.get("levels") or []}
        levels_now = {level.get("level"): level for level in now.get("levels") or []}
        before, after = levels_then.get(key) or {}, levels_now.get(key) or {}

        def fields(question, was, row):
            return [
                *_text(question, was.get("answer"), row.get("answer")),
                *_items(_of(question, _("Quotes")), _quotes(was.get("quotes")), _quotes(row.get("quotes"))),
            ]

        return [
            *_rows(_("Question"), before.get("answers") or [], after.get("answers") or [],
                   key=lambda row: row.get("question", ""), fields=fields),
            *_items(_("Quotes"), _quotes(before.get("quotes")), _quotes(after.get("quotes"))),
            *_text(_("Summary"), before.get("summary"), after.get("summary")),
        ]  # fmt: skip

    return changes


def collaboration_changes(then: dict, now: dict) -> list[Change]:
    before, after = then.get("collaboration") or {}, now.get("collaboration") or {}

    def ties(name, was, row):
        return [
            *_value(_("Ties in %(year)s") % {"year": name}, was.get("ties"), row.get("ties"), _number),
            *_value(_("New ties in %(year)s") % {"year": name}, was.get("new"), row.get("new"), _number),
            *_value(_("New ties across sectors in %(year)s") % {"year": name}, was.get("new_across_sectors"),
                    row.get("new_across_sectors"), _number),
        ]  # fmt: skip

    def reinforcing(name, was, row):
        return _value(_("Mutually reinforcing activities in %(year)s") % {"year": name}, _share(was), _share(row))

    led_then, led_now = before.get("backbone_led"), after.get("backbone_led")
    recent_then, recent_now = before.get("recent_led") or {}, after.get("recent_led") or {}
    return [
        *_rows(_("Collaboration ties"), before.get("ties") or [], after.get("ties") or [],
               key=lambda row: row.get("year"), fields=ties),
        *_rows(_("Mutually reinforcing activities"), before.get("reinforcing") or [],
               after.get("reinforcing") or [], key=lambda row: row.get("year"), fields=reinforcing),
        *_value(_("Activities led by the secretariat"), _share(led_then) if led_then else None,
                _share(led_now) if led_now else None),
        *_value(_("Led by the secretariat among the latest activities"), _part_of(recent_then), _part_of(recent_now)),
        *_value(_("Communication reach"), before.get("communication_reach"), after.get("communication_reach"),
                _number),
    ]  # fmt: skip


def system_changes(then: dict, now: dict) -> list[Change]:
    def fields(name, was, row):
        what = _label(name)
        return [
            *_value(_of(what, _("Kind of change")), was.get("area"), row.get("area")),
            *_value(_of(what, _("Formal or informal")), was.get("formality"), row.get("formality")),
            *_value(_of(what, _("Anchored")), bool(was.get("anchored")), bool(row.get("anchored")), _yes_no),
            *_value(_of(what, _("Since")), was.get("since"), row.get("since"), _date),
        ]

    return _rows(_("System change"), then.get("system_changes") or [],
                 now.get("system_changes") or [], key=lambda row: (row.get("what", ""), row.get("institution", "")),
                 fields=fields)  # fmt: skip


def indicator_changes(then: dict, now: dict) -> list[Change]:
    def fields(name, was, row):
        what = _label(name)
        show = (lambda value: formats.proportion(value, 1)) if row.get("proportion") else _number
        waves_then = {wave.get("wave"): wave.get("value") for wave in was.get("waves") or []}
        waves_now = {wave.get("wave"): wave.get("value") for wave in row.get("waves") or []}
        waves = [*waves_then, *(wave for wave in waves_now if wave not in waves_then)]
        return [
            *(change for wave in waves for change in _value(_of(what, wave), waves_then.get(wave),
                                                           waves_now.get(wave), show)),
            *_value(_of(what, _("Target")), was.get("target"), row.get("target"), show),
            *_value(_of(what, _("Verdict")), was.get("verdict_label"), row.get("verdict_label")),
        ]  # fmt: skip

    return _rows(_("Indicator"), then.get("indicators") or [], now.get("indicators") or [],
                 key=lambda row: (row.get("name", ""), row.get("group", "")), fields=fields)  # fmt: skip


def learning_point_changes(then: dict, now: dict) -> list[Change]:
    return _items(_("Learning point"), then.get("learning_points") or [], now.get("learning_points") or [])


def _member(row: dict) -> tuple:
    return (row.get("name") or row.get("title", ""), row.get("organisation", ""))


def _membership(row: dict) -> str:
    if row.get("current", True):
        return _("Current member")
    left = _("Left %(date)s") % {"date": _date(row.get("left_on"))}
    return f"{left} ({row['left_reason']})" if row.get("left_reason") else left


def member_changes(then: dict, now: dict) -> list[Change]:
    def fields(name, was, row):
        who = _label(name)
        return [
            *_value(_of(who, _("Member")), _membership(was), _membership(row)),
            *_value(_of(who, _("Role")), was.get("role"), row.get("role")),
            *_value(_of(who, _("Title")), was.get("title"), row.get("title")),
        ]

    return _rows(_("Member"), then.get("members") or [], now.get("members") or [], key=_member,
                 fields=fields)  # fmt: skip


def activity_changes(then: dict, now: dict) -> list[Change]:
    def fields(name, was, row):
        title = _label(name)
        return [
            *_value(_of(title, _("Track")), was.get("track"), row.get("track")),
            *_value(_of(title, _("Kind")), was.get("kind"), row.get("kind")),
            *_value(_of(title, _("Status")), was.get("status"), row.get("status")),
            *_value(_of(title, _("Start")), was.get("starts_on"), row.get("starts_on"), _date),
            *_value(_of(title, _("Led by")), was.get("lead"), row.get("lead")),
            *_value(_of(title, _("Participants")), was.get("participants"), row.get("participants"), _number),
        ]

    return _rows(_("Activity"), then.get("activities") or [], now.get("activities") or [],
                 key=lambda row: row.get("title", ""), fields=fields)  # fmt: skip


# Every computed part of a snapshot in the section that prints it; the sections, their order, their headings and
# whether the evaluators' text is compared come from reports/sections.py (a declared section missing here fails
# at import).
SCOPE = "scope"
COMPUTED: dict[str, list[Callable[[dict, dict], list[Change]]]] = {
    Section.INTRODUCTION: [introduction_changes],
    Section.FOCUS: [],
    Section.BASIS: [basis_changes],
    Section.INITIATIVE: [initiative_changes],
    Section.LEVEL0: [element_changes, _level("implementation")],
    Section.LEVEL1: [_level("early"), collaboration_changes],
    Section.LEVEL2: [_level("system"), system_changes],
    Section.LEVEL3: [_level("population"), indicator_changes],
    Section.SUMMARY: [learning_point_changes],
    Section.APPENDIX_MEMBERS: [member_changes],
    Section.APPENDIX_ACTIVITIES: [activity_changes],
}
PARTS: dict[str, list[Callable[[dict, dict], list[Change]]]] = {
    SCOPE: [scope_changes],
    **{s.key: [*([_written(s.key)] if s.written else []), *COMPUTED[s.key]] for s in SECTIONS},
}
HEADINGS = {SCOPE: gettext_lazy("What the report covers"), **{s.key: s.section.label for s in SECTIONS}}
# An activity catalogue has its scope and its activities only.
CATALOGUE = {SCOPE: [scope_changes], Section.APPENDIX_ACTIVITIES: [activity_changes]}


def _included(snapshot: dict) -> set[str]:
    chosen = snapshot.get("sections") or []
    return set(chosen) if chosen else set(KEYS)


def compare(then: dict, now: dict, *, then_checksum: str = "", now_checksum: str = "") -> Comparison:
    """What changed from ``then`` to ``now``, grouped by the sections of the report, in the report's order.

    A section that is in neither report is left out; one that is in only one of them says so."""
    identical = bool(then_checksum) and then_checksum == now_checksum
    # both read by their version: an older snapshot converted to today's shape, so that a part it kept under
    # another shape is compared as the same part, not reported as changed
    then, now = dict(snapshot_current(then or {})), dict(snapshot_current(now or {}))
    identical = identical or then == now
    result = Comparison(identical=identical)
    if identical:
        return result
    catalogue = ReportRequest.Kind.CATALOGUE in (then.get("kind"), now.get("kind"))
    in_then, in_now = _included(then), _included(now)
    for key, parts in (CATALOGUE if catalogue else PARTS).items():
        heading = str(_("Activities") if catalogue and key == Section.APPENDIX_ACTIVITIES else HEADINGS[key])
        section = SectionChanges(key=str(key), heading=heading)
        if key != SCOPE and not catalogue:
            if key not in in_then and key not in in_now:
                continue
            section.changes += _value(_("In the report"), key in in_then, key in in_now, _yes_no)
        for part in parts:
            section.changes += part(then, now)
        result.sections.append(section)
    return result
