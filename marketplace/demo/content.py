"""Demo catalogue for the OCOP marketplace: producers, certified products, collections.

Plain typed data, no Django: a loader turns it into models. Everything that depends on
the day the demo is loaded is stored *relative* to that day (``decision_age_days``,
collection offsets), so the catalogue stays coherent whenever it is loaded (≥ 2026-11).

Real OCOP products from public sources are used where known (Trà xanh Phìn Hồ, Cà phê
Bích Thao, Mật hoa dừa Trà Vinh FARM, Nước mắm Khải Hoàn, Gạo ST24, Tỏi Lý Sơn, Chăn bông
tơ tằm Mỹ Đức...). Prices, stock, tax codes, phones, bank accounts, decision numbers and
scores are invented. Wards are post-1 July 2025 communes/wards/special zones, checked
against the national 2025 conversion table; street lines are illustrative.

Special cases the demo relies on:
- exactly one expired certificate: ``binh-hut-loc-men-ran-bat-trang`` (never listed);
- one certificate expiring in about 45 days: ``mat-ong-banh-to-muong-phang``;
- one certificate pending verification: ``thit-trau-gac-bep-muong-phang``;
- one community-tourism service sold as vouchers: ``du-lich-cong-dong-con-chim``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import Literal

ProducerKind = Literal["HTX", "THT", "DN", "HKD"]
IssuerLevel = Literal["district", "province", "central"]

CERTIFICATE_VALIDITY_MONTHS = 36

# The 34 provinces and centrally-run cities since 1 July 2025 (short display names).
CURRENT_PROVINCES: tuple[str, ...] = (
    "Hà Nội",
    "Huế",
    "Hải Phòng",
    "Đà Nẵng",
    "Hồ Chí Minh",
    "Cần Thơ",
    "Cao Bằng",
    "Tuyên Quang",
    "Điện Biên",
    "Lai Châu",
    "Sơn La",
    "Lào Cai",
    "Thái Nguyên",
    "Lạng Sơn",
    "Quảng Ninh",
    "Bắc Ninh",
    "Phú Thọ",
    "Hưng Yên",
    "Ninh Bình",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Quảng Trị",
    "Quảng Ngãi",
    "Gia Lai",
    "Khánh Hòa",
    "Đắk Lắk",
    "Lâm Đồng",
    "Đồng Nai",
    "Tây Ninh",
    "Đồng Tháp",
    "Vĩnh Long",
    "An Giang",
    "Cà Mau",
)

# The six OCOP product groups (Decision 148/QĐ-TTg).
FOOD = "Thực phẩm"
BEVERAGE = "Đồ uống"
HERBAL = "Dược liệu và sản phẩm từ dược liệu"
HANDICRAFT = "Thủ công mỹ nghệ"
ORNAMENTAL = "Sinh vật cảnh"
TOURISM = "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"
OCOP_GROUPS: tuple[str, ...] = (FOOD, BEVERAGE, HERBAL, HANDICRAFT, ORNAMENTAL, TOURISM)

# Central issuers: the ministry was renamed when it merged on 1 March 2025.
MINISTRY_MARD = "Bộ Nông nghiệp và Phát triển nông thôn"
MINISTRY_MAE = "Bộ Nông nghiệp và Môi trường"
MINISTRY_RENAMED_ON = date(2025, 3, 1)
# Districts certified 3★ from Decision 148/QĐ-TTg until the two-level reform.
DISTRICT_CERTIFICATION_FROM = date(2023, 2, 24)
DISTRICT_CERTIFICATION_UNTIL = date(2025, 7, 1)  # exclusive
PROVINCE_REFORM_ON = date(2025, 7, 1)

SELLER1_LOGIN = "seller1@ocop.test"
SELLER2_LOGIN = "seller2@ocop.test"


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate_day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class DemoProducer:
    key: str
    kind: ProducerKind
    legal_name: str
    stall_name: str
    tax_code: str
    province: str
    legacy_province: str | None
    ward: str
    street: str
    phone: str
    email: str
    story: str
    story_en: str
    bank_name: str
    bank_account: str
    login: str | None = None


@dataclass(frozen=True)
class DemoCertificate:
    decision_number: str
    decision_age_days: int
    issuer_level: IssuerLevel
    issuer_name: str
    stars: int
    score: int
    product_group: str
    product_subgroup: str
    verified: bool = True

    def decision_date(self, today: date) -> date:
        return today - timedelta(days=self.decision_age_days)

    def valid_until(self, today: date) -> date:
        """Last day of validity: 36 months from the decision date."""
        return add_months(self.decision_date(today), CERTIFICATE_VALIDITY_MONTHS)

    def is_expired(self, today: date) -> bool:
        return self.valid_until(today) < today

    def days_to_expiry(self, today: date) -> int:
        return (self.valid_until(today) - today).days


@dataclass(frozen=True)
class DemoVariant:
    sku: str
    name: str
    price_vnd: int
    weight_grams: int
    stock: int


@dataclass(frozen=True)
class DemoProduct:
    key: str
    producer: str  # DemoProducer.key
    name: str
    name_en: str
    category: tuple[str, ...]
    description: str
    description_en: str
    variants: tuple[DemoVariant, ...]
    certificate: DemoCertificate
    tags: tuple[str, ...]
    palette: tuple[str, str]
    label: str  # short, emoji-free text for the generated image

    @property
    def is_service(self) -> bool:
        return self.certificate.product_group == TOURISM

    def is_listable(self, today: date) -> bool:
        """Shown in the storefront: certificate verified by staff and not expired."""
        return self.certificate.verified and not self.certificate.is_expired(today)


@dataclass(frozen=True)
class DemoCollection:
    """A featured collection; its dates are offsets in days from the load date."""

    key: str
    title: str
    title_en: str
    description: str
    description_en: str
    product_keys: tuple[str, ...]
    start_offset_days: int
    end_offset_days: int  # every demo collection has an end date (some loaders need one)

    @property
    def name(self) -> str:
        return self.title

    @property
    def name_en(self) -> str:
        return self.title_en

    def starts_on(self, today: date) -> date:
        return today + timedelta(days=self.start_offset_days)

    def ends_on(self, today: date) -> date:
        return today + timedelta(days=self.end_offset_days)

    def is_active(self, today: date) -> bool:
        return self.starts_on(today) <= today <= self.ends_on(today)


@dataclass(frozen=True)
class DemoDelivery:
    flat_fee_vnd: int
    free_above_vnd: int | None


# --------------------------------------------------------------------------- categories

DEMO_CATEGORIES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("Thực phẩm",), "Food"),
    (("Thực phẩm", "Mật ong"), "Honey"),
    (("Thực phẩm", "Chè và trà"), "Tea"),
    (("Thực phẩm", "Cà phê"), "Coffee"),
    (("Thực phẩm", "Gạo"), "Rice"),
    (("Thực phẩm", "Nước mắm và gia vị"), "Fish sauce and condiments"),
    (("Thực phẩm", "Đường và mật"), "Sugar and syrups"),
    (("Thực phẩm", "Thịt khô và đặc sản chế biến"), "Dried meat and prepared specialities"),
    (("Thực phẩm", "Trái cây"), "Fruit"),
    (("Thực phẩm", "Hạt và nông sản khô"), "Nuts and dry produce"),
    (("Thực phẩm", "Yến sào"), "Edible bird's nest"),
    (("Thực phẩm", "Bánh mứt"), "Sweets and candied fruit"),
    (("Đồ uống",), "Beverages"),
    (("Đồ uống", "Rượu đặc sản"), "Traditional spirits"),
    (("Dược liệu",), "Herbal products"),
    (("Dược liệu", "Tinh dầu"), "Essential oils"),
    (("Thủ công mỹ nghệ",), "Handicrafts"),
    (("Thủ công mỹ nghệ", "Gốm sứ"), "Ceramics"),
    (("Thủ công mỹ nghệ", "Dệt thổ cẩm"), "Brocade weaving"),
    (("Thủ công mỹ nghệ", "Tơ lụa"), "Silk"),
    (("Thủ công mỹ nghệ", "Nón lá"), "Conical hats"),
    (("Du lịch trải nghiệm",), "Experiences"),
    (("Du lịch trải nghiệm", "Du lịch cộng đồng"), "Community tourism"),
)

# --------------------------------------------------------------------------- producers

DEMO_PRODUCERS: tuple[DemoProducer, ...] = (
    DemoProducer(
        key="htx-nong-lam-san-muong-phang",
        kind="HTX",
        legal_name="Hợp tác xã Nông lâm sản Mường Phăng",
        stall_name="Đặc sản Mường Phăng",
        tax_code="5600218473",
        province="Điện Biên",
        legacy_province=None,
        ward="Mường Phăng",
        street="Bản Che Căn",
        phone="0915284763",
        email="muongphang@demo.ocop.test",
        story=(
            "Hợp tác xã được 12 hộ đồng bào Thái ở bản Che Căn thành lập năm 2016, ngay dưới "
            "chân khu di tích Sở chỉ huy chiến dịch Điện Biên Phủ. Các thành viên nuôi ong dưới "
            "tán rừng ban, liên kết với nông dân cánh đồng Mường Thanh trồng lúa Séng Cù và giữ "
            "nghề làm chẩm chéo, thịt trâu gác bếp theo cách của ông bà."
        ),
        story_en=(
            "The cooperative was founded in 2016 by twelve Thái families in Che Căn village, at "
            "the foot of the Điện Biên Phủ campaign headquarters relic site. Members keep bees "
            "under the bauhinia forest, work with farmers on the Mường Thanh plain to grow Séng "
            "Cù rice, and still make chẩm chéo dip and smoked buffalo the way their grandparents "
            "did."
        ),
        bank_name="Agribank",
        bank_account="8900205187342",
        login=SELLER1_LOGIN,
    ),
    DemoProducer(
        key="tht-che-shan-tuyet-ta-sin-thang",
        kind="THT",
        legal_name="Tổ hợp tác Chè Shan tuyết Tả Sìn Thàng",
        stall_name="Chè Shan tuyết Tủa Chùa",
        tax_code="5600193562",
        province="Điện Biên",
        legacy_province=None,
        ward="Sín Chải",
        street="Bản Tả Sìn Thàng",
        phone="0385190427",
        email="shantuyet.tuachua@demo.ocop.test",
        story=(
            "Tổ hợp tác gồm 15 hộ người Mông trên cao nguyên Tủa Chùa, nơi nhiều cây chè Shan "
            "tuyết đã vài trăm năm tuổi mọc ở độ cao trên 1.400 m. Búp chè được hái tay, sao và "
            "vò thủ công trên chảo gang ngay trong ngày để giữ trọn hương núi."
        ),
        story_en=(
            "Fifteen Hmong households on the Tủa Chùa plateau, where Shan tuyết tea trees several "
            "hundred years old grow above 1,400 m. Buds are hand-picked, then pan-fired and rolled "
            "by hand in cast-iron woks on the same day to keep the mountain aroma."
        ),
        bank_name="Agribank",
        bank_account="8902205361178",
    ),
    DemoProducer(
        key="htx-che-bien-che-phin-ho",
        kind="HTX",
        legal_name="Hợp tác xã Chế biến chè Phìn Hồ",
        stall_name="Fìn Hò Trà",
        tax_code="5100276418",
        province="Tuyên Quang",
        legacy_province="Hà Giang",
        ward="Thông Nguyên",
        street="Thôn Phìn Hồ",
        phone="0912706385",
        email="finhotra@demo.ocop.test",
        story=(
            "Hợp tác xã do các gia đình người Dao ở thôn Phìn Hồ lập năm 2008 để cùng chế biến và "
            "bán chè Shan tuyết cổ thụ của dãy Tây Côn Lĩnh. Vùng nguyên liệu được chăm sóc theo "
            "tiêu chuẩn hữu cơ, và trà xanh, hồng trà của hợp tác xã là những sản phẩm OCOP 5 sao "
            "đầu tiên của tỉnh Hà Giang cũ."
        ),
        story_en=(
            "Set up in 2008 by Dao families of Phìn Hồ village to process and sell tea from the "
            "ancient Shan tuyết trees of the Tây Côn Lĩnh range. The tea gardens are farmed "
            "organically, and the cooperative's green and black teas were the first 5-star OCOP "
            "products of the former Hà Giang province."
        ),
        bank_name="BIDV",
        bank_account="84510000627193",
    ),
    DemoProducer(
        key="htx-ca-phe-bich-thao",
        kind="HTX",
        legal_name="Hợp tác xã Cà phê Bích Thao",
        stall_name="Cà phê Bích Thao Sơn La",
        tax_code="5500517382",
        province="Sơn La",
        legacy_province=None,
        ward="Chiềng Cơi",
        street="Bản Hoàng Văn Thụ",
        phone="0983517264",
        email="bichthao@demo.ocop.test",
        story=(
            "Hợp tác xã ra đời năm 2017 từ các hộ trồng cà phê chè (Arabica) ở bản Hoàng Văn Thụ, "
            "phía tây nam trung tâm Sơn La. Chỉ quả chín đỏ được thu hái, sơ chế khô không dùng "
            "nước và phơi trong nhà kính để giữ vị ngọt tự nhiên của hạt."
        ),
        story_en=(
            "Founded in 2017 by Arabica growers of Hoàng Văn Thụ village, south-west of central "
            "Sơn La. Only ripe red cherries are picked, processed without water and dried in "
            "greenhouses to keep the beans' natural sweetness."
        ),
        bank_name="Vietcombank",
        bank_account="1029384756",
    ),
    DemoProducer(
        key="cong-ty-tra-vinh-farm",
        kind="DN",
        legal_name="Công ty TNHH Trà Vinh FARM",
        stall_name="Trà Vinh FARM – Mật hoa dừa",
        tax_code="2100594871",
        province="Vĩnh Long",
        legacy_province="Trà Vinh",
        ward="Trà Vinh",
        street="Số 18 đường Nguyễn Đáng",
        phone="0907319584",
        email="travinhfarm@demo.ocop.test",
        story=(
            "Trà Vinh FARM thu mua nhựa hoa dừa từ các vườn dừa hữu cơ ven sông Cổ Chiên và cô "
            "đặc ở nhiệt độ thấp thành mật, không thêm đường hay chất bảo quản. Doanh nghiệp tạo "
            "việc làm ổn định cho nhiều hộ nông dân Khmer và Kinh trong vùng."
        ),
        story_en=(
            "Trà Vinh FARM buys coconut blossom sap from organic groves along the Cổ Chiên river "
            "and reduces it at low temperature into nectar, with no added sugar or preservatives. "
            "The company gives steady work to many Khmer and Kinh farming families."
        ),
        bank_name="Vietcombank",
        bank_account="0741000395826",
    ),
    DemoProducer(
        key="tht-du-lich-cong-dong-con-chim",
        kind="THT",
        legal_name="Tổ hợp tác Du lịch cộng đồng Cồn Chim",
        stall_name="Du lịch Cồn Chim",
        tax_code="2100618254",
        province="Vĩnh Long",
        legacy_province="Trà Vinh",
        ward="Hòa Minh",
        street="Ấp Cồn Chim",
        phone="0332846159",
        email="conchim@demo.ocop.test",
        story=(
            "Cồn Chim là cù lao nhỏ giữa sông Cổ Chiên, nơi các hộ dân cùng nhau làm du lịch cộng "
            "đồng. Du khách chèo xuồng trong rạch dừa nước, ngắm đàn cò về tổ lúc chiều và ngủ "
            "lại trong những ngôi nhà vườn của người dân."
        ),
        story_en=(
            "Cồn Chim is a small islet in the Cổ Chiên river whose households run community "
            "tourism together. Visitors paddle through nipa-palm creeks, watch the storks return "
            "at dusk and stay overnight in the villagers' garden houses."
        ),
        bank_name="Agribank",
        bank_account="7404205518263",
    ),
    DemoProducer(
        key="cong-ty-khai-hoan",
        kind="DN",
        legal_name="Công ty Cổ phần Thương mại Khải Hoàn",
        stall_name="Nước mắm Khải Hoàn Phú Quốc",
        tax_code="1700273946",
        province="An Giang",
        legacy_province="Kiên Giang",
        ward="Phú Quốc",
        street="Số 11 đường Hùng Vương",
        phone="0918462735",
        email="khaihoan@demo.ocop.test",
        story=(
            "Nhà thùng Khải Hoàn gắn bó với nghề làm nước mắm truyền thống ở Phú Quốc từ những "
            "năm 1990. Cá cơm đánh bắt quanh đảo được trộn muối ngay trên thuyền, rồi ủ chượp "
            "trong thùng gỗ từ 12 đến 15 tháng mới cho ra nước mắm nhĩ."
        ),
        story_en=(
            "The Khải Hoàn fish-sauce house has made traditional fish sauce on Phú Quốc since the "
            "1990s. Anchovies caught around the island are salted on board, then fermented in "
            "wooden vats for 12 to 15 months before the first-press sauce is drawn."
        ),
        bank_name="Sacombank",
        bank_account="070093158274",
        login=SELLER2_LOGIN,
    ),
    DemoProducer(
        key="tht-duong-thot-not-tri-ton",
        kind="THT",
        legal_name="Tổ hợp tác Đường thốt nốt Tri Tôn",
        stall_name="Thốt nốt Bảy Núi",
        tax_code="1602197385",
        province="An Giang",
        legacy_province=None,
        ward="Tri Tôn",
        street="Khóm 2",
        phone="0396218547",
        email="thotnot.triton@demo.ocop.test",
        story=(
            "Tổ hợp tác quy tụ các hộ người Khmer leo cây thốt nốt ở vùng Bảy Núi. Nước thốt nốt "
            "hứng trong ống tre mỗi sáng được nấu ngay trên bếp củi thành đường, không pha đường "
            "mía hay chất tẩy trắng."
        ),
        story_en=(
            "Khmer families of the Seven Mountains region who climb sugar palms every morning. "
            "The sap collected in bamboo tubes is boiled down over wood fires the same day, "
            "without cane sugar or bleaching agents."
        ),
        bank_name="Agribank",
        bank_account="6707205284519",
    ),
    DemoProducer(
        key="dntn-ho-quang-tri",
        kind="DN",
        legal_name="Doanh nghiệp tư nhân Hồ Quang Trí",
        stall_name="Gạo ST Hồ Quang Trí",
        tax_code="2200341759",
        province="Cần Thơ",
        legacy_province="Sóc Trăng",
        ward="Phú Lợi",
        street="Số 212 đường Lê Hồng Phong",
        phone="0939472815",
        email="hoquangtri@demo.ocop.test",
        story=(
            "Doanh nghiệp liên kết với nông dân vùng lúa – tôm Sóc Trăng (nay thuộc Cần Thơ) để "
            "trồng các giống lúa thơm ST. Lúa được gặt đúng độ chín, sấy nhiệt độ thấp và xay xát "
            "theo từng lô để hạt gạo giữ mùi thơm lá dứa."
        ),
        story_en=(
            "The enterprise works with rice–shrimp farmers of former Sóc Trăng (now part of Cần "
            "Thơ) to grow the fragrant ST rice varieties. Paddy is harvested at the right "
            "ripeness, dried at low temperature and milled lot by lot to keep its pandan aroma."
        ),
        bank_name="BIDV",
        bank_account="76010000482917",
    ),
    DemoProducer(
        key="htx-toi-ly-son",
        kind="HTX",
        legal_name="Hợp tác xã Nông nghiệp Tỏi Lý Sơn",
        stall_name="Tỏi Lý Sơn",
        tax_code="4300785126",
        province="Quảng Ngãi",
        legacy_province=None,
        ward="Lý Sơn",
        street="Thôn Tây An Vĩnh",
        phone="0905637281",
        email="toilyson@demo.ocop.test",
        story=(
            "Hợp tác xã tập hợp các hộ trồng tỏi trên đảo Lý Sơn, nơi tỏi mọc trên lớp cát biển "
            "trắng phủ lên nền đất đỏ núi lửa. Củ tỏi nhỏ, tép chắc, thơm dịu mà cay nồng hơn tỏi "
            "đất liền."
        ),
        story_en=(
            "Garlic growers of Lý Sơn island, where garlic is planted in white sea sand spread "
            "over red volcanic soil. The bulbs are small and firm, with a gentle aroma and more "
            "bite than mainland garlic."
        ),
        bank_name="Agribank",
        bank_account="4609205173846",
    ),
    DemoProducer(
        key="hkd-bo-kho-thu-ba",
        kind="HKD",
        legal_name="Hộ kinh doanh Thu Ba",
        stall_name="Bò khô Thu Ba",
        tax_code="4300912648",
        province="Quảng Ngãi",
        legacy_province=None,
        ward="Cẩm Thành",
        street="Số 8 đường Nguyễn Nghiêm",
        phone="0372615948",
        email="bokhothuba@demo.ocop.test",
        story=(
            "Cơ sở gia đình ở trung tâm Quảng Ngãi, làm bò khô theo công thức riêng hơn 20 năm. "
            "Thịt bò tươi được lọc gân, tẩm sả, ớt, tỏi Lý Sơn rồi sấy bằng than hồng."
        ),
        story_en=(
            "A family business in central Quảng Ngãi making beef jerky to its own recipe for more "
            "than twenty years. Fresh beef is trimmed, marinated with lemongrass, chilli and Lý "
            "Sơn garlic, then dried over charcoal."
        ),
        bank_name="VietinBank",
        bank_account="108872615394",
    ),
    DemoProducer(
        key="cong-ty-dau-tam-to-my-duc",
        kind="DN",
        legal_name="Công ty TNHH Dâu tằm tơ Mỹ Đức",
        stall_name="Dâu tằm tơ Mỹ Đức",
        tax_code="0107638291",
        province="Hà Nội",
        legacy_province=None,
        ward="Hồng Sơn",
        street="Thôn Hạ",
        phone="0968243175",
        email="dautamto.myduc@demo.ocop.test",
        story=(
            "Công ty do nghệ nhân Phan Thị Thuận gây dựng ở làng Phùng Xá, nơi có nghề dâu tằm "
            "hàng trăm năm. Công ty nổi tiếng với cách để tằm tự nhả tơ thành tấm trên mặt phẳng, "
            "bỏ qua công đoạn kéo kén, ươm tơ."
        ),
        story_en=(
            "Founded by artisan Phan Thị Thuận in Phùng Xá, a village with centuries of "
            "sericulture. The company is known for letting silkworms spin flat sheets of silk "
            "directly, skipping cocoon reeling altogether."
        ),
        bank_name="Vietcombank",
        bank_account="0451000738264",
    ),
    DemoProducer(
        key="hkd-gom-le-hung-bat-trang",
        kind="HKD",
        legal_name="Hộ kinh doanh Gốm Lê Hưng",
        stall_name="Gốm Lê Hưng Bát Tràng",
        tax_code="0109284756",
        province="Hà Nội",
        legacy_province=None,
        ward="Bát Tràng",
        street="Thôn Giang Cao",
        phone="0947582613",
        email="gomlehung@demo.ocop.test",
        story=(
            "Xưởng gốm gia đình ở Bát Tràng, ba thế hệ theo nghề nặn và vẽ men lam. Mỗi sản phẩm "
            "được tạo hình trên bàn xoay, vẽ tay và nung ở khoảng 1.250 °C."
        ),
        story_en=(
            "A family workshop in Bát Tràng where three generations have thrown and painted "
            "blue-glazed ware. Every piece is shaped on the wheel, painted by hand and fired at "
            "about 1,250 °C."
        ),
        bank_name="Techcombank",
        bank_account="19034827561029",
    ),
    DemoProducer(
        key="htx-det-tho-cam-ban-lac",
        kind="HTX",
        legal_name="Hợp tác xã Dệt thổ cẩm bản Lác",
        stall_name="Thổ cẩm bản Lác Mai Châu",
        tax_code="5400428637",
        province="Phú Thọ",
        legacy_province="Hòa Bình",
        ward="Mai Hạ",
        street="Bản Lác",
        phone="0357148296",
        email="thocambanlac@demo.ocop.test",
        story=(
            "Hợp tác xã quy tụ các chị em người Thái ở bản Lác, Mai Châu, giữ nghề dệt thổ cẩm "
            "bên khung cửi dưới gầm nhà sàn. Sợi bông, sợi tơ được nhuộm bằng lá chàm, vỏ cây và "
            "củ nâu trước khi dệt thành khăn, túi, váy áo."
        ),
        story_en=(
            "Thái women of Lác village in Mai Châu who keep brocade weaving alive on looms under "
            "their stilt houses. Cotton and silk yarns are dyed with indigo, tree bark and dye "
            "yam before being woven into scarves, bags and clothes."
        ),
        bank_name="Agribank",
        bank_account="4306205729184",
    ),
    DemoProducer(
        key="hkd-yen-sao-minh-huyen",
        kind="HKD",
        legal_name="Hộ kinh doanh Yến sào Minh Huyền",
        stall_name="Yến sào Minh Huyền",
        tax_code="3401176528",
        province="Lâm Đồng",
        legacy_province="Bình Thuận",
        ward="Phan Thiết",
        street="Số 27 đường Trần Hưng Đạo",
        phone="0976385142",
        email="yensaominhhuyen@demo.ocop.test",
        story=(
            "Gia đình chị Huyền nuôi chim yến trong nhà yến ở Phan Thiết từ năm 2012. Tổ chỉ được "
            "khai thác sau khi chim non đã rời tổ, rồi được nhặt lông thủ công bằng nhíp và sấy ở "
            "nhiệt độ thấp."
        ),
        story_en=(
            "Ms Huyền's family has kept swiftlets in a bird house in Phan Thiết since 2012. Nests "
            "are harvested only after the fledglings have left, then cleaned by hand with "
            "tweezers and dried at low temperature."
        ),
        bank_name="MB",
        bank_account="0601127384956",
    ),
    DemoProducer(
        key="tht-nhan-long-pho-hien",
        kind="THT",
        legal_name="Tổ hợp tác Nhãn lồng Phố Hiến",
        stall_name="Nhãn lồng Phố Hiến",
        tax_code="0901263745",
        province="Hưng Yên",
        legacy_province=None,
        ward="Phố Hiến",
        street="Thôn 3",
        phone="0329675184",
        email="nhanlong.phohien@demo.ocop.test",
        story=(
            "Tổ hợp tác gồm các nhà vườn trồng nhãn lồng quanh Phố Hiến, vùng đất có giống nhãn "
            "từng được dùng để tiến vua. Ngoài nhãn tươi vào tháng Bảy, tổ hợp tác sấy long nhãn "
            "bằng lò than theo cách truyền thống."
        ),
        story_en=(
            "Longan growers around Phố Hiến, home of the longan variety once offered to the "
            "emperors. Besides fresh fruit in July, the group dries longan flesh in charcoal kilns "
            "the traditional way."
        ),
        bank_name="BIDV",
        bank_account="21910000573816",
    ),
    DemoProducer(
        key="htx-vai-thieu-luc-ngan",
        kind="HTX",
        legal_name="Hợp tác xã Nông sản Vải thiều Lục Ngạn",
        stall_name="Vải thiều Lục Ngạn",
        tax_code="2400857312",
        province="Bắc Ninh",
        legacy_province="Bắc Giang",
        ward="Lục Ngạn",
        street="Thôn Đồng Cốc",
        phone="0986153472",
        email="vaithieulucngan@demo.ocop.test",
        story=(
            "Hợp tác xã liên kết hơn trăm hộ trồng vải thiều trên đồi Lục Ngạn theo quy trình "
            "VietGAP. Ngoài vải tươi theo mùa, hợp tác xã sấy vải bằng lò than hoa và lấy mật từ "
            "những đàn ong thả trong vườn vải."
        ),
        story_en=(
            "More than a hundred lychee-growing households on the Lục Ngạn hills, farming to "
            "VietGAP. Besides fresh lychees in season, the cooperative dries lychees over charcoal "
            "and harvests honey from hives kept in the orchards."
        ),
        bank_name="Agribank",
        bank_account="2507205318642",
    ),
    DemoProducer(
        key="htx-che-dac-san-tan-cuong",
        kind="HTX",
        legal_name="Hợp tác xã Chè đặc sản Tân Cương",
        stall_name="Chè Tân Cương Thái Nguyên",
        tax_code="4601328795",
        province="Thái Nguyên",
        legacy_province=None,
        ward="Tân Cương",
        street="Xóm Hồng Thái 2",
        phone="0912394857",
        email="chetancuong@demo.ocop.test",
        story=(
            "Hợp tác xã ở vùng chè Tân Cương nổi tiếng của Thái Nguyên, quy tụ các gia đình làm "
            "chè lâu đời. Chè được hái một tôm hai lá vào sáng sớm, diệt men và sao tay trên chảo "
            "gang để có hương cốm, vị chát dịu và hậu ngọt."
        ),
        story_en=(
            "A cooperative of long-established tea families in the famous Tân Cương area of Thái "
            "Nguyên. Tea is plucked at one bud and two leaves in the early morning, fixed and "
            "pan-fired by hand in cast-iron woks for its toasted-rice aroma, gentle astringency "
            "and sweet finish."
        ),
        bank_name="VietinBank",
        bank_account="105938476215",
    ),
    DemoProducer(
        key="cong-ty-ca-phe-buon-ma-thuot-xanh",
        kind="DN",
        legal_name="Công ty TNHH Cà phê Buôn Ma Thuột Xanh",
        stall_name="Cà phê Buôn Ma Thuột Xanh",
        tax_code="6001587234",
        province="Đắk Lắk",
        legacy_province=None,
        ward="Buôn Ma Thuột",
        street="Số 92 đường Lê Duẩn",
        phone="0935261748",
        email="bmtxanh@demo.ocop.test",
        story=(
            "Xưởng rang xay nhỏ ở Buôn Ma Thuột, thu mua cà phê Robusta chín đỏ trực tiếp từ các "
            "nông hộ quanh thành phố. Cà phê được rang mộc, không tẩm bơ, đường hay hương liệu."
        ),
        story_en=(
            "A small roastery in Buôn Ma Thuột buying ripe Robusta cherries directly from farms "
            "around the city. The coffee is roasted plain, without butter, sugar or flavourings."
        ),
        bank_name="Vietcombank",
        bank_account="0441000862573",
    ),
    DemoProducer(
        key="cong-ty-hat-dieu-dong-xoai",
        kind="DN",
        legal_name="Công ty TNHH Chế biến Hạt điều Đồng Xoài",
        stall_name="Hạt điều Bình Phước",
        tax_code="3801246597",
        province="Đồng Nai",
        legacy_province="Bình Phước",
        ward="Đồng Xoài",
        street="Số 45 đường Phú Riềng Đỏ",
        phone="0908746315",
        email="hatdieudongxoai@demo.ocop.test",
        story=(
            "Công ty chế biến hạt điều của vùng điều Bình Phước (nay thuộc Đồng Nai), thu mua hạt "
            "thô trực tiếp từ nông hộ. Hạt được hấp, tách vỏ, bóc lụa và rang trong lò nhiệt đều "
            "để giòn, béo mà không cháy."
        ),
        story_en=(
            "A cashew processor from the Bình Phước cashew belt (now part of Đồng Nai), buying "
            "raw nuts directly from farmers. Nuts are steamed, shelled, peeled and roasted in "
            "even-heat ovens so they turn crisp and rich without scorching."
        ),
        bank_name="Agribank",
        bank_account="5500205614873",
    ),
    DemoProducer(
        key="hkd-mam-hue-thanh-tam",
        kind="HKD",
        legal_name="Hộ kinh doanh Mắm Huế Thanh Tâm",
        stall_name="Mắm Huế Thanh Tâm",
        tax_code="3301874526",
        province="Huế",
        legacy_province=None,
        ward="Thuận Hóa",
        street="Số 24 đường Bến Nghé",
        phone="0914527368",
        email="mamhuethanhtam@demo.ocop.test",
        story=(
            "Cơ sở gia đình ba đời làm mắm tôm chua ở Huế, mỗi mẻ đều do chính tay bà chủ nêm "
            "nếm. Dịp cuối năm, cơ sở sên thêm mứt gừng để gia đình Huế bày mâm trà ngày Tết."
        ),
        story_en=(
            "A family that has made sour shrimp paste in Huế for three generations, each batch "
            "seasoned by the owner herself. Towards the end of the year they also candy ginger "
            "for the Tết tea trays of Huế households."
        ),
        bank_name="Vietcombank",
        bank_account="0161000428395",
    ),
    DemoProducer(
        key="htx-tinh-dau-tram-phong-dien",
        kind="HTX",
        legal_name="Hợp tác xã Tinh dầu tràm Phong Điền",
        stall_name="Tinh dầu tràm Phong Điền",
        tax_code="3301592847",
        province="Huế",
        legacy_province=None,
        ward="Phong Điền",
        street="Tổ dân phố 3",
        phone="0398427156",
        email="tinhdautram@demo.ocop.test",
        story=(
            "Hợp tác xã chưng cất tinh dầu từ rừng tràm gió mọc trên vùng cát ven biển Phong "
            "Điền. Lá tràm được cắt tỉa đúng vụ và chưng cất bằng hơi nước, không pha dầu nền hay "
            "hương liệu."
        ),
        story_en=(
            "A cooperative distilling oil from the cajeput forests on the coastal sands of Phong "
            "Điền. Branches are pruned in season and steam-distilled, with no carrier oil or "
            "fragrance added."
        ),
        bank_name="Agribank",
        bank_account="4005205761384",
    ),
    DemoProducer(
        key="tht-non-la-tay-ho",
        kind="THT",
        legal_name="Tổ hợp tác Nón lá Tây Hồ",
        stall_name="Nón lá làng Tây Hồ",
        tax_code="3301968135",
        province="Huế",
        legacy_province=None,
        ward="Phú Hồ",
        street="Làng Tây Hồ",
        phone="0337592846",
        email="nonlatayho@demo.ocop.test",
        story=(
            "Tổ hợp tác của các bà, các chị làng nón Tây Hồ ở ngoại ô Huế. Mỗi chiếc nón bài thơ "
            "có 16 vành tre chuốt tay và hai lớp lá mỏng, giữa hai lớp lá lồng hình cắt giấy và "
            "câu thơ về xứ Huế."
        ),
        story_en=(
            "Women hat-makers of Tây Hồ village on the outskirts of Huế. Each poem hat has sixteen "
            "hand-shaved bamboo rings and two thin layers of leaves, with paper cut-outs and a "
            "verse about Huế hidden between them."
        ),
        bank_name="Agribank",
        bank_account="4011205839217",
    ),
    DemoProducer(
        key="hkd-buoi-nam-roi-my-hoa",
        kind="HKD",
        legal_name="Hộ kinh doanh Bưởi Năm Roi Mỹ Hòa",
        stall_name="Vườn bưởi Năm Roi Mỹ Hòa",
        tax_code="1501647283",
        province="Vĩnh Long",
        legacy_province=None,
        ward="Cái Vồn",
        street="Ấp Mỹ Hưng",
        phone="0327481695",
        email="buoinamroi@demo.ocop.test",
        story=(
            "Vườn bưởi gia đình ở Mỹ Hòa, Bình Minh, nơi phù sa sông Hậu bồi đắp quanh năm. Bưởi "
            "được chăm theo VietGAP và chỉ hái khi trái đủ ngày, vỏ chuyển vàng xanh."
        ),
        story_en=(
            "A family pomelo orchard in Mỹ Hòa, Bình Minh, on Hậu river silt renewed every year. "
            "Trees are farmed to VietGAP and fruit is picked only when fully mature, as the skin "
            "turns yellow-green."
        ),
        bank_name="LPBank",
        bank_account="000136482715",
    ),
    DemoProducer(
        key="hkd-ruou-bau-da-cu-lam",
        kind="HKD",
        legal_name="Hộ kinh doanh Rượu Bàu Đá Cù Lâm",
        stall_name="Rượu Bàu Đá Cù Lâm",
        tax_code="4101538967",
        province="Gia Lai",
        legacy_province="Bình Định",
        ward="An Nhơn Tây",
        street="Thôn Cù Lâm",
        phone="0982746351",
        email="ruoubauda@demo.ocop.test",
        story=(
            "Lò rượu gia đình ở thôn Cù Lâm, quê hương của rượu Bàu Đá, dùng mạch nước giếng làng "
            "trong và mát. Rượu được nấu từ gạo, men lá truyền thống và chưng cất trong nồi đồng."
        ),
        story_en=(
            "A family distillery in Cù Lâm village, home of Bàu Đá spirit, using the clear, cool "
            "water of the village well. The spirit is made from rice and traditional leaf yeast "
            "and distilled in copper pots."
        ),
        bank_name="Vietcombank",
        bank_account="0051000674813",
    ),
)

# --------------------------------------------------------------------------- products

DEMO_PRODUCTS: tuple[DemoProduct, ...] = (
    # ---- seller1: HTX Nông lâm sản Mường Phăng (Điện Biên)
    DemoProduct(
        key="mat-ong-hoa-ban-dien-bien",
        producer="htx-nong-lam-san-muong-phang",
        name="Mật ong hoa ban Điện Biên",
        name_en="Điện Biên bauhinia blossom honey",
        category=("Thực phẩm", "Mật ong"),
        description=(
            "Mật ong được lấy từ những đàn ong nội thả dưới rừng ban Mường Phăng vào mùa hoa ban "
            "nở rộ tháng Hai, tháng Ba. Mật có màu vàng nhạt, hương hoa thanh, vị ngọt dịu và "
            "không gắt cổ. Mật chỉ được quay khi nắp sáp đã vít kín, lọc qua vải và không qua "
            "xử lý nhiệt. Dùng pha nước ấm, chấm bánh hoặc ướp món ăn; bảo quản nơi khô mát, "
            "không cần để tủ lạnh."
        ),
        description_en=(
            "Honey from native bees kept under the Mường Phăng bauhinia forest while the trees "
            "bloom in February and March. It is pale gold with a light floral scent and a soft, "
            "mellow sweetness. The honey is extracted only from fully capped combs, strained "
            "through cloth and never heated. Stir into warm water, drizzle on cakes or use in "
            "marinades; store in a cool, dry place, no need to refrigerate."
        ),
        variants=(
            DemoVariant("MP-MOHB-500", "Chai 500 ml", 265_000, 720, 120),
            DemoVariant("MP-MOHB-1000", "Chai 1 lít", 490_000, 1_400, 45),
        ),
        certificate=DemoCertificate(
            decision_number="1582/QĐ-UBND",
            decision_age_days=420,
            issuer_level="province",
            issuer_name="UBND tỉnh Điện Biên",
            stars=4,
            score=78,
            product_group=FOOD,
            product_subgroup="Mật ong",
        ),
        tags=("mật ong", "đặc sản Tây Bắc", "quà biếu"),
        palette=("#F6C453", "#B86B1B"),
        label="Mật ong hoa ban",
    ),
    DemoProduct(
        key="mat-ong-banh-to-muong-phang",
        producer="htx-nong-lam-san-muong-phang",
        name="Mật ong bánh tổ Mường Phăng",
        name_en="Mường Phăng honeycomb",
        category=("Thực phẩm", "Mật ong"),
        description=(
            "Bánh tổ mật được cắt nguyên từ cầu ong nuôi trong rừng Mường Phăng, giữ nguyên sáp "
            "và phấn hoa. Mật trong tổ thơm mùi hoa rừng, khi nhai sáp mềm và ngọt thanh. Mỗi "
            "bánh tổ được cắt bằng tay, đóng hộp kín ngay tại bản. Ăn trực tiếp, dùng kèm sữa "
            "chua hoặc bánh mì; bảo quản nơi thoáng mát, tránh ánh nắng."
        ),
        description_en=(
            "Whole comb cut from frames kept in the Mường Phăng forest, with its wax and pollen "
            "intact. The honey smells of wild flowers and the wax is soft and clean-tasting to "
            "chew. Each comb is cut by hand and sealed in its box in the village. Eat as it is, "
            "with yoghurt or on bread; keep cool and out of direct sunlight."
        ),
        variants=(DemoVariant("MP-MOBT-500", "Hộp 500 g", 320_000, 650, 30),),
        certificate=DemoCertificate(
            decision_number="2196/QĐ-UBND",
            decision_age_days=1_050,
            issuer_level="province",
            issuer_name="UBND tỉnh Điện Biên",
            stars=4,
            score=74,
            product_group=FOOD,
            product_subgroup="Mật ong",
        ),
        tags=("mật ong", "đặc sản Tây Bắc"),
        palette=("#F3A712", "#7A4A12"),
        label="Mật ong bánh tổ",
    ),
    DemoProduct(
        key="gao-seng-cu-dien-bien",
        producer="htx-nong-lam-san-muong-phang",
        name="Gạo Séng Cù Điện Biên",
        name_en="Điện Biên Séng Cù rice",
        category=("Thực phẩm", "Gạo"),
        description=(
            "Lúa Séng Cù được trồng trên cánh đồng Mường Thanh, nơi nước suối đầu nguồn và khí "
            "hậu mát giúp hạt gạo thon dài, trong. Cơm dẻo, mềm, có mùi thơm nhẹ và vẫn ngon khi "
            "để nguội. Lúa được phơi khô, xay xát vừa phải để giữ lớp cám mỏng. Vo nhẹ một lần "
            "trước khi nấu; bảo quản trong thùng kín, nơi khô ráo."
        ),
        description_en=(
            "Séng Cù rice grown on the Mường Thanh plain, where cool highland water and climate "
            "give long, translucent grains. It cooks soft and slightly sticky, with a light "
            "fragrance, and stays good when cold. The paddy is sun-dried and lightly milled to "
            "keep a thin layer of bran. Rinse once before cooking; store in a closed bin in a dry "
            "place."
        ),
        variants=(
            DemoVariant("MP-GSC-2KG", "Túi 2 kg", 68_000, 2_050, 200),
            DemoVariant("MP-GSC-5KG", "Túi 5 kg", 160_000, 5_100, 140),
        ),
        certificate=DemoCertificate(
            decision_number="3417/QĐ-UBND",
            decision_age_days=760,
            issuer_level="district",
            issuer_name="UBND thành phố Điện Biên Phủ",
            stars=3,
            score=66,
            product_group=FOOD,
            product_subgroup="Gạo",
        ),
        tags=("gạo", "đặc sản Tây Bắc"),
        palette=("#E9E4C9", "#8C9A5B"),
        label="Gạo Séng Cù",
    ),
    DemoProduct(
        key="cham-cheo-muong-phang",
        producer="htx-nong-lam-san-muong-phang",
        name="Chẩm chéo Mường Phăng",
        name_en="Mường Phăng chẩm chéo dipping spice",
        category=("Thực phẩm", "Nước mắm và gia vị"),
        description=(
            "Chẩm chéo là món chấm quen thuộc trong bữa cơm của người Thái Điện Biên. Vị cay của "
            "ớt rừng hòa với hương mắc khén, tỏi, gừng và rau thơm giã nhỏ. Các nguyên liệu được "
            "nướng hoặc rang trên bếp than rồi giã tay trong cối đá, đóng hũ sấy khô. Dùng chấm "
            "rau luộc, thịt nướng, xôi; đậy kín nắp và để nơi khô ráo sau khi mở."
        ),
        description_en=(
            "Chẩm chéo is the everyday dip of the Thái people of Điện Biên. Wild chilli heat "
            "meets mắc khén pepper, garlic, ginger and pounded herbs. The ingredients are grilled "
            "or toasted over charcoal, pounded by hand in a stone mortar and dried before "
            "jarring. Serve with boiled vegetables, grilled meat or sticky rice; keep tightly "
            "closed and dry after opening."
        ),
        variants=(DemoVariant("MP-CC-100", "Hũ 100 g", 45_000, 180, 160),),
        certificate=DemoCertificate(
            decision_number="2740/QĐ-UBND",
            decision_age_days=300,
            issuer_level="province",
            issuer_name="UBND tỉnh Điện Biên",
            stars=3,
            score=63,
            product_group=FOOD,
            product_subgroup="Gia vị",
        ),
        tags=("gia vị", "đặc sản Tây Bắc", "món chấm"),
        palette=("#D7263D", "#5C1A1B"),
        label="Chẩm chéo",
    ),
    DemoProduct(
        key="thit-trau-gac-bep-muong-phang",
        producer="htx-nong-lam-san-muong-phang",
        name="Thịt trâu gác bếp Mường Phăng",
        name_en="Mường Phăng smoked buffalo",
        category=("Thực phẩm", "Thịt khô và đặc sản chế biến"),
        description=(
            "Thịt trâu bắp được thái dọc thớ, ướp mắc khén, gừng, ớt và sả theo công thức của "
            "người Thái. Thịt dai vừa, thơm mùi khói bếp và mắc khén, càng nhai càng ngọt. Sau "
            "khi ướp, thịt được treo trên gác bếp củi vài ngày cho khô đều rồi hút chân không. "
            "Hấp hoặc nướng sơ trước khi ăn, xé nhỏ chấm chẩm chéo; bảo quản ngăn mát tủ lạnh."
        ),
        description_en=(
            "Buffalo shank cut along the grain and marinated with mắc khén pepper, ginger, chilli "
            "and lemongrass to a Thái recipe. It is pleasantly chewy, smoky and aromatic, growing "
            "sweeter as you chew. The meat is hung above a wood-fired kitchen for several days "
            "until evenly dry, then vacuum-packed. Steam or briefly grill, shred and dip in "
            "chẩm chéo; keep refrigerated."
        ),
        variants=(DemoVariant("MP-TTGB-500", "Túi 500 g", 520_000, 550, 25),),
        certificate=DemoCertificate(
            decision_number="3105/QĐ-UBND",
            decision_age_days=25,
            issuer_level="province",
            issuer_name="UBND tỉnh Điện Biên",
            stars=3,
            score=68,
            product_group=FOOD,
            product_subgroup="Thịt chế biến",
            verified=False,
        ),
        tags=("đặc sản Tây Bắc", "thịt khô"),
        palette=("#8D3B2B", "#2B1A14"),
        label="Thịt trâu gác bếp",
    ),
    # ---- THT Chè Shan tuyết Tả Sìn Thàng (Điện Biên)
    DemoProduct(
        key="tra-shan-tuyet-co-thu-tua-chua",
        producer="tht-che-shan-tuyet-ta-sin-thang",
        name="Trà Shan tuyết cổ thụ Tủa Chùa",
        name_en="Tủa Chùa ancient-tree Shan tuyết tea",
        category=("Thực phẩm", "Chè và trà"),
        description=(
            "Trà được làm từ búp chè Shan tuyết trên những cây cổ thụ ở cao nguyên Tủa Chùa, búp "
            "phủ lớp lông tơ trắng như tuyết. Nước trà vàng sánh, hương thơm núi rừng, vị chát "
            "nhẹ và hậu ngọt kéo dài. Búp được hái tay, sao và vò trên chảo gang theo kinh nghiệm "
            "của người Mông. Pha với nước 90 °C, tráng trà nhanh rồi hãm 2–3 phút; bảo quản trong "
            "túi kín, tránh ẩm."
        ),
        description_en=(
            "Made from the downy, snow-white buds of ancient Shan tuyết trees on the Tủa Chùa "
            "plateau. The liquor is deep gold with a mountain-forest aroma, light astringency "
            "and a long sweet finish. Buds are hand-picked, pan-fired and rolled in cast-iron "
            "woks as the Hmong have always done. Brew at 90 °C: rinse quickly, then steep for 2–3 "
            "minutes; keep sealed and away from moisture."
        ),
        variants=(
            DemoVariant("TST-STCT-100", "Gói 100 g", 150_000, 130, 150),
            DemoVariant("TST-STCT-200", "Hộp 200 g", 320_000, 320, 60),
        ),
        certificate=DemoCertificate(
            decision_number="1047/QĐ-UBND",
            decision_age_days=560,
            issuer_level="province",
            issuer_name="UBND tỉnh Điện Biên",
            stars=4,
            score=81,
            product_group=FOOD,
            product_subgroup="Chè",
        ),
        tags=("trà", "Shan tuyết", "đặc sản Tây Bắc"),
        palette=("#9BC53D", "#2F5233"),
        label="Trà Shan tuyết",
    ),
    DemoProduct(
        key="bach-tra-shan-tuyet-tua-chua",
        producer="tht-che-shan-tuyet-ta-sin-thang",
        name="Bạch trà Shan tuyết Tủa Chùa",
        name_en="Tủa Chùa Shan tuyết white tea",
        category=("Thực phẩm", "Chè và trà"),
        description=(
            "Bạch trà chỉ dùng một búp non nhất của cây chè Shan tuyết cổ thụ, hái vào những "
            "sáng sớm đầu xuân. Nước trà trong màu vàng nhạt, hương hoa mật ong, vị ngọt thanh "
            "gần như không chát. Búp trà được làm héo tự nhiên và sấy nhẹ, không sao, không vò. "
            "Pha với nước 80–85 °C và hãm 3–4 phút; bảo quản trong hộp kín nơi khô mát."
        ),
        description_en=(
            "White tea made only from the youngest bud of ancient Shan tuyết trees, picked on "
            "early spring mornings. The clear, pale liquor has a honeyed floral scent and a "
            "clean sweetness with almost no bitterness. Buds are withered naturally and gently "
            "dried, never pan-fired or rolled. Brew at 80–85 °C for 3–4 minutes; keep in an "
            "airtight tin in a cool, dry place."
        ),
        variants=(DemoVariant("TST-BT-50", "Hộp 50 g", 380_000, 180, 40),),
        certificate=DemoCertificate(
            decision_number="2911/QĐ-UBND",
            decision_age_days=180,
            issuer_level="province",
            issuer_name="UBND tỉnh Điện Biên",
            stars=4,
            score=84,
            product_group=FOOD,
            product_subgroup="Chè",
        ),
        tags=("trà", "Shan tuyết", "quà biếu"),
        palette=("#E8E3B5", "#8A9A5B"),
        label="Bạch trà Shan tuyết",
    ),
    # ---- HTX Chế biến chè Phìn Hồ (Tuyên Quang, old Hà Giang)
    DemoProduct(
        key="tra-xanh-phin-ho",
        producer="htx-che-bien-che-phin-ho",
        name="Trà xanh Phìn Hồ",
        name_en="Phìn Hồ green tea",
        category=("Thực phẩm", "Chè và trà"),
        description=(
            "Trà xanh Phìn Hồ được làm từ chè Shan tuyết cổ thụ trên núi cao Hoàng Su Phì, nơi "
            "sương mù phủ quanh năm. Nước trà xanh ngà, hương thơm tinh khiết, vị đượm và ngọt "
            "hậu. Búp chè được chế biến theo kinh nghiệm của người Dao đỏ kết hợp dây chuyền hiện "
            "đại, vùng nguyên liệu đạt chứng nhận hữu cơ. Pha với nước 85–90 °C; bảo quản nơi khô "
            "ráo, tránh ánh nắng và mùi lạ."
        ),
        description_en=(
            "Green tea from ancient Shan tuyết trees on the misty high slopes of Hoàng Su Phì. The "
            "liquor is pale jade with a pure fragrance, full body and lingering sweetness. The "
            "buds are processed with the know-how of the Red Dao people on a modern line, from "
            "certified organic gardens. Brew at 85–90 °C; store dry, away from sunlight and "
            "strong odours."
        ),
        variants=(
            DemoVariant("FHT-TX-100", "Gói 100 g", 180_000, 130, 180),
            DemoVariant("FHT-TX-200", "Hộp 200 g", 390_000, 350, 70),
        ),
        certificate=DemoCertificate(
            decision_number="2136/QĐ-BNN-VPĐP",
            decision_age_days=880,
            issuer_level="central",
            issuer_name=MINISTRY_MARD,
            stars=5,
            score=92,
            product_group=FOOD,
            product_subgroup="Chè",
        ),
        tags=("trà", "Shan tuyết", "hữu cơ", "OCOP 5 sao"),
        palette=("#A8D08D", "#1E5631"),
        label="Trà xanh Phìn Hồ",
    ),
    DemoProduct(
        key="hong-tra-phin-ho",
        producer="htx-che-bien-che-phin-ho",
        name="Hồng trà Phìn Hồ",
        name_en="Phìn Hồ black tea",
        category=("Thực phẩm", "Chè và trà"),
        description=(
            "Hồng trà Phìn Hồ dùng búp chè Shan tuyết cổ thụ hái trên độ cao trên 1.500 m ở Hoàng "
            "Su Phì. Nước trà đỏ hổ phách, hương mật ong và trái cây chín, vị êm, ít chát. Búp chè "
            "được làm héo, vò và lên men tự nhiên trước khi sấy khô. Pha với nước sôi và hãm 3 "
            "phút, có thể dùng nóng hoặc pha lạnh; bảo quản trong túi kín."
        ),
        description_en=(
            "Black tea from ancient Shan tuyết trees growing above 1,500 m in Hoàng Su Phì. The "
            "amber-red liquor smells of honey and ripe fruit and tastes smooth, with little "
            "astringency. Buds are withered, rolled and naturally oxidised before drying. Steep "
            "in boiling water for 3 minutes, hot or cold-brewed; keep sealed."
        ),
        variants=(DemoVariant("FHT-HT-100", "Gói 100 g", 200_000, 130, 120),),
        certificate=DemoCertificate(
            decision_number="2136/QĐ-BNN-VPĐP",
            decision_age_days=880,
            issuer_level="central",
            issuer_name=MINISTRY_MARD,
            stars=5,
            score=91,
            product_group=FOOD,
            product_subgroup="Chè",
        ),
        tags=("trà", "Shan tuyết", "hữu cơ", "OCOP 5 sao"),
        palette=("#C0612B", "#4A1C0C"),
        label="Hồng trà Phìn Hồ",
    ),
    # ---- HTX Cà phê Bích Thao (Sơn La)
    DemoProduct(
        key="ca-phe-bot-bich-thao",
        producer="htx-ca-phe-bich-thao",
        name="Cà phê bột nguyên chất Bích Thao",
        name_en="Bích Thao pure ground coffee",
        category=("Thực phẩm", "Cà phê"),
        description=(
            "Cà phê bột được làm từ hạt cà phê chè (Arabica) trồng trên cao nguyên Sơn La, vùng "
            "có chỉ dẫn địa lý cà phê Sơn La. Vị chua thanh, đắng nhẹ, hương caramel và trái cây "
            "chín. Chỉ quả chín đỏ được hái, sơ chế khô, phơi trong nhà kính rồi rang mộc, không "
            "tẩm ướp. Pha phin hoặc pha máy; sau khi mở túi, gấp kín miệng và dùng trong 30 ngày."
        ),
        description_en=(
            "Ground coffee from Arabica grown on the Sơn La plateau, covered by the Sơn La coffee "
            "geographical indication. It has bright acidity, gentle bitterness and notes of "
            "caramel and ripe fruit. Only ripe red cherries are picked, dry-processed, "
            "greenhouse-dried and roasted plain, with nothing added. Brew with a phin filter or "
            "espresso machine; reseal after opening and use within 30 days."
        ),
        variants=(
            DemoVariant("BT-CPB-250", "Gói 250 g", 150_000, 280, 200),
            DemoVariant("BT-CPB-500", "Gói 500 g", 285_000, 540, 90),
        ),
        certificate=DemoCertificate(
            decision_number="2091/QĐ-BNN-VPĐP",
            decision_age_days=900,
            issuer_level="central",
            issuer_name=MINISTRY_MARD,
            stars=5,
            score=93,
            product_group=FOOD,
            product_subgroup="Cà phê",
        ),
        tags=("cà phê", "Arabica", "OCOP 5 sao"),
        palette=("#A47551", "#3E2723"),
        label="Cà phê Bích Thao",
    ),
    DemoProduct(
        key="ca-phe-hat-rang-arabica-son-la",
        producer="htx-ca-phe-bich-thao",
        name="Cà phê hạt rang Arabica Sơn La",
        name_en="Sơn La Arabica roasted beans",
        category=("Thực phẩm", "Cà phê"),
        description=(
            "Hạt cà phê Arabica Sơn La được rang vừa để giữ hương hoa và vị chua quả đặc trưng "
            "của vùng cao. Tách cà phê cân bằng, hậu ngọt, thích hợp pha thủ công. Hạt được chọn "
            "lọc bằng máy bắn màu và rang theo mẻ nhỏ mỗi tuần. Xay ngay trước khi pha; bảo quản "
            "trong túi có van một chiều, tránh nắng."
        ),
        description_en=(
            "Sơn La Arabica beans at a medium roast to keep the floral aroma and fruity acidity "
            "of the highlands. The cup is balanced with a sweet finish, ideal for manual brewing. "
            "Beans are colour-sorted and roasted in small weekly batches. Grind just before "
            "brewing; keep in the one-way-valve bag, out of the sun."
        ),
        variants=(DemoVariant("BT-CPH-500", "Gói 500 g", 260_000, 540, 80),),
        certificate=DemoCertificate(
            decision_number="2268/QĐ-UBND",
            decision_age_days=240,
            issuer_level="province",
            issuer_name="UBND tỉnh Sơn La",
            stars=4,
            score=86,
            product_group=FOOD,
            product_subgroup="Cà phê",
        ),
        tags=("cà phê", "Arabica", "cà phê hạt"),
        palette=("#C89F7A", "#4B2E1F"),
        label="Cà phê hạt Arabica",
    ),
    DemoProduct(
        key="tra-vo-qua-ca-phe-bich-thao",
        producer="htx-ca-phe-bich-thao",
        name="Trà vỏ quả cà phê Bích Thao",
        name_en="Bích Thao coffee cherry tea (cascara)",
        category=("Thực phẩm", "Chè và trà"),
        description=(
            "Trà được làm từ vỏ quả cà phê chè chín đỏ, phần vẫn thường bị bỏ đi khi sơ chế. Nước "
            "trà màu hồng hổ phách, vị ngọt tự nhiên, thoảng hương mận và nho khô. Vỏ quả được "
            "tách khô, rửa sạch và phơi trong nhà kính. Hãm với nước sôi 4–5 phút hoặc pha lạnh "
            "qua đêm; bảo quản trong túi kín."
        ),
        description_en=(
            "Tea made from the skins of ripe Arabica cherries, usually discarded during "
            "processing. The rosy amber infusion is naturally sweet with hints of plum and "
            "raisin. The skins are separated dry, washed and dried in greenhouses. Steep in "
            "boiling water for 4–5 minutes or cold-brew overnight; keep sealed."
        ),
        variants=(DemoVariant("BT-CASC-100", "Hộp 100 g", 95_000, 150, 70),),
        certificate=DemoCertificate(
            decision_number="845/QĐ-UBND",
            decision_age_days=640,
            issuer_level="province",
            issuer_name="UBND tỉnh Sơn La",
            stars=3,
            score=67,
            product_group=FOOD,
            product_subgroup="Cà phê",
        ),
        tags=("trà", "cà phê", "sản phẩm mới"),
        palette=("#E07A5F", "#6D2E46"),
        label="Trà vỏ cà phê",
    ),
    # ---- Trà Vinh FARM (Vĩnh Long, old Trà Vinh)
    DemoProduct(
        key="mat-hoa-dua-tra-vinh-farm",
        producer="cong-ty-tra-vinh-farm",
        name="Mật hoa dừa Trà Vinh FARM",
        name_en="Trà Vinh FARM coconut blossom nectar",
        category=("Thực phẩm", "Đường và mật"),
        description=(
            "Mật được cô từ nhựa hoa dừa của những vườn dừa hữu cơ ven sông Cổ Chiên. Mật màu nâu "
            "hổ phách, thơm mùi caramel nhẹ, vị ngọt dịu và có chỉ số đường huyết thấp hơn đường "
            "mía. Nhựa hoa dừa được hứng mỗi sáng và cô đặc ở nhiệt độ thấp, không thêm đường "
            "hay chất bảo quản. Dùng thay đường khi pha đồ uống, làm bánh, nấu ăn; đậy kín nắp và "
            "để nơi thoáng mát."
        ),
        description_en=(
            "Nectar reduced from the sap of coconut blossoms in organic groves along the Cổ Chiên "
            "river. It is amber-brown with a light caramel scent, mellow sweetness and a lower "
            "glycaemic index than cane sugar. The sap is collected every morning and concentrated "
            "at low temperature, with no added sugar or preservatives. Use instead of sugar in "
            "drinks, baking and cooking; keep the cap closed in a cool place."
        ),
        variants=(
            DemoVariant("TVF-MHD-250", "Chai 250 ml", 125_000, 400, 150),
            DemoVariant("TVF-MHD-500", "Chai 500 ml", 230_000, 720, 90),
        ),
        certificate=DemoCertificate(
            decision_number="1894/QĐ-BNN-VPĐP",
            decision_age_days=960,
            issuer_level="central",
            issuer_name=MINISTRY_MARD,
            stars=5,
            score=91,
            product_group=FOOD,
            product_subgroup="Đường, mật",
        ),
        tags=("hữu cơ", "đặc sản miền Tây", "OCOP 5 sao"),
        palette=("#D9A441", "#5B3A1A"),
        label="Mật hoa dừa",
    ),
    DemoProduct(
        key="duong-hoa-dua-tra-vinh-farm",
        producer="cong-ty-tra-vinh-farm",
        name="Đường hoa dừa hữu cơ",
        name_en="Organic coconut blossom sugar",
        category=("Thực phẩm", "Đường và mật"),
        description=(
            "Đường hoa dừa được làm từ cùng nguồn nhựa hoa dừa hữu cơ của Trà Vinh. Hạt đường màu "
            "nâu sáng, tơi, thơm mùi caramel và vị ngọt thanh hơn đường cát trắng. Nhựa hoa dừa "
            "được cô đặc, đánh tơi rồi sàng thành hạt, không tẩy màu. Dùng pha cà phê, làm bánh, "
            "kho nấu; bảo quản trong hũ kín để không bị ẩm."
        ),
        description_en=(
            "Sugar made from the same organic coconut blossom sap from Trà Vinh. The light-brown "
            "granules are loose and caramel-scented, with a cleaner sweetness than white sugar. "
            "The sap is reduced, beaten until it crystallises and sieved, without bleaching. Use "
            "in coffee, baking and braises; keep in a closed jar away from moisture."
        ),
        variants=(DemoVariant("TVF-DHD-300", "Hũ 300 g", 110_000, 420, 110),),
        certificate=DemoCertificate(
            decision_number="612/QĐ-UBND",
            decision_age_days=720,
            issuer_level="province",
            issuer_name="UBND tỉnh Trà Vinh",
            stars=4,
            score=80,
            product_group=FOOD,
            product_subgroup="Đường, mật",
        ),
        tags=("hữu cơ", "đặc sản miền Tây"),
        palette=("#E6B981", "#7B4B2A"),
        label="Đường hoa dừa",
    ),
    # ---- THT Du lịch cộng đồng Cồn Chim (Vĩnh Long, old Trà Vinh)
    DemoProduct(
        key="du-lich-cong-dong-con-chim",
        producer="tht-du-lich-cong-dong-con-chim",
        name="Du lịch cộng đồng Cồn Chim",
        name_en="Cồn Chim community tourism",
        category=("Du lịch trải nghiệm", "Du lịch cộng đồng"),
        description=(
            "Cồn Chim là cù lao yên bình giữa sông Cổ Chiên, nổi tiếng với những đàn cò trắng về "
            "đậu mỗi chiều. Du khách chèo xuồng trong rạch dừa nước, tát mương bắt cá, làm bánh "
            "dân gian và thưởng thức bữa cơm quê do chính người dân nấu. Voucher gồm hướng dẫn "
            "viên địa phương, đò qua sông và các hoạt động trải nghiệm trong ngày. Đặt trước ít "
            "nhất hai ngày; voucher có giá trị sáu tháng kể từ ngày mua."
        ),
        description_en=(
            "Cồn Chim is a peaceful islet in the Cổ Chiên river, known for the white storks that "
            "roost there every evening. Visitors paddle through nipa-palm creeks, bail ditches to "
            "catch fish, make folk cakes and share a country meal cooked by the villagers. The "
            "voucher covers a local guide, the river crossing and the day's activities. Book at "
            "least two days ahead; vouchers are valid for six months from purchase."
        ),
        variants=(
            DemoVariant("CC-DL-1N", "Vé trải nghiệm 1 ngày (1 khách)", 350_000, 0, 200),
            DemoVariant("CC-DL-2N1D", "Gói 2 ngày 1 đêm homestay (2 khách)", 1_400_000, 0, 40),
        ),
        certificate=DemoCertificate(
            decision_number="1127/QĐ-UBND",
            decision_age_days=690,
            issuer_level="province",
            issuer_name="UBND tỉnh Trà Vinh",
            stars=4,
            score=79,
            product_group=TOURISM,
            product_subgroup="Du lịch cộng đồng",
        ),
        tags=("du lịch", "trải nghiệm", "miền Tây sông nước"),
        palette=("#4CB5AE", "#1B4D3E"),
        label="Du lịch Cồn Chim",
    ),
    # ---- seller2: Công ty CP TM Khải Hoàn (An Giang, old Kiên Giang)
    DemoProduct(
        key="nuoc-mam-phu-quoc-khai-hoan-40n",
        producer="cong-ty-khai-hoan",
        name="Nước mắm Phú Quốc Khải Hoàn 40 độ đạm",
        name_en="Khải Hoàn Phú Quốc fish sauce, 40°N",
        category=("Thực phẩm", "Nước mắm và gia vị"),
        description=(
            "Nước mắm nhĩ được làm từ cá cơm tươi đánh bắt quanh đảo Phú Quốc và muối biển, theo "
            "đúng chỉ dẫn địa lý nước mắm Phú Quốc. Màu nâu cánh gián, mùi thơm đặc trưng, vị mặn "
            "đằm và hậu ngọt sâu. Cá được ủ chượp trong thùng gỗ từ 12 đến 15 tháng rồi rút lấy "
            "nước nhĩ đầu tiên, không pha phụ gia. Dùng chấm hoặc nêm món ăn; để nơi thoáng mát, "
            "hiện tượng kết tinh muối là tự nhiên."
        ),
        description_en=(
            "First-press fish sauce from fresh anchovies caught around Phú Quốc island and sea "
            "salt, made under the Phú Quốc fish sauce geographical indication. It is "
            "reddish-brown with a characteristic aroma, rounded saltiness and a deep sweet "
            "finish. The fish ferments in wooden vats for 12 to 15 months before the first "
            "drip is drawn, with no additives. Use for dipping or seasoning; store somewhere "
            "cool, and salt crystals are natural."
        ),
        variants=(
            DemoVariant("KH-NM40-500", "Chai thủy tinh 500 ml", 98_000, 900, 300),
            DemoVariant("KH-NM40-6X500", "Thùng 6 chai 500 ml", 570_000, 5_400, 50),
        ),
        certificate=DemoCertificate(
            decision_number="1567/QĐ-BNN-VPĐP",
            decision_age_days=930,
            issuer_level="central",
            issuer_name=MINISTRY_MARD,
            stars=5,
            score=94,
            product_group=FOOD,
            product_subgroup="Nước mắm",
        ),
        tags=("nước mắm", "Phú Quốc", "OCOP 5 sao", "quà biếu"),
        palette=("#C1502E", "#3B1F14"),
        label="Nước mắm Khải Hoàn",
    ),
    DemoProduct(
        key="nuoc-mam-phu-quoc-khai-hoan-35n",
        producer="cong-ty-khai-hoan",
        name="Nước mắm Phú Quốc Khải Hoàn 35 độ đạm",
        name_en="Khải Hoàn Phú Quốc fish sauce, 35°N",
        category=("Thực phẩm", "Nước mắm và gia vị"),
        description=(
            "Dòng nước mắm 35 độ đạm dành cho bữa cơm hằng ngày, làm từ cá cơm Phú Quốc và muối "
            "biển. Nước mắm màu nâu vàng, mùi thơm dịu, vị mặn vừa phải, hợp để nêm nấu và pha "
            "nước chấm. Chượp được ủ trong thùng gỗ hơn 12 tháng và pha đấu từ các mẻ nước nhĩ. "
            "Đậy kín nắp sau khi dùng, để nơi khô mát, tránh ánh nắng."
        ),
        description_en=(
            "A 35°N everyday fish sauce from Phú Quốc anchovies and sea salt. It is golden brown "
            "with a gentle aroma and balanced saltiness, ideal for cooking and mixing dipping "
            "sauces. The fish ferments in wooden vats for more than 12 months and batches are "
            "blended from first-press sauce. Close after use and keep cool, out of the sun."
        ),
        variants=(DemoVariant("KH-NM35-500", "Chai thủy tinh 500 ml", 72_000, 900, 400),),
        certificate=DemoCertificate(
            decision_number="2315/QĐ-UBND",
            decision_age_days=800,
            issuer_level="province",
            issuer_name="UBND tỉnh Kiên Giang",
            stars=4,
            score=85,
            product_group=FOOD,
            product_subgroup="Nước mắm",
        ),
        tags=("nước mắm", "Phú Quốc"),
        palette=("#D98E3E", "#4E2A14"),
        label="Nước mắm 35 độ đạm",
    ),
    DemoProduct(
        key="nuoc-mam-nhi-ca-com-khai-hoan-43n",
        producer="cong-ty-khai-hoan",
        name="Nước mắm nhĩ cá cơm Khải Hoàn 43 độ đạm",
        name_en="Khải Hoàn first-press anchovy fish sauce, 43°N",
        category=("Thực phẩm", "Nước mắm và gia vị"),
        description=(
            "Nước mắm nhĩ 43 độ đạm là những giọt đầu tiên rút từ thùng chượp cá cơm Phú Quốc. "
            "Nước mắm sánh, màu nâu đỏ, thơm nồng, vị ngọt đạm rõ rệt. Mỗi thùng chỉ rút được "
            "một lượng nước nhĩ nhỏ sau hơn một năm ủ, đóng chai thủy tinh ngay tại nhà thùng. "
            "Dùng chấm trực tiếp, rưới cơm nóng; bảo quản nơi thoáng mát."
        ),
        description_en=(
            "A 43°N first-press sauce: the very first drops drawn from vats of Phú Quốc "
            "anchovies. It is thick, reddish-brown and intensely aromatic, with pronounced savoury "
            "sweetness. Each vat yields only a little of this sauce after more than a year of "
            "fermentation, bottled in glass at the fish-sauce house. Use neat for dipping or over "
            "hot rice; keep cool."
        ),
        variants=(DemoVariant("KH-NM43-250", "Chai thủy tinh 250 ml", 115_000, 500, 150),),
        certificate=DemoCertificate(
            decision_number="3682/QĐ-UBND",
            decision_age_days=200,
            issuer_level="province",
            issuer_name="UBND tỉnh An Giang",
            stars=4,
            score=88,
            product_group=FOOD,
            product_subgroup="Nước mắm",
        ),
        tags=("nước mắm", "Phú Quốc", "quà biếu"),
        palette=("#9E2A2B", "#2D0F0F"),
        label="Nước mắm nhĩ 43 độ đạm",
    ),
    # ---- THT Đường thốt nốt Tri Tôn (An Giang)
    DemoProduct(
        key="duong-thot-not-tri-ton",
        producer="tht-duong-thot-not-tri-ton",
        name="Đường thốt nốt Tri Tôn",
        name_en="Tri Tôn palm sugar",
        category=("Thực phẩm", "Đường và mật"),
        description=(
            "Đường thốt nốt được nấu từ nước thốt nốt của những cây thốt nốt lâu năm ở vùng Bảy "
            "Núi. Đường màu vàng nâu, thơm mùi khói bếp, ngọt thanh và béo nhẹ. Nước thốt nốt hứng "
            "buổi sớm được nấu ngay trên bếp củi đến khi sánh, rồi đổ khuôn hoặc đánh tơi. Dùng "
            "nấu chè, kho cá, pha đồ uống; bảo quản trong hộp kín nơi khô ráo."
        ),
        description_en=(
            "Palm sugar boiled down from the sap of old sugar palms in the Seven Mountains region. "
            "It is golden brown and smoky, with a clean, slightly rich sweetness. Sap collected "
            "at dawn is cooked over wood fires the same morning until thick, then moulded or "
            "beaten into crumbs. Use in sweet soups, fish braises and drinks; keep in a closed "
            "box in a dry place."
        ),
        variants=(
            DemoVariant("TN-DTN-500", "Túi 500 g", 65_000, 520, 220),
            DemoVariant("TN-DTN-1KG", "Hũ 1 kg", 125_000, 1_150, 90),
        ),
        certificate=DemoCertificate(
            decision_number="1356/QĐ-UBND",
            decision_age_days=330,
            issuer_level="province",
            issuer_name="UBND tỉnh An Giang",
            stars=4,
            score=77,
            product_group=FOOD,
            product_subgroup="Đường, mật",
        ),
        tags=("đặc sản miền Tây", "Bảy Núi"),
        palette=("#E3B448", "#6B4226"),
        label="Đường thốt nốt",
    ),
    # ---- DNTN Hồ Quang Trí (Cần Thơ, old Sóc Trăng)
    DemoProduct(
        key="gao-thom-st24",
        producer="dntn-ho-quang-tri",
        name="Gạo thơm ST24",
        name_en="ST24 fragrant rice",
        category=("Thực phẩm", "Gạo"),
        description=(
            "Gạo ST24 được trồng trên vùng đất lúa – tôm ven biển Sóc Trăng cũ, nơi đất nhiễm mặn "
            "nhẹ giúp hạt gạo thơm hơn. Hạt gạo dài, trắng trong, cơm dẻo mềm, thơm mùi lá dứa và "
            "vẫn mềm khi nguội. Lúa được gặt đúng độ chín, sấy nhiệt độ thấp và xay xát theo từng "
            "lô. Vo nhẹ, nấu với ít nước hơn gạo thường; bảo quản nơi khô ráo, tránh côn trùng."
        ),
        description_en=(
            "ST24 rice grown on the coastal rice–shrimp fields of former Sóc Trăng, where slightly "
            "saline soil makes the grain more fragrant. The long, translucent grains cook soft "
            "and tender with a pandan aroma and stay soft when cool. Paddy is harvested at the "
            "right ripeness, dried at low temperature and milled lot by lot. Rinse gently and use "
            "a little less water than for ordinary rice; store dry and insect-free."
        ),
        variants=(
            DemoVariant("HQT-ST24-5KG", "Túi 5 kg", 180_000, 5_100, 400),
            DemoVariant("HQT-ST24-10KG", "Bao 10 kg", 350_000, 10_150, 120),
        ),
        certificate=DemoCertificate(
            decision_number="2459/QĐ-UBND",
            decision_age_days=760,
            issuer_level="province",
            issuer_name="UBND tỉnh Sóc Trăng",
            stars=4,
            score=83,
            product_group=FOOD,
            product_subgroup="Gạo",
        ),
        tags=("gạo", "gạo ST", "đặc sản miền Tây"),
        palette=("#F2EBD3", "#6E8B3D"),
        label="Gạo thơm ST24",
    ),
    DemoProduct(
        key="gao-st25-lua-tom",
        producer="dntn-ho-quang-tri",
        name="Gạo ST25 lúa tôm",
        name_en="ST25 rice–shrimp rice",
        category=("Thực phẩm", "Gạo"),
        description=(
            "Gạo ST25 được trồng luân canh với nuôi tôm, gần như không dùng phân bón và thuốc bảo "
            "vệ thực vật hóa học. Cơm dẻo, thơm, hạt dài, có vị ngọt nhẹ tự nhiên. Sau khi thu "
            "hoạch, lúa được sấy lạnh, xay xát và đóng túi hút chân không. Vo nhẹ trước khi nấu; "
            "sau khi mở túi nên dùng trong hai tháng."
        ),
        description_en=(
            "ST25 rice grown in rotation with shrimp farming, with almost no chemical fertiliser "
            "or pesticide. It cooks soft, fragrant and long-grained, with a natural light "
            "sweetness. After harvest the paddy is cold-dried, milled and vacuum-packed. Rinse "
            "gently before cooking; use within two months of opening."
        ),
        variants=(DemoVariant("HQT-ST25-5KG", "Túi 5 kg", 200_000, 5_100, 300),),
        certificate=DemoCertificate(
            decision_number="3120/QĐ-UBND",
            decision_age_days=120,
            issuer_level="province",
            issuer_name="UBND thành phố Cần Thơ",
            stars=4,
            score=87,
            product_group=FOOD,
            product_subgroup="Gạo",
        ),
        tags=("gạo", "gạo ST", "lúa tôm"),
        palette=("#FFF4D6", "#3F7D58"),
        label="Gạo ST25 lúa tôm",
    ),
    # ---- HTX Tỏi Lý Sơn (Quảng Ngãi)
    DemoProduct(
        key="toi-ly-son",
        producer="htx-toi-ly-son",
        name="Tỏi Lý Sơn",
        name_en="Lý Sơn garlic",
        category=("Thực phẩm", "Hạt và nông sản khô"),
        description=(
            "Tỏi được trồng trên đảo Lý Sơn trong lớp cát biển trắng phủ trên đất đỏ núi lửa, "
            "tưới bằng nước giếng ngọt của đảo. Củ tỏi nhỏ, vỏ trắng, tép chắc, mùi thơm dịu và "
            "vị cay nồng, không hăng gắt. Tỏi được nhổ khi lá đã úa, phơi gió cho khô vỏ rồi tuyển "
            "chọn từng củ. Dùng phi thơm, ướp món ăn hoặc ngâm mật ong; treo nơi khô thoáng."
        ),
        description_en=(
            "Garlic grown on Lý Sơn island in white sea sand over red volcanic soil, watered from "
            "the island's wells. The small white bulbs have firm cloves, a gentle aroma and a "
            "clean heat without harshness. It is pulled once the leaves wither, air-dried and "
            "sorted bulb by bulb. Fry until fragrant, use in marinades or steep in honey; hang in "
            "a dry, airy place."
        ),
        variants=(
            DemoVariant("TLS-TOI-500", "Túi lưới 500 g", 125_000, 520, 250),
            DemoVariant("TLS-TOI-1KG", "Túi lưới 1 kg", 240_000, 1_030, 120),
        ),
        certificate=DemoCertificate(
            decision_number="2874/QĐ-BNNMT",
            decision_age_days=500,
            issuer_level="central",
            issuer_name=MINISTRY_MAE,
            stars=5,
            score=90,
            product_group=FOOD,
            product_subgroup="Gia vị",
        ),
        tags=("tỏi", "đặc sản biển đảo", "OCOP 5 sao"),
        palette=("#EDE7E3", "#5E4B73"),
        label="Tỏi Lý Sơn",
    ),
    DemoProduct(
        key="toi-co-don-ly-son",
        producer="htx-toi-ly-son",
        name="Tỏi cô đơn Lý Sơn",
        name_en="Lý Sơn solo garlic",
        category=("Thực phẩm", "Hạt và nông sản khô"),
        description=(
            "Tỏi cô đơn là những củ tỏi chỉ có một tép duy nhất, hiếm gặp trong mỗi vụ tỏi Lý Sơn. "
            "Tép tỏi to tròn, thơm đậm, vị cay ngọt hơn tỏi nhiều tép. Từng củ được tuyển tay "
            "trong lúc phân loại, phơi khô tự nhiên và đóng hũ. Thường dùng ngâm rượu, ngâm mật "
            "ong hoặc ăn sống; bảo quản nơi khô mát."
        ),
        description_en=(
            "Solo garlic: bulbs with a single clove, a rare find in every Lý Sơn harvest. The "
            "round clove is large and intensely aromatic, with a sweeter bite than multi-clove "
            "garlic. Each bulb is hand-picked during sorting, dried naturally and jarred. "
            "Traditionally steeped in rice spirit or honey, or eaten raw; keep cool and dry."
        ),
        variants=(DemoVariant("TLS-TCD-250", "Hũ 250 g", 160_000, 420, 80),),
        certificate=DemoCertificate(
            decision_number="1963/QĐ-UBND",
            decision_age_days=610,
            issuer_level="province",
            issuer_name="UBND tỉnh Quảng Ngãi",
            stars=4,
            score=82,
            product_group=FOOD,
            product_subgroup="Gia vị",
        ),
        tags=("tỏi", "đặc sản biển đảo", "quà biếu"),
        palette=("#F4F1DE", "#4F7A63"),
        label="Tỏi cô đơn",
    ),
    # ---- HKD Bò khô Thu Ba (Quảng Ngãi)
    DemoProduct(
        key="bo-kho-thu-ba",
        producer="hkd-bo-kho-thu-ba",
        name="Thịt bò khô Thu Ba",
        name_en="Thu Ba beef jerky",
        category=("Thực phẩm", "Thịt khô và đặc sản chế biến"),
        description=(
            "Bò khô Thu Ba là món quà quen thuộc của Quảng Ngãi, làm từ thịt bò tươi chọn phần "
            "thăn và bắp. Miếng bò mềm dai, cay nhẹ, thơm sả và tỏi, ngọt vừa phải. Thịt được lọc "
            "sạch gân mỡ, ướp gia vị theo công thức gia đình rồi sấy bằng than hồng. Dùng ngay "
            "hoặc trộn gỏi; sau khi mở túi nên bảo quản trong ngăn mát."
        ),
        description_en=(
            "Thu Ba jerky is a classic gift from Quảng Ngãi, made from fresh beef loin and shank. "
            "The pieces are tender yet chewy, mildly spicy, fragrant with lemongrass and garlic, "
            "and not too sweet. The meat is trimmed of sinew and fat, marinated to the family "
            "recipe and dried over charcoal. Eat as it is or toss into salads; refrigerate after "
            "opening."
        ),
        variants=(
            DemoVariant("TB-BK-250", "Túi 250 g", 210_000, 280, 150),
            DemoVariant("TB-BK-500", "Túi 500 g", 410_000, 540, 70),
        ),
        certificate=DemoCertificate(
            decision_number="2302/QĐ-UBND",
            decision_age_days=400,
            issuer_level="province",
            issuer_name="UBND tỉnh Quảng Ngãi",
            stars=4,
            score=75,
            product_group=FOOD,
            product_subgroup="Thịt chế biến",
        ),
        tags=("bò khô", "ăn vặt", "quà biếu"),
        palette=("#B5452A", "#3A1C14"),
        label="Bò khô Thu Ba",
    ),
    # ---- Công ty TNHH Dâu tằm tơ Mỹ Đức (Hà Nội)
    DemoProduct(
        key="chan-bong-to-tam-my-duc",
        producer="cong-ty-dau-tam-to-my-duc",
        name="Chăn bông tơ tằm tự dệt Mỹ Đức",
        name_en="Mỹ Đức self-woven silk floss duvet",
        category=("Thủ công mỹ nghệ", "Tơ lụa"),
        description=(
            "Chăn bông tơ tằm là sản phẩm độc đáo của làng dâu tằm Phùng Xá, Mỹ Đức, do chính con "
            "tằm tự nhả tơ thành tấm. Ruột chăn nhẹ, xốp, ấm vào mùa đông mà thoáng vào mùa hè, "
            "không bị vón cục sau nhiều năm dùng. Tằm được thả trên mặt phẳng trong phòng kín để "
            "tự dệt từng lớp tơ, sau đó tấm tơ được tẩy sạch và may vỏ cotton. Phơi nắng nhẹ định "
            "kỳ, chỉ giặt vỏ chăn, không giặt ruột bằng máy."
        ),
        description_en=(
            "A unique product of the Phùng Xá silk village in Mỹ Đức: the filling is spun into "
            "sheets by the silkworms themselves. It is light and lofty, warm in winter and "
            "breathable in summer, and does not clump after years of use. Silkworms spin layer "
            "by layer on flat frames in a closed room; the sheets are then cleaned and sewn into "
            "a cotton cover. Air in gentle sunlight now and then; wash only the cover, never "
            "machine-wash the filling."
        ),
        variants=(
            DemoVariant("MD-CBTT-1KG", "Chăn 1 kg (2 × 2,2 m)", 4_000_000, 1_500, 12),
            DemoVariant("MD-CBTT-1K5", "Chăn 1,5 kg (2 × 2,2 m)", 5_800_000, 2_000, 6),
        ),
        certificate=DemoCertificate(
            decision_number="3326/QĐ-BNN-VPĐP",
            decision_age_days=860,
            issuer_level="central",
            issuer_name=MINISTRY_MARD,
            stars=5,
            score=95,
            product_group=HANDICRAFT,
            product_subgroup="Dệt may",
        ),
        tags=("tơ tằm", "làng nghề", "OCOP 5 sao", "quà biếu"),
        palette=("#F7E7CE", "#B08968"),
        label="Chăn bông tơ tằm",
    ),
    DemoProduct(
        key="khan-lua-to-sen-my-duc",
        producer="cong-ty-dau-tam-to-my-duc",
        name="Khăn lụa tơ tằm pha tơ sen",
        name_en="Silk scarf woven with lotus fibre",
        category=("Thủ công mỹ nghệ", "Tơ lụa"),
        description=(
            "Khăn được dệt từ tơ tằm Mỹ Đức pha sợi tơ sen rút tay từ cuống sen hồ Quan Sơn. Mặt "
            "khăn mềm, mát, có ánh tự nhiên và độ rủ nhẹ. Từng sợi tơ sen được rút, se bằng tay "
            "rồi dệt trên khung cửi cùng sợi tơ tằm. Giặt tay bằng nước lạnh với xà phòng trung "
            "tính, phơi trong bóng râm."
        ),
        description_en=(
            "A scarf woven from Mỹ Đức silk blended with lotus fibre hand-drawn from the stems of "
            "Quan Sơn lake lotus. It feels soft and cool, with a natural sheen and gentle drape. "
            "Each lotus thread is drawn and twisted by hand, then woven on a hand loom with the "
            "silk. Hand-wash cold with mild soap and dry in the shade."
        ),
        variants=(DemoVariant("MD-KLTS-180", "Khăn 50 × 180 cm", 1_200_000, 150, 20),),
        certificate=DemoCertificate(
            decision_number="5742/QĐ-UBND",
            decision_age_days=300,
            issuer_level="province",
            issuer_name="UBND thành phố Hà Nội",
            stars=4,
            score=88,
            product_group=HANDICRAFT,
            product_subgroup="Dệt may",
        ),
        tags=("tơ tằm", "tơ sen", "làng nghề"),
        palette=("#F2C6C2", "#8E5572"),
        label="Khăn lụa tơ sen",
    ),
    # ---- HKD Gốm Lê Hưng (Bát Tràng, Hà Nội)
    DemoProduct(
        key="bo-am-chen-men-lam-bat-trang",
        producer="hkd-gom-le-hung-bat-trang",
        name="Bộ ấm chén men lam Bát Tràng",
        name_en="Bát Tràng blue-glaze tea set",
        category=("Thủ công mỹ nghệ", "Gốm sứ"),
        description=(
            "Bộ ấm chén được làm tại làng gốm Bát Tràng hơn 500 năm tuổi, vẽ tay họa tiết sen và "
            "mây bằng men lam. Men bóng, nét vẽ mềm mại, ấm giữ nhiệt tốt và rót nước không nhỏ "
            "giọt. Mỗi sản phẩm được tạo hình trên bàn xoay, vẽ tay, tráng men và nung ở khoảng "
            "1.250 °C. Dùng được với nước sôi, rửa bằng nước ấm; tránh va đập mạnh."
        ),
        description_en=(
            "A tea set from the 500-year-old Bát Tràng pottery village, hand-painted with lotus "
            "and cloud motifs in cobalt blue. The glaze is glossy and the brushwork fluid; the pot "
            "keeps heat well and pours without dripping. Each piece is thrown on the wheel, "
            "painted, glazed and fired at about 1,250 °C. Safe with boiling water, wash in warm "
            "water; avoid knocks."
        ),
        variants=(DemoVariant("GLH-AC-1A6C", "Bộ 1 ấm 6 chén", 650_000, 1_800, 35),),
        certificate=DemoCertificate(
            decision_number="3864/QĐ-UBND",
            decision_age_days=520,
            issuer_level="province",
            issuer_name="UBND thành phố Hà Nội",
            stars=4,
            score=80,
            product_group=HANDICRAFT,
            product_subgroup="Gốm sứ",
        ),
        tags=("gốm sứ", "làng nghề", "quà biếu"),
        palette=("#DCE6F2", "#1F4E8C"),
        label="Ấm chén men lam",
    ),
    DemoProduct(
        key="binh-hut-loc-men-ran-bat-trang",
        producer="hkd-gom-le-hung-bat-trang",
        name="Bình hút lộc men rạn Bát Tràng",
        name_en="Bát Tràng crackle-glaze fortune jar",
        category=("Thủ công mỹ nghệ", "Gốm sứ"),
        description=(
            "Bình hút lộc là vật phẩm phong thủy quen thuộc trong nhà người Việt, miệng nhỏ, thân "
            "phình tròn. Lớp men rạn cổ màu ngà với những đường rạn tự nhiên, đắp nổi họa tiết "
            "hoa sen. Bình được vuốt tay trên bàn xoay, đắp nổi và nung hai lần để tạo vết rạn. "
            "Đặt nơi khô ráo, lau bằng khăn mềm."
        ),
        description_en=(
            "A fortune jar with a narrow mouth and round belly, a familiar feng-shui piece in "
            "Vietnamese homes. The ivory crackle glaze shows natural craze lines over raised lotus "
            "decoration. The jar is thrown by hand, decorated in relief and fired twice to create "
            "the crackle. Keep dry and wipe with a soft cloth."
        ),
        variants=(DemoVariant("GLH-BHL-30", "Bình cao 30 cm", 850_000, 2_500, 10),),
        certificate=DemoCertificate(
            decision_number="8215/QĐ-UBND",
            decision_age_days=1_200,
            issuer_level="district",
            issuer_name="UBND huyện Gia Lâm",
            stars=3,
            score=62,
            product_group=HANDICRAFT,
            product_subgroup="Gốm sứ",
        ),
        tags=("gốm sứ", "phong thủy", "làng nghề"),
        palette=("#EFE6D2", "#8B6F47"),
        label="Bình hút lộc",
    ),
    # ---- HTX Dệt thổ cẩm bản Lác (Phú Thọ, old Hòa Bình)
    DemoProduct(
        key="khan-tho-cam-ban-lac",
        producer="htx-det-tho-cam-ban-lac",
        name="Khăn thổ cẩm dệt tay bản Lác",
        name_en="Lác village hand-woven brocade scarf",
        category=("Thủ công mỹ nghệ", "Dệt thổ cẩm"),
        description=(
            "Khăn được dệt tay bởi các chị em người Thái bản Lác, Mai Châu, với họa tiết hoa văn "
            "truyền thống. Mặt vải dày dặn, mềm, màu sắc trầm ấm từ thuốc nhuộm tự nhiên. Mỗi "
            "chiếc khăn mất khoảng hai ngày dệt trên khung cửi gỗ. Giặt tay bằng nước lạnh lần "
            "đầu để giữ màu, phơi trong bóng râm."
        ),
        description_en=(
            "Hand-woven by Thái women of Lác village in Mai Châu with traditional motifs. The "
            "cloth is substantial yet soft, in warm, deep colours from natural dyes. Each scarf "
            "takes about two days on a wooden loom. Hand-wash cold the first time to keep the "
            "colours, and dry in the shade."
        ),
        variants=(DemoVariant("BL-KTC-180", "Khăn 40 × 180 cm", 280_000, 200, 60),),
        certificate=DemoCertificate(
            decision_number="1498/QĐ-UBND",
            decision_age_days=700,
            issuer_level="province",
            issuer_name="UBND tỉnh Hòa Bình",
            stars=4,
            score=77,
            product_group=HANDICRAFT,
            product_subgroup="Dệt may",
        ),
        tags=("thổ cẩm", "làng nghề", "Mai Châu"),
        palette=("#C0392B", "#1B1B3A"),
        label="Khăn thổ cẩm",
    ),
    DemoProduct(
        key="tui-tho-cam-ban-lac",
        producer="htx-det-tho-cam-ban-lac",
        name="Túi đeo chéo thổ cẩm bản Lác",
        name_en="Lác village brocade cross-body bag",
        category=("Thủ công mỹ nghệ", "Dệt thổ cẩm"),
        description=(
            "Túi đeo chéo may từ vải thổ cẩm dệt tay của bản Lác, phối với vải bố bền chắc. Túi "
            "nhỏ gọn, nhiều màu, có ngăn khóa kéo bên trong và quai điều chỉnh được. Phần vải "
            "thổ cẩm được dệt thủ công rồi may hoàn thiện tại hợp tác xã. Lau nhẹ khi bẩn, tránh "
            "ngâm nước lâu."
        ),
        description_en=(
            "A cross-body bag of hand-woven Lác brocade combined with sturdy canvas. It is compact "
            "and colourful, with an inner zip pocket and adjustable strap. The brocade panels are "
            "hand-woven and the bag is finished at the cooperative. Spot-clean gently and avoid "
            "soaking."
        ),
        variants=(DemoVariant("BL-TDC-01", "Túi 22 × 18 cm", 190_000, 250, 45),),
        certificate=DemoCertificate(
            decision_number="3391/QĐ-UBND",
            decision_age_days=200,
            issuer_level="province",
            issuer_name="UBND tỉnh Phú Thọ",
            stars=3,
            score=63,
            product_group=HANDICRAFT,
            product_subgroup="Dệt may",
        ),
        tags=("thổ cẩm", "phụ kiện", "Mai Châu"),
        palette=("#F28F3B", "#2E294E"),
        label="Túi thổ cẩm",
    ),
    # ---- HKD Yến sào Minh Huyền (Lâm Đồng, old Bình Thuận)
    DemoProduct(
        key="yen-sao-tinh-che-minh-huyen",
        producer="hkd-yen-sao-minh-huyen",
        name="Yến sào tinh chế Minh Huyền",
        name_en="Minh Huyền cleaned edible bird's nest",
        category=("Thực phẩm", "Yến sào"),
        description=(
            "Tổ yến được khai thác từ nhà yến của gia đình ở Phan Thiết, chỉ sau khi chim non đã "
            "rời tổ. Sợi yến dày, trắng ngà, khi chưng nở đều và thơm nhẹ mùi trứng. Tổ được ngâm "
            "mềm, nhặt lông bằng nhíp, định hình lại và sấy ở nhiệt độ thấp, không tẩy trắng. Ngâm "
            "nước 30 phút rồi chưng cách thủy với đường phèn; bảo quản nơi khô ráo trong hộp kín."
        ),
        description_en=(
            "Swiftlet nests from the family's bird house in Phan Thiết, harvested only after the "
            "fledglings have left. The strands are thick and ivory, swell evenly when steamed and "
            "have a faint egg-white aroma. Nests are soaked, cleaned with tweezers, reshaped and "
            "dried at low temperature, never bleached. Soak for 30 minutes, then double-boil with "
            "rock sugar; keep dry in the sealed box."
        ),
        variants=(
            DemoVariant("MH-YTC-50", "Hộp 50 g", 1_800_000, 160, 25),
            DemoVariant("MH-YTC-100", "Hộp 100 g", 3_500_000, 250, 15),
        ),
        certificate=DemoCertificate(
            decision_number="1205/QĐ-UBND",
            decision_age_days=690,
            issuer_level="province",
            issuer_name="UBND tỉnh Bình Thuận",
            stars=3,
            score=69,
            product_group=FOOD,
            product_subgroup="Yến sào",
        ),
        tags=("yến sào", "bồi bổ", "quà biếu"),
        palette=("#F5EBDD", "#A67C52"),
        label="Yến sào tinh chế",
    ),
    DemoProduct(
        key="yen-chung-duong-phen-minh-huyen",
        producer="hkd-yen-sao-minh-huyen",
        name="Yến chưng đường phèn Minh Huyền",
        name_en="Minh Huyền bird's nest with rock sugar",
        category=("Thực phẩm", "Yến sào"),
        description=(
            "Yến chưng sẵn được nấu từ yến sào của gia đình với đường phèn và lá dứa. Sợi yến mềm, "
            "nước chưng trong, ngọt thanh và thơm nhẹ. Yến được chưng cách thủy, đóng hũ thủy tinh "
            "và tiệt trùng. Ngon hơn khi dùng lạnh; sau khi mở nắp dùng hết trong ngày."
        ),
        description_en=(
            "Ready-to-eat bird's nest cooked from the family's own nests with rock sugar and "
            "pandan leaf. The strands are soft and the liquid clear, lightly sweet and fragrant. "
            "It is double-boiled, sealed in glass jars and sterilised. Best served chilled; "
            "finish the same day once opened."
        ),
        variants=(DemoVariant("MH-YCDP-6X70", "Hộp 6 hũ × 70 ml", 210_000, 900, 100),),
        certificate=DemoCertificate(
            decision_number="2587/QĐ-UBND",
            decision_age_days=90,
            issuer_level="province",
            issuer_name="UBND tỉnh Lâm Đồng",
            stars=3,
            score=60,
            product_group=FOOD,
            product_subgroup="Yến sào",
        ),
        tags=("yến sào", "bồi bổ"),
        palette=("#FAF3E0", "#A0743A"),
        label="Yến chưng đường phèn",
    ),
    # ---- THT Nhãn lồng Phố Hiến (Hưng Yên)
    DemoProduct(
        key="long-nhan-say-hung-yen",
        producer="tht-nhan-long-pho-hien",
        name="Long nhãn sấy Hưng Yên",
        name_en="Hưng Yên dried longan",
        category=("Thực phẩm", "Trái cây"),
        description=(
            "Long nhãn được làm từ nhãn lồng Hưng Yên, giống nhãn cùi dày, hạt nhỏ từng được dùng "
            "để tiến vua. Cùi nhãn sấy dẻo, màu nâu cánh gián, ngọt đậm và thơm mùi mật. Nhãn "
            "được bóc vỏ, tách hạt bằng tay rồi sấy trên lò than nhiều giờ. Dùng ăn trực tiếp, "
            "nấu chè hoặc pha trà; bảo quản trong hũ kín, để ngăn mát khi trời nồm."
        ),
        description_en=(
            "Dried longan from the Hưng Yên lồng variety, with thick flesh and small seeds, once "
            "offered to the emperors. The dried flesh is chewy and reddish-brown, with a deep, "
            "honeyed sweetness. Fruit is peeled and pitted by hand, then dried over charcoal for "
            "hours. Eat as a snack, add to sweet soups or brew as tea; keep in a closed jar and "
            "refrigerate in humid weather."
        ),
        variants=(DemoVariant("PH-LN-500", "Túi 500 g", 220_000, 530, 120),),
        certificate=DemoCertificate(
            decision_number="2033/QĐ-UBND",
            decision_age_days=450,
            issuer_level="province",
            issuer_name="UBND tỉnh Hưng Yên",
            stars=4,
            score=79,
            product_group=FOOD,
            product_subgroup="Trái cây sấy",
        ),
        tags=("nhãn lồng", "trái cây sấy", "quà biếu"),
        palette=("#D4A373", "#6F4518"),
        label="Long nhãn Hưng Yên",
    ),
    # ---- HTX Vải thiều Lục Ngạn (Bắc Ninh, old Bắc Giang)
    DemoProduct(
        key="vai-thieu-say-luc-ngan",
        producer="htx-vai-thieu-luc-ngan",
        name="Vải thiều sấy khô Lục Ngạn",
        name_en="Lục Ngạn dried lychee",
        category=("Thực phẩm", "Trái cây"),
        description=(
            "Vải thiều Lục Ngạn được hái vào chính vụ tháng Sáu từ những vườn trồng theo VietGAP. "
            "Vải sấy có vỏ giòn, cùi dẻo, màu nâu đỏ, vị ngọt đậm hơi chua nhẹ. Quả được sấy "
            "nguyên vỏ trên lò than hoa khoảng ba ngày đêm. Bóc vỏ ăn trực tiếp hoặc nấu chè; bảo "
            "quản trong túi kín nơi khô ráo."
        ),
        description_en=(
            "Lục Ngạn lychees picked at the June peak from VietGAP orchards. The dried fruit has a "
            "crisp shell and chewy reddish-brown flesh, deeply sweet with a hint of tartness. The "
            "whole fruit is dried over charcoal for about three days and nights. Peel and eat or "
            "add to sweet soups; keep sealed in a dry place."
        ),
        variants=(DemoVariant("LN-VS-1KG", "Túi 1 kg", 180_000, 1_050, 150),),
        certificate=DemoCertificate(
            decision_number="1679/QĐ-UBND",
            decision_age_days=750,
            issuer_level="province",
            issuer_name="UBND tỉnh Bắc Giang",
            stars=4,
            score=76,
            product_group=FOOD,
            product_subgroup="Trái cây sấy",
        ),
        tags=("vải thiều", "trái cây sấy"),
        palette=("#E63946", "#6A040F"),
        label="Vải thiều sấy",
    ),
    DemoProduct(
        key="mat-ong-hoa-vai-luc-ngan",
        producer="htx-vai-thieu-luc-ngan",
        name="Mật ong hoa vải Lục Ngạn",
        name_en="Lục Ngạn lychee blossom honey",
        category=("Thực phẩm", "Mật ong"),
        description=(
            "Mật ong được lấy từ những đàn ong thả trong vườn vải Lục Ngạn vào mùa hoa tháng Hai, "
            "tháng Ba. Mật vàng sáng, thơm mùi hoa vải đặc trưng, vị ngọt thanh, dễ uống. Mật chỉ "
            "được thu khi đã chín, lọc sạch sáp và đóng chai tại hợp tác xã. Pha nước ấm hoặc "
            "dùng với chanh, gừng; mật có thể kết tinh khi trời lạnh, đó là hiện tượng tự nhiên."
        ),
        description_en=(
            "Honey from hives placed in the Lục Ngạn lychee orchards while they flower in February "
            "and March. It is bright gold with the distinctive scent of lychee blossom and a "
            "clean, easy sweetness. The honey is taken only when ripe, strained of wax and "
            "bottled at the cooperative. Stir into warm water or use with lemon and ginger; it may "
            "crystallise in cold weather, which is natural."
        ),
        variants=(DemoVariant("LN-MOHV-500", "Chai 500 ml", 180_000, 720, 110),),
        certificate=DemoCertificate(
            decision_number="2145/QĐ-UBND",
            decision_age_days=260,
            issuer_level="province",
            issuer_name="UBND tỉnh Bắc Ninh",
            stars=3,
            score=67,
            product_group=FOOD,
            product_subgroup="Mật ong",
        ),
        tags=("mật ong", "vải thiều"),
        palette=("#FFD166", "#C05621"),
        label="Mật ong hoa vải",
    ),
    # ---- HTX Chè đặc sản Tân Cương (Thái Nguyên)
    DemoProduct(
        key="che-dinh-tan-cuong",
        producer="htx-che-dac-san-tan-cuong",
        name="Chè đinh Tân Cương",
        name_en="Tân Cương 'nail' bud tea",
        category=("Thực phẩm", "Chè và trà"),
        description=(
            "Chè đinh là loại chè cao cấp nhất của Tân Cương, chỉ hái phần tôm non nhỏ như chiếc "
            "đinh. Nước chè xanh trong, hương cốm non, vị chát rất nhẹ và hậu ngọt sâu. Cần khoảng "
            "10 kg búp tươi mới làm được 1 kg chè đinh, sao tay nhiều lượt trên chảo gang. Pha với "
            "nước 80 °C trong ấm nhỏ; bảo quản trong hộp kín, nên để ngăn mát."
        ),
        description_en=(
            "Chè đinh is Tân Cương's finest tea, using only the tiny young bud that looks like a "
            "nail. The liquor is clear green with a young-rice aroma, very light astringency and a "
            "deep sweet finish. About 10 kg of fresh buds make 1 kg of tea, pan-fired by hand in "
            "several rounds in cast-iron woks. Brew at 80 °C in a small pot; keep airtight, "
            "ideally refrigerated."
        ),
        variants=(DemoVariant("TC-CD-100", "Hộp 100 g", 450_000, 220, 60),),
        certificate=DemoCertificate(
            decision_number="1120/QĐ-BNN-VPĐP",
            decision_age_days=980,
            issuer_level="central",
            issuer_name=MINISTRY_MARD,
            stars=5,
            score=92,
            product_group=FOOD,
            product_subgroup="Chè",
        ),
        tags=("trà", "chè Thái Nguyên", "OCOP 5 sao", "quà biếu"),
        palette=("#B5E48C", "#184E35"),
        label="Chè đinh Tân Cương",
    ),
    DemoProduct(
        key="che-non-tom-tan-cuong",
        producer="htx-che-dac-san-tan-cuong",
        name="Chè nõn tôm Tân Cương",
        name_en="Tân Cương young-bud green tea",
        category=("Thực phẩm", "Chè và trà"),
        description=(
            "Chè nõn tôm được hái một tôm một lá non trên những đồi chè Tân Cương, Thái Nguyên. "
            "Cánh chè nhỏ, xoăn, nước xanh vàng, hương cốm thơm và vị chát dịu, ngọt hậu. Búp chè "
            "được làm héo nhẹ, diệt men và sao khô trên chảo gang trong ngày hái. Pha với nước "
            "85 °C, tráng chè rồi hãm 2 phút; bảo quản nơi khô mát."
        ),
        description_en=(
            "Young-bud tea picked at one bud and one leaf on the Tân Cương hills of Thái Nguyên. "
            "The small curled leaves brew a yellow-green cup with a toasted-rice aroma, gentle "
            "astringency and sweet finish. Buds are lightly withered, fixed and dried in "
            "cast-iron woks on the day of picking. Brew at 85 °C: rinse, then steep for 2 "
            "minutes; store cool and dry."
        ),
        variants=(
            DemoVariant("TC-NT-200", "Gói 200 g", 180_000, 230, 160),
            DemoVariant("TC-NT-500", "Gói 500 g", 430_000, 550, 60),
        ),
        certificate=DemoCertificate(
            decision_number="2706/QĐ-UBND",
            decision_age_days=350,
            issuer_level="province",
            issuer_name="UBND tỉnh Thái Nguyên",
            stars=4,
            score=85,
            product_group=FOOD,
            product_subgroup="Chè",
        ),
        tags=("trà", "chè Thái Nguyên"),
        palette=("#C7E9B0", "#3A6B35"),
        label="Chè nõn tôm",
    ),
    # ---- Công ty TNHH Cà phê Buôn Ma Thuột Xanh (Đắk Lắk)
    DemoProduct(
        key="ca-phe-robusta-buon-ma-thuot",
        producer="cong-ty-ca-phe-buon-ma-thuot-xanh",
        name="Cà phê Robusta rang xay Buôn Ma Thuột",
        name_en="Buôn Ma Thuột ground Robusta coffee",
        category=("Thực phẩm", "Cà phê"),
        description=(
            "Cà phê được làm từ hạt Robusta chín đỏ trồng trên đất đỏ bazan quanh Buôn Ma Thuột. "
            "Vị đắng đậm, hậu ngọt, hương sô-cô-la và hạt rang, nhiều crema khi pha máy. Hạt được "
            "phơi trên giàn, rang mộc theo mẻ nhỏ và xay ngay trước khi đóng gói. Hợp pha phin, "
            "pha sữa đá; gấp kín miệng túi sau khi mở."
        ),
        description_en=(
            "Coffee from ripe Robusta cherries grown on the red basalt soils around Buôn Ma "
            "Thuột. It is boldly bitter with a sweet finish, notes of chocolate and roasted nuts, "
            "and plenty of crema on an espresso machine. Beans are dried on raised beds, roasted "
            "plain in small batches and ground just before packing. Perfect in a phin or with "
            "condensed milk over ice; reseal the bag after opening."
        ),
        variants=(DemoVariant("BMT-RB-500", "Gói 500 g", 140_000, 530, 250),),
        certificate=DemoCertificate(
            decision_number="1836/QĐ-UBND",
            decision_age_days=600,
            issuer_level="province",
            issuer_name="UBND tỉnh Đắk Lắk",
            stars=4,
            score=82,
            product_group=FOOD,
            product_subgroup="Cà phê",
        ),
        tags=("cà phê", "Robusta", "Tây Nguyên"),
        palette=("#8B5E34", "#2B1B0E"),
        label="Cà phê Robusta",
    ),
    # ---- Công ty TNHH Chế biến Hạt điều Đồng Xoài (Đồng Nai, old Bình Phước)
    DemoProduct(
        key="hat-dieu-rang-muoi-binh-phuoc",
        producer="cong-ty-hat-dieu-dong-xoai",
        name="Hạt điều rang muối Bình Phước",
        name_en="Bình Phước salted roasted cashews",
        category=("Thực phẩm", "Hạt và nông sản khô"),
        description=(
            "Hạt điều được chọn từ vùng điều Bình Phước, loại hạt to, trắng, đều cỡ. Hạt giòn, "
            "béo bùi, mặn nhẹ, không bị dầu. Hạt điều thô được hấp, tách vỏ, bóc lụa rồi rang "
            "muối trong lò nhiệt đều. Dùng ăn vặt, bày mâm Tết hoặc làm sữa hạt; đậy kín nắp để "
            "giữ độ giòn."
        ),
        description_en=(
            "Large, white, evenly graded cashews from the Bình Phước growing area. They are "
            "crisp, rich and lightly salted, never oily. Raw nuts are steamed, shelled, peeled and "
            "salt-roasted in even-heat ovens. Enjoy as a snack, on the Tết tray or blended into "
            "nut milk; keep the lid closed to stay crisp."
        ),
        variants=(DemoVariant("DX-HDRM-500", "Hũ 500 g", 185_000, 620, 180),),
        certificate=DemoCertificate(
            decision_number="2998/QĐ-UBND",
            decision_age_days=790,
            issuer_level="province",
            issuer_name="UBND tỉnh Bình Phước",
            stars=4,
            score=81,
            product_group=FOOD,
            product_subgroup="Hạt",
        ),
        tags=("hạt điều", "ăn vặt", "quà Tết"),
        palette=("#F4D35E", "#A0522D"),
        label="Hạt điều rang muối",
    ),
    # ---- HKD Mắm Huế Thanh Tâm (Huế)
    DemoProduct(
        key="mam-tom-chua-hue",
        producer="hkd-mam-hue-thanh-tam",
        name="Mắm tôm chua Huế",
        name_en="Huế sour shrimp paste",
        category=("Thực phẩm", "Nước mắm và gia vị"),
        description=(
            "Mắm tôm chua là đặc sản quen thuộc của ẩm thực Huế, làm từ tôm đất tươi. Mắm màu đỏ "
            "cam, vị chua ngọt hài hòa, cay nồng của ớt và thơm mùi riềng, tỏi. Tôm được trộn với "
            "xôi nếp, riềng, tỏi, ớt, măng đu đủ và ủ trong chum sành khoảng hai tuần. Ăn kèm thịt "
            "heo luộc, rau sống và chuối chát; bảo quản ngăn mát sau khi mở."
        ),
        description_en=(
            "Sour shrimp paste is a staple of Huế cuisine, made from fresh freshwater shrimp. It "
            "is orange-red, balancing sour and sweet with chilli heat and the aroma of galangal "
            "and garlic. The shrimp are mixed with sticky rice, galangal, garlic, chilli and green "
            "papaya strips and fermented in earthenware jars for about two weeks. Serve with "
            "boiled pork, fresh herbs and green banana; refrigerate after opening."
        ),
        variants=(DemoVariant("TT-MTC-500", "Hũ 500 g", 135_000, 650, 90),),
        certificate=DemoCertificate(
            decision_number="2471/QĐ-UBND",
            decision_age_days=420,
            issuer_level="province",
            issuer_name="UBND thành phố Huế",
            stars=4,
            score=78,
            product_group=FOOD,
            product_subgroup="Mắm",
        ),
        tags=("đặc sản Huế", "mắm"),
        palette=("#F08A5D", "#8C2F39"),
        label="Mắm tôm chua",
    ),
    DemoProduct(
        key="mut-gung-hue",
        producer="hkd-mam-hue-thanh-tam",
        name="Mứt gừng Huế",
        name_en="Huế candied ginger",
        category=("Thực phẩm", "Bánh mứt"),
        description=(
            "Mứt gừng được sên từ gừng ta non vùng ven Huế, món không thể thiếu trên mâm trà ngày "
            "Tết. Lát gừng mỏng, dẻo, phủ lớp đường trắng mịn, vị cay ấm và ngọt vừa. Gừng được "
            "thái mỏng, ngâm bớt hăng rồi sên tay với đường cho đến khi khô ráo. Dùng với trà "
            "nóng; bảo quản trong hộp kín nơi khô mát."
        ),
        description_en=(
            "Candied ginger made from young local ginger grown around Huế, a must on the Tết tea "
            "tray. The thin, chewy slices have a fine sugar coating and a warm, gentle heat. The "
            "ginger is sliced, soaked to soften its bite, then stirred by hand with sugar until "
            "dry. Serve with hot tea; keep in a closed box in a cool, dry place."
        ),
        variants=(DemoVariant("TT-MG-300", "Hộp 300 g", 85_000, 380, 140),),
        certificate=DemoCertificate(
            decision_number="3015/QĐ-UBND",
            decision_age_days=260,
            issuer_level="province",
            issuer_name="UBND thành phố Huế",
            stars=3,
            score=64,
            product_group=FOOD,
            product_subgroup="Bánh kẹo, mứt",
        ),
        tags=("đặc sản Huế", "quà Tết"),
        palette=("#FFE8A3", "#C9872B"),
        label="Mứt gừng Huế",
    ),
    # ---- HTX Tinh dầu tràm Phong Điền (Huế)
    DemoProduct(
        key="tinh-dau-tram-phong-dien",
        producer="htx-tinh-dau-tram-phong-dien",
        name="Tinh dầu tràm Phong Điền",
        name_en="Phong Điền cajeput essential oil",
        category=("Dược liệu", "Tinh dầu"),
        description=(
            "Tinh dầu được chưng cất từ lá cây tràm gió mọc trên vùng cát ven biển Phong Điền, "
            "Huế. Tinh dầu trong, mùi thơm the mát, giữ ấm cơ thể và giúp xua muỗi. Lá và cành "
            "non được chưng cất bằng hơi nước, lắng lọc nhiều lần, không pha dầu nền. Thoa lòng "
            "bàn chân, ngực, lưng hoặc xông phòng; để xa tầm tay trẻ em, đậy kín nắp sau khi dùng."
        ),
        description_en=(
            "Essential oil steam-distilled from cajeput leaves growing on the coastal sands of "
            "Phong Điền, Huế. The clear oil has a fresh, cooling scent, keeps the body warm and "
            "repels mosquitoes. Leaves and young twigs are steam-distilled and settled several "
            "times, with no carrier oil added. Rub on soles, chest or back or use in a diffuser; "
            "keep out of reach of children and close tightly after use."
        ),
        variants=(
            DemoVariant("PD-TDT-50", "Chai 50 ml", 95_000, 120, 200),
            DemoVariant("PD-TDT-100", "Chai 100 ml", 170_000, 190, 120),
        ),
        certificate=DemoCertificate(
            decision_number="1784/QĐ-UBND",
            decision_age_days=540,
            issuer_level="province",
            issuer_name="UBND thành phố Huế",
            stars=4,
            score=83,
            product_group=HERBAL,
            product_subgroup="Tinh dầu",
        ),
        tags=("tinh dầu", "đặc sản Huế", "mẹ và bé"),
        palette=("#B8E0D2", "#2C6E63"),
        label="Tinh dầu tràm",
    ),
    DemoProduct(
        key="dau-tram-em-be-phong-dien",
        producer="htx-tinh-dau-tram-phong-dien",
        name="Dầu tràm em bé Phong Điền",
        name_en="Phong Điền cajeput oil for babies",
        category=("Dược liệu", "Tinh dầu"),
        description=(
            "Dầu tràm dành cho em bé được pha loãng từ tinh dầu tràm Phong Điền với nồng độ phù "
            "hợp cho làn da non nớt. Mùi thơm dịu, ấm nhẹ, giúp giữ ấm cho bé sau khi tắm. Tinh "
            "dầu được chưng cất, lọc kỹ và phối trộn theo công thức đã được kiểm nghiệm. Thoa một "
            "lớp mỏng lên lòng bàn chân, lưng, ngực bé; tránh vùng mắt và niêm mạc."
        ),
        description_en=(
            "Baby cajeput oil diluted from Phong Điền cajeput oil to a strength suited to delicate "
            "skin. The scent is soft and warming, keeping babies warm after a bath. The oil is "
            "distilled, carefully filtered and blended to a tested formula. Apply a thin layer to "
            "the baby's soles, back and chest; avoid eyes and mucous membranes."
        ),
        variants=(DemoVariant("PD-DTEB-30", "Chai 30 ml", 55_000, 80, 240),),
        certificate=DemoCertificate(
            decision_number="2650/QĐ-UBND",
            decision_age_days=900,
            issuer_level="district",
            issuer_name="UBND huyện Phong Điền",
            stars=3,
            score=68,
            product_group=HERBAL,
            product_subgroup="Tinh dầu",
        ),
        tags=("tinh dầu", "mẹ và bé"),
        palette=("#D8F3DC", "#52B788"),
        label="Dầu tràm em bé",
    ),
    # ---- THT Nón lá Tây Hồ (Huế)
    DemoProduct(
        key="non-bai-tho-tay-ho",
        producer="tht-non-la-tay-ho",
        name="Nón bài thơ làng Tây Hồ",
        name_en="Tây Hồ village poem hat",
        category=("Thủ công mỹ nghệ", "Nón lá"),
        description=(
            "Nón bài thơ là biểu tượng của xứ Huế, được các nghệ nhân làng Tây Hồ chằm hoàn toàn "
            "bằng tay. Nón mỏng nhẹ, trắng sáng; soi lên nắng sẽ thấy hình cảnh Huế và câu thơ "
            "ẩn giữa hai lớp lá. Mỗi chiếc nón gồm 16 vành tre chuốt tay, lá nón được phơi sương, "
            "ủi phẳng rồi chằm bằng sợi cước mảnh. Tránh để nón ướt lâu, treo nơi khô ráo."
        ),
        description_en=(
            "The poem hat is an emblem of Huế, stitched entirely by hand by Tây Hồ artisans. It is "
            "thin, light and bright; held against the sun it reveals a Huế scene and a verse "
            "hidden between the two layers of leaves. Each hat has sixteen hand-shaved bamboo "
            "rings, with leaves dew-bleached, ironed flat and stitched with fine nylon thread. "
            "Do not leave it wet; hang in a dry place."
        ),
        variants=(DemoVariant("TH-NBT-01", "Nón vẽ tay", 150_000, 150, 80),),
        certificate=DemoCertificate(
            decision_number="4127/QĐ-UBND",
            decision_age_days=830,
            issuer_level="district",
            issuer_name="UBND huyện Phú Vang",
            stars=3,
            score=66,
            product_group=HANDICRAFT,
            product_subgroup="Nón lá",
        ),
        tags=("nón lá", "đặc sản Huế", "làng nghề"),
        palette=("#F1E3C6", "#7A8450"),
        label="Nón bài thơ",
    ),
    # ---- HKD Bưởi Năm Roi Mỹ Hòa (Vĩnh Long)
    DemoProduct(
        key="buoi-nam-roi-binh-minh",
        producer="hkd-buoi-nam-roi-my-hoa",
        name="Bưởi Năm Roi Bình Minh",
        name_en="Bình Minh Năm Roi pomelo",
        category=("Thực phẩm", "Trái cây"),
        description=(
            "Bưởi Năm Roi được trồng trên đất phù sa ven sông Hậu ở Bình Minh, vùng có chỉ dẫn địa "
            "lý bưởi Năm Roi. Múi bưởi ráo nước, tép mọng, vị ngọt thanh xen chút chua nhẹ và hầu "
            "như không hạt. Vườn được chăm theo VietGAP, trái chỉ được hái khi đủ độ chín và lau "
            "sạch trước khi đóng thùng. Để nơi thoáng mát; bưởi ngon nhất sau khi hái 7–10 ngày."
        ),
        description_en=(
            "Năm Roi pomelos grown on Hậu river alluvium in Bình Minh, covered by the Năm Roi "
            "pomelo geographical indication. The segments are dry-fleshed with juicy vesicles, "
            "sweet with a light tang and almost seedless. The orchard follows VietGAP; fruit is "
            "picked only when mature and wiped clean before boxing. Keep in a cool, airy place; "
            "pomelos taste best 7–10 days after picking."
        ),
        variants=(DemoVariant("MH-BNR-5KG", "Thùng 5 kg (3–4 trái)", 180_000, 5_300, 60),),
        certificate=DemoCertificate(
            decision_number="1542/QĐ-UBND",
            decision_age_days=380,
            issuer_level="province",
            issuer_name="UBND tỉnh Vĩnh Long",
            stars=4,
            score=80,
            product_group=FOOD,
            product_subgroup="Trái cây tươi",
        ),
        tags=("trái cây", "đặc sản miền Tây"),
        palette=("#C5E17A", "#4F772D"),
        label="Bưởi Năm Roi",
    ),
    # ---- HKD Rượu Bàu Đá Cù Lâm (Gia Lai, old Bình Định)
    DemoProduct(
        key="ruou-bau-da-cu-lam",
        producer="hkd-ruou-bau-da-cu-lam",
        name="Rượu Bàu Đá Cù Lâm",
        name_en="Cù Lâm Bàu Đá rice spirit",
        category=("Đồ uống", "Rượu đặc sản"),
        description=(
            "Rượu Bàu Đá là đặc sản nổi tiếng của An Nhơn, nấu tại thôn Cù Lâm bằng nước giếng "
            "làng. Rượu trong, nồng độ khoảng 45 độ, thơm mùi gạo, êm và cay nhẹ nơi đầu lưỡi. "
            "Gạo được nấu chín, ủ với men lá truyền thống rồi chưng cất trong nồi đồng, để lắng "
            "nhiều tháng trước khi đóng chai. Uống lạnh với hải sản hoặc dùng ngâm dược liệu; "
            "không bán cho người dưới 18 tuổi."
        ),
        description_en=(
            "Bàu Đá spirit is the famous speciality of An Nhơn, distilled in Cù Lâm village with "
            "water from the village well. It is clear, about 45% ABV, smelling of rice, smooth "
            "with a light peppery tingle. Cooked rice is fermented with traditional leaf yeast, "
            "distilled in copper pots and rested for months before bottling. Serve chilled with "
            "seafood or use for herbal infusions; not sold to anyone under 18."
        ),
        variants=(DemoVariant("CL-RBD-500", "Chai 500 ml", 120_000, 900, 100),),
        certificate=DemoCertificate(
            decision_number="1873/QĐ-UBND",
            decision_age_days=720,
            issuer_level="province",
            issuer_name="UBND tỉnh Bình Định",
            stars=3,
            score=67,
            product_group=BEVERAGE,
            product_subgroup="Đồ uống có cồn",
        ),
        tags=("rượu", "đặc sản miền Trung"),
        palette=("#E0E1DD", "#415A77"),
        label="Rượu Bàu Đá",
    ),
)

# --------------------------------------------------------------------------- collections

DEMO_COLLECTIONS: tuple[DemoCollection, ...] = (
    DemoCollection(
        key="qua-tet-2027",
        title="Quà Tết 2027",
        title_en="Tết 2027 gifts",
        description=(
            "Những món quà OCOP 4–5 sao từ khắp các vùng miền cho mùa Tết Đinh Mùi: trà, mật ong, "
            "cà phê, nước mắm, hạt điều, yến sào và gốm Bát Tràng."
        ),
        description_en=(
            "OCOP 4–5 star gifts from every region for the Year of the Goat: tea, honey, coffee, "
            "fish sauce, cashews, bird's nest and Bát Tràng ceramics."
        ),
        product_keys=(
            "che-dinh-tan-cuong",
            "tra-xanh-phin-ho",
            "mat-ong-hoa-ban-dien-bien",
            "ca-phe-bot-bich-thao",
            "mat-hoa-dua-tra-vinh-farm",
            "nuoc-mam-phu-quoc-khai-hoan-40n",
            "hat-dieu-rang-muoi-binh-phuoc",
            "long-nhan-say-hung-yen",
            "yen-sao-tinh-che-minh-huyen",
            "bo-am-chen-men-lam-bat-trang",
            "mut-gung-hue",
            "ruou-bau-da-cu-lam",
        ),
        start_offset_days=-7,
        end_offset_days=80,
    ),
    DemoCollection(
        key="dac-san-dien-bien",
        title="Đặc sản Điện Biên",
        title_en="Điện Biên specialities",
        description=(
            "Mật ong hoa ban, gạo Séng Cù, chẩm chéo và trà Shan tuyết cổ thụ từ các hợp tác xã, "
            "tổ hợp tác của đồng bào Thái, Mông ở Điện Biên."
        ),
        description_en=(
            "Bauhinia honey, Séng Cù rice, chẩm chéo and ancient-tree Shan tuyết tea from Thái and "
            "Hmong cooperatives of Điện Biên."
        ),
        product_keys=(
            "mat-ong-hoa-ban-dien-bien",
            "mat-ong-banh-to-muong-phang",
            "gao-seng-cu-dien-bien",
            "cham-cheo-muong-phang",
            "tra-shan-tuyet-co-thu-tua-chua",
            "bach-tra-shan-tuyet-tua-chua",
        ),
        start_offset_days=-30,
        end_offset_days=365,
    ),
    DemoCollection(
        key="mua-vai-thieu-2026",
        title="Mùa vải thiều 2026",
        title_en="Lychee season 2026",
        description=(
            "Vải thiều sấy và mật ong hoa vải từ những vườn vải Lục Ngạn trong mùa thu hoạch 2026."
        ),
        description_en="Dried lychees and lychee blossom honey from the Lục Ngạn 2026 harvest.",
        product_keys=("vai-thieu-say-luc-ngan", "mat-ong-hoa-vai-luc-ngan"),
        start_offset_days=-190,
        end_offset_days=-130,
    ),
)

# --------------------------------------------------------------------------- delivery

_STANDARD_DELIVERY = DemoDelivery(flat_fee_vnd=30_000, free_above_vnd=500_000)
_DELIVERY_OVERRIDES: dict[str, DemoDelivery] = {
    # Vouchers are sent by e-mail: nothing to ship.
    "tht-du-lich-cong-dong-con-chim": DemoDelivery(flat_fee_vnd=0, free_above_vnd=None),
    # Premium silk ships free.
    "cong-ty-dau-tam-to-my-duc": DemoDelivery(flat_fee_vnd=0, free_above_vnd=None),
    # Remote mountain communes.
    "htx-che-bien-che-phin-ho": DemoDelivery(flat_fee_vnd=35_000, free_above_vnd=400_000),
    "tht-che-shan-tuyet-ta-sin-thang": DemoDelivery(flat_fee_vnd=35_000, free_above_vnd=400_000),
    # Glass bottles, rice bags and fresh fruit are heavy.
    "cong-ty-khai-hoan": DemoDelivery(flat_fee_vnd=45_000, free_above_vnd=600_000),
    "dntn-ho-quang-tri": DemoDelivery(flat_fee_vnd=40_000, free_above_vnd=700_000),
    "hkd-buoi-nam-roi-my-hoa": DemoDelivery(flat_fee_vnd=45_000, free_above_vnd=None),
}

DEMO_DELIVERY: Mapping[str, DemoDelivery] = MappingProxyType(
    {
        producer.key: _DELIVERY_OVERRIDES.get(producer.key, _STANDARD_DELIVERY)
        for producer in DEMO_PRODUCERS
    }
)

# --------------------------------------------------------------------------- look-ups

_PRODUCERS_BY_KEY: Mapping[str, DemoProducer] = MappingProxyType(
    {producer.key: producer for producer in DEMO_PRODUCERS}
)
_PRODUCTS_BY_KEY: Mapping[str, DemoProduct] = MappingProxyType(
    {product.key: product for product in DEMO_PRODUCTS}
)


def producer_by_key(key: str) -> DemoProducer:
    return _PRODUCERS_BY_KEY[key]


def product_by_key(key: str) -> DemoProduct:
    return _PRODUCTS_BY_KEY[key]


def products_of(producer_key: str) -> tuple[DemoProduct, ...]:
    return tuple(product for product in DEMO_PRODUCTS if product.producer == producer_key)


def producer_for_login(login: str) -> DemoProducer:
    return next(producer for producer in DEMO_PRODUCERS if producer.login == login)


def listable_products(today: date) -> tuple[DemoProduct, ...]:
    return tuple(product for product in DEMO_PRODUCTS if product.is_listable(today))
