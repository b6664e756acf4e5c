#include "documents/letter_flow.hpp"

namespace dun::letter {
namespace {

class Paginator {
 public:
  Paginator(const std::vector<FlowBox>& boxes, const FlowArea& area)
      : boxes_(boxes), area_(area), y_(area.first_top) {
    pages_.emplace_back();
  }

  std::vector<FlowPage> run() {
    for (std::size_t i = 0; i < boxes_.size(); ++i) place(i);
    return std::move(pages_);
  }

 private:
  // The height the boxes chained to `first` by keep_with_next take after it starts.
  double chain_height(std::size_t first) const {
    double height = boxes_[first].height;
    for (std::size_t i = first; boxes_[i].keep_with_next && i + 1 < boxes_.size(); ++i)
      height += boxes_[i + 1].space_before + boxes_[i + 1].height;
    return height;
  }

  double header_height(const FlowBox& box) const {
    return box.repeat_header < 0 ? 0 : boxes_[static_cast<std::size_t>(box.repeat_header)].height;
  }

  void place(std::size_t i) {
    const FlowBox& box = boxes_[i];
    if (!at_top_) {
      const bool chain_fits_here = y_ + box.space_before + chain_height(i) <= area_.bottom;
      const bool chain_fits_a_page =
          header_height(box) + chain_height(i) <= area_.bottom - area_.next_top;
      const bool box_fits_here = y_ + box.space_before + box.height <= area_.bottom;
      // Inside a chain the decision was made at its start; a chain too long for any page is
      // broken where it must be, not before it.
      const bool inside_chain = i > 0 && boxes_[i - 1].keep_with_next;
      const bool break_chain = !inside_chain && !chain_fits_here && chain_fits_a_page;
      if (break_chain || !box_fits_here) new_page();
    }
    if (at_top_ && box.repeat_header >= 0 && pages_.size() > 1 &&
        !starts_with_header(static_cast<std::size_t>(box.repeat_header))) {
      put(static_cast<std::size_t>(box.repeat_header));
    }
    if (!at_top_) y_ += box.space_before;
    put(i);
  }

  bool starts_with_header(std::size_t header) const {
    return !pages_.back().empty() && pages_.back().front().box == header;
  }

  void put(std::size_t i) {
    pages_.back().push_back({i, y_});
    y_ += boxes_[i].height;
    at_top_ = false;
  }

  void new_page() {
    pages_.emplace_back();
    y_ = area_.next_top;
    at_top_ = true;
  }

  const std::vector<FlowBox>& boxes_;
  const FlowArea& area_;
  std::vector<FlowPage> pages_;
  double y_;
  bool at_top_ = true;
};

}  // namespace

std::vector<FlowPage> paginate(const std::vector<FlowBox>& boxes, const FlowArea& area) {
  return Paginator(boxes, area).run();
}

}  // namespace dun::letter
