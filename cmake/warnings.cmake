# dun_target_warnings(TARGET): the warning set every dun target compiles with. -Werror applies to
# the normal build only: GCC's manual advises against combining it with sanitizers, which raise
# false warnings inside libstdc++ (-Wmaybe-uninitialized in <regex>, -Wrestrict in string copies;
# both met in CI). The normal build still compiles every file with zero warnings.
#
# -Wrestrict is off in Release builds with GCC 12: at -O3 it warns inside libstdc++'s own string
# code wherever a literal is prepended to a std::string (`"x" + text`), a false positive (GCC bug
# 105329) that a clean Release build met all over the code (bench/RESULTS.md, eleventh round).
# The RelWithDebInfo build CI compiles with -Werror (-O2) keeps the warning, and has none.
function(dun_target_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wimplicit-fallthrough)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE $<$<CONFIG:Release>:-Wno-restrict>)
  endif()
  if(DUN_WERROR AND NOT DUN_SANITIZE)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# dun_library(NAME FOLDER DEPS...): a library target made of every .cpp in FOLDER (not in tests),
# with the project root as its public include directory (includes read "dsl/ast.hpp").
function(dun_library name)
  cmake_parse_arguments(ARG "" "" "DEPS;PRIVATE_DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  if(sources)
    add_library(${name} STATIC ${sources})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
    dun_target_warnings(${name})
  else()
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} INTERFACE ${ARG_DEPS})
  endif()
endfunction()

# dun_adapter_plugin(TARGET): a MODULE library in C built against adapters/plugin/dun_adapter.h
# alone (not the project root, so including a dun header fails to build), as a third party would
# build one: C99, only the entry point exported, warnings as for the rest of dun.
function(dun_adapter_plugin target)
  set_target_properties(${target} PROPERTIES C_STANDARD 99 C_STANDARD_REQUIRED ON
                        C_EXTENSIONS OFF C_VISIBILITY_PRESET hidden)
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/adapters/plugin)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
                                           -Wmissing-prototypes)
  if(DUN_WERROR AND NOT DUN_SANITIZE)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
