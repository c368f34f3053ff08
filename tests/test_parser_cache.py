"""The compiled parser is cached only where this user alone can write: a pickle planted in
the shared temp directory (where Lark's `cache=True` would look) is never loaded."""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Finds the file Lark's `cache=True` would load for symml's grammar and options (the
# options symml used before the fix), by recording what Lark opens.
FIND_TEMP_CACHE = textwrap.dedent("""
    import lark.utils, lark.lark
    from symml.syntax.parser import _grammar_text
    opened = []
    real_open = lark.utils.FS.open
    def recording_open(name, mode="r", **kw):
        opened.append(name)
        return real_open(name, mode, **kw)
    lark.lark.FS.open = staticmethod(recording_open)
    lark.Lark(_grammar_text(), parser="lalr", lexer="contextual", propagate_positions=True,
              cache=True, maybe_placeholders=False)
    print(opened[0])
""")

# A pickle that, when loaded, creates a marker file.
PLANT = textwrap.dedent("""
    import hashlib, os, pickle, sys
    path, marker = sys.argv[1], sys.argv[2]
    class Payload:
        def __reduce__(self):
            return (os.mkdir, (marker,))
    first_line = open(path, "rb").readline()  # Lark's md5 line: keep it so the file is read
    with open(path, "wb") as f:
        f.write(first_line)
        pickle.dump(Payload(), f)
        pickle.dump(Payload(), f)
""")


def _env(tmp_path: Path) -> dict:
    env = dict(os.environ)
    env.update(TMPDIR=str(tmp_path / "shared-tmp"), HOME=str(tmp_path / "home"),
               XDG_CACHE_HOME=str(tmp_path / "home" / ".cache"),
               PYTHONPATH=str(REPO) + os.pathsep + env.get("PYTHONPATH", ""))
    (tmp_path / "shared-tmp").mkdir()
    (tmp_path / "home").mkdir()
    return env


def _python(code: str, *args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                          text=True, timeout=300, cwd=REPO)


def test_a_pickle_planted_in_the_shared_temp_directory_is_never_loaded(tmp_path):
    env = _env(tmp_path)
    found = _python(FIND_TEMP_CACHE, env=env)
    assert found.returncode == 0, found.stderr
    temp_cache = found.stdout.strip()
    assert temp_cache.startswith(str(tmp_path / "shared-tmp"))
    assert Path(temp_cache).is_file()
    marker = tmp_path / "pwned"
    planted = _python(PLANT, temp_cache, str(marker), env=env)
    assert planted.returncode == 0, planted.stderr

    ran = _python("import symml; print(symml.evaluate('2+2').latex)", env=env)

    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == "4"
    assert not marker.exists()


def test_the_parser_cache_is_a_private_directory_of_the_user(tmp_path):
    env = _env(tmp_path)
    ran = _python("import symml; symml.parse('x^2')", env=env)
    assert ran.returncode == 0, ran.stderr
    directory = tmp_path / "home" / ".cache" / "symml"
    assert directory.is_dir()
    assert directory.stat().st_mode & 0o077 == 0
    assert len(list(directory.glob("parser-*.lark"))) == 1
    assert list((tmp_path / "shared-tmp").iterdir()) == []


def test_a_cache_directory_others_can_write_to_is_not_used(tmp_path):
    env = _env(tmp_path)
    directory = tmp_path / "home" / ".cache" / "symml"
    directory.mkdir(parents=True)
    directory.chmod(0o777)
    marker = tmp_path / "pwned"
    # whatever is planted there is ignored, and nothing is written there
    (directory / "planted").write_text(str(marker))
    ran = _python("import symml; print(symml.evaluate('3+4').latex)", env=env)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == "7"
    assert sorted(p.name for p in directory.iterdir()) == ["planted"]
    assert list((tmp_path / "shared-tmp").iterdir()) == []
