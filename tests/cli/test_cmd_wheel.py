"""The bundled paper ships in the wheel: build it, install it, export from elsewhere.

Slow-ish (a venv and a build, ~10 s); kept in the suite because a reader that
cannot find its paper once installed is broken. Needs no network: the build
backend comes from the current environment and the wheel installs with --no-deps
into a venv that sees the current site-packages.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _has_hatchling() -> bool:
    probe = [sys.executable, "-c", "import hatchling"]
    return subprocess.run(probe, capture_output=True).returncode == 0


@pytest.mark.slow
def test_wheel_carries_the_bundled_paper(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    # pip's isolated build fetches hatchling from the index when it is not
    # installed; with it installed, build without isolation (no network).
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)]
    if _has_hatchling():
        build.insert(4, "--no-build-isolation")
    built = subprocess.run(build, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    [wheel] = dist.glob("zhpaper-*.whl")

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    # The wheel's dependencies come from the current environment (no network): its
    # site-packages is appended to the new venv's path, after the venv's own, so the
    # installed wheel's `reader` still wins over the editable checkout.
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    import sysconfig

    Path(purelib, "zz_parent_env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    # The venv has no pip of its own: the current pip installs into it (--python).
    install = [
        sys.executable, "-m", "pip", "--python", str(python), "install",
        "--no-deps", "--no-index", "-q", str(wheel),
    ]  # fmt: skip
    installed = subprocess.run(install, capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PYTHONIOENCODING"] = "utf-8"
    # The venv must use the wheel's reader, not the editable checkout on sys.path.
    where = subprocess.run(
        [str(python), "-c", "import reader; print(reader.__file__)"],
        capture_output=True, text=True, cwd=elsewhere, env=env, timeout=60,
    )  # fmt: skip
    assert where.returncode == 0, where.stderr
    assert str(env_dir) in where.stdout, where.stdout

    result = subprocess.run(
        [str(env_dir / "bin" / "zhpaper"), "export", "--format", "json"],
        capture_output=True, text=True, encoding="utf-8", cwd=elsewhere, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    articles = json.loads(result.stdout)["articles"]
    assert len(articles) == 8
    assert articles[0]["title"] == "多举措提振干部干事创业精气神"
    check = subprocess.run(
        [str(env_dir / "bin" / "zhpaper"), "check"],
        capture_output=True, text=True, encoding="utf-8", cwd=elsewhere, env=env, timeout=120,
    )  # fmt: skip
    assert check.returncode == 0 and "8 article(s)" in check.stdout
