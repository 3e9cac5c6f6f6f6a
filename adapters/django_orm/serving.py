"""What serving the admin needs that a command does not: a secret key somebody chose."""

import os

from django.conf import settings

NO_SECRET_KEY = (
    "set TRACKERHUB_SECRET_KEY to a long random string to serve the admin (for example the"
    " output of: python -c 'import secrets; print(secrets.token_urlsafe(50))'),"
    " or TRACKERHUB_DEBUG=1 to look at it locally"
)


def secret_key_problem() -> str | None:
    """Why the admin may not be served, or None. Outside DEBUG, sessions signed with a key
    that changes at every start, or that every installation shares, are no sessions at all."""
    if settings.DEBUG or os.environ.get("TRACKERHUB_SECRET_KEY"):
        return None
    return NO_SECRET_KEY
