"""environment.yml and pyproject.toml must list the same dependencies."""

import re
import tomllib

from conftest import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ]", requirement.strip(), maxsplit=1)[0].lower()


def test_environment_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    wanted |= {_name(r) for r in project["optional-dependencies"]["dev"]}
    listed = set()
    dependencies = (ROOT / "environment.yml").read_text().split("dependencies:", 1)[1]
    for line in dependencies.splitlines():
        match = re.match(r"^\s+-\s+([A-Za-z][\w.-]*)", line)
        if match and match.group(1) not in ("python", "pip"):
            listed.add(_name(match.group(1)))
    assert listed == wanted

