"""The peewee models of the whole domain (one package, split by area); ALL_MODELS in creation order."""

from __future__ import annotations

from crm.models.base import BaseModel, EditableModel
from crm.models.cases import (
    CaseCategory,
    CaseExtension,
    CaseUpdate,
    ComplaintCase,
    Department,
    Escalation,
)
from crm.models.fields import JsonTextField, UtcDateTimeField, utc_now
from crm.models.followups import CareCadence, FollowUp, FollowUpAttempt
from crm.models.people import (
    Consent,
    Customer,
    CustomerAddress,
    CustomerCard,
    CustomerEmail,
    CustomerPhone,
    CustomerSearchKey,
    CustomerTag,
    StaffUser,
)
from crm.models.sales import ExportBatch, Lead, Opportunity
from crm.models.service import AnswerTemplate, FeedbackTag, Interaction, Product, VerificationAttempt
from crm.models.system import AuditLog, Setting

ALL_MODELS: tuple[type[BaseModel], ...] = (
    StaffUser,
    Customer,
    CustomerPhone,
    CustomerEmail,
    CustomerAddress,
    CustomerCard,
    CustomerTag,
    CustomerSearchKey,
    Consent,
    Product,
    Interaction,
    FeedbackTag,
    VerificationAttempt,
    AnswerTemplate,
    Department,
    CaseCategory,
    ComplaintCase,
    CaseUpdate,
    CaseExtension,
    Escalation,
    Opportunity,
    ExportBatch,
    Lead,
    FollowUp,
    FollowUpAttempt,
    CareCadence,
    Setting,
    AuditLog,
)

__all__ = [
    "ALL_MODELS",
    "AnswerTemplate",
    "AuditLog",
    "BaseModel",
    "CareCadence",
    "CaseCategory",
    "CaseExtension",
    "CaseUpdate",
    "ComplaintCase",
    "Consent",
    "Customer",
    "CustomerAddress",
    "CustomerCard",
    "CustomerEmail",
    "CustomerPhone",
    "CustomerSearchKey",
    "CustomerTag",
    "Department",
    "EditableModel",
    "Escalation",
    "ExportBatch",
    "FeedbackTag",
    "FollowUp",
    "FollowUpAttempt",
    "Interaction",
    "JsonTextField",
    "Lead",
    "Opportunity",
    "Product",
    "Setting",
    "StaffUser",
    "UtcDateTimeField",
    "VerificationAttempt",
    "utc_now",
]
