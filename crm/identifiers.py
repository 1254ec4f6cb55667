"""Normalising, validating and masking customer identifiers; spotting authentication data in text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Literal

from crm.errors import ValidationError

# phonenumbers and stdnum are imported inside functions: together they add ~80 ms to start-up, and the
# logging filter imports this module before the first window paints.

# Length-preserving full-width -> ASCII map, so spans found in the folded text are valid in the original.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_ASCII_DIGITS = frozenset("0123456789")
_MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")
# Province codes (GB/T 2260, level 1) plus 9 = foreigners' permanent residence ID (2023 format).
_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82 83".split()
)
_MIN_HIDDEN = 4


def to_halfwidth(text: str) -> str:
    """NFKC-fold full-width letters, digits, punctuation and spaces."""
    return unicodedata.normalize("NFKC", text)


def digits_only(text: str) -> str:
    return "".join(ch for ch in to_halfwidth(text) if ch in _ASCII_DIGITS)


# ---------------------------------------------------------------- resident ID (GB 11643)

def _invalid_id(field: str, reason: str) -> ValidationError:
    return ValidationError("invalid_id_number", field=field, reason=reason)


def normalize_resident_id(text: str, field: str = "id_number", *, today: date | None = None) -> str:
    from stdnum.cn import ric
    from stdnum.exceptions import ValidationError as StdnumError

    value = re.sub(r"\s+", "", to_halfwidth(text)).upper()
    if len(value) != 18:
        raise _invalid_id(field, "length")
    if not re.fullmatch(r"[0-9]{17}[0-9X]", value):
        raise _invalid_id(field, "format")
    if value[0] != "9" and value[:2] not in _PROVINCES:
        raise _invalid_id(field, "region")
    if value[-1] != ric.calc_check_digit(value):
        raise _invalid_id(field, "checksum")
    try:
        born = ric.get_birth_date(value)
    except StdnumError:
        raise _invalid_id(field, "birth_date") from None
    if born.year < 1900 or born > (today or date.today()):
        raise _invalid_id(field, "birth_date")
    # County codes are deliberately not checked: stdnum's table lags renamed/new counties, and refusing a
    # real customer's card at the counter is worse than accepting an odd county (the checksum catches typos).
    return value


def id_birth_date(id_number: str) -> date:
    from stdnum.cn import ric

    return ric.get_birth_date(normalize_resident_id(id_number))


def id_gender(id_number: str) -> Literal["M", "F"]:
    return "M" if int(normalize_resident_id(id_number)[16]) % 2 else "F"


# ---------------------------------------------------------------- phones

def caller_digits(text: str) -> str:
    """Digits of an incoming caller number, without a country prefix or PBX '0' before a mobile."""
    digits = digits_only(text)
    for prefix in ("0086", "86", "0"):
        rest = digits[len(prefix):]
        if digits.startswith(prefix) and _MOBILE_RE.fullmatch(rest):
            return rest
    return digits


def normalize_phone(text: str, field: str = "phone") -> str:
    import phonenumbers

    compact = re.sub(r"[\s\-().]", "", to_halfwidth(text))
    if not re.fullmatch(r"\+?[0-9]{3,20}", compact):
        raise ValidationError("invalid_phone", field=field, reason="format")
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    try:
        parsed = phonenumbers.parse(compact, "CN")
    except phonenumbers.NumberParseException:
        raise ValidationError("invalid_phone", field=field, reason="format") from None
    if parsed.country_code != 86:
        raise ValidationError("invalid_phone", field=field, reason="not_mainland")
    if not phonenumbers.is_valid_number(parsed):
        raise ValidationError("invalid_phone", field=field, reason="invalid")
    national = phonenumbers.national_significant_number(parsed)
    if phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.FIXED_LINE:
        return "0" + national  # how landlines are written and shown by caller ID: 010…, 0571…
    return national


def is_mainland_mobile(number: str) -> bool:
    import phonenumbers

    digits = caller_digits(number)
    if not _MOBILE_RE.fullmatch(digits):
        return False
    parsed = phonenumbers.parse(digits, "CN")
    return phonenumbers.is_valid_number(parsed) and phonenumbers.number_type(parsed) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


# ---------------------------------------------------------------- cards

def normalize_card(text: str, field: str = "card_number") -> str:
    value = re.sub(r"[\s\-]", "", to_halfwidth(text))
    if not re.fullmatch(r"[0-9]*", value):
        raise ValidationError("invalid_card_number", field=field, reason="format")
    if not 12 <= len(value) <= 19:
        raise ValidationError("invalid_card_number", field=field, reason="length")
    return value


def card_luhn_ok(number: str) -> bool:
    from stdnum import luhn

    return luhn.is_valid(digits_only(number))


# ---------------------------------------------------------------- masking

@dataclass(frozen=True)
class MaskRule:
    keep_start: int
    keep_end: int
    fill: str = "*"

    def __post_init__(self) -> None:
        counts_ok = all(type(n) is int and n >= 0 for n in (self.keep_start, self.keep_end))
        # A letter or digit as fill would read as real data.
        if not counts_ok or len(self.fill) != 1 or self.fill.isalnum() or self.fill.isspace():
            raise ValidationError("invalid_mask_rule", field="mask")


_DEFAULT_RULES = {
    "mobile": MaskRule(3, 4), "id_number": MaskRule(3, 4), "card": MaskRule(0, 4), "email": MaskRule(1, 0),
}


@dataclass(frozen=True)
class MaskPolicy:
    mobile: MaskRule = _DEFAULT_RULES["mobile"]
    id_number: MaskRule = _DEFAULT_RULES["id_number"]
    card: MaskRule = _DEFAULT_RULES["card"]
    email: MaskRule = _DEFAULT_RULES["email"]

    def __post_init__(self) -> None:
        # Revealed positions must be a subset of the default's: no rule may show more at either end.
        for f in fields(self):
            rule, default = getattr(self, f.name), _DEFAULT_RULES[f.name]
            if rule.keep_start > default.keep_start or rule.keep_end > default.keep_end:
                raise ValidationError("mask_too_revealing", field=f.name)

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any]) -> MaskPolicy:
        rules: dict[str, MaskRule] = {}
        for name, raw in mapping.items():
            if name not in _DEFAULT_RULES:
                raise ValidationError("unknown_mask_field", field=name)
            rules[name] = _parse_rule(name, raw)
        return cls(**rules)


def _parse_rule(name: str, raw: Any) -> MaskRule:
    try:
        if isinstance(raw, MaskRule):
            return raw
        if isinstance(raw, Mapping):
            unknown = set(raw) - {"keep_start", "keep_end", "fill"}
            if not unknown:
                return MaskRule(**raw)
        elif isinstance(raw, (list, tuple)) and len(raw) in (2, 3):
            return MaskRule(*raw)
    except (TypeError, ValidationError):
        pass
    raise ValidationError("invalid_mask_rule", field=name)


def _kept(n: int, rule: MaskRule, min_hidden: int) -> tuple[int, int]:
    """How many characters to show at each end; short values give up the start first, then the end."""
    start, end = rule.keep_start, rule.keep_end
    excess = start + end + min_hidden - n
    if excess > 0:
        cut = min(start, excess)
        start, end = start - cut, max(0, end - (excess - cut))
    return start, end


def _mask(value: str, rule: MaskRule, min_hidden: int = _MIN_HIDDEN) -> str:
    start, end = _kept(len(value), rule, min_hidden)
    return value[:start] + rule.fill * (len(value) - start - end) + value[len(value) - end:]


def mask_phone(number: str, policy: MaskPolicy | None = None) -> str:
    return _mask(caller_digits(number), (policy or MaskPolicy()).mobile)


def mask_id_number(id_number: str, policy: MaskPolicy | None = None) -> str:
    return _mask(re.sub(r"\s+", "", to_halfwidth(id_number)).upper(), (policy or MaskPolicy()).id_number)


def mask_card(number: str, policy: MaskPolicy | None = None) -> str:
    masked = _mask(digits_only(number), (policy or MaskPolicy()).card)
    head = len(masked) % 4  # group from the right so the visible last four stay together
    groups = ([masked[:head]] if head else []) + [masked[i:i + 4] for i in range(head, len(masked), 4)]
    return " ".join(groups)


def mask_email(email: str, policy: MaskPolicy | None = None) -> str:
    rule = (policy or MaskPolicy()).email
    value = to_halfwidth(email).strip()
    local, at, domain = value.rpartition("@")
    if not at:
        local = value
    start, end = _kept(len(local), rule, 1)
    # A fixed run of fill characters, so the mask does not leak the local part's length.
    masked = local[:start] + rule.fill * 3 + local[len(local) - end:]
    return f"{masked}@{domain}" if at else masked


_SEP = r"[ \t\-]"
_TEXT_RE = re.compile(
    rf"(?<!\d)(?P<id>\d{{6}}{_SEP}?\d{{8}}{_SEP}?\d{{3}}[\dXx])(?![\dXx])"
    rf"|(?<!\d)(?:(?:\+|00)?86{_SEP}?)?(?P<mobile>1[3-9]\d{_SEP}?\d{{4}}{_SEP}?\d{{4}})(?!\d)"
    rf"|(?<!\d)(?P<card>\d{{4}}(?:{_SEP}\d{{4}}){{2,3}}(?:{_SEP}\d{{1,3}})?)(?!\d)"
    rf"|(?<!\d)(?P<run>\d{{11,}})(?!\d)"
)


def _mask_in_place(chunk: str, rule: MaskRule) -> str:
    positions = [i for i, ch in enumerate(chunk) if ch.isalnum()]
    start, end = _kept(len(positions), rule, _MIN_HIDDEN)
    hidden = set(positions[start:len(positions) - end])
    return "".join(rule.fill if i in hidden else ch for i, ch in enumerate(chunk))


def mask_identifiers_in_text(text: str, policy: MaskPolicy | None = None) -> str:
    """Mask ID numbers, mobiles, card numbers and any other run of 11+ digits, keeping separators."""
    policy = policy or MaskPolicy()
    rules = {"id": policy.id_number, "mobile": policy.mobile, "card": policy.card}
    parts: list[str] = []
    done = 0
    for m in _TEXT_RE.finditer(text.translate(_WIDTH)):
        kind = m.lastgroup or "run"
        start, end = m.span(kind)
        rule = rules.get(kind) or (policy.mobile if end - start == 11 else policy.card)
        parts += [text[done:start], _mask_in_place(text[start:end], rule)]
        done = end
    parts.append(text[done:])
    return "".join(parts)


# ---------------------------------------------------------------- C3: authentication data in free text

AuthKind = Literal["pin", "password", "cvn", "sms_code", "card_expiry"]


@dataclass(frozen=True)
class AuthDataHit:
    kind: AuthKind
    start: int
    end: int


_GAP = (
    r"(?P<gap>(?:[\s:：=,，、]|是|为|即|至|到|号码|码|就是|都是|说是|设为|改为|改成|设置为|is|was|are)*?)"
)
# A number followed by a unit or date part is an amount, a duration or a date, not a code.
_NUM_END = (
    r"(?![0-9]|\s*(?:年|月|日|号|元|块|万|千|次|天|周|小时|分|秒|个|位|岁|笔|张|%|[.,:/\-][0-9]))"
)
_DIGITS = r"(?<![0-9])[0-9]{{{lo},{hi}}}" + _NUM_END
_SECRET = (
    r"(?<![A-Za-z0-9])(?=[A-Za-z!@#$%^&*_\-]*[0-9])[A-Za-z0-9!@#$%^&*_\-]{4,32}(?![A-Za-z0-9])" + _NUM_END
)
_EXPIRY = (
    r"(?:(?<![0-9])(?:0?[1-9]|1[0-2])\s*/\s*(?:20[0-9]{2}|[0-9]{2})(?![0-9]|\s*/)"
    r"|(?<![0-9])20[0-9]{2}\s*(?:年|/|-|\.)\s*(?:0?[1-9]|1[0-2])\s*月?(?!\s*(?:[0-9]|[/.\-]\s*[0-9]|日)))"
)
_EN = r"(?<![A-Za-z])(?:{})(?![A-Za-z])"
_KEYWORDS: list[tuple[str, str, str]] = [
    ("sms_code", r"短信验证码|手机验证码|动态验证码|动态密码|动态码|验证码|"
     + _EN.format(r"(?:verification|verify|sms|text|one[- ]time|otp|auth|confirmation)\s*code|otp"
                  r"|(?:my|the|your)\s+code"), _DIGITS.format(lo=4, hi=8)),
    ("cvn", r"安全码|校验码|(?:卡片?)?背(?:面|后)的?(?:最?后|末)?三位(?:数字|数|码)?|"
     + _EN.format(r"cvv2?|cvc2?|cvn2?|csc|(?:card\s+)?security\s+code"), _DIGITS.format(lo=3, hi=4)),
    ("pin", r"取款密码|交易密码|支付密码|查询密码|银行卡密码|卡密码|pin码|"
     + _EN.format(r"pin(?:\s*(?:code|number|no\.?))?"), _DIGITS.format(lo=4, hi=8)),
    ("password", r"登录密码|登陆密码|网银密码|手机银行密码|口令|"
     + _EN.format(r"password|passcode|passwd|pwd"), _SECRET),
    ("", r"密码", _SECRET),  # plain 密码: a 4-8 digit secret is a card PIN, anything else a password
    ("card_expiry", r"卡片?有效期限?|有效期限?|有效日期|到期日期?|失效日期|"
     + _EN.format(r"exp(?:iry|iration)?(?:\s*date)?|expires?|valid\s+(?:thru|through|until)|good\s+thru"),
     _EXPIRY),
]
_PATTERNS = [
    (kind, re.compile(rf"(?P<kw>{kw}){_GAP}(?P<tok>{tok})", re.IGNORECASE)) for kind, kw, tok in _KEYWORDS
]
_MAX_GAP = 8


def find_auth_data(text: str) -> list[AuthDataHit]:
    """Spans of PINs, passwords, CVNs, SMS codes and card expiry dates typed into free text."""
    folded = text.translate(_WIDTH)
    hits: list[AuthDataHit] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(folded):
            if len(m.group("gap")) > _MAX_GAP:
                continue
            if kind == "card_expiry" and "证" in folded[max(0, m.start() - 4):m.start()]:
                continue  # 身份证/证件有效期: an identity document's validity, not a card's
            tok = m.group("tok")
            actual: AuthKind = kind or ("pin" if tok.isdigit() and 4 <= len(tok) <= 8 else "password")
            hits.append(AuthDataHit(actual, m.start(), m.end()))
    hits.sort(key=lambda h: (h.start, -h.end))
    kept: list[AuthDataHit] = []
    for hit in hits:
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept


# ---------------------------------------------------------------- age

def age_on(birth_date: date, today: date) -> int:
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))


def is_elderly(birth_date: date, today: date, threshold_years: int = 60) -> bool:
    return age_on(birth_date, today) >= threshold_years
