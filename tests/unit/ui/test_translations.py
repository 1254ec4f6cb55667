"""The zh_CN catalogues are complete, current, disjoint and faithful to placeholders and mnemonics.

Strings are split over several catalogues (resources/translations/*_zh_CN.ts, one per area, see
ui/i18n.py); together they must translate every string that pyside6-lupdate finds in ui/.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from ui import i18n

ROOT = Path(__file__).resolve().parents[3]
TS_FILES = sorted((ROOT / "resources" / "translations").glob("*_zh_CN.ts"))
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            found[(name, message.findtext("source"))] = message.find("translation")
    return found


CATALOGUES = {path.name: messages(path) for path in TS_FILES}
ALL = {key: tr for catalogue in CATALOGUES.values() for key, tr in catalogue.items()}


def test_the_required_catalogues_exist():
    names = {path.stem for path in TS_FILES}
    assert {f"{area}_zh_CN" for area in i18n.REQUIRED_CATALOGUES} <= names


@pytest.mark.parametrize("path", TS_FILES, ids=lambda p: p.name)
def test_no_translation_is_unfinished_empty_or_obsolete(path):
    bad = [key for key, tr in CATALOGUES[path.name].items()
           if tr.get("type") in ("unfinished", "vanished", "obsolete") or not (tr.text or "").strip()]
    assert bad == []


def test_a_string_in_two_catalogues_has_one_translation():
    """Qt asks each installed catalogue for the exact (context, source) and takes the first that has it, so
    contexts may be shared (every area's error texts use "ErrorMessages"), but a string found in two
    catalogues must read the same in both, or the loading order would decide what the user sees.
    """
    seen: dict[tuple[str, str], set[str]] = {}
    for catalogue in CATALOGUES.values():
        for key, tr in catalogue.items():
            seen.setdefault(key, set()).add(tr.text or "")
    assert {key: texts for key, texts in seen.items() if len(texts) > 1} == {}


def _lupdate() -> str:
    exe = Path(sys.executable).with_name("pyside6-lupdate")
    return str(exe) if exe.exists() else (shutil.which("pyside6-lupdate") or "")


@pytest.mark.skipif(not _lupdate(), reason="pyside6-lupdate not installed")
def test_every_string_in_ui_has_a_translation_in_some_catalogue(tmp_path):
    fresh = tmp_path / "fresh_zh_CN.ts"
    subprocess.run([_lupdate(), "-extensions", "py", "-locations", "none", str(ROOT / "ui"), "-ts", str(fresh)],
                   check=True, capture_output=True, cwd=ROOT)
    in_code = set(messages(fresh))
    assert in_code, "lupdate found no strings: the scan is broken, not the catalogues"
    assert sorted(in_code - set(ALL)) == [], "add these to the area's catalogue (see ui/i18n.py)"
    assert sorted(set(ALL) - in_code) == [], "run lupdate with -no-obsolete to drop stale strings"


@pytest.mark.parametrize("key", sorted(ALL), ids=lambda k: f"{k[0]}:{k[1][:30]}")
def test_placeholders_and_mnemonics_survive_translation(key):
    source, translation = key[1], ALL[key].text
    assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation))
    mnemonic = re.search(r"&(\w)", source)
    if mnemonic:  # Chinese style: 文件(&F) — the same letter, in brackets
        assert f"(&{mnemonic.group(1).upper()})" in translation
    if source.endswith("…"):
        assert translation.endswith("…")


@pytest.mark.parametrize("path", TS_FILES, ids=lambda p: p.name)
def test_binary_catalogue_matches_the_source(qapp, path):
    translator = QTranslator()
    assert translator.load(str(path.with_suffix(".qm"))), "run pyside6-lrelease (see ui/i18n.py)"
    stale = [key for key, tr in CATALOGUES[path.name].items() if translator.translate(key[0], key[1]) != tr.text]
    assert stale == [], "run pyside6-lrelease (see ui/i18n.py)"


def test_chinese_loads_every_catalogue_present(qapp):
    loaded = i18n.install_language(i18n.CHINESE)
    assert {path.stem for path in TS_FILES} <= set(loaded)
    assert all(loaded[path.stem] for path in TS_FILES)
