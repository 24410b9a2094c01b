"""Services and the 25 essential services of Project 06."""

from __future__ import annotations

import unicodedata
from typing import Any

import attrs
import pytest
from hypothesis import given

from dean06 import IdentityLevel, OnlineMode, Service, ValidationError, essential_services
from dean06 import strategies as d6st

GOOD: dict[str, Any] = {"code": "D06-06", "name": "Thông báo lưu trú", "agency": "Bộ Công an"}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"code": ""}, "code"),
        ({"code": " "}, "code"),
        ({"code": 6}, "code"),
        ({"name": ""}, "name"),
        ({"name": None}, "name"),
        ({"agency": "\n"}, "agency"),
        ({"essential": 1}, "essential"),
        ({"essential": None}, "essential"),
        ({"online_mode": 2}, "online_mode"),
        ({"online_mode": "FULL"}, "online_mode"),
        ({"online_mode": IdentityLevel.LEVEL_2}, "online_mode"),
        ({"min_identity": 1}, "min_identity"),
        ({"min_identity": OnlineMode.FULL}, "min_identity"),
        ({"name_en": ""}, "name_en"),
        ({"name_en": 5}, "name_en"),
        ({"national_codes": "2.001159"}, "national_codes"),
        ({"national_codes": 2001159}, "national_codes"),
        ({"national_codes": ("2.001159", "2.001159")}, "national_codes"),
        ({"national_codes": ("2.001159", " 2.001159 ")}, "national_codes"),
        ({"national_codes": ("",)}, "national_codes"),
        ({"national_codes": (2001159,)}, "national_codes"),
        ({"local_totals": "yes"}, "local_totals"),
        ({"local_totals": 0}, "local_totals"),
    ],
)
def test_invalid_services_are_refused_naming_the_field(
    changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError, match=rf"^Service\.{field}: "):
        Service(**{**GOOD, **changes})


def test_defaults() -> None:
    service = Service(**GOOD)
    assert service.essential is False
    assert service.online_mode is OnlineMode.FULL
    assert service.min_identity is IdentityLevel.NONE
    assert service.name_en is None
    assert service.national_codes == ()
    assert service.local_totals is True


def test_service_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        Service("D06-06", "Thông báo lưu trú", "Bộ Công an")  # type: ignore[call-arg]


def test_text_fields_are_nfc_and_stripped() -> None:
    decomposed = Service(
        code=" D06-06\n",
        name=unicodedata.normalize("NFD", "  Thông báo lưu trú "),
        agency=unicodedata.normalize("NFD", "Bộ Công an"),
        name_en=" Residence notification ",
        national_codes=[" 2.001159", unicodedata.normalize("NFD", "mã-ư")],  # type: ignore[arg-type]
    )
    composed = Service(
        code="D06-06",
        name="Thông báo lưu trú",
        agency="Bộ Công an",
        name_en="Residence notification",
        national_codes=("2.001159", "mã-ư"),
    )
    assert decomposed == composed
    assert isinstance(decomposed.national_codes, tuple)


def test_name_in() -> None:
    service = Service(**GOOD, name_en="Residence notification")
    assert service.name_in() == "Thông báo lưu trú"
    assert service.name_in("en") == "Residence notification"
    assert Service(**GOOD).name_in("en") == "Thông báo lưu trú"
    with pytest.raises(ValidationError):
        service.name_in("fr")


def test_service_is_immutable_and_hashable() -> None:
    service = Service(**GOOD)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        service.essential = True  # type: ignore[misc]
    assert hash(service) == hash(Service(**GOOD))
    assert service == Service(**GOOD)
    assert service != Service(**GOOD, essential=True)


@given(d6st.services())
def test_generated_services_are_valid(service: Service) -> None:
    assert attrs.evolve(service) == service
    assert len(set(service.national_codes)) == len(service.national_codes)
    assert hash(service) == hash(attrs.evolve(service))


# -- the 25 essential services ----

NAMES = [
    "Xác nhận số Chứng minh nhân dân khi đã được cấp thẻ Căn cước công dân",
    "Cấp đổi, cấp lại thẻ Căn cước công dân",
    "Đăng ký thường trú",
    "Đăng ký tạm trú",
    "Khai báo tạm vắng",
    "Thông báo lưu trú",
    "Đăng ký, cấp biển số mô tô, xe gắn máy",
    "Thu tiền nộp phạt vi phạm hành chính giao thông qua thiết bị ghi hình",
    "Cấp, cấp lại hộ chiếu phổ thông",
    "Làm con dấu mới và cấp giấy chứng nhận đã đăng ký mẫu dấu",
    "Làm con dấu thu nhỏ, dấu nổi, dấu xi",
    "Cấp Phiếu lý lịch tư pháp",
    "Cấp, đổi giấy phép lái xe",
    "Đăng ký khai sinh",
    "Đăng ký khai tử",
    "Đăng ký kết hôn",
    "Liên thông: đăng ký khai sinh, thường trú, cấp thẻ BHYT cho trẻ dưới 6 tuổi",
    "Liên thông: đăng ký khai tử, xóa đăng ký thường trú, trợ cấp mai táng",
    "Đăng ký biến động quyền sử dụng đất, tài sản gắn liền với đất",
    "Giảm trừ mức đóng khi gia hạn thẻ BHYT theo hộ gia đình",
    "Đăng ký thuế lần đầu, đăng ký thay đổi thông tin đăng ký thuế (hộ gia đình, cá nhân)",
    "Cấp điện mới từ lưới điện hạ áp",
    "Thay đổi chủ thể hợp đồng mua bán điện",
    "Đăng ký dự thi tốt nghiệp THPT và xét tuyển đại học, cao đẳng",
    "Giải quyết hưởng trợ cấp thất nghiệp",
]

NATIONAL_CODES = {
    "D06-01": ("1.000466", "2.001178"),
    "D06-02": ("2.001195", "2.001194"),
    "D06-03": ("1.004222",),
    "D06-04": ("1.004194",),
    "D06-05": ("1.003677",),
    "D06-06": ("2.001159",),
    "D06-09": ("1.001456",),
}


def test_twenty_five_essential_services_in_order() -> None:
    services = essential_services()
    assert isinstance(services, tuple)
    assert len(services) == 25
    assert [s.code for s in services] == [f"D06-{n:02d}" for n in range(1, 26)]
    assert [s.name for s in services] == NAMES


def test_essential_service_attributes() -> None:
    for service in essential_services():
        assert isinstance(service, Service)
        assert service.essential is True
        assert service.online_mode is OnlineMode.FULL
        assert service.local_totals is True
        assert service.agency
        assert service.name_en


def test_national_codes_where_known() -> None:
    for service in essential_services():
        assert service.national_codes == NATIONAL_CODES.get(service.code, ()), service.code
    every = [code for s in essential_services() for code in s.national_codes]
    assert len(every) == len(set(every))


def test_essential_services_are_stable() -> None:
    assert essential_services() == essential_services()
    local = attrs.evolve(essential_services()[7], local_totals=False)
    assert local.local_totals is False
    assert essential_services()[7].local_totals is True
