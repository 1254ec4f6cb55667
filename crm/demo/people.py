"""Synthetic people: Chinese (and a few traditional-character and English) names, resident IDs with valid
GB 11643 check digits, mainland mobiles, landlines, addresses, e-mails and Luhn-valid card numbers."""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Surname, relative frequency (per mille, roughly the national distribution), with the readings that the
# search code must get right (单 Shan, 曾 Zeng, 解 Xie, 区 Ou, 仇 Qiu, 朴 Piao) and compound surnames.
SURNAMES: tuple[tuple[str, float], ...] = (
    ("王", 72), ("李", 72), ("张", 69), ("刘", 54), ("陈", 45), ("杨", 31), ("黄", 22), ("赵", 20), ("吴", 20),
    ("周", 19), ("徐", 13), ("孙", 12), ("马", 12), ("朱", 11), ("胡", 11), ("郭", 10), ("何", 10), ("高", 10),
    ("林", 10), ("罗", 9), ("郑", 9), ("梁", 9), ("谢", 8), ("宋", 7), ("唐", 7), ("许", 6), ("韩", 6), ("冯", 6),
    ("邓", 6), ("曹", 6), ("彭", 5), ("曾", 5), ("肖", 5), ("田", 5), ("董", 5), ("袁", 4), ("潘", 4), ("于", 4),
    ("蒋", 4), ("蔡", 4), ("余", 4), ("杜", 4), ("叶", 4), ("程", 4), ("苏", 4), ("魏", 4), ("吕", 4), ("丁", 3),
    ("任", 3), ("沈", 3), ("姚", 3), ("卢", 3), ("姜", 3), ("崔", 3), ("钟", 3), ("谭", 3), ("陆", 3), ("汪", 3),
    ("范", 3), ("金", 3), ("石", 3), ("廖", 3), ("贾", 3), ("夏", 3), ("韦", 2), ("付", 2), ("方", 2), ("白", 2),
    ("邹", 2), ("孟", 2), ("熊", 2), ("秦", 2), ("邱", 2), ("江", 2), ("尹", 2), ("薛", 2), ("闫", 2), ("段", 2),
    ("雷", 2), ("侯", 2), ("龙", 2), ("史", 2), ("陶", 2), ("黎", 2), ("贺", 2), ("顾", 2), ("毛", 2), ("郝", 2),
    ("龚", 2), ("邵", 2), ("万", 2), ("钱", 2), ("严", 2), ("覃", 1), ("武", 2), ("戴", 2), ("莫", 1), ("孔", 1),
    ("单", 1.2), ("解", 0.8), ("区", 0.6), ("仇", 0.6), ("朴", 0.8), ("查", 0.5), ("翟", 0.8), ("乐", 0.4),
    ("盖", 0.3), ("缪", 0.4), ("欧阳", 0.8), ("司马", 0.3), ("诸葛", 0.2), ("上官", 0.2), ("司徒", 0.2),
    ("慕容", 0.1), ("长孙", 0.05),
)

# Given names by birth era (names follow fashions), per gender: whole given names (1 or 2 characters).
_ERA_NAMES: dict[int, tuple[str, str]] = {
    1940: ("建国 国庆 建华 志强 德华 玉林 福生 振华 永明 学文 广生 保国 国强 建军 德明 富贵 长青 树林 海 明 成 福 贵 忠",
           "秀英 桂兰 淑珍 玉兰 凤英 秀兰 桂英 美华 素珍 兰英 秀珍 淑华 玉梅 金凤 桂芳 玉珍 英 兰 珍 梅 凤 华"),
    1960: ("伟 勇 军 强 磊 斌 刚 涛 明 辉 建平 海涛 志刚 红军 卫国 文杰 立新 小平 国华 建明 卫东 东 平 波",
           "丽 敏 静 燕 艳 红 霞 芳 娟 丽华 红梅 晓燕 海燕 春梅 丽娟 秀芳 建英 丽萍 萍 英 玲 梅 卫红 爱华"),
    1980: ("鹏 浩 杰 超 俊 磊 晨 博 文博 志远 晓东 宇 昊 亮 明轩 海峰 晓明 俊杰 建伟 志伟 帅 鑫 健 凯",
           "婷 丹 晶 璐 倩 雪 琳 颖 佳 婷婷 晓丽 思琪 雪梅 欣 蕾 晓燕 丽娜 静怡 佳慧 慧 娜 莉 洁 晓雪"),
    1995: ("子轩 浩然 宇航 梓豪 俊杰 一鸣 皓 睿 泽宇 嘉豪 子豪 宇轩 博文 天佑 家豪 子健 思远 铭 昊天 浩宇",
           "梓萱 诗涵 欣怡 子涵 雨桐 可馨 佳怡 思彤 紫涵 雨欣 一诺 梦琪 语嫣 悦 彤 欣然 诗琪 雨萱 佳琪 若曦"),
}
# Second characters combined with a first character for more variety (two-character names).
_MIDDLE = {"male": "志 建 国 文 明 晓 俊 宇 子 浩 家 天 振 永 德", "female": "秀 丽 晓 雅 佳 雨 思 欣 美 春 月 玉 静 诗 梦"}
_LAST = {"male": "华 军 强 伟 明 辉 杰 涛 龙 斌 峰 宇 轩 豪 鹏 飞 林 刚", "female": "华 芳 婷 丽 敏 燕 娟 琳 萍 洁 霞 雯 琪 涵 瑶 蓉 静"}

