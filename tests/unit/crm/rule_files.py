"""Small rules files for the detection tests, and a detector loaded from them (files written to tmp_path)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from crm.detection import Detector

OPP_RULE = """
[[rule]]
id = "opp.a"
category = "fx"
products = ["FX-CASH"]
zh = ["出国"]
explanation_zh = "说明"
explanation_en = "Explanation"
"""
FRAUD_RULE = """
[[rule]]
id = "fraud.a"
zh = ["安全账户"]
explanation_zh = "说明"
explanation_en = "Explanation"
script_zh = "劝阻"
script_en = "Dissuade"
"""
ESCALATION = """
[[phrase]]
text = "媒体"
priority = "urgent"
"""


def load(tmp_path: Path, opportunities: str = OPP_RULE, fraud: str = FRAUD_RULE, escalation: str = ESCALATION,
         **kwargs) -> Detector:
    files = {}
    for name, text in (("opportunities", opportunities), ("fraud", fraud), ("escalation", escalation)):
        path = tmp_path / f"{name}.toml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        files[name] = path
    return Detector.load(**files, **kwargs)


def rules_of(findings, kind: str | None = None) -> list[str]:
    return [f.rule for f in findings if kind is None or f.kind == kind]

