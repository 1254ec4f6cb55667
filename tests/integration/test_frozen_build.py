"""The PyInstaller bundle builds from crm.spec, carries what it needs, and passes its own self-test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers.secret_service import run_in_secret_service, secret_service_unavailable

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT = 20 * 60
QT_TRANSLATIONS_ALLOWED = {"qtbase_zh_CN.qm", "qt_zh_CN.qm", "qtbase_en.qm", "qt_en.qm"}
UNWANTED_LIB_FRAGMENTS = ("Qt6WebEngine", "Qt63D", "Qt6Quick", "Qt6Qml", "Qt6Multimedia", "Qt6Charts",
                          "_tkinter", "libtk", "libtcl")
FAKE_BACKEND_MARKERS = ("fail", "null", "plaintext", "memory", "conftest", "test")


@dataclass(frozen=True)
class Bundle:
    folder: Path
    program: Path
    internal: Path
    size_mb: float
    build_seconds: float


def _report(config: pytest.Config, line: str) -> None:
    """Show a figure whatever the capture mode (-s or not)."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:
        return
    with capture.global_and_fixture_disabled():
        reporter.ensure_newline()
        reporter.write_line(line)


def _folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Bundle:
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (dev dependency group)")
    work = tmp_path_factory.mktemp("frozen")
    began = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(ROOT / "crm.spec"), "--noconfirm",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build")],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", errors="replace",
        timeout=BUILD_TIMEOUT, stdin=subprocess.DEVNULL)
    seconds = time.perf_counter() - began
    if proc.returncode != 0:
        pytest.fail(f"pyinstaller failed ({proc.returncode}):\n{proc.stderr[-6000:]}", pytrace=False)
    folder = work / "dist" / "crm"
    program = folder / ("crm.exe" if sys.platform == "win32" else "crm")
    assert program.is_file(), f"no program in {folder}: {sorted(p.name for p in folder.iterdir())}"
    size_mb = _folder_size(folder) / 1e6
    _report(request.config, f"frozen build: {size_mb:.1f} MB in {folder} (built in {seconds:.0f} s)")
    return Bundle(folder, program, folder / "_internal", size_mb, seconds)


def test_bundle_ships_migrations_as_files(bundle: Bundle, request: pytest.FixtureRequest):
    request.node.user_properties += [("bundle_mb", f"{bundle.size_mb:.1f}"),
                                     ("build_seconds", f"{bundle.build_seconds:.0f}")]
    source = sorted(p.name for p in (ROOT / "crm" / "migrations").glob("[0-9]*.py"))
    shipped = sorted(p.name for p in (bundle.internal / "crm" / "migrations").glob("[0-9]*.py"))
    assert source, "crm/migrations has no migration scripts"
    assert shipped == source


def test_bundle_leaves_out_unused_qt_and_translations(bundle: Bundle):
    translations = bundle.internal / "PySide6" / "Qt" / "translations"
    shipped = {p.name for p in translations.glob("*.qm")}
    assert "qtbase_zh_CN.qm" in shipped
    assert shipped <= QT_TRANSLATIONS_ALLOWED, sorted(shipped - QT_TRANSLATIONS_ALLOWED)
    unwanted = sorted(str(p.relative_to(bundle.folder)) for p in bundle.internal.rglob("*")
                      if any(fragment in p.name for fragment in UNWANTED_LIB_FRAGMENTS))
    assert unwanted == []
    assert not (bundle.internal / "tkinter").exists()


@pytest.fixture(scope="module")
def self_test_report(bundle: Bundle, tmp_path_factory: pytest.TempPathFactory,
                     request: pytest.FixtureRequest) -> dict:
    reason = secret_service_unavailable()
    if reason:
        if os.environ.get("CRM_REQUIRE_KEYRING", "").strip() == "1":
            pytest.fail(f"real keyring required (CRM_REQUIRE_KEYRING=1): {reason}", pytrace=False)
        pytest.skip(f"no private Secret Service for the frozen self-test: {reason}")
    report_file = tmp_path_factory.mktemp("self-test") / "st.json"
    began = time.perf_counter()
    proc = run_in_secret_service([str(bundle.program), "self-test", "--json", str(report_file)],
                                 env={"QT_QPA_PLATFORM": "offscreen"}, timeout=300)
    _report(request.config, f"frozen self-test: exit {proc.returncode} in {time.perf_counter() - began:.1f} s")
    if not report_file.is_file():
        pytest.fail(f"self-test wrote no report (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr[-4000:]}",
                    pytrace=False)
    report = json.loads(report_file.read_text(encoding="utf-8"))
    report["_exit_code"], report["_output"] = proc.returncode, proc.stdout + proc.stderr[-4000:]
    return report


def test_frozen_self_test_passes_every_check(self_test_report: dict):
    failed = [f"{c['name']}: {c['detail']}" for c in self_test_report["checks"] if not c["ok"]]
    assert failed == [], self_test_report["_output"]
    assert self_test_report["ok"] is True
    assert self_test_report["_exit_code"] == 0


def test_frozen_self_test_uses_a_real_keyring(self_test_report: dict):
    backend = self_test_report["keyring_backend"]
    assert "SecretService" in backend
    assert not any(marker in backend.lower() for marker in FAKE_BACKEND_MARKERS), backend


def test_frozen_self_test_covers_the_gui(self_test_report: dict):
    # Without the GUI hooks the self-test only checks the core; a bundle that cannot show a window
    # would still pass it.
    names = [c["name"] for c in self_test_report["checks"]]
    assert any(name.startswith("ui") for name in names), names
