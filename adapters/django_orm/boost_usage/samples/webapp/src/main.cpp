// The sample web application: parses a request body and answers it.
#include <boost/json.hpp>
#include <boost/core/noncopyable.hpp>
// #include <boost/regex.hpp>  -- replaced by std::regex
/* #include <boost/format.hpp> */
#include <iostream>

#if 0
#include <boost/spirit/home/x3.hpp>
#endif

int main() {
    boost::json::value body = boost::json::parse(R"({"hello": "world"})");
    std::cout << body << '\n';
}
