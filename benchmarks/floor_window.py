"""The start-up floor for benchmarks/workspace.py: import the same libraries, read the key, open the
database, show an empty main window; report start -> first paint and RSS like the app's probe does."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import keyring  # noqa: F401 - the same imports the app pays for
import peewee  # noqa: F401
from PySide6.QtWidgets import QApplication, QMainWindow
from sqlcipher3 import dbapi2 as sqlcipher

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from crm import secrets  # noqa: E402
from crm.db import DB_FILE, _read_meta  # noqa: E402
from ui import startup_probe  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--passphrase", action="store_true")
    args = parser.parse_args()
    data_dir = Path(args.data_dir)
    if args.passphrase:
        key_sql = "PRAGMA key = '%s'" % os.environ["CRM_PASSPHRASE"].replace("'", "''")
    else:
        key = secrets.load_db_key(_read_meta(data_dir)["db_id"])
        key_sql = f"PRAGMA key = \"x'{key.hex()}'\""
    conn = sqlcipher.connect(str(data_dir / DB_FILE))
    conn.execute(key_sql)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    startup_probe.watch(window)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
