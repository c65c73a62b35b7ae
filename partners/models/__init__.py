"""The partner portal's models, one module per concern."""

from .organisations import Invitation, Membership, Organisation

__all__ = ["Invitation", "Membership", "Organisation"]
