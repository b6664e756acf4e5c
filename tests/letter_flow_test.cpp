// Page breaking of letter bodies (documents/letter_flow.hpp) on plain boxes: where breaks fall,
// what is kept together, what is repeated.
#include "documents/letter_flow.hpp"

#include <gtest/gtest.h>

namespace dun::letter {
namespace {

constexpr FlowArea kArea{100, 20, 200};  // 100 points on page 1, 180 on the next pages

FlowBox box(double height, double space_before = 0, bool keep_with_next = false,
            int repeat_header = -1) {
  FlowBox made;
  made.height = height;
  made.space_before = space_before;
  made.keep_with_next = keep_with_next;
  made.repeat_header = repeat_header;
  return made;
}

// The page each box lands on (1-based) and its top, as "box@page:top" words.
std::string placements(const std::vector<FlowBox>& boxes) {
  std::string text;
  const auto pages = paginate(boxes, kArea);
  for (std::size_t p = 0; p < pages.size(); ++p) {
    for (const PlacedBox& placed : pages[p]) {
      if (!text.empty()) text += ' ';
      text += std::to_string(placed.box) + "@" + std::to_string(p + 1) + ":" +
              std::to_string(static_cast<int>(placed.top));
    }
  }
  return text;
}

TEST(LetterFlow, FillsPagesInOrder) {
  EXPECT_EQ(placements({box(40), box(40), box(40)}), "0@1:100 1@1:140 2@2:20");
}

TEST(LetterFlow, SpaceBeforeIsDroppedAtThePageTop) {
  EXPECT_EQ(placements({box(90), box(20, 10)}), "0@1:100 1@2:20");
  EXPECT_EQ(placements({box(50), box(20, 10)}), "0@1:100 1@1:160");
}

TEST(LetterFlow, AnEmptyBodyStillHasAPage) { EXPECT_EQ(paginate({}, kArea).size(), 1u); }

TEST(LetterFlow, KeptBoxesMoveTogether) {
  // A paragraph's first line would be alone at the foot of page 1: it moves with the second.
  EXPECT_EQ(placements({box(80), box(12, 0, true), box(12)}), "0@1:100 1@2:20 2@2:32");
}

TEST(LetterFlow, AChainLongerThanAPageBreaksWhereItMust) {
  std::vector<FlowBox> boxes{box(50)};
  for (int i = 0; i < 5; ++i) boxes.push_back(box(40, 0, true));
  boxes.push_back(box(40));
  EXPECT_EQ(placements(boxes), "0@1:100 1@1:150 2@2:20 3@2:60 4@2:100 5@2:140 6@3:20");
}

TEST(LetterFlow, TableHeaderIsRepeatedAboveRowsThatStartAPage) {
  // Box 0 is the header (kept with the first row); rows name it as their repeat header.
  std::vector<FlowBox> boxes{box(15, 0, true)};
  for (int i = 0; i < 8; ++i) boxes.push_back(box(20, 0, false, 0));
  EXPECT_EQ(placements(boxes),
            "0@1:100 1@1:115 2@1:135 3@1:155 4@1:175 0@2:20 5@2:35 6@2:55 7@2:75 8@2:95");
}

TEST(LetterFlow, HeaderWithoutRoomForARowMovesToTheNextPage) {
  EXPECT_EQ(placements({box(80), box(15, 0, true), box(20, 0, false, 1)}), "0@1:100 1@2:20 2@2:35");
}

}  // namespace
}  // namespace dun::letter
