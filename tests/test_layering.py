"""The layout shows the flow: kg's modules import each other one way (ingest -> NLP -> actors ->
events -> graph -> analysis / render / draw / readwrite), counting imports made inside functions too."""

import ast
from pathlib import Path

import networkx as nx

import kg

PACKAGE = Path(kg.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> nx.DiGraph:
    """Module -> the kg modules it imports, anywhere in its code (``TYPE_CHECKING`` imports aside:
    they never run)."""
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
                       and "TYPE_CHECKING" in ast.unparse(block.test) for node in ast.walk(block)}
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                targets = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            for target in targets:
                if target in modules and target != name and target != "kg":
                    graph.add_edge(name, target)
    return graph


def test_no_module_imports_one_that_imports_it_back():
    imports = _imports()
    # A package's __init__ may gather its own submodules; that alone is no cycle between stages.
    between = nx.DiGraph((a, b) for a, b in imports.edges if not b.startswith(a + "."))
    cycles = list(nx.simple_cycles(between))
    assert cycles == [], f"import cycles: {cycles}"


def test_the_graph_model_depends_on_no_file_format_view_or_analysis():
    reached = nx.descendants(_imports(), "kg.graph")
    later = [m for m in reached if m.startswith(("kg.readwrite", "kg.render", "kg.draw", "kg.analysis",
                                                  "kg.builder", "kg.cli"))]
    assert later == []


def test_file_formats_and_views_do_not_import_the_builder_or_the_command_line():
    imports = _imports()
    for module in [m for m in imports if m.startswith(("kg.readwrite", "kg.render", "kg.draw", "kg.analysis"))]:
        assert not {"kg.builder", "kg.cli"} & nx.descendants(imports, module), module
