"""Community spaces and item lending (마을공간 대관·물품대여)."""

from maeul.spaces.models.bookings import (
    ACTIVE,
    SLOT,
    Booking,
    BookingSlot,
    BookingStatus,
    CapacityPolicy,
    capped_capacity,
)
from maeul.spaces.models.lending import (
    HELD,
    Condition,
    Item,
    ItemLoan,
    LoanStatus,
    SurveyAnswer,
    VisitorCount,
)
from maeul.spaces.models.photos import MAX_PHOTOS, SpacePhoto
from maeul.spaces.models.places import (
    Closure,
    OpeningHours,
    ReservedDay,
    Room,
    RoomType,
    Space,
    Weekday,
)
from maeul.spaces.models.rounds import (
    AllocationRequest,
    AllocationRound,
    RequestStatus,
    RoundStatus,
)

__all__ = [
    "ACTIVE",
    "HELD",
    "MAX_PHOTOS",
    "SLOT",
    "AllocationRequest",
    "AllocationRound",
    "Booking",
    "BookingSlot",
    "BookingStatus",
    "CapacityPolicy",
    "Closure",
    "Condition",
    "Item",
    "ItemLoan",
    "LoanStatus",
    "OpeningHours",
    "RequestStatus",
    "ReservedDay",
    "Room",
    "RoomType",
    "RoundStatus",
    "Space",
    "SpacePhoto",
    "SurveyAnswer",
    "VisitorCount",
    "Weekday",
    "capped_capacity",
]
