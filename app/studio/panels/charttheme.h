// Qt Charts draw with their own theme, not the widget palette: without this a chart stays a
// white box in the Dark theme. Picks the light or dark chart theme from the palette's window
// colour; panels call it for each new chart and again when the palette changes.
//
//   Keel::Studio::applyChartTheme(chart, view->palette());
#pragma once

class QChart;
class QPalette;

namespace Keel::Studio {

void applyChartTheme(QChart* chart, const QPalette& palette);

} // namespace Keel::Studio
