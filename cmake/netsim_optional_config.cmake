# netsim_probe_config_package(<package> <result-var> <reason-var>)
#
# Whether find_package(<package> CONFIG) would load, asked in a separate CMake run so that
# a package whose own config file fails cannot stop this configure: Debian's oneDNN config
# requires OpenCL and is fatal without it, even under QUIET. Sets <result-var> to TRUE or
# FALSE and, when FALSE, <reason-var> to the first line of what went wrong. Optional parts
# use it so that their absence turns them off with one line, never a failed configure.
function(netsim_probe_config_package package result reason)
  set(dir "${CMAKE_BINARY_DIR}/optional-config-probes/${package}")
  file(WRITE "${dir}/CMakeLists.txt"
       "cmake_minimum_required(VERSION 3.21)\n"
       "project(netsim_probe_${package} LANGUAGES CXX)\n"
       "find_package(${package} CONFIG REQUIRED)\n")
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -S "${dir}" -B "${dir}/build"
            "-DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}"
            "-DCMAKE_PREFIX_PATH=${CMAKE_PREFIX_PATH}"
    RESULT_VARIABLE status OUTPUT_QUIET ERROR_VARIABLE errors)
  if(status EQUAL 0)
    set(${result} TRUE PARENT_SCOPE)
    set(${reason} "" PARENT_SCOPE)
    return()
  endif()
  set(${result} FALSE PARENT_SCOPE)
  # The first line that says what is missing ("Could NOT find OpenCL (missing: ...)" or
  # "Could not find a package configuration file provided by ...").
  string(REGEX MATCH "Could [Nn][Oo][Tt] find[^\n]*" first "${errors}")
  if(NOT first)  # otherwise the first line of the message under "CMake Error at ...:"
    string(REGEX MATCH "CMake Error[^\n]*\n+[ ]*([^\n]*)" unused "${errors}")
    set(first "${CMAKE_MATCH_1}")
  endif()
  string(STRIP "${first}" first)
  set(${reason} "${first}" PARENT_SCOPE)
endfunction()
