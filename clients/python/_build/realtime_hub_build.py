"""A PEP 517 build backend in the standard library only, so ``pip install ./clients/python`` works offline.

setuptools needs the ``wheel`` package (or a download) to build a wheel; this package is pure Python with no
dependencies, so a wheel is just a zip of ``src/realtime_hub`` plus the ``.dist-info`` files PEP 427 requires.
"""
from __future__ import annotations

import base64
import hashlib
import io
import os
import tarfile
import zipfile
from typing import Any, Dict, List, Optional, Tuple

NAME = "realtime_hub"
DIST = "realtime-hub"
VERSION = "0.1.0"
_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_TAG = "py3-none-any"


def _metadata() -> str:
    with open(os.path.join(_ROOT, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    return (f"Metadata-Version: 2.1\nName: {DIST}\nVersion: {VERSION}\n"
            "Summary: Python client of realtime-hub: publish events over HTTP, and the old router's broadcast_* "
            "coroutines\nRequires-Python: >=3.9\nClassifier: Typing :: Typed\n"
            f"Description-Content-Type: text/markdown\n\n{readme}")


def _package_files() -> List[Tuple[str, str]]:
    """(path on disk, path in the wheel) of every file of the package, py.typed included; no caches."""
    out = []
    base = os.path.join(_ROOT, "src")
    for folder, dirs, files in os.walk(os.path.join(base, NAME)):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in sorted(files):
            if name.endswith((".py", ".typed")):
                path = os.path.join(folder, name)
                out.append((path, os.path.relpath(path, base).replace(os.sep, "/")))
    return out


def _dist_info_files() -> Dict[str, bytes]:
    return {
        "METADATA": _metadata().encode("utf-8"),
        "WHEEL": f"Wheel-Version: 1.0\nGenerator: realtime_hub_build\nRoot-Is-Purelib: true\nTag: {_TAG}\n"
                 .encode("utf-8"),
        "top_level.txt": f"{NAME}\n".encode("utf-8"),
    }


def get_requires_for_build_wheel(config_settings: Optional[Dict[str, Any]] = None) -> List[str]:
    return []


def get_requires_for_build_sdist(config_settings: Optional[Dict[str, Any]] = None) -> List[str]:
    return []


def prepare_metadata_for_build_wheel(metadata_directory: str,
                                     config_settings: Optional[Dict[str, Any]] = None) -> str:
    dist_info = f"{NAME}-{VERSION}.dist-info"
    os.makedirs(os.path.join(metadata_directory, dist_info), exist_ok=True)
    for name, data in _dist_info_files().items():
        with open(os.path.join(metadata_directory, dist_info, name), "wb") as f:
            f.write(data)
    return dist_info


def build_wheel(wheel_directory: str, config_settings: Optional[Dict[str, Any]] = None,
                metadata_directory: Optional[str] = None) -> str:
    filename = f"{NAME}-{VERSION}-{_TAG}.whl"
    dist_info = f"{NAME}-{VERSION}.dist-info"
    entries: List[Tuple[str, bytes]] = []
    for path, arcname in _package_files():
        with open(path, "rb") as f:
            entries.append((arcname, f.read()))
    entries += [(f"{dist_info}/{name}", data) for name, data in _dist_info_files().items()]
    record = io.StringIO()
    for arcname, data in entries:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
        record.write(f"{arcname},sha256={digest},{len(data)}\n")
    record.write(f"{dist_info}/RECORD,,\n")
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w", zipfile.ZIP_DEFLATED) as wheel:
        for arcname, data in entries:
            wheel.writestr(arcname, data)
        wheel.writestr(f"{dist_info}/RECORD", record.getvalue())
    return filename


def build_sdist(sdist_directory: str, config_settings: Optional[Dict[str, Any]] = None) -> str:
    base = f"{NAME}-{VERSION}"
    filename = f"{base}.tar.gz"
    files = ["pyproject.toml", "README.md", "_build/realtime_hub_build.py"]
    files += [os.path.relpath(path, _ROOT) for path, _ in _package_files()]
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz") as sdist:
        for name in files:
            sdist.add(os.path.join(_ROOT, name), arcname=f"{base}/{name}")
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        data = _metadata().encode("utf-8")
        info.size = len(data)
        sdist.addfile(info, io.BytesIO(data))
    return filename
