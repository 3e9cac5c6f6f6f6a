"""``import_edges``: the imports between apps, read by AST, for whichever apps the caller names
(the static reader's, or a running project's registry)."""

from pathlib import Path

from adapters.django_orm.coupling.imports import import_edges
from adapters.django_orm.coupling.relations import ImportEdge

SHOP = Path(__file__).parents[2] / "fixtures" / "coupling" / "shop"
SHOP_APPS = {
    "shop.accounts": "accounts",
    "shop.core": "shop_core",
    "shop.catalog": "catalog",
    "shop.orders": "orders",
    "shop.reviews": "reviews",
}


def edges_from(file: str, edges: list[ImportEdge]) -> list[ImportEdge]:
    return [edge for edge in edges if edge.file == file]


def test_module_level_relative_and_dotted_imports_and_a_lazy_one_are_edges() -> None:
    # given orders/services.py: `import shop.accounts.emails`, `from .models import Order`
    # (the same app), and `from shop.catalog.services import restock` inside a function
    edges = import_edges(SHOP, SHOP_APPS)

    assert edges_from("shop/orders/services.py", edges) == [
        ImportEdge("orders", "accounts", "shop.accounts.emails", "shop/orders/services.py", 1),
        ImportEdge(
            "orders", "catalog", "shop.catalog.services", "shop/orders/services.py", 8, lazy=True
        ),
    ]
    # and `from ..catalog.models import Promotion` resolves against the file's package
    assert edges_from("shop/orders/models.py", edges) == [
        ImportEdge("orders", "reviews", "shop.reviews.models", "shop/orders/models.py", 6),
        ImportEdge("orders", "catalog", "shop.catalog.models", "shop/orders/models.py", 8),
    ]


def test_the_caller_decides_which_modules_are_apps() -> None:
    # given only two apps named, the second under a label of the caller's choosing
    edges = import_edges(SHOP, {"shop.orders": "orders", "shop.catalog": "products"})

    # then only imports between those two are edges, labelled as the caller said
    assert {(e.source_app, e.target_app) for e in edges} == {
        ("orders", "products"),
        ("products", "orders"),
    }


def test_from_a_package_import_a_submodule_names_the_submodule(tmp_path: Path) -> None:
    # given `from shop import orders` and `from shop.orders import models` in a lazy import,
    # `from shop.orders.models import *`, and a relative import beyond the top package
    for package in ("shop", "shop/orders", "shop/catalog"):
        (tmp_path / package).mkdir(parents=True, exist_ok=True)
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "shop/orders/models.py").write_text("")
    (tmp_path / "shop/catalog/views.py").write_text(
        "from shop import orders\n"
        "from shop.orders.models import *\n"
        "from .... import nowhere\n"
        "\n"
        "\n"
        "async def view():\n"
        "    from shop.orders import models\n"
    )

    edges = import_edges(tmp_path, {"shop.orders": "orders", "shop.catalog": "catalog"})

    assert edges == [
        ImportEdge("catalog", "orders", "shop.orders", "shop/catalog/views.py", 1),
        ImportEdge("catalog", "orders", "shop.orders.models", "shop/catalog/views.py", 2),
        ImportEdge("catalog", "orders", "shop.orders.models", "shop/catalog/views.py", 7, True),
    ]


def test_a_file_that_does_not_parse_is_skipped_and_the_others_still_read(tmp_path: Path) -> None:
    for package in ("a", "b"):
        (tmp_path / "src" / package).mkdir(parents=True)
        (tmp_path / "src" / package / "__init__.py").write_text("")
    (tmp_path / "src/a/broken.py").write_text("import b.\n")
    (tmp_path / "src/a/fine.py").write_text("import b\n")

    assert import_edges(tmp_path, {"a": "a", "b": "b"}) == [
        ImportEdge("a", "b", "b", "src/a/fine.py", 1)
    ]
