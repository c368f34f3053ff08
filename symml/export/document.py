"""What every export shares: the label of a result's kind, and the json export."""
from __future__ import annotations

import json

from ..result import Result
from ..solution import Solution

KIND_LABELS = {"definition": "Defined", "declaration": "Declared", "value": "Result",
               "check": "Check", "solution": "Solution"}


def kind_label(result: Result) -> str:
    return KIND_LABELS.get(result.kind, "Result")


def to_json(solution: Solution) -> str:
    return json.dumps({"results": [r.to_json() for r in solution.results]},
                      ensure_ascii=False, indent=2) + "\n"
