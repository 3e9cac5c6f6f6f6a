"""``static_inventory``: the coupling inventory of a Django source tree read by AST, on two
fixture projects written the way real ones are (tests/fixtures/coupling; never imported)."""

import shutil
from pathlib import Path

import pytest

from adapters.django_orm.coupling.relations import ImportEdge, Inventory, Relation, RelationKind
from adapters.django_orm.coupling.static import read_source, static_inventory

FIXTURES = Path(__file__).parents[2] / "fixtures" / "coupling"
FK, O2O, M2M = RelationKind.FOREIGN_KEY, RelationKind.ONE_TO_ONE, RelationKind.MANY_TO_MANY
MTI, GENERIC = RelationKind.INHERITANCE, RelationKind.GENERIC


@pytest.fixture(scope="module")
def shop() -> tuple[Inventory, list[str]]:
    return static_inventory(FIXTURES / "shop")


@pytest.fixture(scope="module")
def seed() -> tuple[Inventory, list[str]]:
    return static_inventory(FIXTURES / "seed")


def relation(inventory: Inventory, key: str) -> Relation:
    found = [r for r in inventory.relations if r.key == key]
    assert len(found) == 1, f"{key}: {found}"
    return found[0]


# -- the shop: a custom user model, abstract bases across apps, a models/ package


def test_a_foreign_key_to_settings_auth_user_model_targets_the_user_model_the_settings_name(
    shop: tuple[Inventory, list[str]],
) -> None:
    assert relation(shop[0], "orders.Order.customer") == Relation(
        FK, "orders", "Order", "customer", "accounts", "User",
        column="customer_id", on_delete="PROTECT", declared_in="shop/orders/models.py:12",
    )  # fmt: skip


def test_an_app_model_string_with_to_field_and_db_column_through_an_aliased_import_is_read(
    shop: tuple[Inventory, list[str]],
) -> None:
    # given `from django.db.models import ForeignKey as FK` and a positional CASCADE
    assert relation(shop[0], "orders.OrderLine.product") == Relation(
        FK, "orders", "OrderLine", "product", "catalog", "Product",
        column="product_sku", on_delete="CASCADE", to_field="sku",
        declared_in="shop/orders/models.py:18",
    )  # fmt: skip


def test_a_class_imported_from_another_app_is_followed_to_its_model(
    shop: tuple[Inventory, list[str]],
) -> None:
    # given reviews/models/review.py importing Product from shop.catalog.models
    assert relation(shop[0], "reviews.Review.product") == Relation(
        FK, "reviews", "Review", "product", "catalog", "Product",
        column="product_id", on_delete="CASCADE",
        declared_in="shop/reviews/models/review.py:8",
    )  # fmt: skip


def test_a_class_re_exported_by_a_models_packages_init_is_followed_to_its_submodule(
    shop: tuple[Inventory, list[str]],
) -> None:
    # given `from shop.reviews.models import Review`, which reviews/models/__init__.py imports
    assert relation(shop[0], "orders.Refund.review") == Relation(
        FK, "orders", "Refund", "review", "reviews", "Review",
        column="review_id", on_delete="SET_NULL", nullable=True,
        declared_in="shop/orders/models.py:24",
    )  # fmt: skip


def test_a_many_to_many_through_a_custom_model_of_another_app_names_that_model(
    shop: tuple[Inventory, list[str]],
) -> None:
    # given its target imported relatively (`from ..catalog.models import Promotion`)
    assert relation(shop[0], "orders.Order.promotions") == Relation(
        M2M, "orders", "Order", "promotions", "catalog", "Promotion",
        nullable=True, through="catalog.PromotionUse", declared_in="shop/orders/models.py:13",
    )  # fmt: skip


def test_an_auto_created_through_model_is_named_after_the_model_and_the_field(
    shop: tuple[Inventory, list[str]],
) -> None:
    assert relation(shop[0], "catalog.Product.wished_by") == Relation(
        M2M, "catalog", "Product", "wished_by", "accounts", "User",
        nullable=True, through="catalog.Product_wished_by",
        declared_in="shop/catalog/models.py:32",
    )  # fmt: skip


