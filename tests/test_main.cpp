// The one translation unit that holds doctest's runner; the test_*.cpp files only hold cases.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
