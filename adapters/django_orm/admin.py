"""What every tracker's admin shares: records are shown, never edited or deleted.

Collection writes the tracker tables; the admin lists, searches and shows them. Nothing
stored there is changed by hand, so the admin can never contradict the sources or bypass a
merge rule.
"""

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest


class ReadOnlyAdmin[M: models.Model](admin.ModelAdmin[M]):
    """A model admin that views: no add, change or delete, by anyone."""

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
