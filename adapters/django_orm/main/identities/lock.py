"""``identities lock ID``: keep automatic jobs from changing an identity; users still may."""

from typing import Any

from django.core.management.base import CommandParser, OutputWrapper

from adapters.django_orm.main.bootstrap import identity_hub
from adapters.django_orm.main.identities._shared import emit, hub_errors, positive_id, user
from core.protocols.refs import IdentityRef

NAME = "lock"
HELP = "keep automatic jobs from changing an identity; users still may"


def arguments(parser: CommandParser) -> None:
    parser.add_argument("identity", type=positive_id, metavar="ID", help="the identity's id")
    parser.add_argument("--reason", default="", help="why, for the audit log")


def run(options: dict[str, Any], out: OutputWrapper) -> None:
    ref = IdentityRef(options["identity"])
    hub = identity_hub(options["database"])
    with hub_errors():
        hub.lock(ref, actor=user(), reason=options["reason"].strip())
    data = {"identity": ref.identity_id, "locked": True}
    emit(options, out, data, [f"identity {ref.identity_id}: locked"])