# Traditional-character names (Hong Kong, Macao, Taiwan residents) and English names (foreigners).
TRADITIONAL = {
    "hk_macau_permit": ("陳大文", "黃志明", "張家豪", "李嘉欣", "劉德偉", "梁詠詩", "吳美儀", "鄭家明", "何偉文",
                        "林志強", "區振華", "關淑儀"),
    "taiwan_permit": ("林淑芬", "陳怡君", "張雅婷", "王志明", "黃冠宇", "蔡建宏", "劉美玲", "楊俊傑", "許家豪",
                      "鄭雅雯", "謝宗翰", "賴佩珊"),
}
_TRAD_GENDER_F = frozenset("芬君婷欣詩儀玲雯珊")
ENGLISH = (
    ("John Smith", "male", "840"), ("Emily Johnson", "female", "840"), ("Michael Brown", "male", "840"),
    ("Sarah Miller", "female", "826"), ("David Wilson", "male", "826"), ("Anna Müller", "female", "276"),
    ("Jean-Pierre Martin", "male", "250"), ("Maria Garcia", "female", "724"), ("Kenji Tanaka", "male", "392"),
    ("Olivia Taylor", "female", "036"), ("James O'Brien", "male", "372"), ("Sophie Dubois", "female", "250"),
)


@dataclass(frozen=True)
class Area:
    """A county-level division: ID area code, landline prefix and local length, postal code, address parts."""

    code: str
    city: str  # "北京市朝阳区"
    phone_prefix: str
    phone_len: int
    postal: str
    roads: tuple[str, ...]


AREAS: tuple[Area, ...] = (
    Area("110101", "北京市东城区", "010", 8, "100010", ("东直门内大街", "朝阳门北大街", "和平里东街")),
    Area("110105", "北京市朝阳区", "010", 8, "100020", ("建国路", "望京街", "朝阳北路", "东三环中路")),
    Area("110108", "北京市海淀区", "010", 8, "100080", ("中关村大街", "学院路", "西三环北路")),
    Area("310104", "上海市徐汇区", "021", 8, "200030", ("漕溪北路", "肇嘉浜路", "虹桥路")),
    Area("310115", "上海市浦东新区", "021", 8, "200120", ("世纪大道", "张杨路", "杨高南路")),
    Area("310101", "上海市黄浦区", "021", 8, "200001", ("南京东路", "西藏中路", "淮海中路")),
    Area("440305", "广东省深圳市南山区", "0755", 8, "518052", ("南海大道", "科技园路", "深南大道")),
    Area("440304", "广东省深圳市福田区", "0755", 8, "518048", ("福华路", "益田路", "彩田路")),
    Area("440106", "广东省广州市天河区", "020", 8, "510620", ("天河路", "体育西路", "珠江新城华夏路")),
    Area("510107", "四川省成都市武侯区", "028", 8, "610041", ("人民南路", "科华北路", "武侯祠大街")),
    Area("510104", "四川省成都市锦江区", "028", 8, "610021", ("春熙路", "东大街", "红星路")),
    Area("330106", "浙江省杭州市西湖区", "0571", 8, "310012", ("文三路", "天目山路", "古墩路")),
    Area("320102", "江苏省南京市玄武区", "025", 8, "210018", ("中山路", "北京东路", "珠江路")),
    Area("320505", "江苏省苏州市虎丘区", "0512", 8, "215011", ("长江路", "狮山路", "金山路")),
    Area("420106", "湖北省武汉市武昌区", "027", 8, "430061", ("中北路", "武珞路", "中南路")),
    Area("610113", "陕西省西安市雁塔区", "029", 8, "710061", ("小寨东路", "长安南路", "科技路")),
    Area("500103", "重庆市渝中区", "023", 8, "400010", ("解放碑民族路", "中山三路", "较场口")),
    Area("120101", "天津市和平区", "022", 8, "300041", ("南京路", "滨江道", "西康路")),
    Area("370202", "山东省青岛市市南区", "0532", 8, "266071", ("香港中路", "山东路", "东海西路")),
    Area("210102", "辽宁省沈阳市和平区", "024", 8, "110001", ("南京北街", "中华路", "三好街")),
    Area("430104", "湖南省长沙市岳麓区", "0731", 8, "410006", ("麓山南路", "枫林一路", "银盆南路")),
    Area("350203", "福建省厦门市思明区", "0592", 7, "361001", ("湖滨南路", "厦禾路", "莲前西路")),
    Area("410105", "河南省郑州市金水区", "0371", 8, "450003", ("花园路", "经三路", "农业路")),
    Area("230103", "黑龙江省哈尔滨市南岗区", "0451", 8, "150001", ("西大直街", "红军街", "学府路")),
    Area("530102", "云南省昆明市五华区", "0871", 8, "650031", ("人民中路", "东风西路", "翠湖南路")),
    Area("450103", "广西壮族自治区南宁市青秀区", "0771", 7, "530022", ("民族大道", "东葛路", "金湖路")),
    Area("340104", "安徽省合肥市蜀山区", "0551", 8, "230031", ("长江西路", "黄山路", "潜山路")),
    Area("360102", "江西省南昌市东湖区", "0791", 8, "330006", ("八一大道", "阳明路", "中山路")),
    Area("130102", "河北省石家庄市长安区", "0311", 8, "050011", ("中山东路", "建设北大街", "胜利北街")),
    Area("140105", "山西省太原市小店区", "0351", 7, "030006", ("长风街", "平阳路", "学府街")),
    Area("620102", "甘肃省兰州市城关区", "0931", 7, "730030", ("庆阳路", "东岗西路", "张掖路")),
)
# Where people were born can differ from where they live now (ID area vs address).
_HOMETOWN_ONLY = ("370828", "412726", "511321", "432524", "360731", "411522", "341221")
_ESTATES = ("阳光花园", "幸福里小区", "锦绣家园", "翠湖苑", "金色家园", "碧水湾", "世纪新城", "和平小区", "书香门第",
            "滨江花园", "紫薇苑", "华府天地")
MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155",
    "156", "157", "158", "159", "180", "181", "182", "183", "184", "185", "186", "187", "188", "189", "191",
    "193", "195", "196", "197", "198", "199",
)
_MOBILE_WEIGHTS = [6 if p[1] in "38" else 4 if p[1] == "5" else 2 for p in MOBILE_PREFIXES]
EMAIL_DOMAINS = ("qq.com", "163.com", "126.com", "sina.com", "gmail.com", "outlook.com", "foxmail.com", "139.com")
# Card BINs: this bank's UnionPay debit (19 digits) and credit cards (16 digits).
DEBIT_BINS = ("621700", "621799", "622280", "621284")
CREDIT_BINS = ("625955", "625956", "436742", "532458", "622666")


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


class PeopleFactory:
    """Draws people from one ``random.Random``; unique ID numbers, mobiles and cards per run and database."""

    def __init__(self, rng: random.Random, *, taken_ids: set[str], taken_phones: set[str],
                 taken_cards: set[str]) -> None:
        from stdnum.cn import ric

        self.rng = rng
        self.r = rng.random
        self._ric_check = ric.calc_check_digit
        self.taken_ids, self.taken_phones, self.taken_cards = taken_ids, taken_phones, taken_cards
        self._surnames = [s for s, _w in SURNAMES]
        self._surname_cum = _cumulative([w for _s, w in SURNAMES])
        self._era = {era: (_split(m), _split(f)) for era, (m, f) in _ERA_NAMES.items()}
        self._middle = {g: _split(v) for g, v in _MIDDLE.items()}
        self._last = {g: _split(v) for g, v in _LAST.items()}
        self._mobile_cum = _cumulative(_MOBILE_WEIGHTS)

    # --- names -----------------------------------------------------------------------------------

    def surname(self) -> str:
        return self._surnames[bisect.bisect(self._surname_cum, self.r() * self._surname_cum[-1])]

    def given_name(self, gender: str, birth_year: int) -> str:
        r = self.r
        era = 1995 if birth_year >= 1995 else 1980 if birth_year >= 1980 else 1960 if birth_year >= 1960 else 1940
        if r() < 0.6:
            pool = self._era[era][0 if gender == "male" else 1]
            return pool[int(r() * len(pool))]
        middle, last = self._middle[gender], self._last[gender]
        return middle[int(r() * len(middle))] + last[int(r() * len(last))]

    def chinese_name(self, gender: str, birth_year: int) -> str:
        return self.surname() + self.given_name(gender, birth_year)

    # --- identifiers -----------------------------------------------------------------------------

    def birth_date(self) -> dt.date:
        """1940–2005, weighted towards the middle-aged; roughly a quarter are 60 or older."""
        r = self.r
        decade = _pick_weighted(r, (1940, 1950, 1960, 1970, 1980, 1990, 2000), (6, 12, 18, 20, 22, 16, 6))
        year = decade + int(r() * (6 if decade == 2000 else 10))
        return dt.date(year, 1, 1) + dt.timedelta(days=int(r() * 365))

    def resident_id(self, area_code: str, born: dt.date, gender: str) -> str:
        """18 characters: area, birth date, sequence (odd 17th digit = male), GB 11643 check character."""
        r = self.r
        while True:
            parity = int(r() * 5) * 2 + (1 if gender == "male" else 0)
            body = f"{area_code}{born:%Y%m%d}{int(r() * 100):02d}{parity}"
            number = body + self._ric_check(body + "0")
            if number not in self.taken_ids:
                self.taken_ids.add(number)
                return number

    def permanent_residence_id(self, country: str, born: dt.date, gender: str) -> str:
        """外国人永久居留身份证 (2023 format): 9, issuing province, country code, birth date, sequence, check."""
        return self.resident_id("9" + ("11", "31", "44")[int(self.r() * 3)] + country, born, gender)

    def mobile(self) -> str:
        r = self.r
        while True:
            prefix = MOBILE_PREFIXES[bisect.bisect(self._mobile_cum, r() * self._mobile_cum[-1])]
            number = f"{prefix}{int(r() * 100_000_000):08d}"
            if number not in self.taken_phones:
                self.taken_phones.add(number)
                return number

    def landline(self, area: Area) -> str:
        r = self.r
        local = str(2 + int(r() * 6)) + "".join(str(int(r() * 10)) for _ in range(area.phone_len - 1))
        return area.phone_prefix + local

    def card(self, credit: bool) -> str:
        r = self.r
        while True:
            if credit:
                bins = CREDIT_BINS
                body = bins[int(r() * len(bins))] + f"{int(r() * 1e9):09d}"
            else:
                bins = DEBIT_BINS
                body = bins[int(r() * len(bins))] + f"{int(r() * 1e12):012d}"
            number = body + luhn_check_digit(body)
            if number not in self.taken_cards:
                self.taken_cards.add(number)
                return number

    # --- addresses and e-mail --------------------------------------------------------------------

    def area(self) -> Area:
        return AREAS[int(self.r() * len(AREAS))]

    def birth_area_code(self, home: Area) -> str:
        """Most were born where they live; some elsewhere (migrants), whose ID area is their hometown."""
        x = self.r()
        if x < 0.7:
            return home.code
        if x < 0.9:
            return AREAS[int(self.r() * len(AREAS))].code
        return _HOMETOWN_ONLY[int(self.r() * len(_HOMETOWN_ONLY))]

    def address(self, area: Area) -> str:
        r = self.r
        road = area.roads[int(r() * len(area.roads))]
        estate = _ESTATES[int(r() * len(_ESTATES))]
        return (f"{area.city}{road}{1 + int(r() * 300)}号{estate}{1 + int(r() * 20)}栋"
                f"{1 + int(r() * 4)}单元{1 + int(r() * 30)}{int(r() * 4) + 1:02d}室")

    def email(self, pinyin: str, born: dt.date) -> str:
        r = self.r
        domain = EMAIL_DOMAINS[int(r() * len(EMAIL_DOMAINS))]
        if domain == "qq.com" and r() < 0.6:
            return f"{int(1e5 + r() * 3e9)}@qq.com"
        local = pinyin or "user"
        suffix = (f"{born.year % 100:02d}", f"{born:%m%d}", str(int(r() * 1000)), "")[int(r() * 4)]
        return f"{local}{suffix}@{domain}"


# Doubling a digit d (Luhn): d*2, minus 9 when that has two digits.
_LUHN_DOUBLE = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def luhn_check_digit(body: str) -> str:
    """The Luhn check digit to append to ``body`` (same result as stdnum.luhn.calc_check_digit, 30x faster)."""
    total = 0
    double = True  # the rightmost digit of the body is doubled once the check digit is appended
    for ch in reversed(body):
        d = ord(ch) - 48
        total += _LUHN_DOUBLE[d] if double else d
        double = not double
    return str(-total % 10)


def _cumulative(weights: Sequence[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def _pick_weighted(r: Callable[[], float], values: Sequence, weights: Sequence[float]):  # noqa: ANN202
    x = r() * sum(weights)
    for value, w in zip(values, weights, strict=True):
        if x < w:
            return value
        x -= w
    return values[-1]


def traditional_gender(name: str) -> str:
    return "female" if _TRAD_GENDER_F.intersection(name) else "male"
