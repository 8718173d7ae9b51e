# Builds the Debian package with cpack, unpacks it and checks its desktop files.
# Needs the whole tree built first (cpack runs the install rules), as ctest does.
add_test(NAME packaging_deb
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/packaging/check-deb.sh
            ${PROJECT_BINARY_DIR} ${PROJECT_VERSION})
set_tests_properties(packaging_deb PROPERTIES LABELS packaging TIMEOUT 600)
