#include "cli/output/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "documents/document_html.hpp"

namespace dun::cli {
namespace {

constexpr const char* kColors[] = {"#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#c53030"};

// SVG is XML: HTML's escaping of text and attribute values is XML's too.
std::string escaped(const std::string& text) { return escape_html(text); }

std::string number(double value) {
  char text[32];
  if (std::fabs(value - std::round(value)) < 1e-9) {
    std::snprintf(text, sizeof text, "%.0f", value);
  } else {
    std::snprintf(text, sizeof text, "%.1f", value);
  }
  return text;
}

// A round axis maximum at or above `value`: 1, 2 or 5 times a power of ten.
double nice_ceiling(double value) {
  if (value <= 0) return 1;
  const double power = std::pow(10.0, std::floor(std::log10(value)));
  for (double step : {1.0, 2.0, 5.0, 10.0}) {
    if (value <= step * power) return step * power;
  }
  return 10 * power;
}

}  // namespace

std::string svg_bar_chart(const BarChart& chart) {
  const double left = 70, top = 40, plot_height = 220, bottom_space = 70;
  const std::size_t groups = std::max<std::size_t>(chart.categories.size(), 1);
  const std::size_t bars = std::max<std::size_t>(chart.series.size(), 1);
  const double group_width = std::max(12.0, std::min(90.0, 720.0 / static_cast<double>(groups)));
  const double plot_width = group_width * static_cast<double>(groups);
  const double width = left + plot_width + 20;
  const double height = top + plot_height + bottom_space + 20 * static_cast<double>(bars);
  double highest = 0;
  for (const ChartSeries& series : chart.series)
    for (double value : series.values) highest = std::max(highest, value);
  const double axis_max = nice_ceiling(highest);

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + number(width) +
                    "\" height=\"" + number(height) + "\" viewBox=\"0 0 " + number(width) + " " +
                    number(height) +
                    "\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\">\n";
  svg += "<title>" + escaped(chart.title) + "</title>\n";
  svg += "<text x=\"" + number(left) + "\" y=\"20\" font-size=\"14\" font-weight=\"bold\">" +
         escaped(chart.title) + "</text>\n";
  for (int line = 0; line <= 4; ++line) {
    const double value = axis_max * line / 4;
    const double y = top + plot_height - plot_height * line / 4;
    svg += "<line x1=\"" + number(left) + "\" y1=\"" + number(y) + "\" x2=\"" +
           number(left + plot_width) + "\" y2=\"" + number(y) + "\" stroke=\"#ccc\"/>\n";
    svg += "<text x=\"" + number(left - 6) + "\" y=\"" + number(y + 4) + "\" text-anchor=\"end\">" +
           escaped(number(value) + (chart.unit.empty() ? "" : " ") + chart.unit) + "</text>\n";
  }
  const double bar_width = (group_width * 0.8) / static_cast<double>(bars);
  for (std::size_t group = 0; group < chart.categories.size(); ++group) {
    const double group_left = left + group_width * static_cast<double>(group) + group_width * 0.1;
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
      const double value = chart.series[s].values[group];
      const double bar_height = axis_max > 0 ? plot_height * value / axis_max : 0;
      svg +=
          "<rect x=\"" + number(group_left + bar_width * static_cast<double>(s)) + "\" y=\"" +
          number(top + plot_height - bar_height) + "\" width=\"" + number(bar_width) +
          "\" height=\"" + number(bar_height) + "\" fill=\"" + kColors[s % 5] + "\"><title>" +
          escaped(chart.categories[group] + " · " + chart.series[s].name + ": " + number(value)) +
          "</title></rect>\n";
    }
    // Labels of a dense axis (90 days) are shown every few groups only.
    const std::size_t every = std::max<std::size_t>(1, groups / 12);
    if (group % every == 0) {
      const double x = group_left + group_width * 0.4;
      const double y = top + plot_height + 14;
      svg += "<text x=\"" + number(x) + "\" y=\"" + number(y) + "\" text-anchor=\"end\" " +
             "transform=\"rotate(-35 " + number(x) + " " + number(y) + ")\">" +
             escaped(chart.categories[group]) + "</text>\n";
    }
  }
  svg += "<line x1=\"" + number(left) + "\" y1=\"" + number(top + plot_height) + "\" x2=\"" +
         number(left + plot_width) + "\" y2=\"" + number(top + plot_height) +
         "\" stroke=\"#333\"/>\n";
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const double y = top + plot_height + bottom_space + 20 * static_cast<double>(s);
    svg += "<rect x=\"" + number(left) + "\" y=\"" + number(y - 10) +
           "\" width=\"12\" height=\"12\" fill=\"" + kColors[s % 5] + "\"/>\n";
    svg += "<text x=\"" + number(left + 18) + "\" y=\"" + number(y) + "\">" +
           escaped(chart.series[s].name) + "</text>\n";
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace dun::cli
