// One writer per state store (engine/store/store_lock.hpp, docs/reliability.md): another process
// holding the store's lock makes a writer wait and then fail with a message naming the holder; a
// killed holder frees the lock; the same process may open its store twice; readers take no lock.
// The other process is a forked child that takes the lock and reports over a pipe: nothing here
// depends on timing.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "engine/store/state_store.hpp"
#include "engine/store/store_lock.hpp"
#include "store_test_support.hpp"

namespace dun {
namespace {

class StoreLockTest : public testing::StoreTest {
 protected:
  // A child that opens the store as `command`, writes one byte to the pipe, and sleeps until it
  // is killed. Returns its pid once it holds the lock.
  pid_t child_holding_the_lock(const std::string& command) {
    int ready[2];
    EXPECT_EQ(::pipe(ready), 0);
    const pid_t child = ::fork();
    if (child == 0) {
      ::close(ready[0]);
      auto store = StateStore::open(db_path(), StoreWriter{command, std::chrono::seconds(0)});
      const char byte = store ? '1' : '0';
      if (::write(ready[1], &byte, 1) != 1) ::_exit(2);
      for (;;) ::pause();
    }
    ::close(ready[1]);
    char byte = 0;
    EXPECT_EQ(::read(ready[0], &byte, 1), 1);
    ::close(ready[0]);
    EXPECT_EQ(byte, '1') << "the child could not take the lock";
    return child;
  }

  static void kill_and_reap(pid_t child) {
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
  }
};

TEST_F(StoreLockTest, ASecondWriterFailsNamingTheHolder) {
  { open_store(); }  // the store exists
  const pid_t holder = child_holding_the_lock("dun deliver");
  auto second = StateStore::open(db_path(), StoreWriter{"dun run", std::chrono::seconds(0)});
  ASSERT_FALSE(second.ok()) << "two writers at once";
  const std::string& message = second.error().message;
  EXPECT_NE(message.find(db_path().string() + " is being changed by another dun process (pid " +
                         std::to_string(holder) + ", `dun deliver`, since 20"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("waited 0 s for it to finish ([store] lock_wait_seconds in dun.toml)"),
            std::string::npos)
      << message;
  const LockHolder recorded = StoreLock::read_holder(db_path());
  EXPECT_EQ(recorded.pid, holder);
  EXPECT_EQ(recorded.command, "dun deliver");
  kill_and_reap(holder);
}

TEST_F(StoreLockTest, AKilledHolderFreesTheLock) {
  const pid_t holder = child_holding_the_lock("dun run");
  kill_and_reap(holder);  // kill -9: no destructor ran
  auto store = StateStore::open(db_path(), StoreWriter{"dun agenda", std::chrono::seconds(0)});
  ASSERT_TRUE(store.ok()) << store.error().message;
  EXPECT_EQ(StoreLock::read_holder(db_path()).pid, ::getpid());
  EXPECT_EQ(StoreLock::read_holder(db_path()).command, "dun agenda");
}

TEST_F(StoreLockTest, AWaitingWriterGetsTheLockOnceTheHolderEnds) {
  const pid_t holder = child_holding_the_lock("dun deliver");
  // The holder ends while this writer waits: the wait (a day) is not what ends the test.
  const pid_t killer = ::fork();
  if (killer == 0) {
    ::kill(holder, SIGKILL);
    ::_exit(0);
  }
  auto store = StateStore::open(db_path(), StoreWriter{"dun run", std::chrono::hours(24)});
  ASSERT_TRUE(store.ok()) << store.error().message;
  int status = 0;
  ::waitpid(killer, &status, 0);
  ::waitpid(holder, &status, 0);
}

TEST_F(StoreLockTest, OneProcessMayOpenItsStoreTwiceAndReleasesWithTheLast) {
  {
    StateStore first = open_store();
    auto second = StateStore::open(db_path(), StoreWriter{"dun run", std::chrono::seconds(0)});
    ASSERT_TRUE(second.ok()) << second.error().message;
  }
  // Both closed: another process takes the lock at once.
  const pid_t holder = child_holding_the_lock("dun send");
  kill_and_reap(holder);
}

TEST_F(StoreLockTest, AReaderNeitherWaitsNorTakesTheLock) {
  { open_store(); }
  const pid_t holder = child_holding_the_lock("dun run");
  auto reader = StateStore::open_read_only(db_path());
  EXPECT_TRUE(reader.ok()) << reader.error().message;
  kill_and_reap(holder);
}

TEST_F(StoreLockTest, HeldElsewhereNamesAnotherProcessOnly) {
  { open_store(); }
  EXPECT_FALSE(StoreLock::held_elsewhere(db_path())) << "free";
  {
    StateStore mine = open_store();
    EXPECT_FALSE(StoreLock::held_elsewhere(db_path())) << "held by this process";
  }
  const pid_t holder = child_holding_the_lock("dun run");
  auto found = StoreLock::held_elsewhere(db_path());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->pid, holder);
  EXPECT_EQ(found->command, "dun run");
  EXPECT_EQ(
      holder_details(*found).rfind("(pid " + std::to_string(holder) + ", `dun run`, since 20", 0),
      0u)
      << holder_details(*found);
  kill_and_reap(holder);
  EXPECT_FALSE(StoreLock::held_elsewhere(db_path())) << "freed by the holder's end";
}

TEST_F(StoreLockTest, ALiveReaderTakesNoLockAndSeesLaterCommits) {
  { open_store(); }  // closed: no -wal file is left, where open_read_only would be immutable
  auto reader = StateStore::open_live_read_only(db_path());
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  EXPECT_FALSE(StoreLock::held_elsewhere(db_path()));
  auto before = reader.value().data_version();
  ASSERT_TRUE(before.ok()) << before.error().message;
  {
    // Another connection commits while the reader stays open.
    auto writer = StateStore::open(db_path(), StoreWriter{"dun users", std::chrono::seconds(0)});
    ASSERT_TRUE(writer.ok()) << writer.error().message;
    ASSERT_TRUE(writer.value().add_user({"carol", UserRole::analyst, "hash", Date()}).ok());
  }
  auto users = reader.value().list_users();
  ASSERT_TRUE(users.ok()) << users.error().message;
  ASSERT_EQ(users->size(), 1u);
  EXPECT_EQ(users->front().name, "carol");
  auto after = reader.value().data_version();
  ASSERT_TRUE(after.ok());
  EXPECT_NE(*after, *before) << "data_version tells the reader someone committed";
  // A reader: writing through it fails and changes nothing.
  EXPECT_FALSE(reader.value().remove_user("carol").ok());
  // And it holds no lock: another process takes it at once.
  kill_and_reap(child_holding_the_lock("dun run"));
}

TEST_F(StoreLockTest, AFolderWithoutWriteAccessSaysOnlyReadingCommandsWork) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes anywhere";
  { open_store(); }
  std::filesystem::remove(StoreLock::path_for(db_path()));
  std::filesystem::permissions(directory_, std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::remove);
  auto writer = StateStore::open(db_path());
  auto reader = StateStore::open_read_only(db_path());
  std::filesystem::permissions(directory_, std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::add);
  ASSERT_FALSE(writer.ok());
  EXPECT_NE(
      writer.error().message.find("cannot create the lock file " +
                                  StoreLock::path_for(db_path()).string() + ": Permission denied"),
      std::string::npos)
      << writer.error().message;
  EXPECT_NE(writer.error().message.find("only the reading commands work"), std::string::npos);
  EXPECT_TRUE(reader.ok()) << reader.error().message;
}

}  // namespace
}  // namespace dun
