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
from maeul.spaces.models.places import (
    Closure,
    OpeningHours,
    ReservedDay,
    Room,
    RoomType,
    Space,
    Weekday,
)

__all__ = [
    "ACTIVE",
    "HELD",
    "SLOT",
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
    "ReservedDay",
    "Room",
    "RoomType",
    "Space",
    "SurveyAnswer",
    "VisitorCount",
    "Weekday",
    "capped_capacity",
]