def test_a_relation_on_an_abstract_base_of_another_app_is_each_concrete_subclasss(
    shop: tuple[Inventory, list[str]],
) -> None:
    inventory = shop[0]
    for model in ("Product", "Promotion"):
        assert relation(inventory, f"catalog.{model}.created_by") == Relation(
            FK, "catalog", model, "created_by", "accounts", "User",
            column="created_by_id", on_delete="SET_NULL", nullable=True,
            declared_in="shop/core/models.py:7",
        )  # fmt: skip
    assert not [r for r in inventory.relations if r.source_app == "shop_core"]


def test_a_relation_on_an_abstract_mixin_is_the_concrete_models(
    shop: tuple[Inventory, list[str]],
) -> None:
    assert relation(shop[0], "catalog.Product.seller") == Relation(
        FK, "catalog", "Product", "seller", "accounts", "User",
        column="seller_id", on_delete="PROTECT", declared_in="shop/catalog/models.py:14",
    )  # fmt: skip


def test_a_field_on_a_plain_python_mixin_is_a_warning_as_django_ignores_it(
    shop: tuple[Inventory, list[str]],
) -> None:
    inventory, warnings = shop
    assert not [r for r in inventory.relations if r.field == "printed_by"]
    assert warnings == [
        "shop/catalog/models.py:23: Printable.printed_by is on a plain class, not a model: "
        "Django does not give it to Product"
    ]


def test_a_generic_relation_and_a_generic_foreign_key_are_generic_relations(
    shop: tuple[Inventory, list[str]],
) -> None:
    inventory = shop[0]
    assert relation(inventory, "catalog.Product.tags") == Relation(
        GENERIC, "catalog", "Product", "tags", "reviews", "TaggedItem",
        nullable=True, declared_in="shop/catalog/models.py:33",
    )  # fmt: skip
    # and the GenericForeignKey goes through its content type key, as Django's registry says
    assert relation(inventory, "reviews.TaggedItem.content_object") == Relation(
        GENERIC, "reviews", "TaggedItem", "content_object", "contenttypes", "ContentType",
        column="content_type_id, object_id", on_delete="CASCADE",
        declared_in="shop/reviews/models/tagging.py:11",
    )  # fmt: skip


def test_get_user_model_as_a_target_is_the_user_model_the_settings_name(
    shop: tuple[Inventory, list[str]],
) -> None:
    assert relation(shop[0], "reviews.Follow.follower") == Relation(
        FK, "reviews", "Follow", "follower", "accounts", "User",
        column="follower_id", on_delete="CASCADE",
        declared_in="shop/reviews/models/tagging.py:16",
    )  # fmt: skip


def test_a_one_to_one_in_a_models_package_submodule_is_the_apps(
    shop: tuple[Inventory, list[str]],
) -> None:
    assert relation(shop[0], "reviews.Review.order_line") == Relation(
        O2O, "reviews", "Review", "order_line", "orders", "OrderLine",
        column="order_line_id", on_delete="PROTECT",
        declared_in="shop/reviews/models/review.py:15",
    )  # fmt: skip


def test_djangos_abstract_user_gives_the_custom_user_its_permission_relations(
    shop: tuple[Inventory, list[str]],
) -> None:
    assert relation(shop[0], "accounts.User.groups") == Relation(
        M2M, "accounts", "User", "groups", "auth", "Group",
        nullable=True, through="accounts.User_groups",
        declared_in="django.contrib.auth.models.AbstractUser",
    )  # fmt: skip


def test_the_shop_inventory_holds_exactly_the_relations_crossing_its_apps(
    shop: tuple[Inventory, list[str]],
) -> None:
    assert [r.key for r in shop[0].relations] == [
        "accounts.User.groups",
        "accounts.User.user_permissions",
        "catalog.Product.created_by",
        "catalog.Product.seller",
        "catalog.Product.tags",
        "catalog.Product.wished_by",
        "catalog.Promotion.created_by",
        "catalog.PromotionUse.order",
        "orders.Order.customer",
        "orders.Order.promotions",
        "orders.OrderLine.product",
        "orders.Refund.review",
        "reviews.Follow.follower",
        "reviews.Review.author",
        "reviews.Review.order_line",
        "reviews.Review.product",
        "reviews.TaggedItem.content_object",
        "reviews.TaggedItem.content_type",
    ]


