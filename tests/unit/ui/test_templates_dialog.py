"""Answer templates: search as you type, insert or copy; only supervisors and admins may change them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from crm.models import AnswerTemplate, StaffUser
from crm.services import templates
from ui.dialogs.template_edit_dialog import TemplateEditDialog
from ui.dialogs.templates_dialog import SEARCH_DELAY_MS, TemplatesDialog
from ui_fakes import GUI

pytestmark = GUI


@pytest.fixture
def agent(storage) -> StaffUser:
    return StaffUser.create(username="li.na", display_name="李娜", role="agent")


@pytest.fixture
def supervisor(storage) -> StaffUser:
    return StaffUser.create(username="wang.qiang", display_name="王强", role="supervisor")


@pytest.fixture
def open_dialog(qtbot):
    def make(actor: StaffUser, language: str = "zh", **kwargs) -> TemplatesDialog:
        dialog = TemplatesDialog(actor, language, **kwargs)
        qtbot.addWidget(dialog)
        with qtbot.waitActive(dialog):
            dialog.show()
            dialog.activateWindow()
        return dialog
    return make


def titles(dialog: TemplatesDialog) -> list[str]:
    return [dialog.list.item(i).text() for i in range(dialog.list.count())]


def search(qtbot, dialog: TemplatesDialog, text: str) -> None:
    before = titles(dialog)
    dialog.search_edit.setText(text)
    qtbot.waitUntil(lambda: titles(dialog) != before or not dialog._search_timer.isActive(),
                    timeout=SEARCH_DELAY_MS * 10)


def test_the_shipped_templates_are_loaded_into_an_empty_database(open_dialog, agent):
    assert not AnswerTemplate.select().exists()
    dialog = open_dialog(agent)
    assert dialog.list.count() > 10
    assert all(row.language == "zh" for row in templates.search("", language="zh"))
    assert dialog.count_label.text() == f"{dialog.list.count()} found"


def test_search_as_you_type_then_enter_inserts_the_rendered_text(qtbot, open_dialog, agent):
    dialog = open_dialog(agent, values={"银行名称": "示例银行"})
    search(qtbot, dialog, "转账")
    assert titles(dialog)[0] == "转账限额查询与调整" and len(titles(dialog)) > 2
    assert "{客户称呼}" in dialog.preview.toPlainText()
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Down)  # the list follows the arrows typed in the box
    assert dialog.list.currentRow() == 1
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Up)
    chosen = dialog.current_template()
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.selected_text() == templates.render(chosen.body, 银行名称="示例银行")


def test_no_match_says_so_and_disables_insert(qtbot, open_dialog, agent):
    dialog = open_dialog(agent)
    search(qtbot, dialog, "完全不存在的词xyz")
    assert titles(dialog) == []
    assert not dialog.insert_button.isEnabled() and not dialog.copy_button.isEnabled()
    assert "No template contains these words." in dialog.preview.toPlainText()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_both_languages_lists_the_current_language_first(qtbot, open_dialog, agent):
    dialog = open_dialog(agent, language="en")
    search(qtbot, dialog, "transfer limit")
    only_english = titles(dialog)
    dialog.both_check.setChecked(True)
    both = titles(dialog)
    assert both[:len(only_english)] == only_english
    assert len(both) > len(only_english) and both[-1].startswith("[Chinese] ")


def test_copy_puts_the_text_on_the_clipboard(open_dialog, agent):
    dialog = open_dialog(agent)
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.selected_text() != ""


def test_agents_do_not_see_the_edit_buttons(open_dialog, agent):
    dialog = open_dialog(agent)
    for button in (dialog.add_button, dialog.edit_button, dialog.deactivate_button):
        assert not button.isVisible()


def test_an_agent_reaching_the_editor_anyway_is_refused(qtbot, agent):
    editor = TemplateEditDialog(agent, None, "zh")
    qtbot.addWidget(editor)
    editor.title_edit.setText("新模板")
    editor.body_edit.setPlainText("您好")
    editor.accept()
    assert editor.result() != QDialog.DialogCode.Accepted
    assert editor.error_message.text() == "Only supervisors and administrators may do this."
    assert not AnswerTemplate.select().where(AnswerTemplate.title == "新模板").exists()


def test_supervisor_adds_a_template_and_finds_it(qtbot, open_dialog, supervisor):
    def fill(editor: TemplateEditDialog) -> bool:
        editor.title_edit.setText("")
        editor.body_edit.setPlainText("{客户称呼}您好，信用卡年费减免需满足刷卡次数要求。")
        editor.accept()
        assert editor.messages["title"].text() == "This field must be filled in."
        editor.title_edit.setText("信用卡年费减免说明")
        editor.category_combo.setCurrentIndex(editor.category_combo.findData("credit_card"))
        editor.keywords_edit.setText("年费 减免")
        editor.accept()
        return editor.result() == QDialog.DialogCode.Accepted

    dialog = open_dialog(supervisor, run_dialog=fill)
    assert all(b.isVisible() for b in (dialog.add_button, dialog.edit_button, dialog.deactivate_button))
    dialog.add_button.click()
    assert dialog.current_template().title == "信用卡年费减免说明"
    assert dialog.current_template().category == "credit_card"
    search(qtbot, dialog, "年费减免")
    assert "信用卡年费减免说明" in titles(dialog)


def test_supervisor_edits_and_a_conflict_reloads_the_other_version(qtbot, open_dialog, supervisor):
    other = StaffUser.create(username="zhao.min", display_name="赵敏", role="admin")

    def edit(editor: TemplateEditDialog) -> bool:
        row = editor._template
        templates.update(other, row.id, row.version, title="别人改过的标题")  # saved while we type
        editor.title_edit.setText("我改的标题")
        editor.accept()
        assert editor.result() != QDialog.DialogCode.Accepted
        assert "Someone else changed this template" in editor.error_message.text()
        assert editor.title_edit.text() == "别人改过的标题"
        editor.title_edit.setText("我改的标题")
        editor.accept()
        return editor.result() == QDialog.DialogCode.Accepted

    dialog = open_dialog(supervisor, run_dialog=edit)
    template_id = dialog.current_template().id
    dialog.edit_button.click()
    assert templates.get(template_id).title == "我改的标题"
    assert dialog.current_template().title == "我改的标题"


def test_supervisor_deactivates_a_template(open_dialog, supervisor):
    asked = []
    dialog = open_dialog(supervisor, confirm=lambda parent, title, text: asked.append(text) or True)
    row = dialog.current_template()
    dialog.deactivate_button.click()
    assert asked and row.title in asked[0]
    assert row.title not in titles(dialog)
    assert not templates.get(row.id).active
