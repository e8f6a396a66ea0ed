"""Runs every example of docs/guide.md: Python blocks in one namespace, R
blocks in one Rscript, shell blocks with the built CLI on the PATH.
Installation commands (pip, install.packages, cargo install) are checked to
be there, not run."""

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guide.md"
INSTALL = re.compile(r"pip install|install\.packages|cargo install")


def blocks(language):
    text = GUIDE.read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def test_python_examples_run(tmp_path, monkeypatch):
    code = blocks("python")
    assert len(code) >= 4
    monkeypatch.chdir(ROOT)
    namespace = {}
    for block in code:
        exec(compile(block, str(GUIDE), "exec"), namespace)
    for figure in ("closure.png", "sprite.png"):
        Path(figure).unlink()


def test_r_examples_run(tmp_path):
    code = blocks("r")
    assert len(code) >= 2
    script = tmp_path / "guide.R"
    script.write_text("\n".join(code), encoding="utf-8")
    subprocess.run(["Rscript", str(script)], cwd=ROOT, check=True)


def test_shell_examples_run():
    commands = [line for block in blocks("sh") for line in block.splitlines() if line.strip()]
    assert any(INSTALL.search(c) for c in commands)
    cli = Path(os.environ.get("FERROX_CLI", ROOT / "target" / "release" / "ferrox")).resolve()
    env = dict(os.environ, PATH=f"{cli.parent}{os.pathsep}{os.environ['PATH']}")
    for command in commands:
        if not INSTALL.search(command):
            subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, check=True)
