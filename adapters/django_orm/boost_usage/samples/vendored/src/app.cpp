#include <boost/config.hpp>
#include "boost/assert.hpp"

int main() { BOOST_ASSERT(1 + 1 == 2); }
