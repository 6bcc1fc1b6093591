"""``scrutiny-app search``: one hit per line, and an exit status a script can test."""

from __future__ import annotations

from scrutiny_app.cli import main


def test_da_matters_finds_the_april_pcc_answer_and_action_18(demo_path, capsys):
    assert main(["search", "DA Matters", "--db", str(demo_path)]) == 0
    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert ["2025-04-16", "Action", "Action 18"] in [line[:3] for line in lines]
    answer = next(line for line in lines if line[1] == "PCC question")
    assert answer[0] == "2025-04-16" and "[DA Matters] Training" in answer[3]


def test_filters_narrow_the_hits(demo_path, capsys):
    assert main(["search", "DA Matters", "--kind", "action", "--since", "2025-04-01", "--db", str(demo_path)]) == 0
    assert [line.split("\t")[2] for line in capsys.readouterr().out.splitlines()] == ["Action 18"]


def test_no_hits_exit_with_status_1(demo_path, capsys):
    assert main(["search", "DA Matters", "--until", "2025-01-01", "--db", str(demo_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "No matches" in captured.err


def test_a_malformed_query_is_one_line_and_status_2(demo_path, capsys):
    assert main(["search", '"DA Matters', "--db", str(demo_path)]) == 2
    assert capsys.readouterr().err.strip() == (
        "scrutiny-app: The search '\"DA Matters' opens a double quote that is never closed.")
