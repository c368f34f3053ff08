"""The samples' worked solutions, exported as Markdown, against files a person has read
(tests/golden/). After a deliberate change to what symml writes, regenerate them with
`python tests/test_golden.py`, read the diff, and commit it."""
from pathlib import Path

import pytest

import symml
from symml.export.formats import render_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


def written(sample: Path) -> str:
    return render_document(symml.solve_document(sample.read_text(), timeout=30), "md")


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_sample_export_matches_its_golden_file(sample):
    golden = ROOT / "tests" / "golden" / f"{sample.stem}.md"
    assert written(sample) == golden.read_text(), (
        f"the worked solution of samples/{sample.name} changed: if the change is meant, run "
        "`python tests/test_golden.py`, read `git diff tests/golden`, and commit it")


if __name__ == "__main__":
    for sample in SAMPLES:
        (ROOT / "tests" / "golden" / f"{sample.stem}.md").write_text(written(sample))
