"""KRDS 1.1.0 is vendored unchanged, complete and loaded by every page (issue 12, item 1).

The SHA-256 sums in the vendored folder's SHA256SUMS were taken from the npm package
krds-uiux@1.1.0; a file edited here, or a file added without its sum, fails.
"""

import hashlib
import re
from pathlib import Path

import pytest

from tests.korean import page_text

STATIC = Path(__file__).resolve().parents[2] / "maeul" / "core" / "static"
KRDS = STATIC / "vendor" / "krds" / "1.1.0"
OURS = {"README.md", "SHA256SUMS", "PretendardGOV-OFL.txt"}  # written here, not the package's
STYLESHEETS = [
    "vendor/krds/1.1.0/resources/css/token/krds_tokens.css",
    "vendor/krds/1.1.0/resources/css/component/component.css",
    "core/base.css",
    "core/site.css",
    "core/pages.css",
]
URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def listed_sums() -> dict[str, str]:
    sums = {}
    for line in (KRDS / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ", 1)
        sums[name] = digest
    return sums


def test_every_vendored_file_is_byte_identical_to_the_npm_package():
    sums = listed_sums()
    assert sums, "SHA256SUMS is empty"
    for name, digest in sums.items():
        path = KRDS / name
        assert path.is_file(), f"{name} is listed in SHA256SUMS but missing"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, f"{name} was changed"


def test_no_file_in_the_vendored_folder_lacks_its_sum():
    present = {str(path.relative_to(KRDS)) for path in KRDS.rglob("*") if path.is_file()} - OURS
    assert present == set(listed_sums())


def test_the_vendored_folder_says_where_it_comes_from_and_under_which_licences():
    readme = (KRDS / "README.md").read_text()
    assert "krds-uiux@1.1.0" in readme
    assert "ISC" in readme
    assert "SIL OPEN FONT LICENSE" in (KRDS / "PretendardGOV-OFL.txt").read_text()


@pytest.mark.parametrize("stylesheet", STYLESHEETS)
def test_every_url_in_the_stylesheets_is_a_file_we_serve(stylesheet):
    css = STATIC / stylesheet
    for url in URL.findall(css.read_text()):
        if url.startswith("data:"):
            continue
        assert "://" not in url and not url.startswith("//"), f"{stylesheet} loads {url}"
        target = (css.parent / url.split("#")[0].split("?")[0]).resolve()
        assert target.is_file(), f"{stylesheet}: {url} does not resolve"


@pytest.mark.django_db
def test_every_page_loads_the_krds_stylesheets_in_order(client):
    page = page_text(client.get("/"))
    positions = [page.index(f'href="/static/{path}"') for path in STYLESHEETS]
    assert positions == sorted(positions)
