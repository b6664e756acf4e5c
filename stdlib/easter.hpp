// Easter Sunday in the Gregorian calendar, the anchor of the movable feasts (Good Friday, Easter
// Monday, Ascension, Whit Monday, Corpus Christi).
#pragma once

#include "stdlib/date.hpp"

namespace dun {

// Easter Sunday of `year` (1583 and later: the Gregorian computus).
Date easter_sunday(int year);

}  // namespace dun
