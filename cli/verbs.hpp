// The `dun` command's verbs. Each verb lives in its own verb_*.cpp and takes the arguments after
// its name; it returns the process exit code (0 ok, 1 failure of the job, 2 usage error).
#pragma once

#include <span>
#include <string_view>

namespace dun::cli {

using Args = std::span<const std::string_view>;

int run_version(Args args);
int run_gen(Args args);
int run_run(Args args);
int run_agenda(Args args);
int run_check(Args args);
int run_fmt(Args args);
int run_lsp(Args args);
int run_test(Args args);
int run_simulate(Args args);
int run_explain(Args args);
int run_history(Args args);
int run_status(Args args);
int run_assign(Args args);
int run_optout(Args args);
int run_optin(Args args);
int run_pause(Args args);
int run_resume(Args args);
int run_demo(Args args);
int run_render(Args args);
int run_deliver(Args args);
int run_send(Args args);
int run_adapters(Args args);
int run_shards(Args args);
int run_runs(Args args);

int run_show(Args args);
int run_users(Args args);
int run_serve(Args args);
int run_report(Args args);

}  // namespace dun::cli
