#pragma once
// Data sources may carry credentials (PG:"host=… password=…", postgresql://user:pw@host/db).
// Anything that prints a source — a log line, an error message, a response — prints it through
// mask_secrets, so a password never reaches a log file or a client.
#include <string>
#include <string_view>

namespace onemap::catalog {

// `text` with every password value replaced by ***: `password=` (any ASCII case, also
// sslpassword) with a bare, 'single-' or "double-quoted" value, and the password of a URI's
// user-info (scheme://user:***@host). Everything else, including a surrounding message, is kept.
std::string mask_secrets(std::string_view text);

}  // namespace onemap::catalog
