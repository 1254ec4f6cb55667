"""Stable code strings stored in the database for every enumerated value (the UI translates them)."""

from __future__ import annotations

from enum import StrEnum

# Rules for everything here: values are short lower-case ASCII (snake_case, or the trade's own code such
# as "C3"), never translated text; a value, once shipped, is never renamed (old rows keep it). Adding a
# member needs no migration: enum columns are plain VARCHAR(32).


class StaffRole(StrEnum):
    AGENT = "agent"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"


class IdType(StrEnum):
    RESIDENT_ID = "resident_id"  # 居民身份证
    PASSPORT = "passport"
    HK_MACAU_PERMIT = "hk_macau_permit"  # 港澳居民来往内地通行证 / 居住证
    TAIWAN_PERMIT = "taiwan_permit"  # 台湾居民来往大陆通行证 / 居住证
    FOREIGN_PERMANENT_ID = "foreign_permanent_id"  # 外国人永久居留身份证
    OTHER = "other"


class Segment(StrEnum):
    STANDARD = "standard"  # 普通
    VIP = "vip"  # VIP
    PRIVATE = "private"  # 私行


class RiskRating(StrEnum):
    """Customer risk tolerance from the suitability questionnaire; may buy products up to R<n>."""

    C1 = "C1"
    C2 = "C2"
    C3 = "C3"
    C4 = "C4"
    C5 = "C5"


class AgentRelation(StrEnum):
    """How an authorised agent (代理人) is related to the customer."""

    SPOUSE = "spouse"
    PARENT = "parent"
    CHILD = "child"
    RELATIVE = "relative"
    GUARDIAN = "guardian"
    OTHER = "other"


class PhoneKind(StrEnum):
    MOBILE = "mobile"
    HOME = "home"
    WORK = "work"
    OTHER = "other"


class AddressKind(StrEnum):
    HOME = "home"
    WORK = "work"
    MAILING = "mailing"
    OTHER = "other"


class CardType(StrEnum):
    DEBIT = "debit"
    CREDIT = "credit"


class ConsentPurpose(StrEnum):
    MARKETING = "marketing"
    SERVICE_NOTICE = "service_notice"
    DATA_SHARING = "data_sharing"


class ConsentChannel(StrEnum):
    PHONE = "phone"
    SMS = "sms"
    EMAIL = "email"
    APP = "app"
    MAIL = "mail"


class ConsentSource(StrEnum):
    BRANCH_FORM = "branch_form"
    CALL = "call"
    APP = "app"
    ONLINE_BANKING = "online_banking"
    OTHER = "other"


class InteractionChannel(StrEnum):
    INBOUND_CALL = "inbound_call"  # 呼入
    OUTBOUND_CALL = "outbound_call"  # 呼出
    ONLINE_CHAT = "online_chat"  # 在线客服
    BRANCH = "branch"  # 网点
    EMAIL = "email"
    SMS = "sms"


class Direction(StrEnum):
    IN = "in"
    OUT = "out"


class InteractionCategory(StrEnum):
    CONSULTATION = "consultation"  # 咨询
    GUIDANCE = "guidance"  # 业务指引
    COMPLAINT = "complaint"  # 投诉
    RETURN_VISIT = "return_visit"  # 回访
    MARKETING = "marketing"  # 营销


class InteractionOutcome(StrEnum):
    RESOLVED = "resolved"
    FOLLOW_UP = "follow_up"  # a promise was made: a FollowUp row exists
    TRANSFERRED = "transferred"
    ESCALATED = "escalated"
    UNREACHABLE = "unreachable"  # outbound: nobody reached
    OTHER = "other"


class VerificationStatus(StrEnum):
    NOT_DONE = "not_done"
    PASSED = "passed"
    FAILED = "failed"
    PARTIAL = "partial"


class FeedbackKind(StrEnum):
    PRODUCT = "product"
    PROCESS = "process"
    SYSTEM = "system"
    SERVICE = "service"


class EscalationKind(StrEnum):
    FRAUD = "fraud"
    COMPLAINT_ESCALATION = "complaint_escalation"


class EscalationAction(StrEnum):
    DISSUASION_SCRIPT = "dissuasion_script"  # 劝阻话术 read to the caller
    SUPERVISOR_NOTIFIED = "supervisor_notified"
    BRANCH_SECURITY_NOTIFIED = "branch_security_notified"
    POLICE_96110 = "police_96110"
    PRIORITY_RAISED = "priority_raised"
    OTHER = "other"


class CaseStatus(StrEnum):
    ACCEPTED = "accepted"  # 受理
    IN_PROGRESS = "in_progress"  # 处理中
    AWAITING_CUSTOMER = "awaiting_customer"  # 待客户反馈
    RESOLVED = "resolved"  # 已解决
    CLOSED = "closed"  # 已关闭


class CaseSeverity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class CasePriority(StrEnum):
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class CaseUpdateKind(StrEnum):
    PROGRESS = "progress"
    STATUS = "status"
    ADDENDUM = "addendum"
    PAUSE = "pause"
    RESUME = "resume"
    ESCALATION = "escalation"
    EXTENSION = "extension"
    REASSIGNMENT = "reassignment"


class FollowUpPurpose(StrEnum):
    COMPLAINT_FEEDBACK = "complaint_feedback"
    SATISFACTION_VISIT = "satisfaction_visit"
    OPPORTUNITY = "opportunity"
    PERIODIC_CARE = "periodic_care"
    SUPERVISOR_CALL = "supervisor_call"
    OTHER = "other"


class FollowUpStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"
    ESCALATED = "escalated"


class AttemptOutcome(StrEnum):
    REACHED = "reached"
    NO_ANSWER = "no_answer"
    BUSY = "busy"
    WRONG_NUMBER = "wrong_number"
    CALL_BACK_LATER = "call_back_later"


class ProductCategory(StrEnum):
    DEPOSIT = "deposit"
    LARGE_CD = "large_cd"  # 大额存单
    STRUCTURED_DEPOSIT = "structured_deposit"  # 结构性存款
    WEALTH = "wealth"
    FUND = "fund"
    INSURANCE = "insurance"
    LOAN = "loan"
    CONSUMER_LOAN = "consumer_loan"
    MORTGAGE = "mortgage"
    CREDIT_CARD = "credit_card"
    FX = "fx"
    CROSS_BORDER = "cross_border"
    E_BANKING = "e_banking"
    PENSION = "pension"
    EDUCATION = "education"


class OpportunityStatus(StrEnum):
    DETECTED = "detected"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


class LeadState(StrEnum):
    NEW = "new"
    HANDED_OVER = "handed_over"
    ACCEPTED = "accepted"
    CONTACTED = "contacted"
    WON = "won"
    LOST = "lost"
    INVALID = "invalid"


class FileFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class Language(StrEnum):
    ZH = "zh"
    EN = "en"


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    REVEAL = "reveal"
    VERIFY = "verify"
    EXPORT = "export"
    IMPORT = "import"
    OVERRIDE = "override"
    LOGIN = "login"
    BACKUP = "backup"
    RESTORE = "restore"
