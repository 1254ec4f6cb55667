"""The zh_CN catalogue is complete, current and faithful to placeholders and mnemonics."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[3]
TS = ROOT / "resources" / "translations" / "crm_zh_CN.ts"
QM = TS.with_suffix(".qm")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            found[(name, message.findtext("source"))] = message.find("translation")
    return found


CATALOGUE = messages(TS)


def test_no_translation_is_unfinished_empty_or_obsolete():
    bad = [key for key, tr in CATALOGUE.items()
           if tr.get("type") in ("unfinished", "vanished", "obsolete") or not (tr.text or "").strip()]
    assert bad == []


def _lupdate() -> str:
    exe = Path(sys.executable).with_name("pyside6-lupdate")
    return str(exe) if exe.exists() else (shutil.which("pyside6-lupdate") or "")


@pytest.mark.skipif(not _lupdate(), reason="pyside6-lupdate not installed")
def test_every_string_in_ui_has_a_translation(tmp_path):
    fresh = tmp_path / "fresh_zh_CN.ts"
    subprocess.run([_lupdate(), "-extensions", "py", "-locations", "none", str(ROOT / "ui"), "-ts", str(fresh)],
                   check=True, capture_output=True, cwd=ROOT)
    in_code = set(messages(fresh))
    assert in_code, "lupdate found no strings: the scan is broken, not the catalogue"
    assert sorted(in_code - set(CATALOGUE)) == []
    assert sorted(set(CATALOGUE) - in_code) == [], "run lupdate with -no-obsolete to drop stale strings"


@pytest.mark.parametrize("key", sorted(CATALOGUE), ids=lambda k: f"{k[0]}:{k[1][:30]}")
def test_placeholders_and_mnemonics_survive_translation(key):
    source, translation = key[1], CATALOGUE[key].text
    assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation))
    mnemonic = re.search(r"&(\w)", source)
    if mnemonic:  # Chinese style: 文件(&F) — the same letter, in brackets
        assert f"(&{mnemonic.group(1).upper()})" in translation
    if source.endswith("…"):
        assert translation.endswith("…")


def test_binary_catalogue_matches_the_source(qapp):
    translator = QTranslator()
    assert translator.load(str(QM))
    stale = [key for key, tr in CATALOGUE.items() if translator.translate(key[0], key[1]) != tr.text]
    assert stale == [], "run pyside6-lrelease (see ui/i18n.py)"
