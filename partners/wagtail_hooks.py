from wagtail import hooks

from .viewsets import covenant, organisations


@hooks.register("register_admin_viewset")
def register_partner_viewsets():
    return [*organisations.VIEWSETS, *covenant.VIEWSETS]
