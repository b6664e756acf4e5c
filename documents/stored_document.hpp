// An action's document as the outbox keeps it (StoredDocument, engine/model/delivery_records.hpp:
// the bytes and an envelope in JSON) and as an adapter receives it (OutgoingDocument). The
// envelope keeps everything besides the bytes that a transport needs, so that a retry needs no
// snapshot and no rendering. Pure functions over values; safe from any thread.
#pragma once

#include "documents/outgoing_document.hpp"
#include "engine/model/delivery_records.hpp"
#include "stdlib/result.hpp"

namespace dun {

StoredDocument to_stored(const OutgoingDocument& document);
// The inverse of to_stored. Fails when the envelope is not the JSON to_stored writes (a damaged
// or hand-edited store).
Result<OutgoingDocument> from_stored(const StoredDocument& stored);

}  // namespace dun
