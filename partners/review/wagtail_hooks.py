from wagtail import hooks

from . import audit
from .viewsets import VIEWSETS


@hooks.register("register_admin_viewset")
def register_review_viewsets():
    return VIEWSETS


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    audit.register(actions)