def test_self_and_a_bare_model_string_resolve_within_the_declaring_app() -> None:
    relations, _, _ = read_source(FIXTURES / "shop")
    by_key = {r.key: r for r in relations}
    assert by_key["catalog.Category.parent"] == Relation(
        FK, "catalog", "Category", "parent", "catalog", "Category",
        column="parent_id", on_delete="CASCADE", nullable=True,
        declared_in="shop/catalog/models.py:10",
    )  # fmt: skip
    assert by_key["orders.OrderLine.order"] == Relation(
        FK, "orders", "OrderLine", "order", "orders", "Order",
        column="order_id", on_delete="CASCADE", declared_in="shop/orders/models.py:17",
    )  # fmt: skip


def test_the_app_label_comes_from_the_app_config_when_it_sets_one(
    shop: tuple[Inventory, list[str]],
) -> None:
    assert (
        ImportEdge("catalog", "shop_core", "shop.core.models", "shop/catalog/models.py", 5)
        in shop[0].imports
    )


# -- the seed: a hub of profiles, inherited across apps, in a src/ layout


def test_a_model_inheriting_a_concrete_model_of_another_app_has_a_parent_link(
    seed: tuple[Inventory, list[str]],
) -> None:
    assert relation(seed[0], "github_activity_tracker.GitHubAccount.baseprofile_ptr") == Relation(
        MTI, "github_activity_tracker", "GitHubAccount", "baseprofile_ptr",
        "cppa_user_tracker", "BaseProfile",
        column="baseprofile_ptr_id", on_delete="CASCADE",
        declared_in="src/github_activity_tracker/models.py:11",
    )  # fmt: skip


def test_an_explicit_parent_link_through_an_imported_module_is_the_inheritance(
    seed: tuple[Inventory, list[str]],
) -> None:
    # given `import cppa_user_tracker.models` and class SlackUser(cppa_user_tracker.models.X)
    inventory = seed[0]
    assert relation(inventory, "cppa_slack_tracker.SlackUser.profile") == Relation(
        MTI, "cppa_slack_tracker", "SlackUser", "profile", "cppa_user_tracker", "BaseProfile",
        column="profile_id", on_delete="CASCADE",
        declared_in="src/cppa_slack_tracker/models.py:8",
    )  # fmt: skip
    assert not [r for r in inventory.relations if r.key.endswith("SlackUser.baseprofile_ptr")]


def test_a_tracker_model_inheriting_another_trackers_model_links_to_it(
    seed: tuple[Inventory, list[str]],
) -> None:
    key = "boost_library_tracker.BoostLibraryRepository.githubrepository_ptr"
    assert relation(seed[0], key) == Relation(
        MTI, "boost_library_tracker", "BoostLibraryRepository", "githubrepository_ptr",
        "github_activity_tracker", "GitHubRepository",
        column="githubrepository_ptr_id", on_delete="CASCADE",
        declared_in="src/boost_library_tracker/models.py:5",
    )  # fmt: skip


def test_tracker_foreign_keys_and_many_to_manys_into_the_hub_are_read(
    seed: tuple[Inventory, list[str]],
) -> None:
    inventory = seed[0]
    assert relation(inventory, "github_activity_tracker.GitCommit.author_profile") == Relation(
        FK, "github_activity_tracker", "GitCommit", "author_profile",
        "cppa_user_tracker", "BaseProfile",
        column="author_profile_id", on_delete="CASCADE",
        declared_in="src/github_activity_tracker/models.py:38",
    )  # fmt: skip
    assert relation(inventory, "github_activity_tracker.Issue.assignees") == Relation(
        M2M, "github_activity_tracker", "Issue", "assignees", "cppa_user_tracker", "BaseProfile",
        nullable=True, through="github_activity_tracker.Issue_assignees",
        declared_in="src/github_activity_tracker/models.py:32",
    )  # fmt: skip
    # and a custom through named by a bare string is the declaring app's model
    assert relation(inventory, "wg21_paper_tracker.WG21Paper.authors").through == (
        "wg21_paper_tracker.WG21PaperAuthor"
    )


