from maeul.archive.models.dongs import Facility, FacilityKind, Resource, ResourceKind
from maeul.archive.models.records import (
    MAX_DOCUMENTS,
    MAX_PHOTOS,
    MAX_TAGS,
    ArchiveRecord,
    Exhibition,
    ExhibitionItem,
    RecordDocument,
    RecordKind,
    RecordPhoto,
    RecordStatus,
    RecordTag,
)

__all__ = [
    "MAX_DOCUMENTS",
    "MAX_PHOTOS",
    "MAX_TAGS",
    "ArchiveRecord",
    "Exhibition",
    "ExhibitionItem",
    "Facility",
    "FacilityKind",
    "RecordDocument",
    "RecordKind",
    "RecordPhoto",
    "RecordStatus",
    "RecordTag",
    "Resource",
    "ResourceKind",
]
