// A trimmed stand-in for the vendored copy's own header: its includes are Boost's, not the project's.
#include <boost/config.hpp>
#include <boost/current_function.hpp>
