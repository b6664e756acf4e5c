// The id index's lookups (IdIndex, engine/portfolio/id_index.hpp): one after the other (find)
// against a batch at a time (find_each), as the day plan maps each stored sequence to its invoice
// row. Ids as `dun gen` writes them ("I00000001"), looked up in id order, every fifth missing;
// the argument is the number of indexed ids: 1M keeps the 16 MB index mostly in the cache, 10M
// (256 MB) does not. Reports time per lookup.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "engine/portfolio/id_index.hpp"

namespace {

std::string invoice_id(std::int64_t n) {
  const std::string digits = std::to_string(n);
  std::string id = "I";
  id.append(digits.size() < 8 ? 8 - digits.size() : 0, '0');
  id += digits;
  return id;
}

struct Indexed {
  dun::TextColumn ids;
  dun::IdIndex index;
  dun::TextColumn keys;  // every indexed id, and one missing id for four found
};

const Indexed& indexed(std::int64_t count) {
  static Indexed built;
  if (static_cast<std::int64_t>(built.ids.size()) == count) return built;
  built = Indexed{};
  built.ids.reserve(static_cast<std::size_t>(count), static_cast<std::size_t>(count) * 9);
  built.index.reserve(built.ids, static_cast<std::size_t>(count));
  for (std::int64_t n = 0; n < count; ++n) {
    const std::string id = invoice_id(n);
    built.ids.push_back(id);
    built.index.insert(built.ids, static_cast<std::uint32_t>(n), dun::IdIndex::hash(id));
    if (n % 4 == 3) built.keys.push_back(invoice_id(count + n));
    built.keys.push_back(id);
  }
  return built;
}

void BM_FindOneAfterTheOther(benchmark::State& state) {
  const Indexed& data = indexed(state.range(0));
  for (auto _ : state) {
    std::uint64_t sum = 0;
    for (std::size_t k = 0; k < data.keys.size(); ++k) {
      if (const auto row = data.index.find(data.ids, data.keys[k])) sum += *row;
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(data.keys.size()));
}
BENCHMARK(BM_FindOneAfterTheOther)->Arg(1'000'000)->Arg(10'000'000)->Unit(benchmark::kMillisecond);

void BM_FindEach(benchmark::State& state) {
  const Indexed& data = indexed(state.range(0));
  for (auto _ : state) {
    std::uint64_t sum = 0;
    data.index.find_each(
        data.ids, data.keys, [&](std::size_t, std::uint32_t row) { sum += row; },
        [](std::size_t) {});
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(data.keys.size()));
}
BENCHMARK(BM_FindEach)->Arg(1'000'000)->Arg(10'000'000)->Unit(benchmark::kMillisecond);

}  // namespace