def test_a_field_made_by_a_factory_function_is_read_from_what_it_returns(
    seed: tuple[Inventory, list[str]],
) -> None:
    assert relation(seed[0], "github_activity_tracker.IssueComment.account") == Relation(
        FK, "github_activity_tracker", "IssueComment", "account",
        "cppa_user_tracker", "BaseProfile",
        column="account_id", on_delete="CASCADE",
        declared_in="src/github_activity_tracker/models.py:45",
    )  # fmt: skip


def test_a_field_class_naming_its_target_in_references_is_a_soft_reference(
    tmp_path: Path,
) -> None:
    # given this project's convention (adapters/django_orm/fields.py): a field class whose
    # ``references`` names the target, and whose get_attname names the column
    for app in ("hub", "slack"):
        (tmp_path / app).mkdir()
        (tmp_path / app / "__init__.py").write_text("")
    (tmp_path / "hub" / "models.py").write_text(
        "from django.db import models\n\n\nclass Profile(models.Model):\n    pass\n"
    )
    (tmp_path / "hub" / "fields.py").write_text(
        "from django.db import models\n"
        "\n"
        "\n"
        "class ProfileRefField(models.BigIntegerField):\n"
        '    references = "hub.Profile"\n'
        "\n"
        "    def get_attname(self):\n"
        '        return f"{self.name}_profile_id"\n'
    )
    (tmp_path / "slack" / "models.py").write_text(
        "from django.db import models\n"
        "from hub.fields import ProfileRefField\n"
        "\n"
        "\n"
        "class Message(models.Model):\n"
        "    author = ProfileRefField(null=True)\n"
    )

    inventory, warnings = static_inventory(tmp_path)

    assert warnings == []
    assert inventory.relations == (
        Relation(
            RelationKind.SOFT_REFERENCE, "slack", "Message", "author", "hub", "Profile",
            column="author_profile_id", nullable=True, declared_in="slack/models.py:6",
        ),
    )  # fmt: skip


def test_settings_without_auth_user_model_mean_djangos_user(
    seed: tuple[Inventory, list[str]],
) -> None:
    assert relation(seed[0], "cppa_user_tracker.Identity.reviewed_by") == Relation(
        FK, "cppa_user_tracker", "Identity", "reviewed_by", "auth", "User",
        column="reviewed_by_id", on_delete="SET_NULL", nullable=True,
        declared_in="src/cppa_user_tracker/models.py:7",
    )  # fmt: skip


def test_the_seed_inventory_reads_cleanly_and_holds_every_crossing_relation(
    seed: tuple[Inventory, list[str]],
) -> None:
    inventory, warnings = seed
    assert warnings == []
    assert [r.key for r in inventory.relations] == [
        "boost_library_tracker.BoostFile.github_file",
        "boost_library_tracker.BoostLibraryRepository.githubrepository_ptr",
        "boost_library_tracker.BoostLibraryRoleRelationship.account",
        "cppa_slack_tracker.SlackUser.profile",
        "cppa_user_tracker.Identity.reviewed_by",
        "github_activity_tracker.GitCommit.author_profile",
        "github_activity_tracker.GitHubAccount.baseprofile_ptr",
        "github_activity_tracker.Issue.assignees",
        "github_activity_tracker.IssueComment.account",
        "wg21_paper_tracker.WG21Paper.authors",
        "wg21_paper_tracker.WG21PaperAuthor.profile",
    ]
    # and a src/ layout's modules are named without src
    assert ImportEdge(
        "cppa_user_tracker", "cppa_slack_tracker", "cppa_slack_tracker.models",
        "src/cppa_user_tracker/services.py", 5, lazy=True,
    ) in inventory.imports  # fmt: skip


