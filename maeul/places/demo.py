"""Demo places: 서울특별시, 금천구 and 영등포구 with their dongs (from the seed documents)."""

import json
from pathlib import Path

from maeul.places.models import City, District, Dong

DATA_FILE = Path(__file__).resolve().parent / "data" / "seoul.json"


def load_places() -> int:
    """Create or update the demo places; returns how many rows were created."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    created = 0
    city, made = City.objects.update_or_create(
        code=data["city"]["code"], defaults={"name": data["city"]["name"]}
    )
    created += made
    for entry in data["districts"]:
        district, made = District.objects.update_or_create(
            code=entry["code"],
            defaults={
                "city": city,
                "name": entry["name"],
                "office_address": entry.get("office_address", ""),
                "office_phone": entry.get("office_phone", ""),
            },
        )
        created += made
        for dong in entry["dongs"]:
            # Keyed by name: a corrected official code updates the row instead of adding one.
            _row, made = Dong.objects.update_or_create(
                district=district,
                name=dong["name"],
                defaults={
                    "code": dong["code"],
                    "office_address": dong.get("office_address", ""),
                    "office_phone": dong.get("office_phone", ""),
                },
            )
            created += made
    return created
