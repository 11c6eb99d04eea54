"""The demo data files (demo/data/*.toml) and their typed loader: a mistake in a
hand-edited file fails with a message naming the file, the record and the key. No Django,
no services: each test edits a copy of the shipped files."""

from __future__ import annotations

import datetime
import functools
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from demo import content
from demo.datafiles import DemoDataError


def _copy_of_the_data(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    shutil.copytree(content.DATA_DIR, directory)
    return directory


def _edit(directory: Path, file: str, old: str, new: str) -> None:
    """Replaces the first occurrence of ``old`` (which must be there) in ``file``."""
    path = directory / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_it_reads_the_shipped_files_once_into_the_module_names(tmp_path: Path) -> None:
    # given a copy of the shipped data files
    directory = _copy_of_the_data(tmp_path)
    # when the copy is read
    copy = content.read_content(directory)
    # then it holds what the module exposes, read once and cached
    assert copy == content.demo_content()
    assert content.demo_content() is content.demo_content()
    assert copy.producers == content.DEMO_PRODUCERS
    assert copy.products == content.DEMO_PRODUCTS
    assert copy.collections == content.DEMO_COLLECTIONS
    assert dict(copy.delivery) == dict(content.DEMO_DELIVERY)
    assert copy.livestreams == content.DEMO_LIVESTREAMS
    assert tuple((c.path, c.name_en) for c in copy.categories) == content.DEMO_CATEGORIES
    # and optional keys left out of the files take their defaults
    muong_phang = content.producer_by_key("htx-nong-lam-san-muong-phang")
    assert (muong_phang.legacy_province, muong_phang.login) == (None, content.SELLER1_LOGIN)
    pending = content.product_by_key("thit-trau-gac-bep-muong-phang").certificate
    assert (pending.verified, content.products_of(muong_phang.key)[0].certificate.verified) == (
        False,
        True,
    )
    assert content.DEMO_DELIVERY["cong-ty-dau-tam-to-my-duc"] == content.DemoDelivery(0, None)


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "products.toml",
            "stars = 4\n",
            'stars = "4"\n',
            'products.toml, product "mat-ong-hoa-ban-dien-bien" (#1), key "certificate.stars": '
            "expected an integer, got '4'",
        ),
        (
            "products.toml",
            "price_vnd = 265_000\n",
            "price_vnd = true\n",
            'products.toml, product "mat-ong-hoa-ban-dien-bien" (#1), '
            'key "variants[0].price_vnd": expected an integer, got True',
        ),
        (
            "products.toml",
            'palette = ["#F6C453", "#B86B1B"]\n',
            'palette = ["#F6C453"]\n',
            'products.toml, product "mat-ong-hoa-ban-dien-bien" (#1), key "palette": '
            "expected an array of 2 items, got 1",
        ),
        (
            "products.toml",
            "verified = false\n",
            'verified = "no"\n',
            'products.toml, product "thit-trau-gac-bep-muong-phang" (#5), '
            "key \"certificate.verified\": expected true or false, got 'no'",
        ),
        (
            "products.toml",
            'sku = "MP-MOHB-1000"\n',
            'sku = "MP-MOHB-500"\n',
            'products.toml, product "mat-ong-hoa-ban-dien-bien" (#1), key "variants[1].sku": '
            "'MP-MOHB-500' is already a SKU of product 'mat-ong-hoa-ban-dien-bien'",
        ),
        (
            "producers.toml",
            'tax_code = "5600218473"\n',
            "",
            'producers.toml, producer "htx-nong-lam-san-muong-phang" (#1), key "tax_code": '
            "missing required key",
        ),
        (
            "producers.toml",
            'kind = "HTX"\n',
            'kind = "Coop"\n',
            'producers.toml, producer "htx-nong-lam-san-muong-phang" (#1), key "kind": '
            "expected one of 'HTX', 'THT', 'DN', 'HKD', got 'Coop'",
        ),
        (
            "categories.toml",
            'name_en = "Food"\n',
            'nam_en = "Food"\n',
            'categories.toml, category #1, key "nam_en": '
            "unknown key (expected one of: path, name_en)",
        ),
        (
            "collections.toml",
            '    "che-dinh-tan-cuong",\n',
            '    "che-dinh-tan-cuongg",\n',
            'collections.toml, collection "qua-tet-2027" (#1), key "product_keys[0]": '
            "'che-dinh-tan-cuongg' is not in products.toml",
        ),
        (
            "delivery.toml",
            "cong-ty-khai-hoan = {",
            "cong-ty-khai-hoang = {",
            'delivery.toml, stall "cong-ty-khai-hoang": not a producer key of producers.toml',
        ),
        (
            "livestreams.toml",
            "starts_at = 20:00:00\n",
            'starts_at = "20:00"\n',
            'livestreams.toml, livestream "upcoming" (#2), key "starts_at": '
            "expected a local time such as 20:00:00, got '20:00'",
        ),
        (
            "delivery.toml",
            "\n[standard]\n",
            "\n[standart]\n",
            'delivery.toml, key "standart": unknown top-level key (expected: stall, standard)',
        ),
    ],
)
def test_it_names_the_file_record_and_key_of_a_mistake(
    tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    # given a copy of the data files with one mistake
    directory = _copy_of_the_data(tmp_path)
    _edit(directory, file, old, new)
    # when it is read
    with pytest.raises(DemoDataError) as error:
        content.read_content(directory)
    # then the error says where the mistake is and what is wrong
    assert str(error.value) == message


def test_it_places_the_livestreams_relative_to_the_load_moment() -> None:
    # given the moment the demo loads, in Vietnam time, to the minute
    here = datetime.datetime(2026, 11, 30, 9, 41, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    # when each demo livestream is placed
    windows = {session.key: session.window(here) for session in content.DEMO_LIVESTREAMS}
    # then one started 20 minutes ago for 2 hours, one is tomorrow and one was two days ago,
    # both at 20:00 for 90 minutes
    at = functools.partial(datetime.datetime, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert windows == {
        "live": (at(2026, 11, 30, 9, 21), at(2026, 11, 30, 11, 21)),
        "upcoming": (at(2026, 12, 1, 20, 0), at(2026, 12, 1, 21, 30)),
        "ended": (at(2026, 11, 28, 20, 0), at(2026, 11, 28, 21, 30)),
    }
    assert [s.status for s in content.DEMO_LIVESTREAMS] == ["live", "scheduled", "ended"]


def test_it_names_a_file_with_a_toml_syntax_error(tmp_path: Path) -> None:
    # given a products file with an unclosed string
    directory = _copy_of_the_data(tmp_path)
    _edit(directory, "products.toml", 'name = "Mật ong hoa ban Điện Biên"', 'name = "Mật ong')
    # when it is read
    with pytest.raises(DemoDataError) as error:
        content.read_content(directory)
    # then the error names the file, and tomllib the line and column
    assert str(error.value) == "products.toml: Illegal character '\\n' (at line 23, column 16)"


def test_it_names_a_missing_file(tmp_path: Path) -> None:
    # given a data directory without its producers file
    directory = _copy_of_the_data(tmp_path)
    (directory / "producers.toml").unlink()
    # when it is read
    with pytest.raises(DemoDataError) as error:
        content.read_content(directory)
    # then the error names the missing file
    assert str(error.value) == (
        f"producers.toml: missing demo data file ({directory / 'producers.toml'})"
    )
