"""Language choice and Qt translators: every ``<catalogue>_<lang>.qm`` of ours plus Qt's own (qtbase).

Our strings live in several catalogues, one per area, so parallel work never edits the same file; a
translation context (a class name) belongs to exactly one catalogue:

    crm          the shell: app, errors, dialogs, preferences, home panel, main window
    workspace    ui/models/customer_*.py, ui/widgets/search_box.py, ui/views/workspace, ui/single_instance.py
    customer     ui/views/customer, ui/models/timeline_model.py, …
    interaction  ui/views/interaction and its dialogs
    sales        ui/sales_labels.py (sales labels shared by the call form and the Leads view),
                 ui/dialogs/lead_create_dialog.py, the product catalogue (ui/dialogs/products_dialog.py,
                 ui/models/product_table_model.py), and the call form's detection widgets:
                 ui/views/interaction/{detection_panel,fraud_alert,opportunity_review}.py (so list the
                 interaction catalogue's files one by one, without these three)
    leads        the Leads tab: ui/models/lead_list_model.py, ui/views/leads, ui/dialogs/lead_export_dialog.py,
                 ui/dialogs/lead_import_dialog.py, ui/dialogs/lead_channel_dialog.py

After changing any user-visible string, refresh that area's catalogue and rebuild its binary file, e.g.

    uv run pyside6-lupdate -extensions py -no-obsolete -locations none ui/models/customer_table_model.py \
        ui/widgets/search_box.py ui/views/workspace ui/single_instance.py \
        -ts resources/translations/workspace_zh_CN.ts
    uv run pyside6-lrelease resources/translations/workspace_zh_CN.ts

For crm_zh_CN.ts list the shell's files instead: ui/app.py ui/errors.py ui/gui_hooks.py ui/i18n.py
ui/keyring_label.py ui/storage_opener.py ui/theme.py ui/dialogs/passphrase_dialog.py ui/dialogs/preferences
ui/dialogs/preferences_dialog.py ui/dialogs/recovery_key_dialog.py ui/dialogs/setup_dialog.py ui/views/home
ui/views/main_window.py ui/widgets/field_message.py ui/widgets/stat_card.py. Then fill in every new
<translation> (pyside6-linguist or a text editor), run lrelease again, and commit both files.
tests/unit/ui/test_translations.py fails while a string in ui/ has no translation in any catalogue, a
catalogue has unfinished entries, or two catalogues share a context.

The translators are children of the QCoreApplication (found again by object name), so this module keeps
no state of its own; installing or removing one makes Qt send LanguageChange to every widget, which
calls its retranslateUi().
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

log = logging.getLogger(__name__)

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES = (CHINESE, ENGLISH)
# Endonyms: each language is offered in its own script, so they are never translated.
LANGUAGE_NAMES = {CHINESE: "中文", ENGLISH: "English"}
SETTINGS_KEY = "ui.language"  # declared in crm.settings.OPTIONS (scope "machine")
_TRANSLATOR_NAME = "crm-translator"
# Catalogues every build must have; other areas' catalogues are loaded when present.
REQUIRED_CATALOGUES = ("crm", "workspace")
_CURRENT_PROPERTY = "crmLanguage"


def resources_dir() -> Path:
    """resources/ next to the packages, or inside the PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) if bundle else Path(__file__).resolve().parent.parent
    return base / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def qt_translations_dirs() -> list[Path]:
    """Where Qt's own catalogues may be: the Qt installation first, then our bundled copy."""
    return [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), translations_dir()]


def system_language() -> str:
    return CHINESE if QLocale.system().language() == QLocale.Language.Chinese else ENGLISH


def stored_language(settings: QSettings | None = None) -> str:
    """The language chosen in Preferences, else the system's (Chinese systems get Chinese)."""
    value = (settings or QSettings()).value(SETTINGS_KEY, "", type=str)
    return value if value in LANGUAGES else system_language()


def store_language(language: str, settings: QSettings | None = None) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    (settings or QSettings()).setValue(SETTINGS_KEY, language)


def current_language() -> str:
    """The language whose translators are installed now (English when none are)."""
    app = QCoreApplication.instance()
    value = app.property(_CURRENT_PROPERTY) if app is not None else None
    return value if value in LANGUAGES else ENGLISH


def install_language(language: str) -> dict[str, bool]:
    """Replace the installed translators with those for ``language``; returns which catalogues loaded.

    English is the source language: it needs no catalogue, so the result is empty.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QCoreApplication")
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    for old in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.setParent(None)
    loaded: dict[str, bool] = {}
    if language != ENGLISH:
        for name in catalogue_names(language):
            loaded[name] = _install(app, name, [translations_dir()])
        loaded[f"qtbase_{language}"] = _install(app, f"qtbase_{language}", qt_translations_dirs())
    app.setProperty(_CURRENT_PROPERTY, language)
    QLocale.setDefault(_locale_for(language))
    return loaded


def catalogue_names(language: str) -> list[str]:
    """Our catalogues for ``language``: the required ones first, then every other one found."""
    required = [f"{area}_{language}" for area in REQUIRED_CATALOGUES]
    found = sorted(path.stem for path in translations_dir().glob(f"*_{language}.qm"))
    return required + [name for name in found if name not in required and not name.startswith("qt")]


def _locale_for(language: str) -> QLocale:
    """Numbers and dates follow the UI language, keeping the system's region when it speaks it."""
    system = QLocale.system()
    wanted = QLocale.Language.Chinese if language == CHINESE else QLocale.Language.English
    return system if system.language() == wanted else QLocale("zh_CN" if language == CHINESE else "en_US")


def _install(app: QCoreApplication, name: str, directories: list[Path]) -> bool:
    translator = QTranslator(app)
    translator.setObjectName(_TRANSLATOR_NAME)
    for directory in directories:
        if translator.load(name, str(directory)):
            app.installTranslator(translator)
            return True
    log.warning("translation catalogue %s not found in %s", name, ", ".join(map(str, directories)))
    translator.setParent(None)
    return False
