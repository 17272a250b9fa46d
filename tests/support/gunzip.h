#pragma once
#include <string>

namespace onemap::testing {

// Independent of the server's gzip_compress: zlib inflate with gzip window bits, as a browser
// would decode a Content-Encoding: gzip body. Throws on corrupt input.
std::string gunzip(const std::string& compressed);

}  // namespace onemap::testing
