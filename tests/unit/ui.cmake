# Widget tests of the main window, offscreen.

warroom_add_test(tst_mainwindow SOURCES ui/tst_mainwindow.cpp)
warroom_add_test(tst_palette SOURCES ui/tst_palette.cpp)

# The desktop executable's command line, run as a process.
warroom_add_test(tst_commandline SOURCES ui/tst_commandline.cpp)
target_compile_definitions(tst_commandline PRIVATE WARROOM_APP="$<TARGET_FILE:warroom>")
add_dependencies(tst_commandline warroom)

# The Backend settings dialog against the real warroom-server (HTTP and HTTPS) on loopback.
warroom_add_test(tst_backendsettings
    SOURCES ui/tst_backendsettings.cpp awsclient/WarroomServerProcess.cpp
        awsclient/WarroomServerProcess.h TIMEOUT 180)
add_dependencies(tst_backendsettings warroom-server)
