"""The package builds offline into a wheel holding py.typed, with one version everywhere, in Python 3.9 syntax."""
from __future__ import annotations

import ast
import os
import re
import sys
import tempfile
import unittest
import zipfile

import _support  # noqa: F401 (puts src on the path)

import realtime_hub

_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(_ROOT, "_build"))

import realtime_hub_build  # noqa: E402


class PackagingTest(unittest.TestCase):

    def test_the_wheel_holds_the_package_and_py_typed(self) -> None:
        with tempfile.TemporaryDirectory() as out:
            name = realtime_hub_build.build_wheel(out)
            with zipfile.ZipFile(os.path.join(out, name)) as wheel:
                names = set(wheel.namelist())
        self.assertEqual(name, f"realtime_hub-{realtime_hub.__version__}-py3-none-any.whl")
        self.assertTrue({"realtime_hub/__init__.py", "realtime_hub/client.py", "realtime_hub/compat.py",
                         "realtime_hub/errors.py", "realtime_hub/py.typed"} <= names, names)
        self.assertFalse([n for n in names if "__pycache__" in n])

    def test_one_version_everywhere(self) -> None:
        with open(os.path.join(_ROOT, "pyproject.toml"), encoding="utf-8") as f:
            declared = re.search(r'^version = "([^"]+)"', f.read(), re.MULTILINE)
        self.assertIsNotNone(declared)
        self.assertEqual({declared.group(1), realtime_hub_build.VERSION}, {realtime_hub.__version__})

    def test_the_sources_parse_as_python_3_9(self) -> None:
        folders = [os.path.join(_ROOT, "src", "realtime_hub"), os.path.join(_ROOT, "tests"),
                   os.path.join(_ROOT, "_build")]
        for folder in folders:
            for name in os.listdir(folder):
                if name.endswith(".py"):
                    with open(os.path.join(folder, name), encoding="utf-8") as f:
                        ast.parse(f.read(), name, feature_version=(3, 9))


if __name__ == "__main__":
    unittest.main()
