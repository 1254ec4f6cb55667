"""Reading sales' outcome file: a dry run first with every row's verdict in words and nothing changed, then
Apply for real; a file that cannot be read is said plainly."""

from __future__ import annotations

import pytest
from lead_world import advance, customer, lead, make_world
from PySide6.QtCore import Qt

from crm.codes import LeadState
from crm.services import leads
from ui.dialogs.lead_import_dialog import LeadImportDialog
from ui_fakes import GUI

pytestmark = GUI
WAIT = 15_000


@pytest.fixture
def w(storage):
    world = make_world()
    world.sold = lead(world, customer(world, 1), "DEP-1Y")
    world.fresh = lead(world, customer(world, 2), "LCD-1Y")
    advance(world, world.sold, "handed_over")
    return world


def outcome_file(tmp_path, w, encoding="utf-8-sig"):
    path = tmp_path / "回传.csv"
    path.write_text("线索编号,状态,销售负责人,备注\n"
                    f"{w.sold},成交,张经理,已购买\n"
                    f"{w.fresh},已联系,,\n"
                    "99999,成交,,\n"
                    f"{w.sold},不知道,,\n", encoding=encoding)
    return path


def checked(qtbot, w, path) -> LeadImportDialog:
    dialog = LeadImportDialog(w.agent, choose_file=lambda *_: str(path))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.sig_finished, timeout=WAIT):
        qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)  # choosing a file checks it
    return dialog


def test_the_dry_run_shows_every_row_and_changes_nothing(qtbot, w, tmp_path):
    path = tmp_path / "回传.csv"
    path.write_text("线索编号,状态,销售负责人,备注\n"
                    f"{w.sold},成交,张经理,已购买\n"
                    f"{w.fresh},已联系,,\n"
                    "99999,成交,,\n"
                    "abc,成交,,\n", encoding="utf-8-sig")
    dialog = checked(qtbot, w, path)
    assert dialog.report().dry_run
    assert dialog.row_texts() == [
        ("2", str(w.sold), "Will be applied", "“Handed over” → “Won”"),
        ("3", str(w.fresh), "Rejected",
         "This lead was never handed over to sales (it is still “New”), so sales cannot report “Contacted” for it."),
        ("4", "99999", "Rejected", "There is no lead with this number."),
        ("5", "", "Rejected", "“abc” is not a lead number."),
    ]
    assert dialog.summary_label.text().startswith("回传.csv — rows that can be applied: 1; already up to date: 0; "
                                                  "no outcome given: 0; rejected: 3.")
    assert leads.get_lead(w.sold).state == LeadState.HANDED_OVER
    assert dialog.apply_button.isEnabled()
    applied = []
    dialog.sig_applied.connect(applied.append)
    with qtbot.waitSignal(dialog.sig_finished, timeout=WAIT):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert applied and not applied[0].dry_run
    row = leads.get_lead(w.sold)
    assert row.state == LeadState.WON and row.sales_owner == "张经理"
    assert dialog.row_texts()[0][2] == "Applied"
    assert "rows applied: 1;" in dialog.summary_label.text()
    assert not dialog.apply_button.isVisibleTo(dialog)


def test_a_row_without_an_outcome_is_counted_apart_from_one_already_so(qtbot, w, tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text(f"线索编号,状态,销售负责人,备注\n{w.fresh},,,\n", encoding="utf-8-sig")
    dialog = checked(qtbot, w, path)
    assert dialog.row_texts() == [("2", str(w.fresh), "No outcome", "No outcome given: nothing to change.")]
    assert "already up to date: 0; no outcome given: 1;" in dialog.summary_label.text()


def test_a_file_where_nothing_applies_cannot_be_applied(qtbot, w, tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text(f"lead_id,state\n{w.sold},won\n{w.sold},lost\n", encoding="utf-8")
    dialog = checked(qtbot, w, path)
    texts = dialog.row_texts()
    assert [t[2] for t in texts] == ["Rejected", "Rejected"]
    assert texts[0][3] == "The lead appears more than once in the file (rows 2, 3): none of these rows is applied."
    assert not dialog.apply_button.isEnabled()


def test_an_unreadable_file_is_said_plainly(qtbot, w, tmp_path):
    path = tmp_path / "unicode.csv"
    path.write_text(f"lead_id,state\n{w.sold},won\n", encoding="utf-16")
    dialog = checked(qtbot, w, path)
    assert dialog.report() is None
    assert "saved as “Unicode text”" in dialog.error_message.text()
    assert not dialog.apply_button.isEnabled()


def test_a_missing_column_is_named(qtbot, w, tmp_path):
    path = tmp_path / "cols.csv"
    path.write_text(f"客户,状态\n{w.sold},成交\n", encoding="utf-8")
    dialog = checked(qtbot, w, path)
    assert dialog.error_message.text().startswith("The file “cols.csv” has no “lead_id” column.")


def test_changing_the_file_forgets_the_old_report(qtbot, w, tmp_path):
    advance(w, w.fresh, "handed_over")
    dialog = checked(qtbot, w, outcome_file(tmp_path, w))
    assert dialog.apply_button.isEnabled()
    dialog.path_edit.setText(str(tmp_path / "other.csv"))
    assert dialog.report() is None and dialog.table.rowCount() == 0
    assert not dialog.apply_button.isEnabled()
