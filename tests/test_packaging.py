"""The production wheel: every module of the product is in it, and the demo
is not (it is installed by the development and test settings only)."""
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ("programme", "resources")


@pytest.fixture(scope="module")
def wheel_files(tmp_path_factory):
    # From a clean copy of the source: setuptools reuses a build/ folder left
    # by an earlier build, which would hide a package missing from the list.
    source = tmp_path_factory.mktemp("source") / "project"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "var", "*.egg-info", "test-artifacts", "__pycache__", "db.sqlite3",
    ))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation", "-q", "-w", str(out)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = out.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def product_files(suffixes):
    return {
        str(path.relative_to(ROOT))
        for package in PRODUCT
        for path in (ROOT / package).rglob("*")
        if path.suffix in suffixes and "__pycache__" not in path.parts
    }


def test_every_module_and_data_file_of_the_product_is_in_the_wheel(wheel_files):
    missing = product_files({".py", ".csv"}) - wheel_files
    assert missing == set(), "list these packages in pyproject.toml [tool.setuptools] packages"


def test_the_configuration_is_in_the_wheel_as_config(wheel_files):
    assert {"config/urls.py", "config/settings/production.py"} <= wheel_files


def test_the_demo_is_not_in_the_wheel(wheel_files):
    assert [name for name in wheel_files if name.startswith("demo/")] == []


def test_production_settings_do_not_install_the_demo():
    from config.settings import base

    assert "demo" not in base.INSTALLED_APPS
    assert "demo" not in (ROOT / "site" / "settings" / "production.py").read_text()
