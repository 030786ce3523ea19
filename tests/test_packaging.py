"""The install pins: requirements.lock, pyproject.toml and environment.yml must agree, and
``make setup`` must install the lock's versions (see scripts/lock.py and ``make lock``)."""

import os
import re
import subprocess
import tomllib

from conftest import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


def _lock() -> dict[str, str]:
    """Package name -> pinned version, from requirements.lock."""
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)", line)
        assert match, f"requirements.lock: not an exact pin: {line!r}"
        pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def _wanted() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(text) for text in project["dependencies"] + project["optional-dependencies"]["dev"]]


def _environment() -> tuple[list[str], list[str]]:
    """environment.yml's conda packages and pip lines."""
    conda, pip, in_pip = [], [], False
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").split("dependencies:", 1)[1].splitlines():
        if re.match(r"^\s+- pip:\s*$", line):
            in_pip = True
        elif match := re.match(r"^      - (.+?)\s*$", line):
            assert in_pip, f"environment.yml: {line.strip()!r} is indented as a pip line outside the pip section"
            pip.append(match.group(1))
        elif match := re.match(r"^  - (.+?)\s*$", line):
            conda.append(match.group(1))
    return conda, pip


def test_every_dependency_is_pinned_within_its_range():
    pins = _lock()
    for requirement in _wanted():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} (pyproject.toml) is not in requirements.lock: run make lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements.lock pins {name}=={pins[name]}, outside pyproject.toml's {requirement}: run make lock")


def test_the_lock_is_for_python_311_on_linux_with_the_dev_tools():
    head = (ROOT / "requirements.lock").read_text(encoding="utf-8").split("\n")[:4]
    assert "# for Python 3.11 on x86_64-unknown-linux-gnu, with the extras dev" in head
    # the dev tools, and what the extras bring (dask[distributed] -> distributed)
    assert {"pytest", "ruff", "hypothesis", "distributed", "python-docx", "mistune", "fpdf2"} <= set(_lock())


def test_environment_yml_installs_exactly_the_lock():
    conda, pip = _environment()
    assert conda == ["python=3.11", "pip"]
    assert pip[-1] == "-e ."
    listed = {}
    for line in pip[:-1]:
        name, _, version = line.partition("==")
        listed[canonicalize_name(name)] = version
    assert listed == _lock(), "environment.yml and requirements.lock differ: run make lock"


def test_make_setup_installs_the_lock_then_the_package_alone():
    outer = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")  # under make test: not the outer make's options
    commands = subprocess.run(["make", "-n", "-B", "--no-print-directory", "setup", "VENV=/nonexistent/venv"], cwd=ROOT,
                              capture_output=True, text=True, check=True,
                              env={k: v for k, v in os.environ.items() if k not in outer}).stdout.splitlines()
    installs = [line for line in commands if " -m pip install " in line]
    assert installs[1].endswith("-m pip install --quiet -r requirements.lock")
    assert installs[2].endswith("-m pip install --quiet --no-deps -e .")
    assert len(installs) == 3  # pip itself (pinned), the lock, the project: nothing resolved afresh
    assert re.search(r"pip install --quiet pip==\d", installs[0])
