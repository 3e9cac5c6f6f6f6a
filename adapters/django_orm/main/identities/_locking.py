"""What ``identities lock`` and ``unlock`` share: they differ only in the state they set."""

from typing import Any

from django.core.management.base import CommandParser, OutputWrapper

from adapters.django_orm.main.bootstrap import identity_hub
from adapters.django_orm.main.identities._shared import emit, hub_errors, positive_id, user
from core.protocols.refs import IdentityRef


def arguments(parser: CommandParser) -> None:
    parser.add_argument("identity", type=positive_id, metavar="ID", help="the identity's id")
    parser.add_argument("--reason", default="", help="why, for the audit log")


def set_locked(options: dict[str, Any], out: OutputWrapper, locked: bool) -> None:
    ref = IdentityRef(options["identity"])
    hub = identity_hub(options["database"])
    change = hub.lock if locked else hub.unlock
    with hub_errors():
        change(ref, actor=user(), reason=options["reason"].strip())
    data = {"identity": ref.identity_id, "locked": locked}
    emit(options, out, data, [f"identity {ref.identity_id}: {'locked' if locked else 'unlocked'}"])
