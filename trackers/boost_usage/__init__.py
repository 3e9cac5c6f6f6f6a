"""Boost usage: which Boost headers the files of local C and C++ projects include, the Boost
version each project declares, and whether it carries its own copy of Boost, from source trees
on disk. A project that is a GitHub repository names the GitHub tracker's repository."""
