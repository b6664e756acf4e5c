// An action's document as the outbox keeps it (StoredDocument: bytes + an envelope in JSON) and
// as an adapter receives it (OutgoingDocument). The envelope keeps everything besides the bytes
// that a transport needs, so a retry needs no snapshot and no rendering.
#pragma once

#include "adapters/adapter.hpp"
#include "engine/model/delivery_records.hpp"
#include "stdlib/result.hpp"

namespace dun::adapters {

StoredDocument to_stored(const OutgoingDocument& document);
// Fails when the envelope is not the JSON to_stored writes (a damaged or hand-edited store).
Result<OutgoingDocument> from_stored(const StoredDocument& stored);

}  // namespace dun::adapters
