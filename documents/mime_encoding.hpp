// The encodings of MIME messages (RFC 2045, RFC 2047): base64 in 76-column lines, quoted-
// printable for UTF-8 text, and encoded words for non-ASCII header text. Pure functions: safe from
// several threads.
#pragma once

#include <string>
#include <string_view>

namespace dun::mime {

bool is_ascii(std::string_view text);
// base64 of `bytes` on one line (RFC 4648, with padding): JSON APIs carry files this way.
std::string base64(std::string_view bytes);
// base64 of `bytes`, CRLF after every 76 characters and at the end.
std::string base64_lines(std::string_view bytes);
// Quoted-printable of UTF-8 text whose lines end with '\n': output lines end with CRLF and hold
// at most 76 characters (soft breaks `=`); trailing blanks and '=' are encoded.
std::string quoted_printable(std::string_view text);
// `text` as header text: as is when ASCII, else RFC 2047 `=?UTF-8?B?…?=` words of at most 64
// characters, each holding whole UTF-8 characters, separated by CRLF SP (folded).
std::string header_text(std::string_view text);

}  // namespace dun::mime
