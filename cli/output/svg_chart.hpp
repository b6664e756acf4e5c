// Bar charts as standalone SVG, drawn on the server (`dun report --chart`, the workspace's
// reports page): one group of bars per category, one bar per series, a value axis with four
// gridlines, a legend. Every text is escaped; no script, no external reference.
//
// Pure function: nothing is kept between calls.
#pragma once

#include <string>
#include <vector>

namespace dun::cli {

struct ChartSeries {
  std::string name;
  std::vector<double> values;  // one per category
};

struct BarChart {
  std::string title;
  std::string unit;  // shown after the axis values ("EUR", "%", "")
  std::vector<std::string> categories;
  std::vector<ChartSeries> series;
};

// REQUIRES: every series has one value per category.
std::string svg_bar_chart(const BarChart& chart);

}  // namespace dun::cli
