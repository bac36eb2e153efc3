# Install rules, the exported CMake package (find_package(netsim 0.2)), netsim.pc for
# pkg-config, and the .deb (CPack). Included by the top-level CMakeLists.txt when
# NETSIM_INSTALL is on (the default when netsim is the top-level project).
#
#   cmake --install build --prefix /opt/netsim      then, in a user's CMakeLists.txt:
#   find_package(netsim 0.2 REQUIRED)                (CMAKE_PREFIX_PATH=/opt/netsim)
#   target_link_libraries(app PRIVATE netsim::netsim)
#
# The libraries are static, so what they link privately (TBB, Boost.Graph, libzip, zlib,
# yaml-cpp) must be found again at the user's final link: netsimConfig.cmake does that
# with find_dependency. Every path in the package is relative to the prefix (relocatable).
include(CMakePackageConfigHelpers)

set(NETSIM_LIBRARIES netsim_core netsim_nodes netsim_builder netsim_optimizer netsim_networks netsim_config)
if(NETSIM_WITH_MPI)
  list(APPEND NETSIM_LIBRARIES netsim_mpi)  # netsim::netsim_mpi: MpiSession (data-parallel training)
endif()
# The layer targets keep their names in the package: netsim::netsim_core, ...; the flag
# targets travel along because the static libraries name them in their link interface.
install(TARGETS ${NETSIM_LIBRARIES} netsim_all netsim_warnings netsim_codegen
        EXPORT netsimTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
foreach(layer core nodes builder optimizer networks apps/config)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${layer}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endforeach()
install(TARGETS netsim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# netsim eval --report runs this script; the installed netsim looks for it here.
install(PROGRAMS ${PROJECT_SOURCE_DIR}/scripts/plot_report.py ${PROJECT_SOURCE_DIR}/scripts/plot_probes.py
        DESTINATION ${CMAKE_INSTALL_DATADIR}/netsim)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/examples/psmnist_lmu.yaml ${PROJECT_SOURCE_DIR}/examples/mnist_mlp.yaml
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

set(NETSIM_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/netsim)
install(EXPORT netsimTargets NAMESPACE netsim:: DESTINATION ${NETSIM_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/netsimConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/netsimConfig.cmake INSTALL_DESTINATION ${NETSIM_CMAKE_DIR})
# 0.x: a new minor version may break the API, so 0.2 accepts 0.2.* only.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/netsimConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/netsimConfig.cmake ${PROJECT_BINARY_DIR}/netsimConfigVersion.cmake
        DESTINATION ${NETSIM_CMAKE_DIR})

# pkg-config: `pkg-config --cflags --libs netsim`; the prefix is found from the .pc
# file's own folder, so the installed tree can move.
file(RELATIVE_PATH NETSIM_PC_UP "/root/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/root")
set(NETSIM_PC_PREFIX "\${pcfiledir}/${NETSIM_PC_UP}")
# The consumer compiles Eigen's templates the same way as the libraries did (a build with
# -march=native needs it in every user's build too; the default build is portable).
if(NETSIM_NATIVE)
  set(NETSIM_PC_CFLAGS "-march=native")
endif()
if(NETSIM_WITH_ONEDNN)
  set(NETSIM_PC_ONEDNN_LIBS "-ldnnl -l:libgomp.so.1")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/netsim.pc.in ${PROJECT_BINARY_DIR}/netsim.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/netsim.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
# netsim-mpi: `pkg-config --libs netsim-mpi` adds MpiSession's library and Open MPI's.
if(NETSIM_WITH_MPI)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/netsim-mpi.pc.in ${PROJECT_BINARY_DIR}/netsim-mpi.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/netsim-mpi.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endif()

# The .deb: `cpack --config build/CPackConfig.cmake -G DEB` (scripts/package_check.sh, step 4). Its
# dependencies are the -dev packages a user's build needs (headers and static-link
# libraries); matplotlib only for eval --report.
set(CPACK_PACKAGE_NAME netsim)
set(CPACK_PACKAGE_VENDOR "netsim developers")
set(CPACK_PACKAGE_CONTACT "netsim developers <netsim@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Dataflow-graph simulator in the style of Nengo/NengoDL, with BPTT training")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libeigen3-dev (>= 3.3), libtbb-dev, libboost-graph-dev (>= 1.74), libyaml-cpp-dev, libzip-dev, zlib1g-dev, libmuparser-dev, pkg-config")
if(NETSIM_WITH_MPI)
  string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", libopenmpi-dev, openmpi-bin")
endif()
if(NETSIM_WITH_ONEDNN)
  string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", libdnnl-dev")
endif()
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "python3-matplotlib, python3-numpy")
# The -dev packages above pull in the shared libraries the netsim program links (libtbb12,
# libyaml-cpp0.7, libzip4, zlib1g); dpkg-shlibdeps is not needed.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS OFF)
include(CPack)
