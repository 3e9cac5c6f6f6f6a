"""Soft references become ProfileRefFields (their columns unchanged, their positivity a column
check), records name their repository by a ``repository`` column, co-authors and assignees
hold their person in ``person`` and ``account``, and commits get their file changes."""

from django.db import migrations, models

from adapters.django_orm.fields import ProfileRefField, WordsField, kind_choices, kind_matches_ref
from core.protocols.refs import GitAuthorRef, GitHubAccountRef

PEOPLE = (GitHubAccountRef, GitAuthorRef)


def _account() -> ProfileRefField:
    return ProfileRefField(GitHubAccountRef, blank=True, null=True)


def _person(kind_field: str) -> ProfileRefField:
    return ProfileRefField(*PEOPLE, kind_field=kind_field, blank=True, null=True)


class Migration(migrations.Migration):
    dependencies = [("github", "0001_initial")]

    operations = [
        migrations.RemoveConstraint(
            model_name="repository", name="github_repository_owner_profile_id_positive"
        ),
        migrations.RemoveConstraint(
            model_name="commit", name="github_commit_author_profile_id_positive"
        ),
        migrations.RemoveConstraint(
            model_name="commit", name="github_commit_committer_profile_id_positive"
        ),
        migrations.RemoveConstraint(
            model_name="commitcoauthor", name="github_commitcoauthor_profile_id_positive"
        ),
        migrations.RemoveConstraint(
            model_name="issue", name="github_issue_author_profile_id_positive"
        ),
        migrations.RemoveConstraint(
            model_name="issueassignee", name="github_issueassignee_profile_id_positive"
        ),
        migrations.RemoveConstraint(
            model_name="pullrequest", name="github_pullrequest_author_profile_id_positive"
        ),
        migrations.RemoveConstraint(
            model_name="pullrequestassignee", name="github_pullrequestassignee_profile_id_positive"
        ),
        migrations.RemoveConstraint(
            model_name="review", name="github_review_author_profile_id_positive"
        ),
        migrations.RemoveConstraint(
            model_name="issuecomment", name="github_issuecomment_author_profile_id_positive"
        ),
        migrations.RemoveConstraint(
            model_name="reviewcomment", name="github_reviewcomment_author_profile_id_positive"
        ),
        migrations.RemoveConstraint(model_name="commit", name="github_commit_author_kind_valid"),
        migrations.RemoveConstraint(model_name="commit", name="github_commit_committer_kind_valid"),
        migrations.RemoveConstraint(
            model_name="commitcoauthor", name="github_commitcoauthor_kind_valid"
        ),
        migrations.RemoveConstraint(model_name="commit", name="github_commit_key_unique"),
        migrations.RemoveConstraint(model_name="issue", name="github_issue_key_unique"),
        migrations.RemoveConstraint(model_name="pullrequest", name="github_pullrequest_key_unique"),
        migrations.RemoveIndex(model_name="review", name="github_review_pull_idx"),
        migrations.RemoveIndex(model_name="issuecomment", name="github_issuecomment_issue_idx"),
        migrations.RemoveIndex(model_name="reviewcomment", name="github_reviewcomment_pull_idx"),
        migrations.RenameField(
            model_name="commit", old_name="repository_key", new_name="repository"
        ),
        migrations.AlterField(
            model_name="commit",
            name="repository",
            field=models.CharField(help_text="The repository's key.", max_length=300),
        ),
        migrations.RenameField(
            model_name="issue", old_name="repository_key", new_name="repository"
        ),
        migrations.AlterField(
            model_name="issue",
            name="repository",
            field=models.CharField(help_text="The repository's key.", max_length=300),
        ),
        migrations.RenameField(
            model_name="pullrequest", old_name="repository_key", new_name="repository"
        ),
        migrations.AlterField(
            model_name="pullrequest",
            name="repository",
            field=models.CharField(help_text="The repository's key.", max_length=300),
        ),
        migrations.RenameField(
            model_name="review", old_name="repository_key", new_name="repository"
        ),
        migrations.AlterField(
            model_name="review",
            name="repository",
            field=models.CharField(help_text="The repository's key.", max_length=300),
        ),
        migrations.RenameField(
            model_name="issuecomment", old_name="repository_key", new_name="repository"
        ),
        migrations.AlterField(
            model_name="issuecomment",
            name="repository",
            field=models.CharField(help_text="The repository's key.", max_length=300),
        ),
        migrations.RenameField(
            model_name="reviewcomment", old_name="repository_key", new_name="repository"
        ),
        migrations.AlterField(
            model_name="reviewcomment",
            name="repository",
            field=models.CharField(help_text="The repository's key.", max_length=300),
        ),
        migrations.RenameField(
            model_name="repository", old_name="owner_profile_id", new_name="owner"
        ),
        migrations.AlterField(model_name="repository", name="owner", field=_account()),
        migrations.RenameField(
            model_name="commit", old_name="author_profile_id", new_name="author"
        ),
        migrations.AlterField(model_name="commit", name="author", field=_person("author_kind")),
        migrations.RenameField(
            model_name="commit", old_name="committer_profile_id", new_name="committer"
        ),
        migrations.AlterField(
            model_name="commit", name="committer", field=_person("committer_kind")
        ),
        migrations.RenameField(model_name="issue", old_name="author_profile_id", new_name="author"),
        migrations.AlterField(model_name="issue", name="author", field=_account()),
        migrations.RenameField(
            model_name="pullrequest", old_name="author_profile_id", new_name="author"
        ),
        migrations.AlterField(model_name="pullrequest", name="author", field=_account()),
        migrations.RenameField(
            model_name="review", old_name="author_profile_id", new_name="author"
        ),
        migrations.AlterField(model_name="review", name="author", field=_account()),
        migrations.RenameField(
            model_name="issuecomment", old_name="author_profile_id", new_name="author"
        ),
        migrations.AlterField(model_name="issuecomment", name="author", field=_account()),
        migrations.RenameField(
            model_name="reviewcomment", old_name="author_profile_id", new_name="author"
        ),
        migrations.AlterField(model_name="reviewcomment", name="author", field=_account()),
        migrations.RenameField(
            model_name="issueassignee", old_name="profile_id", new_name="account"
        ),
        migrations.AlterField(
            model_name="issueassignee", name="account", field=ProfileRefField(GitHubAccountRef)
        ),
        migrations.RenameField(
            model_name="pullrequestassignee", old_name="profile_id", new_name="account"
        ),
        migrations.AlterField(
            model_name="pullrequestassignee",
            name="account",
            field=ProfileRefField(GitHubAccountRef),
        ),
        migrations.RenameField(
            model_name="commitcoauthor", old_name="profile_id", new_name="person"
        ),
        migrations.AlterField(
            model_name="commitcoauthor",
            name="person",
            field=ProfileRefField(*PEOPLE, kind_field="person_kind"),
        ),
        migrations.RenameField(
            model_name="commitcoauthor", old_name="kind", new_name="person_kind"
        ),
        migrations.AlterField(
            model_name="commitcoauthor",
            name="person_kind",
            field=models.CharField(choices=kind_choices(*PEOPLE), max_length=20),
        ),
        migrations.AlterField(
            model_name="commit",
            name="author_kind",
            field=models.CharField(blank=True, choices=kind_choices(*PEOPLE), max_length=20),
        ),
        migrations.AlterField(
            model_name="commit",
            name="committer_kind",
            field=models.CharField(blank=True, choices=kind_choices(*PEOPLE), max_length=20),
        ),
        migrations.AlterField(
            model_name="commit",
            name="parents",
            field=WordsField(blank=True, help_text="The parents' shas, in order."),
        ),
        migrations.CreateModel(
            name="FileChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("repository", models.CharField(help_text="The repository's key.", max_length=300)),
                ("sha", models.CharField(max_length=64)),
                ("path", models.TextField()),
                (
                    "previous_path",
                    models.TextField(blank=True, help_text="The path before a rename."),
                ),
                ("additions", models.BigIntegerField(default=0)),
                ("deletions", models.BigIntegerField(default=0)),
                ("is_binary", models.BooleanField(blank=True, null=True)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("repository", "sha", "path"), name="github_filechange_key_unique"
                    )
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="commit",
            constraint=models.UniqueConstraint(
                fields=("repository", "sha"), name="github_commit_key_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="issue",
            constraint=models.UniqueConstraint(
                fields=("repository", "number"), name="github_issue_key_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="pullrequest",
            constraint=models.UniqueConstraint(
                fields=("repository", "number"), name="github_pullrequest_key_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="commit", constraint=kind_matches_ref("github_commit", "author", PEOPLE)
        ),
        migrations.AddConstraint(
            model_name="commit", constraint=kind_matches_ref("github_commit", "committer", PEOPLE)
        ),
        migrations.AddConstraint(
            model_name="commitcoauthor",
            constraint=kind_matches_ref("github_commitcoauthor", "person", PEOPLE),
        ),
        migrations.AddIndex(
            model_name="review",
            index=models.Index(fields=["repository", "pull_number"], name="github_review_pull_idx"),
        ),
        migrations.AddIndex(
            model_name="issuecomment",
            index=models.Index(
                fields=["repository", "issue_number"], name="github_issuecomment_issue_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="reviewcomment",
            index=models.Index(
                fields=["repository", "pull_number"], name="github_reviewcomment_pull_idx"
            ),
        ),
    ]
