"""keyring against a real Secret Service (gnome-keyring in a private D-Bus session)."""

from __future__ import annotations

import json
import os
import sys

import pytest

from helpers.secret_service import run_in_secret_service, secret_service_unavailable

_CHILD = r"""
import json, keyring
kr = keyring.get_keyring()
service, user, secret = "crm-test", "staff-001", "s3cret-密码-🔑"
keyring.set_password(service, user, secret)
got = keyring.get_password(service, user)
keyring.delete_password(service, user)
print(json.dumps({
    "backend": f"{type(kr).__module__}.{type(kr).__qualname__}",
    "round_trip": got == secret,
    "after_delete": keyring.get_password(service, user),
}))
"""


@pytest.fixture
def secret_service():
    reason = secret_service_unavailable()
    if reason:
        if os.environ.get("CRM_REQUIRE_KEYRING", "").strip() == "1":
            pytest.fail(f"real keyring required (CRM_REQUIRE_KEYRING=1): {reason}", pytrace=False)
        pytest.skip(reason)
    return run_in_secret_service


def test_secret_service_round_trip(secret_service):
    proc = secret_service([sys.executable, "-c", _CHILD], timeout=60)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["backend"] == "keyring.backends.SecretService.Keyring", result
    assert result["round_trip"] is True
    assert result["after_delete"] is None
