"""Demo departments (부서) of the 금천구 office: they review and answer proposals.

Names follow the district's real organisation chart; the seeds name 마을자치과 (the owner of
「금천1번가」), 복지정책과, 기획예산과 and others as partner departments.
"""

from maeul.places.models import Department, District

# (name, is_head_office). 기획예산과 prepares the district head's answers (구청장 답변).
GEUMCHEON_DEPARTMENTS = [
    ("기획예산과", True),
    ("마을자치과", False),
    ("교통행정과", False),
    ("주차관리과", False),
    ("공원녹지과", False),
    ("청소행정과", False),
    ("복지정책과", False),
    ("어르신복지과", False),
    ("문화체육과", False),
    ("교육지원과", False),
    ("일자리정책과", False),
    ("지역경제과", False),
    ("안전총괄과", False),
    ("도로과", False),
]


def load_departments(district: District) -> int:
    """Create the district's demo departments that are missing; returns how many were made."""
    created = 0
    for name, head in GEUMCHEON_DEPARTMENTS:
        _department, made = Department.objects.get_or_create(
            district=district, name=name, defaults={"is_head_office": head}
        )
        created += made
    return created
