#include "documents/stored_document.hpp"

#include <nlohmann/json.hpp>

namespace dun {
namespace {

nlohmann::json party_json(const Party& party) {
  return {{"name", party.name},
          {"address_lines", party.address_lines},
          {"email", party.email},
          {"phone", party.phone}};
}

Party party_from(const nlohmann::json& json) {
  Party party;
  party.name = json.value("name", "");
  party.address_lines = json.value("address_lines", std::vector<std::string>{});
  party.email = json.value("email", "");
  party.phone = json.value("phone", "");
  return party;
}

}  // namespace

StoredDocument to_stored(const OutgoingDocument& document) {
  const nlohmann::json envelope = {{"from", document.envelope_from},
                                   {"to", document.envelope_to},
                                   {"recipient", party_json(document.recipient)},
                                   {"recipient_country", document.recipient_country},
                                   {"sender", party_json(document.sender)}};
  return {document.content_type, document.bytes, envelope.dump()};
}

Result<OutgoingDocument> from_stored(const StoredDocument& stored) {
  // nlohmann-json reports a bad document by exception: caught here, at the module boundary.
  try {
    const nlohmann::json envelope = nlohmann::json::parse(stored.envelope);
    OutgoingDocument document;
    document.content_type = stored.content_type;
    document.bytes = stored.bytes;
    document.envelope_from = envelope.value("from", "");
    document.envelope_to = envelope.value("to", std::vector<std::string>{});
    document.recipient = party_from(envelope.value("recipient", nlohmann::json::object()));
    document.recipient_country = envelope.value("recipient_country", "");
    document.sender = party_from(envelope.value("sender", nlohmann::json::object()));
    return document;
  } catch (const nlohmann::json::exception& error) {
    return Error{"the stored document's envelope is damaged: " + std::string(error.what())};
  }
}

}  // namespace dun
