// The `agenda` kind of the task channel ([adapters.task] kind = "agenda"): tasks are written to
// the agenda in the state store by the run itself (engine/run/agenda.hpp), so there is nothing to
// deliver; the adapter exists so that the task channel is configured like the others and
// `dun adapters check` reports it.
#pragma once

#include <memory>

#include "adapters/adapter.hpp"
#include "adapters/adapter_settings.hpp"
#include "stdlib/result.hpp"

namespace dun::adapters {

// Takes no setting besides kind.
Result<std::unique_ptr<Adapter>> make_agenda_adapter(const AdapterSettings& settings);

}  // namespace dun::adapters
