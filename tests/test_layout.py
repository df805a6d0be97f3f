"""The package's layout: no import cycle between the modules of ``assistant``, counting imports
inside functions, which would otherwise hide one."""

from __future__ import annotations

import ast
from pathlib import Path

from .support import ROOT

PACKAGE = ROOT / "assistant"


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def sources(name: str, path: Path) -> list[str]:
    """The ``assistant`` modules or packages ``name``'s import statements name, anywhere in its
    file, relative imports resolved."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names if a.name.startswith("assistant")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                out.append(".".join([*base, *([node.module] if node.module else [])]))
            elif (node.module or "").startswith("assistant"):
                out.append(str(node.module))
    return out


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules of the package that ``name`` imports, anywhere in its file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def known_part(dotted: str) -> str | None:
        while dotted and dotted not in known:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    out: set[str | None] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(known_part(a.name) for a in node.names if a.name.startswith("assistant"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            if source.startswith("assistant"):
                out.update(known_part(f"{source}.{a.name}") if f"{source}.{a.name}" in known
                           else known_part(source) for a in node.names)
    return {m for m in out if m and m != name}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or round about (Tarjan)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        order[v] = low[v] = len(order)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in order:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], order[w])
        if low[v] == order[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in order:
            visit(v)
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_every_import_of_the_package_names_a_module_that_exists():
    # An import inside a function is not run by loading the module: a moved module would
    # otherwise break only when that function is called.
    known = modules()
    missing = [(name, source) for name, path in known.items()
               for source in sources(name, path) if source not in known]
    assert missing == []


def test_no_module_imports_one_that_imports_it_back():
    known = modules()
    graph = {name: imports(name, path, known) for name, path in known.items()}
    assert graph["assistant.engine.index.build"]  # the imports are read at all
    assert cycles(graph) == []


def test_interface_sentences_are_in_the_message_catalogue():
    """What the chat, the sign-in, the server and the answers' own wording say to people is in
    assistant/messages/ (nl.py, en.py), not in the code that says it: a string of Dutch prose
    in these modules fails."""
    import re

    dutch = re.compile(r"\b(de|het|een|uw|niet|wordt|zijn|kunt|voor|naar|geen|is)\b")
    modules = [*PACKAGE.glob("chat/*.py"), *PACKAGE.glob("intranet/*.py"),
               *PACKAGE.glob("engine/text/*.py"), *PACKAGE.glob("render/*.py"),
               PACKAGE / "engine" / "service.py", PACKAGE / "engine" / "answer" / "llm.py",
               PACKAGE / "engine" / "answer" / "compose.py"]
    found = []
    for module in modules:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                           ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        found += [f"{module.relative_to(PACKAGE)}:{node.lineno}: {node.value[:50]!r}"
                  for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and id(node) not in docstrings and len(dutch.findall(node.value.lower())) >= 2]
    assert not found, found

