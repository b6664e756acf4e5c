# Installing dun like a Debian program, and its .deb (docs/install.md):
#   PREFIX/bin/dun                         the command
#   PREFIX/share/dun/scenarios/            the shipped scenarios and their templates
#   PREFIX/share/dun/examples/dun.toml     the example configuration
#   PREFIX/share/dun/editors/              the VS Code extension and the Neovim setup (docs/editors.md)
#   PREFIX/share/dun/web/                  the workspace's templates, style sheet and script
#   PREFIX/include/dun/dun_adapter.h       the adapter plugin C ABI, for plugin authors
#   PREFIX/share/doc/dun/                  README.md and docs/
# dun finds its shipped files from its own path (cli/args/shipped_files.hpp), so an installed tree
# works wherever it is unpacked. `cpack -G DEB` in the build folder writes dun_VERSION_ARCH.deb,
# whose dependencies dpkg-shlibdeps derives from the binary: Debian's runtime libraries, no -dev.
include(GNUInstallDirs)

install(TARGETS dun RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/scenarios/ DESTINATION ${CMAKE_INSTALL_DATADIR}/dun/scenarios)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/ DESTINATION ${CMAKE_INSTALL_DATADIR}/dun/web)
install(FILES ${PROJECT_SOURCE_DIR}/examples/dun.toml DESTINATION ${CMAKE_INSTALL_DATADIR}/dun/examples)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/editors/ DESTINATION ${CMAKE_INSTALL_DATADIR}/dun/editors)
install(FILES ${PROJECT_SOURCE_DIR}/adapters/plugin/dun_adapter.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/dun)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME dun)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "dun developers <dun@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "collections (dunning) engine: scenarios in a small language, run daily")
set(CPACK_PACKAGE_DESCRIPTION
    "dun evaluates follow-up scenarios written in a small language against the invoice\n"
    "snapshot of a portfolio every day and emits email, letter and task actions, with a\n"
    "crash-safe history in SQLite.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Letters and `dun gen` invoices set their text in DejaVu through fontconfig, which no library
# dependency brings in; letters fall back to Noto Sans CJK for Chinese, Japanese and Korean text
# (a letter with a character no font has is refused, not printed with empty boxes).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core, fonts-noto-cjk")
set(CPACK_STRIP_FILES ON)
include(CPack)
