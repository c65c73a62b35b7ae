from wagtail import hooks

from . import audit
from .viewsets import covenant, organisations


@hooks.register("register_admin_viewset")
def register_partner_viewsets():
    return [*organisations.VIEWSETS, *covenant.VIEWSETS]


@hooks.register("register_log_actions")
def register_partner_log_actions(actions):
    audit.register(actions)
