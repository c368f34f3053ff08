"""The samples' worked solutions, exported as Markdown (tests/golden/*.md) and as a terminal
shows them with `symml eval --steps` (tests/golden/terminal/*.txt), against files a person
has read. After a deliberate change to what symml writes, regenerate them with
`python tests/test_golden.py`, read the diff, and commit it."""
from pathlib import Path

import pytest

import symml
from symml.export.formats import render_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


def written(sample: Path) -> str:
    return render_document(symml.solve_document(sample.read_text(), timeout=30), "md")


def on_a_terminal(sample: Path) -> str:
    """Each statement's steps and labelled result (or its error) in Unicode."""
    from symml.render.terminal import note_text, result_text
    from symml.syntax.document import split_statements

    workspace, out = symml.Workspace(timeout=30), []
    for statement in split_statements(sample.read_text()):
        result = workspace.run(statement.text)
        out.append(str(result.error) if result.error is not None
                   else result_text(result, steps=True))
        out += [f"  note: {note_text(note)}" for note in result.notes]
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_sample_export_matches_its_golden_file(sample):
    golden = ROOT / "tests" / "golden" / f"{sample.stem}.md"
    assert written(sample) == golden.read_text(), (
        f"the worked solution of samples/{sample.name} changed: if the change is meant, run "
        "`python tests/test_golden.py`, read `git diff tests/golden`, and commit it")


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_sample_on_a_terminal_matches_its_golden_file(sample):
    golden = ROOT / "tests" / "golden" / "terminal" / f"{sample.stem}.txt"
    assert on_a_terminal(sample) == golden.read_text(encoding="utf-8"), (
        f"what a terminal shows for samples/{sample.name} changed: if the change is meant, run "
        "`python tests/test_golden.py`, read `git diff tests/golden`, and commit it")


if __name__ == "__main__":
    (ROOT / "tests" / "golden" / "terminal").mkdir(exist_ok=True)
    for sample in SAMPLES:
        (ROOT / "tests" / "golden" / f"{sample.stem}.md").write_text(written(sample))
        (ROOT / "tests" / "golden" / "terminal" / f"{sample.stem}.txt").write_text(
            on_a_terminal(sample), encoding="utf-8")
