"""What every tracker's admin shares: records are shown, never edited or deleted (the hub's
merges, audit log and recommendations too, which only its use cases write).

Collection writes the tracker tables; the admin lists, searches and shows them. Nothing
stored there is changed by hand, so the admin can never contradict the sources or bypass a
merge rule. A record's tuple fields (labels, mentions, tags) are shown with it, each as an
inline of its rows, unless the admin names its own ``inlines``.
"""

from functools import cache
from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from adapters.django_orm.tuple_items import TupleItem, tuple_items_of, value_fields


class ReadOnlyAdmin[M: models.Model](admin.ModelAdmin[M]):
    """A model admin that views: no add, change or delete, by anyone."""

    def get_inlines(self, request: HttpRequest, obj: M | None) -> Any:
        return super().get_inlines(request, obj) or [
            tuple_inline(item) for item in tuple_items_of(self.model)
        ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline[C: models.Model, P: models.Model](admin.TabularInline[C, P]):
    """A record's child rows (labels, assignees, co-authors), shown with it."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: P | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: P | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: P | None = None) -> bool:
        return False


@cache
def tuple_inline(item: type[TupleItem]) -> type[ReadOnlyInline[Any, Any]]:
    """The read-only inline of one tuple field's rows: position and value."""
    fields = ("position", *(field.name for field in value_fields(item)))
    return type(f"{item.__name__}Inline", (ReadOnlyInline,), {"model": item, "fields": fields})
