"""The legacy hub: an identity has profiles; a GitHub profile is a base profile by multi-table
inheritance (its primary key is the parent link ``baseprofile_ptr``), as in the seed."""

from django.db import models


class Identity(models.Model):
    name = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.name


class BaseProfile(models.Model):
    identity = models.ForeignKey(
        Identity, models.CASCADE, null=True, blank=True, related_name="profiles"
    )
    display_name = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.display_name


class GitHubProfile(BaseProfile):
    login = models.CharField(max_length=100, unique=True)

    def __str__(self) -> str:
        return self.login
