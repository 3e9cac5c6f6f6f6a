//  Boost version.hpp configuration header file  ------------------------------//

//  (C) Copyright John maddock 1999. Distributed under the Boost
//  Software License, Version 1.0. (See accompanying file
//  LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_VERSION_HPP
#define BOOST_VERSION_HPP

#define BOOST_VERSION 108500

#define BOOST_LIB_VERSION "1_85"

#endif
