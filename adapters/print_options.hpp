// How a paper letter is printed and posted, whatever adapter takes it: the [adapters.letter]
// settings `color` (default false: black and white) and `duplex` (default true: both sides of
// the sheet), and the letter's own postage (the scenario's `postage priority|economy|ecopli` or
// `dun send --postage`). The print & mail adapter sends them with the letter, the letter outbox
// writes them in its manifest, and both report them in the words `dun show` prints.
#pragma once

#include <optional>
#include <string>

#include "adapters/adapter_settings.hpp"
#include "engine/model/action.hpp"
#include "stdlib/result.hpp"

namespace dun::adapters {

struct PrintOptions {
  bool color = false;
  bool duplex = true;
};

// `color` and `duplex` of an [adapters.letter] table (each a boolean, else an error naming the
// line).
Result<PrintOptions> read_print_options(const AdapterSettings& settings);

// "black and white, duplex, postage priority": what the adapter did with a letter. An electronic
// letter is not printed: "" (nothing to say).
std::string describe_print(const PrintOptions& options, const Action& action);

}  // namespace dun::adapters
