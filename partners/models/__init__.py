"""The partner portal's models, one module per concern."""

from .covenant import Commitment, Covenant, Indicator, IndicatorType, Party, ReportingPeriod
from .organisations import Invitation, Membership, Organisation
from .reports import (
    CommitmentResponse,
    Evidence,
    EvidenceKind,
    IndicatorValue,
    Report,
    ReportStatus,
)

__all__ = [
    "Commitment",
    "CommitmentResponse",
    "Covenant",
    "Evidence",
    "EvidenceKind",
    "Indicator",
    "IndicatorType",
    "IndicatorValue",
    "Invitation",
    "Membership",
    "Organisation",
    "Party",
    "Report",
    "ReportStatus",
    "ReportingPeriod",
]
