"""The built wheel works on its own: grammar inside, `symml eval` from outside the checkout."""
import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(out), str(ROOT)], check=True, capture_output=True, timeout=300)
    (path,) = out.glob("symml-*.whl")
    return path


def test_wheel_ships_the_grammar(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "symml/grammar/symml.lark" in names
    assert not any(name.startswith("tests/") for name in names)


CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}


@pytest.mark.slow
def test_wheel_installs_and_runs_outside_the_checkout(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True,
                   capture_output=True, timeout=600, env=CLEAN_ENV)
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    done = subprocess.run(
        [str(env_dir / "bin" / "symml"), "eval", "--json",
         r"\mathbf{A} = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}",
         r"\mathbf{A}^\top \mathbf{A}"],
        cwd=workdir, capture_output=True, text=True, timeout=120, env=CLEAN_ENV)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["results"][1]["latex"] == \
        r"\begin{bmatrix}10 & 14\\14 & 20\end{bmatrix}"
    where = subprocess.run([str(python), "-c", "import symml; print(symml.__file__)"],
                           cwd=workdir, capture_output=True, text=True, timeout=60,
                           env=CLEAN_ENV)
    assert str(env_dir) in where.stdout
