# acuroi_module(NAME <name> [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
# One library per folder modules/<name>: public headers in include/acuroi/<name>/, sources in src/.
# Targets are acuroi_<name> with the alias acuroi::<name>.
function(acuroi_module)
  cmake_parse_arguments(M "" "NAME" "PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/*.cpp)
  add_library(acuroi_${M_NAME} STATIC ${sources})
  add_library(acuroi::${M_NAME} ALIAS acuroi_${M_NAME})
  target_include_directories(acuroi_${M_NAME} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
                                              PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(acuroi_${M_NAME} PUBLIC ${M_PUBLIC_DEPS} PRIVATE ${M_PRIVATE_DEPS})
  target_compile_options(acuroi_${M_NAME} PRIVATE -Wall -Wextra -Wpedantic)
  set_target_properties(acuroi_${M_NAME} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()

# acuroi_test(NAME <name> SOURCES ... LIBS ... [LABELS ...])
# One GoogleTest executable; each TEST becomes a ctest case. Tests run from the build tree and
# find the source tree through ACUROI_SOURCE_DIR and the acuroi binary through ACUROI_BINARY.
function(acuroi_test)
  cmake_parse_arguments(T "" "NAME" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(test_${T_NAME} ${T_SOURCES})
  target_link_libraries(test_${T_NAME} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(test_${T_NAME} PRIVATE
      ACUROI_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
      ACUROI_SHARED_DIR="${CMAKE_SOURCE_DIR}/../shared"
      ACUROI_PYTHON="${ACUROI_PYTHON}"
      ACUROI_BINARY="$<TARGET_FILE:acuroi>")
  gtest_discover_tests(test_${T_NAME} PROPERTIES LABELS "${T_NAME};${T_LABELS}"
                       DISCOVERY_TIMEOUT 60)
endfunction()
