#!/usr/bin/env python3
"""Project a declcmp.matrix/1 JSON onto one other document as a declcmp.report/1-shaped
JSON (the focus as A, that document as B, one pair per grid cell), so the bench scorer
(../shared/bench/score.py) can score the matrix's counterparts as it scores `declcmp A B`.

usage: matrix_as_report.py MATRIX.json OTHER_PATH > REPORT.json
"""
import json, sys

matrix = json.load(open(sys.argv[1]))
docs = matrix["documents"]
k = next(i for i, d in enumerate(docs) if d["path"] == sys.argv[2] or d["path"].endswith("/" + sys.argv[2]))
pairs = [
    {"a": [row["clause"]], "b": c["clauses"], "similarity": c["similarity"], "commitment_change": "none"}
    for row in matrix["rows"] for c in row["counterparts"] if c["document"] == k
]
json.dump({"schema": "declcmp.report/1", "a": docs[matrix["focus"]], "b": docs[k], "pairs": pairs}, sys.stdout)
