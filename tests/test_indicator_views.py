"""The Indicators pane, its charts and the import dialog, drawn offscreen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from indicator_workbooks import annual_report, annual_rows_with_differences, edited_fixture
from demo_days import JULY
from scrutiny_app.core.queries import find_meeting
from scrutiny_app.ui.difference_colours import BETTER, WORSE
from scrutiny_app.ui.indicator_import_dialog import IndicatorImportDialog
from scrutiny_app.ui.indicators_pane import IndicatorsPane


def _pane(qtbot, demo_store, label: str) -> IndicatorsPane:
    pane = IndicatorsPane()
    qtbot.addWidget(pane)
    pane.load(demo_store, find_meeting(demo_store, JULY))
    pane.picker.setCurrentIndex([v.table.label for v in pane.views].index(label))
    return pane


def test_table_chart_draws_a_bar_per_group_and_period_with_difference_labels(qtbot, demo_store):
    pane = _pane(qtbot, demo_store, "Table 1")
    visible = [b for b in pane.chart.bars if b.isVisible()]
    assert [len(b.opts["height"]) for b in visible] == [3, 3, 3]
    assert [t.toPlainText() for t in pane.chart.labels if t.isVisible()][1] == "13.3% / 12.7%"


def test_monthly_table_draws_a_point_per_month_with_its_target(qtbot, demo_store):
    pane = _pane(qtbot, demo_store, "Table 6")
    assert len(pane.chart.points.data) == 12
    assert pane.chart.target.isVisible() and pane.chart.target.value() == 90


def test_point_tooltip_gives_the_period_and_exact_figure(qtbot, demo_store):
    pane = _pane(qtbot, demo_store, "Table 6")
    assert pane.chart.points.data["data"][3] == "July 2024: 86.3%"


def test_across_meetings_charts_the_selected_indicator_as_a_series(qtbot, demo_store):
    pane = _pane(qtbot, demo_store, "Table 1")
    pane.table.view.setCurrentIndex(pane.table.proxy.index(2, 1))
    pane.across.setChecked(True)
    assert pane.chart.currentWidget() is pane.chart.line_plot
    assert list(pane.chart.points.data["y"]) == [708]


def test_direction_colours_the_difference(qtbot, demo_store):
    pane = _pane(qtbot, demo_store, "Table 1")
    model = pane.model
    better = [c.header for c in model.columns].index("Better")
    assert model.setData(model.index(2, better), "lower")  # GBH crimes, up 13.3%: worse
    diff = [c.header for c in model.columns].index("± prev 12m")
    assert model.data(model.index(2, diff), Qt.ItemDataRole.ForegroundRole).color() == QColor(WORSE)
    assert model.setData(model.index(2, better), "higher")
    assert model.data(model.index(2, diff), Qt.ItemDataRole.ForegroundRole).color() == QColor(BETTER)


def test_chart_exports_as_png(qtbot, demo_store, tmp_path):
    pane = _pane(qtbot, demo_store, "Table 6")
    pane.chart.export_image(tmp_path / "chart.png")
    assert QImage(str(tmp_path / "chart.png")).width() == 1600


def test_chart_exports_as_svg(qtbot, demo_store, tmp_path):
    pane = _pane(qtbot, demo_store, "Table 1")
    pane.chart.export_image(tmp_path / "chart.svg")
    assert "<svg" in (tmp_path / "chart.svg").read_text(encoding="utf-8")


def test_import_dialog_holds_back_a_file_with_unreadable_cells(qtbot, demo_store, tmp_path):
    dialog = IndicatorImportDialog(demo_store, find_meeting(demo_store, JULY), annual_report(tmp_path))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.reading is not None, timeout=10000)  # read off the GUI thread
    assert not dialog.import_button.isEnabled()
    dialog.readable_only.setChecked(True)
    assert dialog.import_button.isEnabled()


def test_import_dialog_lists_each_problem_with_its_cell(qtbot, demo_store, tmp_path):
    dialog = IndicatorImportDialog(demo_store, find_meeting(demo_store, JULY), annual_report(tmp_path))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.reading is not None, timeout=10000)  # read off the GUI thread
    lines = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert [line.split(":")[0][-3:] for line in lines] == ["C12", " H8", " H9"]


def test_correcting_a_column_in_the_dialog_reads_the_file_again(qtbot, demo_store, tmp_path):
    path = edited_fixture(tmp_path, "Table 1", "F4", 15.3)
    dialog = IndicatorImportDialog(demo_store, find_meeting(demo_store, JULY), path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.reading is not None, timeout=10000)
    table = dialog.reading.tables[0]
    assert dialog.reading.problems != []
    dialog.correct(table, next(r for r in table.roles if r.col == 6), "ignore")
    qtbot.waitUntil(lambda: dialog.reading is not None, timeout=10000)
    assert dialog.reading.problems == []


def test_import_dialog_imports_into_the_meeting(qtbot, demo_store, tmp_path):
    meeting = find_meeting(demo_store, JULY)
    dialog = IndicatorImportDialog(demo_store, meeting, annual_report(tmp_path))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.reading is not None, timeout=10000)
    dialog.readable_only.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.import_button.click()
    pane = _pane(qtbot, demo_store, "Table 8")
    assert pane.model.rowCount() == 8


def test_editing_the_series_links_an_indicator_to_another_series(qtbot, demo_store):
    from scrutiny_app.core.indicator_series import indicator_series

    pane = _pane(qtbot, demo_store, "Table 1")
    column = [c.header for c in pane.model.columns].index("Series")
    first = pane.model.rows[0].indicator
    assert pane.model.setData(pane.model.index(0, column), "  Violence with Injury  /  crimes ")
    assert first.series_key == "violence with injury / crimes"
    assert [p.value for p in indicator_series(demo_store, "violence with injury / crimes")] == [7697]


def test_across_meetings_says_when_a_series_has_a_single_point(qtbot, demo_store):
    pane = _pane(qtbot, demo_store, "Table 1")
    pane.table.view.setCurrentIndex(pane.table.proxy.index(2, 1))
    pane.across.setChecked(True)
    assert not pane.series_note.isHidden()
    assert pane.series_note.text().startswith("A single point: only the report of 8 July 2025 carries this indicator")


def test_across_meetings_says_when_every_point_comes_from_one_report(qtbot, demo_store):
    pane = _pane(qtbot, demo_store, "Table 6")
    pane.across.setChecked(True)
    assert pane.series_note.text().startswith("All 12 points come from the report of 8 July 2025")


def test_series_note_goes_when_across_meetings_is_turned_off(qtbot, demo_store):
    pane = _pane(qtbot, demo_store, "Table 1")
    pane.across.setChecked(True)
    pane.across.setChecked(False)
    assert pane.series_note.isHidden()


def test_series_from_two_meetings_needs_no_note():
    from scrutiny_app.core.indicator_series import SeriesPoint
    from scrutiny_app.ui.indicators_pane import series_note

    points = [SeriesPoint(dt.date(2025, 3, 31), 708, "708", "Last 12 months", dt.date(2025, 7, 8)),
              SeriesPoint(dt.date(2025, 6, 30), 690, "690", "Last 12 months", dt.date(2025, 10, 1))]
    assert series_note(points) == ""


def test_a_table_of_years_is_charted_as_a_line_with_a_point_per_year(qtbot, demo_store, tmp_path):
    from scrutiny_app.imports.indicators import import_indicators

    import_indicators(demo_store, find_meeting(demo_store, JULY), annual_rows_with_differences(tmp_path))
    pane = _pane(qtbot, demo_store, "Table 9")
    assert pane.chart.currentWidget() is pane.chart.line_plot and len(pane.chart.points.data) == 6


def test_a_flagged_difference_in_a_table_of_years_explains_itself_on_hover(qtbot, demo_store, tmp_path):
    from scrutiny_app.imports.indicators import import_indicators

    import_indicators(demo_store, find_meeting(demo_store, JULY), annual_rows_with_differences(tmp_path))
    pane = _pane(qtbot, demo_store, "Table 9")
    column = [c.header for c in pane.model.columns].index("2017/18")
    tip = pane.model.data(pane.model.index(1, column), Qt.ItemDataRole.ToolTipRole)
    assert tip == "Printed 3,312, recomputed 3,132 from 70112 and 66980"
