#include "adapters/agenda/agenda_adapter.hpp"

namespace dun::adapters {
namespace {

class AgendaAdapter : public Adapter {
 public:
  std::string_view kind() const override { return "agenda"; }

  // The delivery loop never hands a task to an adapter; should it, the task is refused rather
  // than reported as delivered.
  DeliveryReport deliver(const Action& /*action*/, const OutgoingDocument& /*document*/) override {
    return {DeliveryOutcome::rejected, "",
            "tasks are kept in the agenda (dun agenda list), not delivered"};
  }

  CheckReport check() override {
    return {true, "tasks are kept in the state store's agenda (dun agenda list)"};
  }
};

}  // namespace

Result<std::unique_ptr<Adapter>> make_agenda_adapter(const AdapterSettings& settings) {
  if (auto checked = settings.only({}); !checked) return checked.error();
  return std::unique_ptr<Adapter>(std::make_unique<AgendaAdapter>());
}

}  // namespace dun::adapters
