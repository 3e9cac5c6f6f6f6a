#include <boost/asio.hpp>
#include <boost/json.hpp>

void serve(boost::asio::io_context& io) { io.run(); }