# -- what it cannot read


def test_a_broken_file_and_unresolvable_targets_are_warnings_not_a_crash(tmp_path: Path) -> None:
    # given the shop with a file that does not parse, one that is not text, and bad targets
    root = tmp_path / "shop"
    shutil.copytree(FIXTURES / "shop", root)
    (root / "shop" / "orders" / "broken.py").write_text("def refund(:\n    pass\n")
    (root / "shop" / "orders" / "blob.py").write_bytes(b"x = 1\0")
    (root / "shop" / "orders" / "returns.py").write_text(
        "from django.db import models\n"
        "from model_utils.models import TimeStampedModel\n"
        "from somewhere import Thing\n"
        "\n"
        "\n"
        "class Return(models.Model):\n"
        '    product = models.ForeignKey("catalog.Produt", on_delete=models.CASCADE)\n'
        "    thing = models.ForeignKey(Thing, on_delete=models.CASCADE)\n"
        "\n"
        "\n"
        "class Refund(TimeStampedModel):\n"
        '    order = models.ForeignKey("orders.Order", on_delete=models.CASCADE)\n'
    )
    (root / "shop" / "orders" / "models.py").write_text(
        (root / "shop" / "orders" / "models.py").read_text() + "\nfrom .returns import *\n"
    )

    # when it is read
    inventory, warnings = static_inventory(root)

    # then every problem is a file:line warning and the rest is still read
    assert warnings == [
        "shop/catalog/models.py:23: Printable.printed_by is on a plain class, not a model: "
        "Django does not give it to Product",
        "shop/orders/blob.py:0: syntax error: source code string cannot contain null bytes",
        "shop/orders/broken.py:1: syntax error: invalid syntax",
        "shop/orders/returns.py:7: catalog.Produt is not a model of the tree",
        "shop/orders/returns.py:8: target Thing is not a model of the tree",
        "shop/orders/returns.py:11: base model_utils.models.TimeStampedModel of Refund is "
        "outside the tree: read as a model, its fields unknown",
    ]
    assert relation(inventory, "orders.Return.product").target == "catalog.Produt"
    assert relation(inventory, "orders.Order.customer").target == "accounts.User"


def test_a_root_that_is_not_a_folder_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a folder"):
        static_inventory(tmp_path / "missing")


@pytest.mark.parametrize(
    "configs",
    [
        # a project's base config, never picked, and the app's own, inheriting its name
        "class Base(AppConfig):\n    default = False\n    name = 'alpha'\n    label = 'no'\n\n\n"
        "class AlphaConfig(Base):\n    label = 'a_label'\n",
        # two configs: Django takes the one marked default
        "class Other(AppConfig):\n    label = 'no'\n\n\n"
        "class AlphaConfig(AppConfig):\n    default = True\n    label = 'a_label'\n",
    ],
    ids=["a-base-config", "two-configs"],
)
def test_the_app_label_is_the_one_of_the_config_django_picks(tmp_path: Path, configs: str) -> None:
    # given an app whose apps.py holds two AppConfig subclasses, with a model pointing at
    # another app's
    for app in ("alpha", "beta"):
        (tmp_path / app).mkdir()
        (tmp_path / app / "__init__.py").write_text("")
    (tmp_path / "alpha" / "apps.py").write_text("from django.apps import AppConfig\n\n\n" + configs)
    (tmp_path / "alpha" / "models.py").write_text(
        "from django.db import models\n\n\n"
        "class Thing(models.Model):\n    use = models.ForeignKey('beta.Use', models.CASCADE)\n"
    )
    (tmp_path / "beta" / "models.py").write_text(
        "from django.db import models\n\n\nclass Use(models.Model):\n    pass\n"
    )

    inventory, warnings = static_inventory(tmp_path)

    # then the relation's app is named by the label of that config
    assert warnings == []
    assert [(r.key, r.source_app) for r in inventory.relations] == [
        ("a_label.Thing.use", "a_label")
    ]
