"""Grants and subsidies (공모사업·보조금): calls, groups, applications, similar applications."""

from maeul.grants.models.agreements import Disbursement, GrantAgreement
from maeul.grants.models.applications import (
    HANDED_IN,
    Application,
    ApplicationAttachment,
    ApplicationStatus,
    ApplicationTerm,
    BudgetLine,
    DuplicateMatch,
    MatchReason,
)
from maeul.grants.models.calls import (
    AttachmentKind,
    ExpenseCategory,
    ExpenseKind,
    GrantCall,
    Programme,
)
from maeul.grants.models.groups import CommunityGroup, GroupKind, GroupMember, MemberTie
from maeul.grants.models.review import (
    DEFAULT_CRITERIA,
    Conflict,
    Criterion,
    Review,
    Reviewer,
    Score,
)
from maeul.grants.models.settlement import (
    CheckMark,
    CheckOutcome,
    GrantExpense,
    InterimCheck,
    Settlement,
    SettlementStatus,
)

__all__ = [
    "DEFAULT_CRITERIA",
    "HANDED_IN",
    "Application",
    "ApplicationAttachment",
    "ApplicationStatus",
    "ApplicationTerm",
    "AttachmentKind",
    "BudgetLine",
    "CheckMark",
    "CheckOutcome",
    "CommunityGroup",
    "Conflict",
    "Criterion",
    "Disbursement",
    "DuplicateMatch",
    "ExpenseCategory",
    "ExpenseKind",
    "GrantAgreement",
    "GrantCall",
    "GrantExpense",
    "GroupKind",
    "GroupMember",
    "InterimCheck",
    "MatchReason",
    "MemberTie",
    "Programme",
    "Review",
    "Reviewer",
    "Score",
    "Settlement",
    "SettlementStatus",
]
