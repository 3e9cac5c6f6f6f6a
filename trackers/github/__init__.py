"""GitHub activity: repositories, commits, issues, pull requests, reviews, comments, labels and
assignees, from local git history and saved GitHub REST API responses."""
