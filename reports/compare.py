"""Two reports' snapshots side by side: what changed between them, in the words of the report.

Pure functions of two snapshots (dicts), no database: the snapshots are what the reports were made from.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass
class Comparison:
    identical: bool
    counts: list[tuple[str, object, object]] = field(default_factory=list)  # (what, then, now) where they differ
    ratings: list[tuple[str, str, str]] = field(default_factory=list)  # (element, then, now)
    verdicts: list[tuple[str, str, str]] = field(default_factory=list)  # (indicator · group, then, now)
    activities_added: list[str] = field(default_factory=list)
    activities_removed: list[str] = field(default_factory=list)
    learning_points_added: list[str] = field(default_factory=list)
    learning_points_removed: list[str] = field(default_factory=list)
    texts_changed: list[str] = field(default_factory=list)  # sections whose written text differs

    @property
    def anything(self) -> bool:
        return any((self.counts, self.ratings, self.verdicts, self.activities_added, self.activities_removed,
                    self.learning_points_added, self.learning_points_removed, self.texts_changed))  # fmt: skip


COUNTS = [
    (_("Activities"), lambda s: len(s.get("activities", []))),
    (_("Current members of the alliance group"), lambda s: (s.get("alliance") or {}).get("current")),
    (_("Former members"), lambda s: (s.get("alliance") or {}).get("former")),
    (_("Informants"), lambda s: s.get("informants_total")),
    (_("Interviews and focus groups"), lambda s: s.get("interviews")),
    (_("System changes"), lambda s: len(s.get("system_changes", []))),
    (_("Learning points"), lambda s: len(s.get("learning_points", []))),
    (_("Communication reach"), lambda s: (s.get("collaboration") or {}).get("communication_reach")),
]


def compare(then: dict, now: dict, *, then_checksum: str = "", now_checksum: str = "") -> Comparison:
    result = Comparison(identical=bool(then_checksum) and then_checksum == now_checksum)
    for label, count in COUNTS:
        before, after = count(then), count(now)
        if before != after:
            result.counts.append((str(label), before, after))
    ratings_then = {e["number"]: e for e in then.get("elements", [])}
    for element in now.get("elements", []):
        before, after = ratings_then.get(element["number"], {}).get("rating", ""), element.get("rating", "")
        if before != after:
            result.ratings.append((f"{element['number']}. {element['name']}", before, after))
    verdicts_then = {(s["name"], s["group"]): s["verdict_label"] for s in then.get("indicators", [])}
    for series in now.get("indicators", []):
        before = verdicts_then.get((series["name"], series["group"]), "")
        if before != series["verdict_label"]:
            result.verdicts.append((f"{series['name']} · {series['group']}", before, series["verdict_label"]))
    titles_then = {a["title"] for a in then.get("activities", [])}
    titles_now = {a["title"] for a in now.get("activities", [])}
    result.activities_added = sorted(titles_now - titles_then)
    result.activities_removed = sorted(titles_then - titles_now)
    points_then, points_now = then.get("learning_points", []), now.get("learning_points", [])
    result.learning_points_added = [p for p in points_now if p not in points_then]
    result.learning_points_removed = [p for p in points_then if p not in points_now]
    texts_then, texts_now = then.get("texts", {}), now.get("texts", {})
    result.texts_changed = sorted(s for s in set(texts_then) | set(texts_now) if texts_then.get(s) != texts_now.get(s))
    return result
