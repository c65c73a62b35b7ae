from wagtail import hooks

from .viewsets import VIEWSETS


@hooks.register("register_admin_viewset")
def register_review_viewsets():
    return VIEWSETS
