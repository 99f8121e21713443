"""Dependencies point one way: an app imports only from the apps on the floors below it.

    core  ←  initiatives  ←  alliance, activities, measurement, evaluation
          ←  dashboards, reports, search, accounts  ←  notifications, api  ←  home

``core`` is the ground floor and imports no domain app; ``initiatives``, which every app builds on, imports none
of them back; apps on one floor do not import each other; ``notifications`` reads the floors below (through their
selectors) and hears their signals; ``api`` serves the floors below through their services and selectors;
``home`` gathers from all of them (the start page, the initiative's home, the demo loader, the export) and
nothing imports it. When apps import in circles, a change to one breaks
the others and no app can be read, tested or removed on its own.

The test reads the source (``ast``), not what happens to be imported at run time: an import inside a function
counts as much as one at the top of the module. Migrations and tests are left out.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]

FLOORS = [
    {"core"},
    {"initiatives"},
    {"alliance", "activities", "measurement", "evaluation"},
    {"dashboards", "reports", "search", "accounts"},
    {"notifications", "api"},
    {"home", "privacy"},
]
FLOOR = {app: floor for floor, floor_apps in enumerate(FLOORS) for app in floor_apps}

# The imports between apps on one floor that are allowed, as (importing module or app, imported module). Keep it
# short: a sibling is read through its selectors, never its models, forms or services.
ALLOWED = {
    # An activity's lead and participants are alliance organisations: the activity list filters by them and by
    # their sector, and the bench generator picks sectors, read through alliance's selectors.
    ("activities", "alliance.selectors"),
}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, "activities.filters"
    path: Path
    line: int
    target: str  # the imported module, "alliance.selectors"

    @property
    def app(self) -> str:
        return self.module.split(".")[0]

    @property
    def target_app(self) -> str:
        return self.target.split(".")[0]

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line} ({self.module}) imports {self.target}"


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if "migrations" in parts or "tests" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path


def _type_only(tree: ast.AST) -> set[int]:
    """The nodes under ``if TYPE_CHECKING:``: imports for the type checker, which the running code never makes."""
    nodes = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", getattr(node.test, "attr", None)) == "TYPE_CHECKING":
            nodes.update(id(inner) for statement in node.body for inner in ast.walk(statement))
    return nodes


def _imports(module: str, path: Path):
    """Every module the file imports, wherever in the file (a function's imports too), but for the type checker."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(), filename=str(path))
    type_only = _type_only(tree)
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(module, path, node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                source = f"{base}.{node.module}" if node.module else base
            else:
                source = node.module
            for alias in node.names:
                # "from alliance import selectors" imports the module alliance.selectors
                name = f"{source}.{alias.name}"
                yield Import(module, path, node.lineno, name if _is_module(name) else source)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield Import(module, path, node.lineno, node.args[0].value)


def _across_apps() -> list[Import]:
    found = []
    for app in FLOOR:
        for module, path in _modules(app):
            found.extend(found_import for found_import in _imports(module, path) if found_import.target_app != app)
    # one line importing two names of a module is one import of it
    return [found_import for found_import in dict.fromkeys(found) if found_import.target_app in FLOOR]


def _allowed_by(found: Import) -> tuple[str, str] | None:
    for importer, target in ALLOWED:
        by_importer = found.module == importer or found.module.startswith(f"{importer}.")
        if by_importer and (found.target == target or found.target.startswith(f"{target}.")):
            return importer, target
    return None


def test_every_app_of_the_project_has_a_floor():
    ours = {config.name for config in apps.get_app_configs() if Path(config.path).resolve().parent == ROOT}
    assert ours == set(FLOOR), f"put each app on a floor in FLOORS: {sorted(ours ^ set(FLOOR))}"


def test_apps_import_only_from_the_floors_below():
    wrong = []
    for found in _across_apps():
        floor, target_floor = FLOOR[found.app], FLOOR[found.target_app]
        if target_floor > floor:
            wrong.append(f"{found}: {found.target_app} is on a higher floor than {found.app}")
        elif target_floor == floor and _allowed_by(found) is None:
            wrong.append(f"{found}: {found.target_app} and {found.app} are on the same floor")
    assert not wrong, "imports against the floors (core ← initiatives ← …, see FLOORS):\n" + "\n".join(wrong)


def test_every_allowance_is_still_needed():
    used = {_allowed_by(found) for found in _across_apps()}
    stale = ALLOWED - used
    assert not stale, f"nothing imports these any more: remove them from ALLOWED: {sorted(stale)}"


def test_the_checker_sees_imports_inside_functions_and_relative_ones(tmp_path):
    # given a module of activities with an import inside a function and a relative one
    path = tmp_path / "example.py"
    path.write_text("def view():\n    from alliance.models import Person\n\nfrom ..models import Activity\n")
    # when it is read as activities.management.example
    found = sorted((item.line, item.target) for item in _imports("activities.management.example", path))
    # then both are seen, the relative one as the app's own module
    assert found == [(2, "alliance.models"), (4, "activities.models")]
