// A pause at one of the engine's commit points (engine/base/fault_hook.hpp), for tests that must
// kill a real `dun` process — or the Dask worker that runs it — at a known moment of a run: with
// DUN_TEST_PAUSE_AT=POINT and DUN_TEST_PAUSE_MARKER=FILE in the environment, the first process to
// reach POINT creates FILE (exclusively), writes its pid in it and sleeps for two minutes (or
// DUN_TEST_PAUSE_SECONDS); every later process, finding FILE, goes on. Without both variables
// nothing is installed.
#pragma once

namespace dun::cli {

void install_test_pause_from_environment();

}  // namespace dun::cli
